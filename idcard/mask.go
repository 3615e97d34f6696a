package idcard

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Mask hides the personal part of a number for display and logs, keeping
// the length so that a reader can still spot a missing or extra character:
//
//	621002201003151235 -> 621002********1235
//
// Inputs of 15 characters or more keep the first 6 (area) and last 4; that
// covers legacy 15-digit numbers and near-miss typos of 18-digit ones. Shorter
// inputs are not recognisable as numbers, so keeping the area would reveal
// too large a share: inputs of 6-14 characters keep only the last 2, and
// anything shorter is masked completely.
//
// Surrounding white space is dropped, as in Parse. Mask counts characters,
// not bytes, accepts any string without panicking, and never echoes control
// characters or invalid UTF-8, so hostile input cannot forge log lines.
func Mask(s string) string {
	t := strings.TrimFunc(s, isBlank)
	n := utf8.RuneCountInString(t)
	head, tail := 0, 0
	switch {
	case n >= 15:
		head, tail = 6, 4
	case n >= 6:
		tail = 2
	}
	var b strings.Builder
	b.Grow(len(t))
	i := 0
	for _, r := range t {
		if (i < head || i >= n-tail) && r != utf8.RuneError && unicode.IsPrint(r) {
			b.WriteRune(r)
		} else {
			b.WriteByte('*')
		}
		i++
	}
	return b.String()
}
