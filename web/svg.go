package web

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"
)

// Charts are drawn on the server as inline SVG: no script (the CSP allows
// none inline, and a charting library would be the only script on the
// page), readable without one, printable. Colours come from classes in
// app.css (.c-ok, .c-s1 …) rather than style attributes, which the CSP
// forbids. Every chart has a <title> and is followed on its page by a
// table of the same figures.

// Chart geometry, in viewBox units; the SVG scales to its container.
const (
	chartW      = 560
	chartH      = 250
	chartLeft   = 46 // room for the y axis labels
	chartRight  = 14
	chartTop    = 26 // room for the legend
	chartBottom = 42 // room for the x labels
)

// bar is one bar of a bar chart with a reference line.
type bar struct {
	Label string
	Value float64 // in the chart's unit
	Text  string  // the value as printed above the bar; "" draws no bar (no data)
	Class string  // c-ok, c-warn …
}

// refLine is a horizontal line across a chart, such as a target.
type refLine struct {
	Value float64
	Label string
}

// series is one coloured series of grouped bars or lines.
type series struct {
	Name   string
	Class  string // c-s1 … c-s4
	Values []float64
}

// svgWriter accumulates an SVG document; every text it writes is escaped.
type svgWriter struct{ b strings.Builder }

func (w *svgWriter) f(format string, args ...any) { fmt.Fprintf(&w.b, format, args...) }

func (w *svgWriter) open(title string, width, h int) {
	w.f(`<svg class="chart-svg" viewBox="0 0 %d %d" role="img" xmlns="http://www.w3.org/2000/svg"><title>%s</title>`,
		width, h, esc(title))
}

func (w *svgWriter) text(x, y float64, class, anchor, s string) {
	w.f(`<text x="%.1f" y="%.1f" class="%s" text-anchor="%s">%s</text>`, x, y, class, anchor, esc(s))
}

func (w *svgWriter) html() template.HTML {
	w.f(`</svg>`)
	// Every text and attribute value above went through esc; the rest is
	// fixed markup and numbers.
	return template.HTML(w.b.String())
}

func esc(s string) string { return html.EscapeString(s) }

// axisMax is the top of an axis with four ticks for data up to v: four
// times a round step, so that counts get whole ticks.
func axisMax(v float64) float64 { return 4 * niceMax(v/4) }

// niceMax rounds up to 1, 2 or 5 times a power of ten; at least 1.
func niceMax(v float64) float64 {
	if v <= 1 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// yAxis draws five horizontal grid lines with their values from 0 to ceil
// and returns the function mapping a value to its y.
func (w *svgWriter) yAxis(ceil float64) func(float64) float64 {
	plotH := float64(chartH - chartTop - chartBottom)
	y := func(v float64) float64 { return float64(chartTop) + plotH*(1-v/ceil) }
	for i := 0; i <= 4; i++ {
		v := ceil * float64(i) / 4
		w.f(`<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" class="grid-line"/>`, chartLeft, chartW-chartRight, y(v), y(v))
		w.text(chartLeft-6, y(v)+4, "axis", "end", formatTick(v))
	}
	return y
}

// formatTick prints an axis value without needless decimals.
func formatTick(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

// legend draws the series names in a row above the plot.
func (w *svgWriter) legend(ss []series, extra ...refLine) {
	x := float64(chartLeft)
	for _, s := range ss {
		w.f(`<rect x="%.1f" y="6" width="12" height="12" class="%s"/>`, x, s.Class)
		w.text(x+16, 16, "legend", "start", s.Name)
		x += 16 + float64(textWidth(s.Name)) + 18
	}
	for _, r := range extra {
		w.f(`<line x1="%.1f" x2="%.1f" y1="12" y2="12" class="target-line"/>`, x, x+18)
		w.text(x+22, 16, "legend", "start", r.Label)
	}
}

// textWidth estimates the width of a label at the chart's 12-unit font:
// a Chinese character is about one em, other characters about half.
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		if r < 0x2E80 {
			n += 7
		} else {
			n += 12
		}
	}
	return n
}

// xLabel draws a category label under the plot, cut to fit its slot.
func (w *svgWriter) xLabel(x float64, slot float64, s string) {
	w.text(x, chartH-chartBottom+16, "axis", "middle", fit(s, int(slot)-4))
}

// fit cuts a label to about width units, ending it with … when cut.
func fit(s string, width int) string {
	r := []rune(s)
	for len(r) > 1 && textWidth(string(r)) > width {
		r = r[:len(r)-1]
	}
	if len(r) < len([]rune(s)) {
		r = append(r[:max(len(r)-1, 1)], '…')
	}
	return string(r)
}

