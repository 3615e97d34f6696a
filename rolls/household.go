package rolls

import (
	"strings"

	"hedui"
	"hedui/sheet"
)

// complete parses a household's household-level cells and checks what
// only the whole household shows. It reports whether the household is
// good.
func (p *parser) complete(h *household) bool {
	ok := true
	fail := func(line int, c col, format string, a ...any) {
		p.problem(line, c, format, a...)
		ok = false
	}
	// need returns a required household cell, reporting it on the first
	// row when no row of the household gives it.
	need := func(c col) cell {
		v, seen := h.fields[c]
		if !seen {
			fail(h.first, c, "户编号%s的%s为空，请在该户任一成员行填写", sheet.Quote(h.h.Number), p.colName(c))
		}
		return v
	}
	x := &h.h
	if r := need(colRegion); r.v != "" {
		if !sheet.IsDigits(r.v) || (len(r.v) != 9 && len(r.v) != 12) {
			fail(r.line, colRegion, "区划代码%s应为9位乡镇（街道）或12位村（社区）统计用区划代码", sheet.Quote(r.v))
		} else if !strings.HasPrefix(r.v, p.up.County) {
			fail(r.line, colRegion, "区划代码%s不属于本县区（%s），请核对，或在所属县区导入", sheet.Quote(r.v), p.up.County)
		} else {
			x.Region = r.v
		}
	}
	if c := need(colCategory); c.v != "" {
		var known bool
		if x.Category, known = parseCategory(c.v); !known {
			fail(c.line, colCategory, "救助类别%s无法识别，请填写“低保”或“特困”", sheet.Quote(c.v))
		}
	}
	if c := need(colHukou); c.v != "" {
		var known bool
		if x.Hukou, known = parseHukou(c.v); !known {
			fail(c.line, colHukou, "户籍性质%s无法识别，请填写“城镇”或“农村”", sheet.Quote(c.v))
		}
	}
	if c, seen := h.fields[colStable]; seen {
		var err error
		if x.Stable, err = sheet.ParseYesNo(c.v); err != nil {
			fail(c.line, colStable, "收入稳定户%s无法识别，请填写“是”或“否”", sheet.Quote(c.v))
		}
	}
	amount := func(c cell, col col, f *hedui.Fen) {
		v, err := sheet.ParseYuan(c.v)
		switch {
		case err != nil:
			fail(c.line, col, "%s%s无效：%s", p.colName(col), sheet.Quote(c.v), err.Error())
		case v < 0:
			fail(c.line, col, "%s不能为负数", p.colName(col))
		default:
			*f = v
		}
	}
	if c := need(colBenefit); c.v != "" {
		amount(c, colBenefit, &x.BenefitFen)
	}
	if c, seen := h.fields[colIncome]; seen {
		amount(c, colIncome, &x.IncomeFen)
	}
	date := func(c cell, col col, d *hedui.Date) {
		v, err := p.dates.Parse(c.v)
		if err != nil {
			fail(c.line, col, "%s%s无效：%s", p.colName(col), sheet.Quote(c.v), err.Error())
			return
		}
		*d = v
	}
	if c := need(colSince); c.v != "" {
		date(c, colSince, &x.Since)
		if x.Since.After(hedui.Civil(p.now)) {
			fail(c.line, colSince, "纳入日期%s晚于今天，请核对", x.Since)
		}
	}
	if c, seen := h.fields[colLetterUntil]; seen {
		date(c, colLetterUntil, &x.LetterUntil)
	}
	x.Address = h.fields[colAddress].v
	x.LetterNumber = h.fields[colLetterNumber].v
	heads := 0
	for _, m := range x.Members {
		if m.Relationship == hedui.RelHead {
			heads++
		}
	}
	if heads != 1 && !h.bad { // a bad member's row may be the head's
		fail(h.first, colRelationship, "户编号%s有%d名成员的与户主关系为“本人”，每户须有且仅有一名", sheet.Quote(x.Number), heads)
	}
	for i := range x.Members {
		x.Members[i].Hukou = x.Hukou
	}
	return ok
}

