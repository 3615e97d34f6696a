package pdf

import (
	"fmt"
	"strconv"
)

// fontObjects appends the Type0 font, its CIDFont, descriptor, font file
// and ToUnicode map.
func (d *Doc) fontObjects(b []byte) []byte {
	f, s := d.font, d.sub
	name := d.subsetTag() + "+" + f.Name
	scale := 1000 / d.upem
	b = d.obj(b, objFont)
	b = fmt.Appendf(b, "<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>\nendobj\n",
		name, objCIDFont, objToUnicode)
	b = d.obj(b, objCIDFont)
	b = fmt.Appendf(b, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>\n/FontDescriptor %d 0 R /CIDToGIDMap /Identity /DW 1000 /W [0 [",
		name, objDescriptor)
	for id := range s.Len() {
		b = strconv.AppendInt(b, int64(float64(s.Advance(uint16(id)))*scale+0.5), 10)
		b = append(b, ' ')
	}
	b = append(b, "]] >>\nendobj\n"...)
	b = d.obj(b, objDescriptor)
	sc := func(v int) int { return int(float64(v) * scale) }
	b = fmt.Appendf(b, "<< /Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [%d %d %d %d] /ItalicAngle %d /Ascent %d /Descent %d /CapHeight %d /StemV 80 /FontFile2 %d 0 R >>\nendobj\n",
		name, sc(f.BBox[0]), sc(f.BBox[1]), sc(f.BBox[2]), sc(f.BBox[3]), f.ItalicAngle, sc(f.Ascent), sc(f.Descent), sc(f.CapHeight), objFontFile)
	b = d.obj(b, objFontFile)
	z, n := s.AppendFontFile(d.tmp[:0], d.zw)
	d.tmp = z
	b = fmt.Appendf(b, "<< /Length %d /Length1 %d /Filter /FlateDecode >>\nstream\n", len(z), n)
	b = append(b, z...)
	b = append(b, "\nendstream\nendobj\n"...)
	b = d.obj(b, objToUnicode)
	return d.stream(b, d.toUnicode())
}

// toUnicode is the CMap from glyph ids to the text they stand for.
func (d *Doc) toUnicode() []byte {
	b := append(d.cmap[:0], "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"+
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"+
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"+
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"...)
	n := d.sub.Len()
	for start := 1; start < n; start += 100 {
		end := min(start+100, n)
		b = strconv.AppendInt(b, int64(end-start), 10)
		b = append(b, " beginbfchar\n"...)
		for id := start; id < end; id++ {
			b = append(b, '<')
			b = hex4(b, uint16(id))
			b = append(b, "> <"...)
			r := d.sub.Rune(uint16(id))
			if r > 0xFFFF {
				r -= 0x10000
				b = hex4(b, uint16(0xD800+r>>10))
				b = hex4(b, uint16(0xDC00+r&0x3FF))
			} else {
				b = hex4(b, uint16(r))
			}
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfchar\n"...)
	}
	b = append(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"...)
	d.cmap = b
	return b
}

const hexDigits = "0123456789ABCDEF"

func hex4(b []byte, v uint16) []byte {
	return append(b, hexDigits[v>>12], hexDigits[v>>8&15], hexDigits[v>>4&15], hexDigits[v&15])
}
