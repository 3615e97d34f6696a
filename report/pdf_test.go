package report

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"hedui"
)

// poppler returns the path of a poppler tool. Tests skip without it,
// except in CI (CI=true), where .ci/run installs poppler-utils.
func poppler(t testing.TB, tool string) string {
	t.Helper()
	p, err := exec.LookPath(tool)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s missing in CI: install poppler-utils", tool)
		}
		t.Skipf("%s not installed (apt-get install poppler-utils)", tool)
	}
	return p
}

// noFonts is an environment in which fontconfig finds no fonts at all, as
// on a fresh machine: text must render from the embedded font alone.
func noFonts(t testing.TB) []string {
	dir := t.TempDir()
	conf := filepath.Join(dir, "fonts.conf")
	os.WriteFile(conf, []byte(`<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><cachedir>`+dir+`</cachedir></fontconfig>`), 0o644)
	return append(os.Environ(), "FONTCONFIG_FILE="+conf)
}

func renderPDF(t testing.TB, c *hedui.ReportContent, opt Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := RenderPDF(&buf, c, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pdfText extracts the text with pdftotext; lines keeps the layout.
func pdfText(t testing.TB, pdf []byte) string {
	t.Helper()
	tool := poppler(t, "pdftotext")
	f := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(tool, "-layout", f, "-")
	cmd.Env = noFonts(t)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("pdftotext: %v %s", err, stderr.String())
	}
	return string(out)
}

func TestPDFText(t *testing.T) {
	c, opt := sampleContent()
	text := pdfText(t, renderPDF(t, c, opt))
	for _, want := range []string{
		"居民家庭经济状况核对报告", "报告编号", "621002-2026-核-000123", "2026年3月12日", "最低生活保障、医疗救助", "新申请核对",
		"张喆", "马文堃", "621002198103151234", "九龙路社区3号楼2单元501室", "赡养（抚养、扶养）义务人", "张建国",
		"庆阳市公安局西峰分局", "反馈时间", "2026-03-05 14:17", "查无记录", "未反馈", "存款：余额12,345.67元",
		"面积89.50㎡", "不一致", "未申报但查到", "▲", "+3,600.00", "核对结论", "疑似超标需入户调查", "低保",
		"人均月收入", "893.70元", "1,000.00元/人·月", "月保障金额", "318.00元", "income_understated", "政策第3版",
		"确认核对结论", "李娜（核对员）",
		"本报告仅供本行政区域内社会救助审核确认使用", "5日内提出复核申请", "核对中心：庆阳市西峰区居民家庭经济状况核对中心",
		"核验码：7KQ2-M9XD", "https://hedui.example.gov.cn/verify", "第1页 共4页", "第4页 共4页",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("text:\n%s", text)
	}
}

func TestPDFDeterministic(t *testing.T) {
	c, opt := sampleContent()
	want := renderPDF(t, c, opt)
	var wg sync.WaitGroup
	got := make([][]byte, 8)
	for i := range got {
		wg.Go(func() {
			var buf bytes.Buffer
			other, o := sampleContent()
			other.Members[1].Name = fmt.Sprint("別人", i) // other glyphs in between
			RenderPDF(&buf, other, o)
			buf.Reset()
			RenderPDF(&buf, c, opt)
			got[i] = buf.Bytes()
		})
	}
	wg.Wait()
	for i, g := range got {
		if !bytes.Equal(g, want) {
			t.Fatalf("rendering %d differs from the first", i)
		}
	}
	opt.Code = "0000-0000"
	if bytes.Equal(renderPDF(t, c, opt), want) {
		t.Error("a different code gives the same PDF")
	}
	if !bytes.Contains(want, []byte("/CreationDate (D:20260312000000+08'00')")) {
		t.Error("creation date is not the report date")
	}
}

func TestPDFPage1PNG(t *testing.T) {
	tool := poppler(t, "pdftoppm")
	c, opt := sampleContent()
	dir := t.TempDir()
	f := filepath.Join(dir, "r.pdf")
	os.WriteFile(f, renderPDF(t, c, opt), 0o644)
	cmd := exec.Command(tool, "-png", "-r", "60", "-f", "1", "-l", "1", f, filepath.Join(dir, "p"))
	cmd.Env = noFonts(t)
	if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	pngs, _ := filepath.Glob(filepath.Join(dir, "p*.png"))
	if len(pngs) != 1 {
		t.Fatalf("pdftoppm wrote %v", pngs)
	}
	r, err := os.Open(pngs[0])
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	img, err := png.Decode(r)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	if ratio := float64(b.Dy()) / float64(b.Dx()); b.Dx() < 480 || ratio < 1.40 || ratio > 1.43 {
		t.Errorf("page 1 is %dx%d, not A4 at 60 dpi", b.Dx(), b.Dy())
	}
	dark, top := 0, b.Dy()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, g, bl, _ := img.At(x, y).RGBA(); r+g+bl < 3*0x8000 {
				dark++
				top = min(top, y)
			}
		}
	}
	// Text of a full page covers a few per cent of it at 60 dpi; a
	// missing font leaves boxes or nothing.
	if share := float64(dark) / float64(b.Dx()*b.Dy()); share < 0.02 || share > 0.3 {
		t.Errorf("page 1 has %.1f%% dark pixels", 100*share)
	}
	if top > b.Dy()/10 {
		t.Errorf("first ink at row %d: the title is missing", top)
	}
}

