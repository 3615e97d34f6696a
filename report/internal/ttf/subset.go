package ttf

import (
	"bytes"
	"compress/flate"
	"hash/adler32"
	"slices"
)

// Base is a fixed glyph set that every Subset made from it starts with,
// in a fixed order, so that its glyph data can be compressed once. New
// glyph id 0 is .notdef; ids 1… follow the base runes in code point order.
type Base struct {
	font  *Font
	runes []rune   // new id → rune (0 for .notdef)
	orig  []uint16 // new id → font glyph
	ids   []uint16 // font glyph → new id, 0 when not in the base
	glyf  []byte   // glyph data of ids 0…, each padded to 4 bytes
	z     []byte   // glyf deflated, ending with a sync flush
	adler uint32   // Adler-32 of glyf
	sum   uint32   // TrueType checksum of glyf
}

// NewBase builds the base set of runes. Runes the font lacks, and runes
// sharing a glyph with an earlier one, are left to the subsets.
func NewBase(f *Font, runes []rune) *Base {
	rs := slices.Clone(runes)
	slices.Sort(rs)
	rs = slices.Compact(rs)
	b := &Base{font: f, runes: []rune{0}, orig: []uint16{0}, ids: make([]uint16, f.numGlyphs)}
	for _, r := range rs {
		g, ok := f.Glyph(r)
		if !ok || b.ids[g] != 0 {
			continue
		}
		b.ids[g] = uint16(len(b.orig))
		b.runes, b.orig = append(b.runes, r), append(b.orig, g)
	}
	for _, g := range b.orig {
		b.glyf = appendPadded(b.glyf, f.glyphData(g))
	}
	b.sum = checksum(b.glyf)
	var buf bytes.Buffer
	zw, _ := flate.NewWriter(&buf, flate.BestCompression)
	zw.Write(b.glyf)
	zw.Flush()
	b.z = buf.Bytes()
	b.adler = adler32.Checksum(b.glyf)
	return b
}

// Font is the font the base belongs to.
func (b *Base) Font() *Font { return b.font }

// Len is the number of glyphs in the base, .notdef included.
func (b *Base) Len() int { return len(b.orig) }

func appendPadded(dst, glyph []byte) []byte {
	dst = append(dst, glyph...)
	for len(dst)%4 != 0 {
		dst = append(dst, 0)
	}
	return dst
}

// Subset is one document's glyphs: the base set, then the document's own
// runes in order of first use. It is not safe for concurrent use.
type Subset struct {
	base  *Base
	ids   []uint16 // font glyph → new id
	runes []rune
	orig  []uint16
	alias map[rune]uint16 // runes the font lacks or whose glyph another rune owns
	scr   []byte
}

// NewSubset starts a subset holding the base set.
func (b *Base) NewSubset() *Subset {
	return &Subset{base: b, ids: slices.Clone(b.ids), runes: slices.Clone(b.runes),
		orig: slices.Clone(b.orig), alias: map[rune]uint16{}}
}

// Reset returns the subset to the base set, keeping its memory.
func (s *Subset) Reset() {
	n := len(s.base.orig)
	for _, g := range s.orig[n:] {
		s.ids[g] = s.base.ids[g]
	}
	s.runes, s.orig = s.runes[:n], s.orig[:n]
	clear(s.alias)
}

// ID returns r's glyph id in the subset, adding r if needed. A rune the
// font lacks gets its own id drawn as .notdef, so that the ToUnicode map
// still names it.
func (s *Subset) ID(r rune) uint16 {
	g, ok := s.base.font.Glyph(r)
	if ok {
		if id := s.ids[g]; id != 0 && s.runes[id] == r {
			return id
		}
	}
	if id, ok := s.alias[r]; ok {
		return id
	}
	id := uint16(len(s.orig))
	if len(s.orig) == 0xFFFF {
		return 0
	}
	s.runes, s.orig = append(s.runes, r), append(s.orig, g)
	if ok && s.ids[g] == 0 {
		s.ids[g] = id
	} else {
		s.alias[r] = id
	}
	return id
}

// Len is the number of glyphs, .notdef included.
func (s *Subset) Len() int { return len(s.orig) }

// Rune is the rune glyph id maps to (0 for .notdef).
func (s *Subset) Rune(id uint16) rune { return s.runes[id] }

// Advance is glyph id's advance width in font units.
func (s *Subset) Advance(id uint16) int { return int(s.base.font.adv[s.orig[id]]) }

