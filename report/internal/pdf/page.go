package pdf

import (
	"math"
	"strconv"
)

// Page is one page's content stream. Coordinates are in points from the
// top-left corner; y of text is its baseline.
type Page struct {
	doc *Doc
	b   []byte
}

// Style is how text is drawn.
type Style struct {
	Size float64
	Bold bool    // drawn with a thin outline: the font has one weight
	Gray float64 // 0 black … 1 white
}

// Text draws s with its baseline at y.
func (p *Page) Text(x, y float64, s string, st Style) {
	if s == "" {
		return
	}
	b := append(p.b, "BT /F1 "...)
	b = num(b, st.Size)
	b = append(b, " Tf "...)
	if st.Gray != 0 {
		b = num(b, st.Gray)
		b = append(b, " g "...)
	}
	if st.Bold {
		b = num(b, st.Size/30)
		b = append(b, " w 2 Tr "...)
	}
	b = num(b, x)
	b = append(b, ' ')
	b = num(b, PageHeight-y)
	b = append(b, " Td <"...)
	for _, r := range s {
		b = hex4(b, p.doc.sub.ID(printable(r)))
	}
	b = append(b, "> Tj"...)
	if st.Bold {
		b = append(b, " 0 Tr"...)
	}
	if st.Gray != 0 {
		b = append(b, " 0 g"...)
	}
	p.b = append(b, " ET\n"...)
}

// FillRect fills a rectangle with an RGB colour (components 0…1).
func (p *Page) FillRect(x, y, w, h float64, rgb [3]float64) {
	b := p.b
	for _, c := range rgb {
		b = num(b, c)
		b = append(b, ' ')
	}
	b = append(b, "rg "...)
	for _, v := range [4]float64{x, PageHeight - y - h, w, h} {
		b = num(b, v)
		b = append(b, ' ')
	}
	p.b = append(b, "re f 0 g\n"...)
}

// Line strokes a line of the given width and gray level.
func (p *Page) Line(x1, y1, x2, y2, width, gray float64) {
	b := num(p.b, width)
	b = append(b, " w "...)
	b = num(b, gray)
	b = append(b, " G "...)
	b = num(b, x1)
	b = append(b, ' ')
	b = num(b, PageHeight-y1)
	b = append(b, " m "...)
	b = num(b, x2)
	b = append(b, ' ')
	b = num(b, PageHeight-y2)
	p.b = append(b, " l S\n"...)
}

// num appends v with at most two decimals.
func num(b []byte, v float64) []byte {
	n := int64(math.Round(v * 100))
	if n < 0 {
		b, n = append(b, '-'), -n
	}
	b = strconv.AppendInt(b, n/100, 10)
	if f := n % 100; f != 0 {
		b = append(b, '.', byte('0'+f/10))
		if f%10 != 0 {
			b = append(b, byte('0'+f%10))
		}
	}
	return b
}
