// Package pdf writes the small part of PDF 1.7 the report needs: A4
// pages of text, lines and filled rectangles in one embedded TrueType
// font (a Type0/CIDFontType2 subset with Identity-H encoding and a
// ToUnicode map, so text can be searched and extracted).
//
// The output is deterministic: the same calls give the same bytes. There
// are no timestamps but the one given in Info, and the file identifier is
// derived from the content.
package pdf

import (
	"compress/flate"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/adler32"
	"hash/fnv"
	"io"
	"strconv"
	"time"
	"unicode/utf16"

	"hedui/report/internal/ttf"
)

// A4 in points.
const (
	PageWidth  = 595.28
	PageHeight = 841.89
)

// Info is the document information dictionary.
type Info struct {
	Title    string
	Subject  string
	Producer string
	Created  time.Time // also the modification date
}

// Doc is a document being built. Reset makes it reusable; it is not safe
// for concurrent use.
type Doc struct {
	Info  Info
	font  *ttf.Font
	sub   *ttf.Subset
	upem  float64
	pages []*Page
	spare []*Page
	zw    *flate.Writer
	out   []byte
	offs  []int
	tmp   []byte
	cmap  []byte
}

// NewDoc starts a document whose font subset begins with base.
func NewDoc(base *ttf.Base) *Doc {
	zw, _ := flate.NewWriter(io.Discard, flate.BestSpeed)
	return &Doc{font: base.Font(), sub: base.NewSubset(), upem: float64(base.Font().UnitsPerEm), zw: zw}
}

// Reset empties the document for reuse.
func (d *Doc) Reset() {
	d.Info = Info{}
	d.sub.Reset()
	for _, p := range d.pages {
		p.b = p.b[:0]
	}
	d.spare = append(d.spare, d.pages...)
	d.pages = d.pages[:0]
}

// AddPage appends an empty page.
func (d *Doc) AddPage() *Page {
	var p *Page
	if n := len(d.spare); n > 0 {
		p, d.spare = d.spare[n-1], d.spare[:n-1]
	} else {
		p = &Page{doc: d}
	}
	d.pages = append(d.pages, p)
	return p
}

// Pages is the number of pages so far.
func (d *Doc) Pages() int { return len(d.pages) }

// Page returns page i, counting from 0.
func (d *Doc) Page(i int) *Page { return d.pages[i] }

// RuneWidth is the advance of r at size points.
func (d *Doc) RuneWidth(r rune, size float64) float64 {
	return float64(d.font.RuneAdvance(printable(r))) * size / d.upem
}

// Width is the advance of s at size points.
func (d *Doc) Width(s string, size float64) float64 {
	w := 0
	for _, r := range s {
		w += d.font.RuneAdvance(printable(r))
	}
	return float64(w) * size / d.upem
}

// printable maps control characters, which fonts draw as boxes, to spaces.
func printable(r rune) rune {
	if r < 0x20 || r >= 0x7F && r < 0xA0 {
		return ' '
	}
	return r
}

// WriteTo writes the document.
func (d *Doc) WriteTo(w io.Writer) (int64, error) {
	b := d.bytes()
	n, err := w.Write(b)
	return int64(n), err
}

// Object numbers: fixed ones first, then a page and its content per page.
const (
	objCatalog = 1 + iota
	objPages
	objInfo
	objFont
	objCIDFont
	objDescriptor
	objFontFile
	objToUnicode
	objFirstPage
)

