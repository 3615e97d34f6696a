// Package ttf reads the TrueType (glyf) font the report embeds and builds
// per-document subsets of it for PDF FontFile2 streams.
//
// Parsing happens once per process; a Subset is cheap and holds one
// document's glyphs. Glyph data of a fixed Base set (the report's own
// wording) is compressed once and spliced into every subset's deflate
// stream, so a document only compresses the few glyphs its names and
// addresses add. Only what the report needs is read: outlines, metrics,
// the Unicode cmap and the PostScript name.
package ttf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"unicode/utf16"
)

// Font is a parsed TrueType font. It is read-only and safe for concurrent
// use.
type Font struct {
	Name        string // PostScript name, e.g. NotoSansSC-Regular
	UnitsPerEm  int
	Ascent      int // hhea ascender, font units
	Descent     int // hhea descender, negative
	CapHeight   int
	BBox        [4]int // xMin yMin xMax yMax
	ItalicAngle int16  // post italicAngle, integer part

	numGlyphs int
	adv       []uint16
	lsb       []int16
	loca      []uint32 // numGlyphs+1 offsets into glyf
	glyf      []byte
	bmp       []uint16          // rune < 0x10000 → glyph, 0 = none
	astral    map[rune]uint16   // supplementary planes
	raw       map[string][]byte // head, hhea, maxp, prep (copied as is)
}

var be = binary.BigEndian

// Parse reads a TrueType font. data must stay unchanged afterwards.
func Parse(data []byte) (*Font, error) {
	if len(data) < 12 || be.Uint32(data) != 0x00010000 {
		return nil, errors.New("ttf: not a TrueType (glyf) font")
	}
	tables := map[string][]byte{}
	n := int(be.Uint16(data[4:]))
	for i := range n {
		e := data[12+16*i:]
		if len(e) < 16 {
			return nil, errors.New("ttf: short table directory")
		}
		off, ln := int(be.Uint32(e[8:])), int(be.Uint32(e[12:]))
		if off+ln > len(data) {
			return nil, fmt.Errorf("ttf: table %q out of range", e[:4])
		}
		tables[string(e[:4])] = data[off : off+ln]
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap"} {
		if tables[t] == nil {
			return nil, fmt.Errorf("ttf: no %s table", t)
		}
	}
	f := &Font{raw: map[string][]byte{}, astral: map[rune]uint16{}}
	head, hhea := tables["head"], tables["hhea"]
	if len(head) < 54 || len(hhea) < 36 || len(tables["maxp"]) < 6 {
		return nil, errors.New("ttf: short head, hhea or maxp")
	}
	f.UnitsPerEm = int(be.Uint16(head[18:]))
	for i := range f.BBox {
		f.BBox[i] = int(int16(be.Uint16(head[36+2*i:])))
	}
	f.Ascent, f.Descent = int(int16(be.Uint16(hhea[4:]))), int(int16(be.Uint16(hhea[6:])))
	f.CapHeight = f.Ascent * 7 / 10
	if os2 := tables["OS/2"]; len(os2) >= 90 && be.Uint16(os2) >= 2 {
		f.CapHeight = int(int16(be.Uint16(os2[88:])))
	}
	if post := tables["post"]; len(post) >= 8 {
		f.ItalicAngle = int16(be.Uint16(post[4:]))
	}
	f.numGlyphs = int(be.Uint16(tables["maxp"][4:]))
	if err := f.readMetrics(tables["hmtx"], int(be.Uint16(hhea[34:]))); err != nil {
		return nil, err
	}
	if err := f.readLoca(tables["loca"], be.Uint16(head[50:]) == 1, tables["glyf"]); err != nil {
		return nil, err
	}
	if err := f.readCmap(tables["cmap"]); err != nil {
		return nil, err
	}
	f.Name = postScriptName(tables["name"])
	for _, t := range []string{"head", "hhea", "maxp", "prep", "cvt ", "fpgm"} {
		if tables[t] != nil {
			f.raw[t] = tables[t]
		}
	}
	return f, nil
}

func (f *Font) readMetrics(hmtx []byte, nh int) error {
	if nh == 0 || nh > f.numGlyphs || len(hmtx) < 4*nh+2*(f.numGlyphs-nh) {
		return errors.New("ttf: bad hmtx")
	}
	f.adv, f.lsb = make([]uint16, f.numGlyphs), make([]int16, f.numGlyphs)
	for g := range f.numGlyphs {
		if g < nh {
			f.adv[g], f.lsb[g] = be.Uint16(hmtx[4*g:]), int16(be.Uint16(hmtx[4*g+2:]))
		} else {
			f.adv[g], f.lsb[g] = f.adv[nh-1], int16(be.Uint16(hmtx[4*nh+2*(g-nh):]))
		}
	}
	return nil
}

func (f *Font) readLoca(loca []byte, long bool, glyf []byte) error {
	f.loca, f.glyf = make([]uint32, f.numGlyphs+1), glyf
	for g := range f.loca {
		switch {
		case long && len(loca) >= 4*g+4:
			f.loca[g] = be.Uint32(loca[4*g:])
		case !long && len(loca) >= 2*g+2:
			f.loca[g] = 2 * uint32(be.Uint16(loca[2*g:]))
		default:
			return errors.New("ttf: short loca")
		}
		if f.loca[g] > uint32(len(glyf)) || g > 0 && f.loca[g] < f.loca[g-1] {
			return errors.New("ttf: bad loca")
		}
	}
	return nil
}