// targetBars draws one horizontal bar per region, in percent, against a
// vertical target line; a region with nothing to count shows a dash. It
// is narrow, for a third of the page.
func targetBars(title string, bars []bar, ref refLine) template.HTML {
	const width, labelW, rowH, top = 360, 64, 20, 26
	h := top + rowH*max1(len(bars)) + 22
	var w svgWriter
	w.open(title, width, h)
	w.legend(nil, ref)
	plotW := float64(width - labelW - 46)
	x := func(v float64) float64 { return labelW + plotW*math.Min(v, 100)/100 }
	for i, b := range bars {
		y0 := float64(top + rowH*i)
		w.text(labelW-6, y0+rowH/2+4, "axis", "end", fit(b.Label, labelW-8))
		if b.Text == "" {
			w.text(labelW+4, y0+rowH/2+4, "bar-none", "start", "—")
			continue
		}
		w.f(`<rect x="%d" y="%.1f" width="%.1f" height="%d" class="%s"><title>%s %s</title></rect>`,
			labelW, y0+3, math.Max(x(b.Value)-labelW, 1), rowH-6, b.Class, esc(b.Label), esc(b.Text))
		w.text(x(b.Value)+4, y0+rowH/2+4, "bar-value", "start", b.Text)
	}
	bottom := float64(top + rowH*len(bars))
	for _, v := range []float64{0, 50, 100} {
		w.text(x(v), bottom+15, "axis", "middle", formatTick(v)+"%")
	}
	w.f(`<line x1="%d" x2="%d" y1="%d" y2="%.1f" class="axis-line"/>`, labelW, labelW, top, bottom)
	w.f(`<line x1="%.1f" x2="%.1f" y1="%d" y2="%.1f" class="target-line"/>`, x(ref.Value), x(ref.Value), top-2, bottom)
	return w.html()
}

func max1(n int) int { return max(n, 1) }

// peakOf is the largest value of the series, at least 0.
func peakOf(ss []series) float64 {
	peak := 0.0
	for _, s := range ss {
		for _, v := range s.Values {
			peak = math.Max(peak, v)
		}
	}
	return peak
}

// groupedBars draws, per category, one bar of each series side by side.
func groupedBars(title string, groups []string, ss []series) template.HTML {
	var w svgWriter
	w.open(title, chartW, chartH)
	y := w.yAxis(axisMax(peakOf(ss)))
	w.legend(ss)
	slot := float64(chartW-chartLeft-chartRight) / float64(max1(len(groups)))
	bw := math.Min(slot*0.8/float64(max1(len(ss))), 22)
	for i, g := range groups {
		cx := float64(chartLeft) + slot*(float64(i)+0.5)
		x0 := cx - bw*float64(len(ss))/2
		for j, s := range ss {
			v := s.Values[i]
			t := y(v)
			w.f(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" class="%s"><title>%s %s %s</title></rect>`,
				x0+bw*float64(j), t, bw-1, y(0)-t, s.Class, esc(g), esc(s.Name), formatTick(v))
		}
		w.xLabel(cx, slot, g)
	}
	w.f(`<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" class="axis-line"/>`, chartLeft, chartW-chartRight, y(0), y(0))
	return w.html()
}

// hBars draws horizontal bars, one row per label and one bar per series
// in each row, for long labels such as department names.
func hBars(title, unit string, labels []string, ss []series) template.HTML {
	const labelW, rowH, top = 170, 22, 26
	h := top + rowH*max1(len(labels)) + 24
	var w svgWriter
	w.open(title, chartW, h)
	w.legend(ss)
	ceil := axisMax(peakOf(ss))
	plotW := float64(chartW - labelW - chartRight - 30)
	x := func(v float64) float64 { return labelW + plotW*v/ceil }
	bh := float64(rowH-6) / float64(max1(len(ss)))
	for i, l := range labels {
		y0 := float64(top + rowH*i)
		w.text(labelW-6, y0+rowH/2+4, "axis", "end", fit(l, labelW-8))
		for j, s := range ss {
			v := s.Values[i]
			by := y0 + 3 + bh*float64(j)
			w.f(`<rect x="%d" y="%.1f" width="%.1f" height="%.1f" class="%s"><title>%s %s %s%s</title></rect>`,
				labelW, by, x(v)-labelW, bh-1, s.Class, esc(l), esc(s.Name), formatTick(v), esc(unit))
			w.text(x(v)+4, by+bh-2, "bar-value", "start", formatTick(v))
		}
	}
	bottom := float64(top + rowH*len(labels))
	w.f(`<line x1="%d" x2="%d" y1="%d" y2="%.1f" class="axis-line"/>`, labelW, labelW, top, bottom)
	w.text(x(ceil), bottom+16, "axis", "end", formatTick(ceil)+unit)
	w.text(labelW, bottom+16, "axis", "start", "0")
	return w.html()
}

// lineChart draws one polyline per series over the months; xLabels has
// a first and an optional second line per point (month, then the year
// where it changes).
func lineChart(title string, xLabels [][2]string, ss []series) template.HTML {
	var w svgWriter
	w.open(title, chartW, chartH)
	y := w.yAxis(axisMax(peakOf(ss)))
	w.legend(ss)
	n := max1(len(xLabels))
	slot := float64(chartW-chartLeft-chartRight) / float64(n)
	xAt := func(i int) float64 { return float64(chartLeft) + slot*(float64(i)+0.5) }
	for i, l := range xLabels {
		w.text(xAt(i), chartH-chartBottom+16, "axis", "middle", l[0])
		if l[1] != "" {
			w.text(xAt(i), chartH-chartBottom+30, "axis", "middle", l[1])
		}
	}
	for _, s := range ss {
		pts := make([]string, len(s.Values))
		for i, v := range s.Values {
			pts[i] = fmt.Sprintf("%.1f,%.1f", xAt(i), y(v))
		}
		w.f(`<polyline points="%s" class="line %s"/>`, strings.Join(pts, " "), s.Class)
		for i, v := range s.Values {
			w.f(`<circle cx="%.1f" cy="%.1f" r="2.5" class="%s"><title>%s %s %s</title></circle>`,
				xAt(i), y(v), s.Class, esc(xLabels[i][0]+xLabels[i][1]), esc(s.Name), formatTick(v))
		}
	}
	w.f(`<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" class="axis-line"/>`, chartLeft, chartW-chartRight, y(0), y(0))
	return w.html()
}