func (d *Doc) bytes() []byte {
	b := append(d.out[:0], "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"...)
	d.offs = d.offs[:0]
	// Pages first: drawing text adds glyphs to the subset.
	for i, p := range d.pages {
		b = d.obj(b, objFirstPage+2*i)
		b = fmt.Appendf(b, "<< /Type /Page /Parent %d 0 R /Contents %d 0 R >>\nendobj\n", objPages, objFirstPage+2*i+1)
		b = d.obj(b, objFirstPage+2*i+1)
		b = d.stream(b, p.b)
	}
	b = d.obj(b, objCatalog)
	b = fmt.Appendf(b, "<< /Type /Catalog /Pages %d 0 R >>\nendobj\n", objPages)
	b = d.obj(b, objPages)
	b = fmt.Appendf(b, "<< /Type /Pages /Count %d /MediaBox [0 0 %s %s]\n/Resources << /Font << /F1 %d 0 R >> >>\n/Kids [",
		len(d.pages), num(nil, PageWidth), num(nil, PageHeight), objFont)
	for i := range d.pages {
		b = fmt.Appendf(b, "%d 0 R ", objFirstPage+2*i)
	}
	b = append(b, "] >>\nendobj\n"...)
	b = d.obj(b, objInfo)
	b = d.info(b)
	b = d.fontObjects(b)

	xref := len(b)
	b = fmt.Appendf(b, "xref\n0 %d\n0000000000 65535 f \n", len(d.offs)+1)
	for _, o := range d.offs {
		b = fmt.Appendf(b, "%010d 00000 n \n", o)
	}
	sum := sha256.Sum256(b)
	id := hex.EncodeToString(sum[:16])
	b = fmt.Appendf(b, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n",
		len(d.offs)+1, objCatalog, objInfo, id, id, xref)
	d.out = b
	return b
}

// obj starts object n, recording its offset.
func (d *Doc) obj(b []byte, n int) []byte {
	for len(d.offs) < n {
		d.offs = append(d.offs, 0)
	}
	d.offs[n-1] = len(b)
	b = strconv.AppendInt(b, int64(n), 10)
	return append(b, " 0 obj\n"...)
}

// stream appends a compressed stream object.
func (d *Doc) stream(b, data []byte) []byte {
	z := d.deflate(data)
	b = fmt.Appendf(b, "<< /Length %d /Filter /FlateDecode >>\nstream\n", len(z))
	b = append(b, z...)
	return append(b, "\nendstream\nendobj\n"...)
}

type sliceWriter struct{ b *[]byte }

func (w sliceWriter) Write(p []byte) (int, error) { *w.b = append(*w.b, p...); return len(p), nil }

// deflate compresses data in the zlib format FlateDecode wants.
func (d *Doc) deflate(data []byte) []byte {
	d.tmp = append(d.tmp[:0], 0x78, 0x01)
	d.zw.Reset(sliceWriter{&d.tmp})
	d.zw.Write(data)
	d.zw.Close()
	return binary.BigEndian.AppendUint32(d.tmp, adler32.Checksum(data))
}

func (d *Doc) info(b []byte) []byte {
	i := d.Info
	date := "D:" + i.Created.Format("20060102150405") + tz(i.Created)
	b = append(b, "<< "...)
	for _, kv := range [][2]string{{"Title", i.Title}, {"Subject", i.Subject}, {"Producer", i.Producer}} {
		if kv[1] != "" {
			b = fmt.Appendf(b, "/%s %s ", kv[0], textString(kv[1]))
		}
	}
	if !i.Created.IsZero() {
		b = fmt.Appendf(b, "/CreationDate (%s) /ModDate (%s) ", date, date)
	}
	return append(b, ">>\nendobj\n"...)
}

func tz(t time.Time) string {
	_, off := t.Zone()
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	return fmt.Sprintf("%s%02d'%02d'", sign, off/3600, off/60%60)
}

// textString encodes s as UTF-16BE with a byte order mark, in hex.
func textString(s string) string {
	b := []byte("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		b = fmt.Appendf(b, "%04X", u)
	}
	return string(append(b, '>'))
}

// subsetTag is the six capital letters naming a font subset, derived
// from its glyphs.
func (d *Doc) subsetTag() string {
	h := fnv.New32a()
	var w [4]byte
	for id := range d.sub.Len() {
		r := d.sub.Rune(uint16(id))
		w[0], w[1], w[2], w[3] = byte(r>>24), byte(r>>16), byte(r>>8), byte(r)
		h.Write(w[:])
	}
	v, tag := h.Sum32(), make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + byte(v%26)
		v /= 26
	}
	return string(tag)
}
