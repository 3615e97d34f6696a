package report

import (
	"strconv"
	"strings"

	"hedui/report/internal/pdf"
)

func itoa(n int) string { return strconv.Itoa(n) }

// In a cell of several entries (records), each entry's first line starts
// with bullet and the others with a tab; both are drawn indented.
const (
	bullet       = "\x01"
	bulletIndent = 7.0
)

// cellLines is a cell wrapped and placed.
type cellLines struct {
	x, w  float64
	lines []string
	style pdf.Style
	fill  *[3]float64
	right bool
}

// fields draws label–value pairs two to a row, wide ones alone, as a
// ruled grid with shaded labels.
func (r *renderer) fields(fs []field) {
	const labelW, valueW = 0.16 * textWidth, 0.34 * textWidth
	for i := 0; i < len(fs); {
		r.cells = r.cells[:0]
		x := left
		for n := 0; n < 2 && i < len(fs); n++ {
			f := &fs[i]
			if n == 1 && f.Wide {
				break
			}
			w := valueW
			if f.Wide {
				w = textWidth - labelW
			}
			st := styleBody
			if f.Strong {
				st = pdf.Style{Size: sizeBody, Bold: true}
			}
			r.cells = append(r.cells,
				r.cell(x, labelW, f.Label, styleLabel, &fillLabel, false),
				r.cell(x+labelW, w, f.Value, st, nil, false))
			x += labelW + w
			i++
			if f.Wide {
				break
			}
		}
		if x < left+textWidth-1 { // an odd field out: close the grid
			r.cells = append(r.cells, cellLines{x: x, w: left + textWidth - x, style: styleBody})
		}
		r.row(r.cells, leadBody, nil)
	}
	r.y += 6
}

// cell wraps text into a cell of width w.
func (r *renderer) cell(x, w float64, text string, st pdf.Style, fill *[3]float64, right bool) cellLines {
	return cellLines{x: x, w: w, lines: wrap(r.d, text, st.Size, w-2*padX, nil), style: st, fill: fill, right: right}
}

// table draws a table; its header row is repeated on every page it
// continues on.
func (r *renderer) table(t *table) {
	r.head = r.head[:0]
	x := left
	for _, c := range t.Cols {
		w := c.Width * textWidth
		r.head = append(r.head, r.cell(x, w, c.Title, styleHead, &fillHead, false))
		x += w
	}
	header := func() {
		r.row(r.head, leadTable, nil)
		r.fresh = true
	}
	r.need(3 * leadTable)
	header()
	for i := range t.Rows {
		row := &t.Rows[i]
		r.cells = r.cells[:0]
		x = left
		for j, c := range t.Cols {
			w := c.Width * textWidth
			st := styleCell
			var fill *[3]float64
			if row.Mark {
				fill = &fillMark
			}
			var lines []string
			entries := row.Cells[j]
			for _, s := range entries {
				if row.Mark && strings.HasPrefix(s, markPrefix) {
					st = styleMark
				}
				if len(entries) == 1 {
					lines = wrap(r.d, s, st.Size, w-2*padX, lines)
					continue
				}
				// Several entries: a bullet each, continuation lines indented.
				n := len(lines)
				lines = wrap(r.d, s, st.Size, w-2*padX-bulletIndent, lines)
				for k := n; k < len(lines); k++ {
					lines[k] = "\t" + lines[k]
				}
				lines[n] = bullet + lines[n][len("\t"):]
			}
			r.cells = append(r.cells, cellLines{x: x, w: w, lines: lines, style: st, fill: fill, right: c.Right})
			x += w
		}
		r.row(r.cells, leadTable, header)
	}
	r.fresh = false
}

// row draws cells as one ruled row. A row that does not fit goes to
// the next page (after header, when given); a row taller than a page is
// split between lines.
func (r *renderer) row(cells []cellLines, lead float64, header func()) {
	n := 1
	for _, c := range cells {
		n = max(n, len(c.lines))
	}
	for from := 0; from < n; {
		avail := int((r.bottom - r.y - 2*padY) / lead)
		full := int((r.bottom - margin - 2*padY - 60) / lead) // roughly what a fresh page holds
		count := n - from
		switch {
		case count <= avail:
		case avail >= 2 && count > full:
			count = avail
		case !r.fresh:
			r.newPage()
			if header != nil {
				header()
			}
			continue
		default:
			count = max(avail, 1)
		}
		r.drawRow(cells, from, count, lead)
		from += count
		r.fresh = false
		if from < n {
			r.newPage()
			if header != nil {
				header()
			}
		}
	}
}

// drawRow draws lines [from, from+count) of the cells at r.y.
func (r *renderer) drawRow(cells []cellLines, from, count int, lead float64) {
	h := float64(count)*lead + 2*padY
	p := r.page
	for _, c := range cells {
		if c.fill != nil {
			p.FillRect(c.x, r.y, c.w, h, *c.fill)
		}
		for i := from; i < from+count && i < len(c.lines); i++ {
			base := r.y + padY + float64(i-from)*lead + lead/2 + 0.36*c.style.Size
			x, line := c.x+padX, c.lines[i]
			if rest, ok := strings.CutPrefix(line, bullet); ok {
				p.Text(x, base, "•", c.style)
				x, line = x+bulletIndent, rest
			} else if rest, ok := strings.CutPrefix(line, "\t"); ok {
				x, line = x+bulletIndent, rest
			}
			if c.right {
				x = c.x + c.w - padX - r.d.Width(line, c.style.Size)
			}
			p.Text(x, base, line, c.style)
		}
	}
	const lw, gray = 0.4, 0.45
	p.Line(left, r.y, left+textWidth, r.y, lw, gray)
	p.Line(left, r.y+h, left+textWidth, r.y+h, lw, gray)
	for _, c := range cells {
		p.Line(c.x, r.y, c.x, r.y+h, lw, gray)
	}
	p.Line(left+textWidth, r.y, left+textWidth, r.y+h, lw, gray)
	r.y += h
}