// AppendFontFile appends the subset as a zlib-compressed TrueType font
// (a FontFile2 stream's data) and returns it with the uncompressed length.
// zw is a flate writer to reuse; its level applies to the parts not
// compressed beforehand.
func (s *Subset) AppendFontFile(dst []byte, zw *flate.Writer) ([]byte, int) {
	f, b := s.base.font, s.base
	extra := s.scr[:0]
	for _, g := range s.orig[len(b.orig):] {
		extra = appendPadded(extra, f.glyphData(g))
	}
	s.scr = extra
	prefix := s.tables(len(b.glyf)+len(extra), b.sum+checksum(extra))

	out := bytes.NewBuffer(append(dst, 0x78, 0x9c))
	for _, part := range [][]byte{prefix, nil, extra} {
		if part == nil {
			out.Write(b.z)
			continue
		}
		if len(part) > 0 {
			zw.Reset(out)
			zw.Write(part)
			zw.Flush()
		}
	}
	out.Write([]byte{3, 0}) // final empty fixed-Huffman block
	sum := adler32.Checksum(prefix)
	sum = adlerCombine(sum, b.adler, len(b.glyf))
	sum = adlerCombine(sum, adler32.Checksum(extra), len(extra))
	return be.AppendUint32(out.Bytes(), sum), len(prefix) + len(b.glyf) + len(extra)
}

// tables lays out the table directory and every table but glyf, which
// follows them with the given length and checksum.
func (s *Subset) tables(glyfLen int, glyfSum uint32) []byte {
	f, n := s.base.font, len(s.orig)
	type table struct {
		tag  string
		data []byte
	}
	head := slices.Clone(f.raw["head"][:54])
	be.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	be.PutUint16(head[50:], 1) // long loca
	hhea := slices.Clone(f.raw["hhea"][:36])
	be.PutUint16(hhea[34:], uint16(n))
	maxp := slices.Clone(f.raw["maxp"])
	be.PutUint16(maxp[4:], uint16(n))
	hmtx := make([]byte, 4*n)
	for i, g := range s.orig {
		be.PutUint16(hmtx[4*i:], f.adv[g])
		be.PutUint16(hmtx[4*i+2:], uint16(f.lsb[g]))
	}
	loca := make([]byte, 4*(n+1))
	var at uint32
	for i, g := range s.orig {
		be.PutUint32(loca[4*i:], at)
		at += uint32(len(f.glyphData(g))+3) &^ 3
	}
	be.PutUint32(loca[4*n:], at)
	ts := []table{{"head", head}, {"hhea", hhea}, {"hmtx", hmtx}, {"loca", loca}, {"maxp", maxp}}
	for _, t := range []string{"cvt ", "fpgm", "prep"} {
		if d := f.raw[t]; d != nil {
			ts = append(ts, table{t, d})
		}
	}
	ts = append(ts, table{"glyf", nil})
	slices.SortFunc(ts, func(a, b table) int { return bytes.Compare([]byte(a.tag), []byte(b.tag)) })

	num := len(ts)
	sel := 0
	for 1<<(sel+1) <= num {
		sel++
	}
	size := 12 + 16*num
	for _, t := range ts {
		size += (len(t.data) + 3) &^ 3
	}
	body := make([]byte, size)
	be.PutUint32(body, 0x00010000)
	be.PutUint16(body[4:], uint16(num))
	be.PutUint16(body[6:], uint16(16<<sel))
	be.PutUint16(body[8:], uint16(sel))
	be.PutUint16(body[10:], uint16(16*num-16<<sel))
	off, total, headAt := 12+16*num, uint32(0), 0
	for i, t := range ts {
		e := body[12+16*i:]
		copy(e, t.tag)
		sum, ln := glyfSum, glyfLen
		if t.data != nil {
			sum, ln = checksum(t.data), len(t.data)
		}
		be.PutUint32(e[4:], sum)
		be.PutUint32(e[12:], uint32(ln))
		total += sum
		if t.data == nil {
			continue // glyf comes last, after this prefix
		}
		if t.tag == "head" {
			headAt = off
		}
		be.PutUint32(e[8:], uint32(off))
		copy(body[off:], t.data)
		off += (len(t.data) + 3) &^ 3
	}
	glyfEntry := body[12+16*slices.IndexFunc(ts, func(t table) bool { return t.data == nil }):]
	be.PutUint32(glyfEntry[8:], uint32(off))
	total += checksum(body[:12+16*num])
	be.PutUint32(body[headAt+8:], 0xB1B0AFBA-total)
	return body
}

// checksum is the TrueType table checksum: the sum of big-endian uint32
// words, the data zero-padded to a multiple of 4.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += be.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var w [4]byte
		copy(w[:], b)
		sum += be.Uint32(w[:])
	}
	return sum
}

// adlerCombine is the Adler-32 of the concatenation of two byte strings
// given theirs and the second's length (zlib's adler32_combine).
func adlerCombine(a1, a2 uint32, len2 int) uint32 {
	const mod = 65521
	rem := uint32(len2 % mod)
	s1 := a1 & 0xffff
	s2 := rem * s1 % mod
	s1 += a2&0xffff + mod - 1
	s2 += a1>>16 + a2>>16 + mod - rem
	if s1 >= mod {
		s1 -= mod
	}
	if s1 >= mod {
		s1 -= mod
	}
	if s2 >= 2*mod {
		s2 -= 2 * mod
	}
	if s2 >= mod {
		s2 -= mod
	}
	return s2<<16 | s1
}