// readCmap reads the Unicode subtable: format 12 (full repertoire) when
// present, else format 4 (BMP).
func (f *Font) readCmap(cmap []byte) error {
	if len(cmap) < 4 {
		return errors.New("ttf: short cmap")
	}
	var fmt4, fmt12 []byte
	for i := range int(be.Uint16(cmap[2:])) {
		r := cmap[4+8*i:]
		pid, eid, off := be.Uint16(r), be.Uint16(r[2:]), int(be.Uint32(r[4:]))
		if off+4 > len(cmap) || !(pid == 0 || pid == 3 && (eid == 1 || eid == 10)) {
			continue
		}
		switch be.Uint16(cmap[off:]) {
		case 4:
			fmt4 = cmap[off:]
		case 12:
			fmt12 = cmap[off:]
		}
	}
	f.bmp = make([]uint16, 0x10000)
	switch {
	case fmt12 != nil:
		return f.readFormat12(fmt12)
	case fmt4 != nil:
		return f.readFormat4(fmt4)
	}
	return errors.New("ttf: no Unicode cmap")
}

func (f *Font) readFormat12(t []byte) error {
	if len(t) < 16 {
		return errors.New("ttf: short cmap format 12")
	}
	n := int(be.Uint32(t[12:]))
	if len(t) < 16+12*n {
		return errors.New("ttf: short cmap format 12")
	}
	for i := range n {
		g := t[16+12*i:]
		lo, hi, gid := rune(be.Uint32(g)), rune(be.Uint32(g[4:])), be.Uint32(g[8:])
		for r := lo; r <= hi && r <= 0x10FFFF; r++ {
			id := gid + uint32(r-lo)
			if id >= uint32(f.numGlyphs) {
				break
			}
			f.set(r, uint16(id))
		}
	}
	return nil
}

func (f *Font) readFormat4(t []byte) error {
	if len(t) < 14 {
		return errors.New("ttf: short cmap format 4")
	}
	seg := int(be.Uint16(t[6:])) / 2
	if len(t) < 16+8*seg {
		return errors.New("ttf: short cmap format 4")
	}
	ends, starts := t[14:], t[16+2*seg:]
	deltas, ranges := t[16+4*seg:], t[16+6*seg:]
	for i := range seg {
		lo, hi := int(be.Uint16(starts[2*i:])), int(be.Uint16(ends[2*i:]))
		delta, ro := be.Uint16(deltas[2*i:]), int(be.Uint16(ranges[2*i:]))
		for c := lo; c <= hi && c != 0xFFFF; c++ {
			gid := uint16(c) + delta
			if ro != 0 {
				p := 16 + 6*seg + 2*i + ro + 2*(c-lo)
				if p+2 > len(t) {
					continue
				}
				if gid = be.Uint16(t[p:]); gid != 0 {
					gid += delta
				}
			}
			if int(gid) < f.numGlyphs {
				f.set(rune(c), gid)
			}
		}
	}
	return nil
}

func (f *Font) set(r rune, gid uint16) {
	if r < 0x10000 {
		f.bmp[r] = gid
	} else if gid != 0 {
		f.astral[r] = gid
	}
}

// postScriptName reads name ID 6, falling back to a fixed name.
func postScriptName(t []byte) string {
	if len(t) >= 6 {
		n, store := int(be.Uint16(t[2:])), int(be.Uint16(t[4:]))
		for i := range n {
			r := t[6+12*i:]
			if len(r) < 12 || be.Uint16(r[6:]) != 6 {
				continue
			}
			pid, ln, off := be.Uint16(r), int(be.Uint16(r[8:])), store+int(be.Uint16(r[10:]))
			if off+ln > len(t) {
				continue
			}
			s := t[off : off+ln]
			if pid == 1 {
				return string(s)
			}
			u := make([]uint16, ln/2)
			for j := range u {
				u[j] = be.Uint16(s[2*j:])
			}
			return string(utf16.Decode(u))
		}
	}
	return "EmbeddedFont"
}

// Glyph returns the font's glyph for r, or 0 (.notdef) and false.
func (f *Font) Glyph(r rune) (uint16, bool) {
	var g uint16
	if r >= 0 && r < 0x10000 {
		g = f.bmp[r]
	} else {
		g = f.astral[r]
	}
	return g, g != 0
}

// Advance is the advance width of glyph g in font units.
func (f *Font) Advance(g uint16) int { return int(f.adv[g]) }

// RuneAdvance is the advance width of r in font units (.notdef's when the
// font lacks r).
func (f *Font) RuneAdvance(r rune) int {
	if r >= 0 && r < 0x10000 {
		return int(f.adv[f.bmp[r]])
	}
	return int(f.adv[f.astral[r]])
}

func (f *Font) glyphData(g uint16) []byte { return f.glyf[f.loca[g]:f.loca[g+1]] }
