package rolls

import (
	"strings"

	"hedui"
	"hedui/idcard"
	"hedui/sheet"
)

// householdCols are given once per household; exports repeat them on
// every member's row or only on the head's, so a blank cell on a later
// row is not a difference.
var householdCols = []col{colRegion, colCategory, colHukou, colStable, colBenefit, colIncome, colSince,
	colAddress, colLetterNumber, colLetterUntil}

// cell is a household-level value and the row it came from.
type cell struct {
	v    string
	line int
}

func (p *parser) get(cells []string, c col) string {
	i := p.idx[c]
	if i < 0 || i >= len(cells) {
		return ""
	}
	return sheet.Clean(cells[i])
}

// row reads one non-empty data row into its household.
func (p *parser) row(line int, cells []string) {
	number := p.get(cells, colNumber)
	if strings.HasPrefix(number, examplePrefix) {
		return // the template's example row
	}
	p.up.Rows++
	if number == "" {
		p.problem(line, colNumber, "户编号为空，请填写该成员所在家庭的户编号")
		return
	}
	h := p.byNumber[number]
	if h == nil {
		h = &household{first: line, fields: map[col]cell{},
			h: hedui.RollHousehold{County: p.up.County, Number: number, Status: hedui.RollActive, Row: line}}
		p.byNumber[number] = h
		p.order = append(p.order, h)
	}
	exit, ok := parseChange(p.get(cells, colStatus))
	switch {
	case !ok:
		p.problem(line, colStatus, "变动%s无法识别：只能填“退出”或不填", sheet.Quote(p.get(cells, colStatus)))
		h.bad = true
		return
	case exit && p.up.Mode == hedui.RollFull:
		p.problem(line, colStatus, "全量导入不用标记退出：文件中没有的家庭会自动退出名册。请删除该行，或改用增量导入")
		h.bad = true
		return
	case exit != h.exit && line != h.first:
		p.problem(line, colStatus, "户编号%s在第%d行起的各行中，有的标记退出、有的没有，请统一", sheet.Quote(number), h.first)
		h.bad = true
		return
	case exit:
		h.exit = true
		return
	}
	h.filled = true
	for _, c := range householdCols {
		v := p.get(cells, c)
		if v == "" {
			continue
		}
		if p.xlsx {
			v = sheet.ExcelNumber(v)
		}
		if prev, seen := h.fields[c]; !seen {
			h.fields[c] = cell{v, line}
		} else if prev.v != v {
			p.problem(line, c, "同一户的%s应当相同：本行为%s，第%d行为%s，请统一", p.colName(c), sheet.Quote(v), prev.line, sheet.Quote(prev.v))
			h.bad = true
		}
	}
	m, ok := p.member(line, cells)
	if !ok {
		h.bad = true
		return
	}
	if prev, dup := p.byID[m.IDNumber]; dup {
		p.problem(line, colIDNumber, "身份证号码%s与第%d行（户编号%s）重复，同一人在名册中只能出现一次，请删除重复的行",
			idcard.Mask(m.IDNumber), prev.line, sheet.Quote(prev.number))
		h.bad = true
		p.byNumber[prev.number].bad = true
		return
	}
	p.byID[m.IDNumber] = memberAt{number, line}
	h.h.Members = append(h.h.Members, m)
}

// member reads the person on a row.
func (p *parser) member(line int, cells []string) (hedui.Member, bool) {
	ok := true
	fail := func(c col, format string, a ...any) {
		p.problem(line, c, format, a...)
		ok = false
	}
	m := hedui.Member{Name: p.get(cells, colName), LivesTogether: true}
	if m.Name == "" {
		fail(colName, "姓名为空，请填写")
	}
	raw := p.get(cells, colIDNumber)
	id, _, msg := sheet.CheckIDNumber(raw, hedui.Civil(p.now))
	if msg != "" {
		fail(colIDNumber, "%s", msg)
	} else if n, err := idcard.Parse(id, hedui.Civil(p.now)); err == nil {
		m.IDNumber, m.Gender, m.BirthDate = n.Canonical, n.Gender(), hedui.DateOf(n.Birth)
	}
	var known bool
	if m.Relationship, known = parseRelationship(p.get(cells, colRelationship)); !known {
		fail(colRelationship, "与户主关系%s无法识别，请填写本人、配偶、子女、父母、孙子女、祖父母、兄弟姐妹、儿媳/女婿或其他",
			sheet.Quote(p.get(cells, colRelationship)))
	}
	if m.DisabilityGrade, known = parseDisability(p.get(cells, colDisability)); !known {
		fail(colDisability, "残疾等级%s无法识别，请填写无、一级、二级、三级或四级", sheet.Quote(p.get(cells, colDisability)))
	}
	if m.Labour, known = parseLabour(p.get(cells, colLabour)); !known {
		fail(colLabour, "劳动能力%s无法识别，请填写有劳动能力、部分丧失劳动能力或无劳动能力", sheet.Quote(p.get(cells, colLabour)))
	}
	if v := p.get(cells, colTogether); v != "" {
		var err error
		if m.LivesTogether, err = sheet.ParseYesNo(v); err != nil {
			fail(colTogether, "共同生活%s无法识别，请填写“是”或“否”", sheet.Quote(v))
		}
	}
	return m, ok
}