var categories = map[string]hedui.Category{
	"低保": hedui.CategoryDibao, "城市低保": hedui.CategoryDibao, "农村低保": hedui.CategoryDibao, "城乡低保": hedui.CategoryDibao,
	"城镇低保": hedui.CategoryDibao, "最低生活保障": hedui.CategoryDibao, "dibao": hedui.CategoryDibao,
	"特困": hedui.CategoryTekun, "特困供养": hedui.CategoryTekun, "特困人员": hedui.CategoryTekun,
	"特困人员供养": hedui.CategoryTekun, "五保": hedui.CategoryTekun, "tekun": hedui.CategoryTekun,
}

func parseCategory(s string) (hedui.Category, bool) {
	c, ok := categories[strings.ToLower(s)]
	return c, ok
}

var hukous = map[string]hedui.HukouType{
	"城镇": hedui.HukouUrban, "城市": hedui.HukouUrban, "非农业": hedui.HukouUrban, "城镇户口": hedui.HukouUrban,
	"urban": hedui.HukouUrban,
	"农村":    hedui.HukouRural, "农业": hedui.HukouRural, "农村户口": hedui.HukouRural, "rural": hedui.HukouRural,
}

func parseHukou(s string) (hedui.HukouType, bool) {
	h, ok := hukous[strings.ToLower(s)]
	return h, ok
}

var relationships = func() map[string]hedui.Relationship {
	m := map[string]hedui.Relationship{}
	for rel, names := range map[hedui.Relationship]string{
		hedui.RelHead:        "本人 户主 本人(户主) 申请人",
		hedui.RelSpouse:      "配偶 妻 夫 妻子 丈夫",
		hedui.RelChild:       "子女 子 女 儿子 女儿 长子 次子 三子 长女 次女 三女",
		hedui.RelParent:      "父母 父亲 母亲 父 母",
		hedui.RelGrandchild:  "孙子女 孙子 孙女 外孙 外孙子 外孙女",
		hedui.RelGrandparent: "祖父母 祖父 祖母 外祖父 外祖母",
		hedui.RelSibling:     "兄弟姐妹 兄 弟 姐 妹 哥哥 弟弟 姐姐 妹妹",
		hedui.RelChildInLaw:  "儿媳/女婿 儿媳 女婿",
		hedui.RelOther:       "其他",
	} {
		m[string(rel)] = rel
		for _, n := range strings.Fields(names) {
			m[sheet.NormHeader(n)] = rel
		}
	}
	return m
}()

func parseRelationship(s string) (hedui.Relationship, bool) {
	r, ok := relationships[sheet.NormHeader(s)]
	return r, ok
}

var disabilities = map[string]int{"": 0, "无": 0, "0": 0, "否": 0,
	"一级": 1, "1": 1, "1级": 1, "二级": 2, "2": 2, "2级": 2, "三级": 3, "3": 3, "3级": 3, "四级": 4, "4": 4, "4级": 4}

func parseDisability(s string) (int, bool) {
	g, ok := disabilities[s]
	return g, ok
}

var labours = map[string]hedui.LabourCapacity{
	"有劳动能力": hedui.LabourFull, "有": hedui.LabourFull, "完全劳动能力": hedui.LabourFull, "full": hedui.LabourFull,
	"部分丧失劳动能力": hedui.LabourPartial, "部分丧失": hedui.LabourPartial, "部分劳动能力": hedui.LabourPartial,
	"partial": hedui.LabourPartial,
	"无劳动能力":   hedui.LabourNone, "丧失劳动能力": hedui.LabourNone, "完全丧失劳动能力": hedui.LabourNone, "无": hedui.LabourNone,
	"none": hedui.LabourNone,
}

func parseLabour(s string) (hedui.LabourCapacity, bool) {
	l, ok := labours[strings.ToLower(s)]
	return l, ok
}

// parseChange reads the 变动 column: exit or not.
func parseChange(s string) (exit, ok bool) {
	switch s {
	case "", "在保", "正常", "新增", "变更":
		return false, true
	case "退出", "停保", "清退", "注销":
		return true, true
	}
	return false, false
}
