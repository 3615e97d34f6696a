package report

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	"hedui"
)

func TestHTML(t *testing.T) {
	c, opt := sampleContent()
	c.Members[2].Name = `<script>alert("x")</script>`
	c.Address = `九龙路"><img src=x onerror=alert(1)>`
	var buf bytes.Buffer
	if err := RenderHTML(&buf, c, opt); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{
		"<!DOCTYPE html>", `lang="zh-CN"`, "居民家庭经济状况核对报告", "报告编号", "621002-2026-核-000123", "2026年3月12日",
		"张喆", "马文堃", "赡养（抚养、扶养）义务人", "庆阳市公安局西峰分局", "反馈时间", "2026-03-05 14:17", "查无记录",
		"未反馈", "不一致", "未申报但查到", `class="mark"`, "疑似超标需入户调查", "低保", "893.70元", "income_understated",
		"本报告仅供本行政区域内社会救助审核确认使用", "5日内提出复核申请", "核验码：7KQ2-M9XD", "@page",
		"&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	allowed := "html head meta title style body main h1 h2 h3 h4 section table thead tbody tr th td p ul ol li footer"
	for _, m := range regexp.MustCompile(`<([a-zA-Z0-9]+)`).FindAllStringSubmatch(page, -1) {
		if !slices.Contains(strings.Fields(allowed), m[1]) {
			t.Errorf("page has a <%s> element", m[1])
		}
	}
	if regexp.MustCompile(`<[^>]*\s(src|href|on[a-z]+)=`).MatchString(page) || strings.Contains(page, "url(") {
		t.Error("page loads something or has an event handler")
	}
}

// TestSameContent checks that the PDF holds the HTML page's text: both
// come from one view, and this catches a renderer dropping part of it.
func TestSameContent(t *testing.T) {
	c, opt := sampleContent()
	text := strings.Join(strings.Fields(pdfText(t, renderPDF(t, c, opt))), "")
	v := buildView(c, &opt)
	check := func(s string) {
		if s = strings.Join(strings.Fields(s), ""); s != "" && !strings.Contains(text, s) {
			t.Errorf("PDF lacks %q", s)
		}
	}
	for _, f := range v.Header {
		check(f.Label)
		check(f.Value)
	}
	for _, s := range v.Sections {
		check(s.Title)
		for _, b := range s.Blocks {
			for _, f := range b.Fields {
				check(f.Label)
				check(f.Value)
			}
			if b.Table == nil {
				continue
			}
			for _, r := range b.Table.Rows {
				for _, cell := range r.Cells {
					for _, l := range cell {
						if len([]rune(l)) < 20 { // longer ones wrap
							check(l)
						}
					}
				}
			}
		}
	}
}

func TestComparisonNames(t *testing.T) {
	c, opt := sampleContent()
	sec := comparisonSection("x", c, &opt)
	if got := sec.Blocks[0].Table.Rows[6].Cells[0][0]; got != "马文堃" { // named by the content's members
		t.Errorf("row 6 names %q", got)
	}
	opt.MemberNames = map[int64]string{2: "马文堃（已故）"}
	c.Rows = append(c.Rows, hedui.ComparisonRow{MemberID: 99, Flag: hedui.FlagMatch})
	rows := comparisonSection("x", c, &opt).Blocks[0].Table.Rows
	if got := rows[6].Cells[0][0]; got != "马文堃（已故）" {
		t.Errorf("options do not override: %q", got)
	}
	if got := rows[len(rows)-1].Cells[0][0]; got != "—" {
		t.Errorf("unknown member shown as %q", got)
	}
}
