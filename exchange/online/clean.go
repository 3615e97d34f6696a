package online

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"hedui/idcard"
)

// maxReasonRunes bounds text from a department that ends up in a failure
// reason: it is stored with the query and shown to users.
const maxReasonRunes = 200

var idLike = regexp.MustCompile(`\d{17}[\dXx]|\d{15}`)

// clean makes department-supplied text safe for a reason or a log line: an
// error message may echo the ID number it complains about, and a hostile
// one may try to forge log lines.
func clean(s string) string {
	s = idLike.ReplaceAllStringFunc(s, idcard.Mask)
	s = strings.Map(func(r rune) rune {
		if r == utf8.RuneError || !unicode.IsPrint(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > maxReasonRunes {
		s = string([]rune(s)[:maxReasonRunes]) + "…"
	}
	return s
}
