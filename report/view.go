package report

import (
	"fmt"
	"strconv"
	"strings"

	"hedui"
)

// view is the report as both renderers show it: the PDF and the HTML page
// are drawn from the same view, so they hold the same text.
type view struct {
	Title    string
	Number   string
	Header   []field
	Sections []section
	Foot     footer
}

type field struct {
	Label, Value string
	Wide         bool // takes a whole row
	Strong       bool
}

// section is a numbered part of the report (Sub: one department's part
// of the sources section) made of blocks.
type section struct {
	Title  string
	Sub    bool
	Blocks []block
}

type blockKind uint8

const (
	blockFields blockKind = iota
	blockTable
	blockText
	blockList
)

type block struct {
	Kind   blockKind
	Label  string // a small heading over the block, optional
	Fields []field
	Table  *table
	Lines  []string // text paragraphs, or numbered list items
}

type table struct {
	Cols []column
	Rows []row
}

type column struct {
	Title string
	Width float64 // share of the text width
	Right bool    // right-aligned (amounts)
}

// row is a table row; a cell may have several lines. Mark highlights it:
// a discrepancy the reader must not miss.
type row struct {
	Cells [][]string
	Mark  bool
}

type footer struct {
	Restriction string
	Objection   string
	Centre      string // 核对中心：…
	Date        string // 出具日期：…
	Verify      string // 核验码：…，可在 … 查验
	Print       string // 第N次打印, on reprints
}

// markPrefix starts the result cell of a highlighted comparison row.
const markPrefix = "▲"

func buildView(c *hedui.ReportContent, opt *Options) *view {
	v := &view{Title: "居民家庭经济状况核对报告", Number: c.Number}
	aid := make([]string, len(c.Aid))
	for i, a := range c.Aid {
		aid[i] = a.Label()
	}
	v.Header = []field{
		{Label: "报告编号", Value: orDash(c.Number), Strong: true},
		{Label: "出具日期", Value: chineseDate(c.Date)},
		{Label: "救助类型", Value: orDash(strings.Join(aid, "、"))},
		{Label: "核对类型", Value: orDash(c.Kind.Label())},
		{Label: "申请人", Value: orDash(c.Applicant.Name), Strong: true},
		{Label: "身份证号码", Value: orDash(c.Applicant.IDNumber)},
		{Label: "家庭住址", Value: orDash(c.Address), Wide: true},
	}
	if c.Replaces != "" {
		v.Header = append(v.Header, field{Label: "更正说明", Value: "本报告更正并取代" + c.Replaces + "，原报告作废。", Wide: true})
	}
	n := 0
	next := func(title string) string { n++; return chineseNumber(n) + "、" + title }
	v.Sections = append(v.Sections,
		section{Title: next("家庭成员"), Blocks: []block{peopleBlock(c.Members, "（无）")}},
		section{Title: next("赡养（抚养、扶养）义务人"), Blocks: []block{peopleBlock(c.Supporters, "无赡养（抚养、扶养）义务人。")}},
	)
	v.Sections = append(v.Sections, sourceSections(next("部门核对结果"), c.Sources)...)
	v.Sections = append(v.Sections, comparisonSection(next("申报与核查比对"), c, opt))
	v.Sections = append(v.Sections, conclusionSection(next("核对结论"), &c.Conclusion))
	if c.Decision != nil {
		v.Sections = append(v.Sections, decisionSection(next("核对人员意见"), c.Decision))
	}
	v.Foot = buildFooter(c, opt)
	return v
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func peopleBlock(ps []hedui.ReportPerson, none string) block {
	if len(ps) == 0 {
		return block{Kind: blockText, Lines: []string{none}}
	}
	t := &table{Cols: []column{{"姓名", 0.15, false}, {"身份证号码", 0.26, false}, {"与申请人关系", 0.17, false}, {"户籍地", 0.42, false}}}
	for _, p := range ps {
		t.Rows = append(t.Rows, row{Cells: [][]string{{orDash(p.Name)}, {orDash(p.IDNumber)}, {orDash(p.Relationship.Label())}, {orDash(p.HukouPlace)}}})
	}
	return block{Kind: blockTable, Table: t}
}

func sourceSections(title string, sources []hedui.ReportSource) []section {
	answered := 0
	for _, s := range sources {
		if s.Answered {
			answered++
		}
	}
	summary := fmt.Sprintf("共向%d个部门发起核对，已反馈%d个，未反馈%d个。", len(sources), answered, len(sources)-answered)
	if len(sources) == 0 {
		summary = "未向任何部门发起核对。"
	}
	out := []section{{Title: title, Blocks: []block{{Kind: blockText, Lines: []string{summary}}}}}
	for i := range sources {
		out = append(out, sourceSection(i+1, &sources[i]))
	}
	return out
}

func sourceSection(n int, s *hedui.ReportSource) section {
	status := "已反馈"
	if !s.Answered {
		status = "未反馈"
	}
	sec := section{Title: "（" + chineseNumber(n) + "）" + orDash(s.Department), Sub: true, Blocks: []block{{
		Kind: blockText, Lines: []string{"核对项目：" + orDash(itemLabels(s.Items)) + "；反馈状态：" + status + "。"},
	}}}
	if len(s.Rows) > 0 {
		t := &table{Cols: []column{{"成员", 0.12, false}, {"项目", 0.13, false}, {"记录", 0.45, false}, {"数据截止日期", 0.13, false}, {"反馈时间", 0.17, false}}}
		for i := range s.Rows {
			a := &s.Rows[i]
			var rec []string
			if a.NoRecord || len(a.Records) == 0 {
				rec = []string{"查无记录"}
			}
			for j := range a.Records {
				rec = append(rec, recordText(&a.Records[j]))
			}
			t.Rows = append(t.Rows, row{Cells: [][]string{{orDash(a.Member)}, {a.Item.Label()}, rec, {isoDate(a.AsOf)}, {clock(a.ReceivedAt)}}})
		}
		sec.Blocks = append(sec.Blocks, block{Kind: blockTable, Table: t})
	}
	switch {
	case !s.Answered && len(s.Rows) == 0:
		sec.Blocks = append(sec.Blocks, block{Kind: blockText, Lines: []string{"未反馈：截至报告出具之日，该部门尚未反馈核对结果。"}})
	case !s.Answered:
		sec.Blocks = append(sec.Blocks, block{Kind: blockText, Lines: []string{"未反馈：该部门尚有核对项目未反馈，以上为已收到的反馈。"}})
	}
	return sec
}

func buildFooter(c *hedui.ReportContent, opt *Options) footer {
	days := c.ObjectDays
	if days <= 0 {
		days = hedui.DefaultObjectionDays
	}
	f := footer{
		Restriction: c.Restriction,
		Objection:   "如有异议，请于收到本报告之日起" + strconv.Itoa(days) + "日内提出复核申请。",
		Centre:      "核对中心：" + orDash(c.Centre),
		Date:        "出具日期：" + chineseDate(c.Date),
		Verify:      "核验码：（草稿，未签发）",
	}
	if f.Restriction == "" {
		f.Restriction = hedui.DefaultRestriction
	}
	if opt.Code != "" {
		f.Verify = "核验码：" + opt.Code
		if opt.VerifyURL != "" {
			f.Verify += "，可在 " + opt.VerifyURL + " 查验"
		}
	}
	if opt.PrintCount > 0 {
		f.Print = "第" + strconv.Itoa(opt.PrintCount) + "次打印"
	}
	return f
}
