package sheet

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clean trims what office tools put around values: spaces (including
// the ideographic and no-break spaces), a stray byte-order mark, and the
// ="…" wrapper some systems use to force Excel to keep a value as text.
func Clean(s string) string {
	if s == "" {
		return s
	}
	if first, last := s[0], s[len(s)-1]; first > ' ' && first < 0x80 && first != '=' && last > ' ' && last < 0x80 {
		return s // the common case: nothing to trim
	}
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\uFEFF' })
	if len(s) >= 3 && strings.HasPrefix(s, `="`) && strings.HasSuffix(s, `"`) {
		s = strings.TrimSpace(s[2 : len(s)-1])
	}
	return s
}

// Quote shows a cell value inside a message: shortened, and with
// control characters replaced so hostile files cannot forge log lines.
func Quote(s string) string {
	const max = 20
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == max {
			b.WriteString("…")
			break
		}
		if r == utf8.RuneError || !unicode.IsPrint(r) {
			r = '?'
		}
		b.WriteRune(r)
		n++
	}
	return "“" + b.String() + "”"
}

// NormHeader folds the variations people introduce when they retype a
// header: surrounding and inner spaces, full-width brackets, upper-case
// codes, and the asterisk templates use to mark required columns.
func NormHeader(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), r == '\uFEFF', r == '*', r == '＊':
		case r == '（':
			b.WriteByte('(')
		case r == '）':
			b.WriteByte(')')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Blank reports whether a row has no value in any cell.
func Blank(cells []string) bool {
	for _, c := range cells {
		if Clean(c) != "" {
			return false
		}
	}
	return true
}

var errYesNo = errors.New("请填写“是”或“否”")

// ParseYesNo reads a yes-or-no cell: 是/否 and the spellings exports
// use. Empty means no.
func ParseYesNo(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "是", "y", "yes", "1", "true", "√":
		return true, nil
	case "否", "n", "no", "0", "false", "":
		return false, nil
	}
	return false, errYesNo
}

// YesNo writes a yes-or-no cell as ParseYesNo reads it.
func YesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}
