package report

import (
	"strings"
)

// measurer gives text advances at a size in points.
type measurer interface {
	RuneWidth(r rune, size float64) float64
}

// noLineStart are characters that must not begin a line; they stay on the
// previous one even if they overhang the width a little.
const noLineStart = "，。、；：？！）》」』】〕”’％…·,.;:?!)]}%"

// wrap breaks s into lines no wider than width: between any two CJK
// characters, at spaces, and inside a Latin word only when the word alone
// is too long. Newlines in s break lines.
func wrap(m measurer, s string, size, width float64, dst []string) []string {
	for para := range strings.SplitSeq(s, "\n") {
		dst = wrapLine(m, para, size, width, dst)
	}
	return dst
}

func wrapLine(m measurer, s string, size, width float64, dst []string) []string {
	start, w := 0, 0.0
	brk, wbrk := -1, 0.0 // the last place the line may break, and the width before it
	prev := rune(0)
	for i, r := range s {
		rw := m.RuneWidth(r, size)
		if i > start && !strings.ContainsRune(noLineStart, r) && (prev == ' ' || breakAfter(prev) || r >= 0x2E80) {
			brk, wbrk = i, w
		}
		if w+rw > width && i > start && !(strings.ContainsRune(noLineStart, r) && w+rw <= width+size) {
			if r == ' ' {
				dst = append(dst, strings.TrimRight(s[start:i], " "))
				start, w, brk, prev = i+1, 0, -1, r
				continue
			}
			if brk > start {
				dst = append(dst, strings.TrimRight(s[start:brk], " "))
				start, w, brk = brk, w-wbrk, -1
			}
			if w+rw > width && i > start {
				dst = append(dst, s[start:i])
				start, w, brk = i, 0, -1
			}
		}
		w += rw
		prev = r
	}
	return append(dst, strings.TrimRight(s[start:], " "))
}

// breakAfter reports whether a line may break next to r: CJK characters
// and full-width punctuation, not inside Latin words or numbers.
func breakAfter(r rune) bool {
	return r >= 0x2E80 && !strings.ContainsRune("（《「『【〔“‘", r)
}