func TestPDFFontEmbedded(t *testing.T) {
	tool := poppler(t, "pdffonts")
	c, opt := sampleContent()
	f := filepath.Join(t.TempDir(), "r.pdf")
	os.WriteFile(f, renderPDF(t, c, opt), 0o644)
	out, err := exec.Command(tool, f).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v %s", err, out)
	}
	if !regexp.MustCompile(`[A-Z]{6}\+NotoSansSC-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes`).Match(out) {
		t.Errorf("font not embedded as a subset with a ToUnicode map:\n%s", out)
	}
}

// bigContent has 40 members and 300 answer rows.
func bigContent() (*hedui.ReportContent, Options) {
	c, opt := sampleContent()
	c.Members = nil
	for i := range 40 {
		c.Members = append(c.Members, hedui.ReportPerson{Name: fmt.Sprintf("成员%02d", i+1), IDNumber: "621002198103151234",
			Relationship: hedui.RelOther, HukouPlace: "甘肃省庆阳市西峰区后官寨镇某某村第" + chineseNumber(i%12+1) + "村民小组"})
	}
	src := &c.Sources[8] // the bank
	row := src.Rows[0]
	src.Rows = nil
	for i := range 300 {
		row.Member = fmt.Sprintf("成员%02d", i%40+1)
		src.Rows = append(src.Rows, row)
	}
	return c, opt
}

func TestPDFMultiPage(t *testing.T) {
	c, opt := bigContent()
	text := pdfText(t, renderPDF(t, c, opt))
	m := regexp.MustCompile(`第1页 共(\d+)页`).FindStringSubmatch(text)
	if m == nil {
		t.Fatal("no page numbers")
	}
	var pages int
	fmt.Sscan(m[1], &pages)
	if pages < 15 {
		t.Errorf("%d pages for 300 rows", pages)
	}
	for n := 1; n <= pages; n++ {
		if !strings.Contains(text, fmt.Sprintf("第%d页 共%d页", n, pages)) {
			t.Errorf("page %d has no number", n)
		}
	}
	if n := strings.Count(text, "核验码：7KQ2-M9XD"); n != pages {
		t.Errorf("verification code on %d of %d pages", n, pages)
	}
	// The bank's table runs over many pages, its header on each.
	if n := strings.Count(text, "数据截止日期"); n < pages-2 {
		t.Errorf("table header %d times on %d pages", n, pages)
	}
	if !strings.Contains(text, "成员40") {
		t.Error("member 40 is missing")
	}
}

// TestPDFTallRow splits a row taller than a page between pages.
func TestPDFTallRow(t *testing.T) {
	c, opt := sampleContent()
	var recs []hedui.Record
	for i := range 150 {
		recs = append(recs, hedui.Record{Kind: hedui.RecordDeposit, AmountFen: hedui.Fen(i), Description: fmt.Sprintf("账户%03d", i)})
	}
	c.Sources[8].Rows[0].Records = recs
	text := pdfText(t, renderPDF(t, c, opt))
	for _, want := range []string{"账户000", "账户075", "账户149"} {
		if !strings.Contains(text, want) {
			t.Errorf("lost %s", want)
		}
	}
}

// TestPDFEdgeCases renders empty content and hostile strings.
func TestPDFEdgeCases(t *testing.T) {
	if err := RenderPDF(&bytes.Buffer{}, nil, Options{}); err == nil {
		t.Error("nil content rendered")
	}
	empty := renderPDF(t, &hedui.ReportContent{}, Options{})
	text := pdfText(t, empty)
	for _, want := range []string{"居民家庭经济状况核对报告", "（草稿，未签发）", "未向任何部门发起核对", "第1页 共1页", "5日内"} {
		if !strings.Contains(text, want) {
			t.Errorf("empty report lacks %q", want)
		}
	}
	if bytes.Contains(empty, []byte("/CreationDate")) {
		t.Error("a report without a date has a creation date")
	}
	c, opt := sampleContent()
	c.Address = strings.Repeat("W", 400) + "\t\r\x00尾"
	c.Members[0].HukouPlace = strings.Repeat("很长的户籍地址", 60)
	text = pdfText(t, renderPDF(t, c, opt))
	if !strings.Contains(text, "WWWW") || !strings.Contains(text, "尾") || !strings.Contains(text, "很长的户籍地址") {
		t.Error("long strings lost")
	}
}

func TestLoadFont(t *testing.T) {
	if err := LoadFont(); err != nil {
		t.Fatal(err)
	}
	b, _ := base()
	if b.Len() < 300 || b.Len() > 600 {
		t.Errorf("the shared glyph set has %d glyphs", b.Len())
	}
}
