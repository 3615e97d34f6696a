package ttf

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"hash/adler32"
	"io"
	"os"
	"sync"
	"testing"
)

var font = sync.OnceValue(func() *Font {
	data, err := os.ReadFile("../../fonts/NotoSansSC_400Regular.ttf")
	if err != nil {
		panic(err)
	}
	f, err := Parse(data)
	if err != nil {
		panic(err)
	}
	return f
})

func TestParse(t *testing.T) {
	f := font()
	if f.Name != "NotoSansSC-Regular" || f.UnitsPerEm != 1000 {
		t.Errorf("name %q, units per em %d", f.Name, f.UnitsPerEm)
	}
	for _, r := range "喆堃核對ÀA1▲㎡" {
		if g, ok := f.Glyph(r); !ok || f.Advance(g) == 0 {
			t.Errorf("no glyph for %c", r)
		}
	}
	if _, ok := f.Glyph(0x20BB7); ok { // 𠮷, CJK Ext-B: not in this font
		t.Error("unexpected glyph for U+20BB7")
	}
	if w := f.RuneAdvance('核'); w != 1000 {
		t.Errorf("advance of 核 = %d", w)
	}
	if _, err := Parse([]byte("OTTO0000000000")); err == nil {
		t.Error("parsed a CFF font")
	}
}

// TestSubsetFontFile inflates a subset (zlib checks the Adler-32 of the
// spliced stream) and checks it as a TrueType file: table checksums, the
// whole-file checksum, and each glyph's outline against the font's.
func TestSubsetFontFile(t *testing.T) {
	f := font()
	b := NewBase(f, []rune("核对报告0123456789"))
	s := b.NewSubset()
	for _, r := range "张喆马文堃核对𠮷" {
		s.ID(r)
	}
	zw, _ := flate.NewWriter(io.Discard, flate.BestSpeed)
	z, n := s.AppendFontFile(nil, zw)
	zr, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatal(err)
	}
	ttf, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("inflate: %v", err)
	}
	if len(ttf) != n {
		t.Fatalf("length %d, Length1 %d", len(ttf), n)
	}
	if checksum(ttf) != 0xB1B0AFBA {
		t.Errorf("file checksum %#x", checksum(ttf))
	}
	tables := map[string][]byte{}
	for i := range int(be.Uint16(ttf[4:])) {
		e := ttf[12+16*i:]
		off, ln := be.Uint32(e[8:]), be.Uint32(e[12:])
		data := ttf[off : off+ln]
		if string(e[:4]) != "head" && checksum(data) != be.Uint32(e[4:]) {
			t.Errorf("table %s: bad checksum", e[:4])
		}
		tables[string(e[:4])] = data
	}
	if got := int(be.Uint16(tables["maxp"][4:])); got != s.Len() || s.Len() != b.Len()+6 {
		t.Errorf("numGlyphs %d, subset %d, base %d", got, s.Len(), b.Len())
	}
	loca, glyf := tables["loca"], tables["glyf"]
	for id := range s.Len() {
		data := glyf[be.Uint32(loca[4*id:]):be.Uint32(loca[4*id+4:])]
		g, _ := f.Glyph(s.Rune(uint16(id)))
		if want := f.glyphData(g); !bytes.Equal(bytes.TrimRight(data, "\x00"), bytes.TrimRight(want, "\x00")) {
			t.Errorf("glyph %d (%c) differs", id, s.Rune(uint16(id)))
		}
	}
	if be.Uint16(tables["hhea"][34:]) != uint16(s.Len()) || len(tables["hmtx"]) != 4*s.Len() {
		t.Error("hhea/hmtx do not match the glyph count")
	}
}

func TestSubsetIDs(t *testing.T) {
	b := NewBase(font(), []rune("核对"))
	s := b.NewSubset()
	if s.ID('对') != 1 || s.ID('核') != 2 { // code point order: 对 U+5BF9 < 核 U+6838
		t.Errorf("base ids: 对 %d 核 %d", s.ID('对'), s.ID('核'))
	}
	zhe := s.ID('喆')
	if zhe != 3 || s.ID('喆') != zhe || s.Rune(zhe) != '喆' {
		t.Errorf("喆 got %d", zhe)
	}
	a, c := s.ID(0x20BB7), s.ID(0x20BB8) // two runes the font lacks: own ids
	if a == c || s.Rune(a) != 0x20BB7 || s.Rune(c) != 0x20BB8 {
		t.Errorf("missing runes share ids %d %d", a, c)
	}
	s.Reset()
	if s.Len() != b.Len() || s.ID('喆') != 3 {
		t.Error("Reset did not return to the base")
	}
}

func TestAdlerCombine(t *testing.T) {
	a, c := bytes.Repeat([]byte("核对报告"), 10000), []byte("hedui")
	want := adler32.Checksum(append(append([]byte{}, a...), c...))
	if got := adlerCombine(adler32.Checksum(a), adler32.Checksum(c), len(c)); got != want {
		t.Errorf("combine %#x, want %#x", got, want)
	}
	if got := adlerCombine(adler32.Checksum(a), adler32.Checksum(nil), 0); got != adler32.Checksum(a) {
		t.Errorf("combine with empty %#x", got)
	}
}
