package report

import (
	"errors"
	"io"
	"sync"
	"time"

	"hedui"
	"hedui/report/internal/pdf"
)

// Page geometry in points: A4 with 18 mm margins.
const (
	margin    = 18 * 72 / 25.4
	left      = margin
	textWidth = pdf.PageWidth - 2*margin
)

// Type sizes and leading.
const (
	sizeTitle   = 18.0
	sizeSection = 11.5
	sizeSub     = 10.0
	sizeBody    = 9.0
	sizeTable   = 8.0
	sizeFoot    = 7.0
	leadBody    = 13.5
	leadTable   = 11.0
	leadFoot    = 9.5
	padX        = 3.0
	padY        = 2.5
)

var (
	styleBody   = pdf.Style{Size: sizeBody}
	styleLabel  = pdf.Style{Size: sizeBody, Gray: 0.3}
	styleStrong = pdf.Style{Size: sizeBody, Bold: true}
	styleCell   = pdf.Style{Size: sizeTable}
	styleHead   = pdf.Style{Size: sizeTable, Bold: true}
	styleMark   = pdf.Style{Size: sizeTable, Bold: true}
	styleFoot   = pdf.Style{Size: sizeFoot, Gray: 0.25}

	fillHead  = [3]float64{0.9, 0.9, 0.9}
	fillLabel = [3]float64{0.95, 0.95, 0.95}
	fillMark  = [3]float64{1, 0.88, 0.8}
)

var renderers = sync.Pool{New: func() any { return new(renderer) }}

// RenderPDF writes the report as an A4 PDF. The output depends only on c
// and opt: rendering the same content again gives the same bytes.
func RenderPDF(w io.Writer, c *hedui.ReportContent, opt Options) error {
	if c == nil {
		return errors.New("report: no content")
	}
	b, err := base()
	if err != nil {
		return err
	}
	r := renderers.Get().(*renderer)
	defer renderers.Put(r)
	if r.d == nil {
		r.d = pdf.NewDoc(b)
	}
	r.d.Reset()
	v := buildView(c, &opt)
	var created time.Time
	if !c.Date.IsZero() {
		created = time.Date(c.Date.Year(), c.Date.Month(), c.Date.Day(), 0, 0, 0, 0, hedui.CST)
	}
	r.d.Info = pdf.Info{Title: v.Title + " " + c.Number, Subject: v.Title, Producer: "hedui", Created: created}
	r.render(v)
	r.v = nil
	_, err = r.d.WriteTo(w)
	return err
}

// renderer lays a view out on pages, top to bottom.
type renderer struct {
	d      *pdf.Doc
	v      *view
	page   *pdf.Page
	y      float64 // top of the free space
	bottom float64 // where the footer begins
	fresh  bool    // nothing but the repeated table header on this page yet
	lines  []string
	cells  []cellLines
	head   []cellLines
}

func (r *renderer) render(v *view) {
	r.v = v
	r.bottom = pdf.PageHeight - margin - r.footerHeight()
	r.newPage()
	r.title()
	r.fields(v.Header)
	for i := range v.Sections {
		r.section(&v.Sections[i])
	}
	for i := range r.d.Pages() {
		r.footer(r.d.Page(i), i+1, r.d.Pages())
	}
}

func (r *renderer) newPage() {
	r.page = r.d.AddPage()
	r.y, r.fresh = margin, true
	if r.d.Pages() > 1 {
		st := pdf.Style{Size: sizeFoot, Gray: 0.35}
		r.page.Text(left, r.y+sizeFoot, r.v.Title+"（续）", st)
		no := "报告编号：" + r.v.Number
		r.page.Text(left+textWidth-r.d.Width(no, sizeFoot), r.y+sizeFoot, no, st)
		r.y += sizeFoot + 4
		r.page.Line(left, r.y, left+textWidth, r.y, 0.4, 0.6)
		r.y += 8
	}
}

// need starts a new page unless h points are free.
func (r *renderer) need(h float64) {
	if r.y+h > r.bottom && !r.fresh {
		r.newPage()
	}
}

func (r *renderer) title() {
	t := r.v.Title
	r.page.Text(left+(textWidth-r.d.Width(t, sizeTitle))/2, r.y+sizeTitle, t, pdf.Style{Size: sizeTitle, Bold: true})
	r.y += sizeTitle + 14
}

func (r *renderer) section(s *section) {
	size := sizeSection
	if s.Sub {
		size = sizeSub
	}
	r.need(size + 7 + leadBody + 3*(leadTable+2*padY)) // keep the title with what follows
	r.y += 4
	r.page.Text(left, r.y+size, s.Title, pdf.Style{Size: size, Bold: true})
	r.y += size + 7
	r.fresh = false
	for i := range s.Blocks {
		r.block(&s.Blocks[i])
	}
	r.y += 4
}

func (r *renderer) block(b *block) {
	if b.Label != "" {
		r.need(leadBody * 2)
		r.page.Text(left, r.y+sizeBody, b.Label+"：", styleStrong)
		r.y += leadBody
	}
	switch b.Kind {
	case blockFields:
		r.fields(b.Fields)
	case blockTable:
		r.table(b.Table)
	case blockText, blockList:
		for i, l := range b.Lines {
			indent := 0.0
			if b.Kind == blockList {
				n := chineseNumber(i+1) + "、"
				r.need(leadBody)
				r.page.Text(left, r.y+sizeBody, n, styleBody)
				indent = r.d.Width(n, sizeBody)
			}
			r.paragraph(l, indent)
		}
	}
	r.y += 6
}

// paragraph writes wrapped text, indented after its first line's number.
func (r *renderer) paragraph(s string, indent float64) {
	r.lines = wrap(r.d, s, sizeBody, textWidth-indent, r.lines[:0])
	for _, l := range r.lines {
		r.need(leadBody)
		r.page.Text(left+indent, r.y+sizeBody, l, styleBody)
		r.y += leadBody
		r.fresh = false
	}
}

// footerLines is the footer's text, page number aside.
func (r *renderer) footerLines() []string {
	f := &r.v.Foot
	r.lines = wrap(r.d, f.Restriction, sizeFoot, textWidth, r.lines[:0])
	return append(r.lines, f.Objection, f.Centre+"　　"+f.Date, f.Verify)
}

func (r *renderer) footerHeight() float64 {
	return float64(len(r.footerLines()))*leadFoot + 8
}

// footer draws the use restriction, the objection window, the centre
// and date, the verification code and the page number.
func (r *renderer) footer(p *pdf.Page, n, total int) {
	lines := r.footerLines()
	y := pdf.PageHeight - margin - float64(len(lines))*leadFoot
	p.Line(left, y-5, left+textWidth, y-5, 0.5, 0.5)
	for _, l := range lines {
		p.Text(left, y+sizeFoot, l, styleFoot)
		y += leadFoot
	}
	no := "第" + itoa(n) + "页 共" + itoa(total) + "页"
	if r.v.Foot.Print != "" {
		no = r.v.Foot.Print + "　" + no
	}
	p.Text(left+textWidth-r.d.Width(no, sizeFoot), y-leadFoot+sizeFoot, no, styleFoot)
}
