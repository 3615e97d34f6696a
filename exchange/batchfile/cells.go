package batchfile

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"hedui"
)

var errYesNo = errors.New("请填写“是”或“否”")

// parseYesNo reads the 查无记录 flag. Empty means no.
func parseYesNo(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "是", "y", "yes", "1", "true", "√":
		return true, nil
	case "否", "n", "no", "0", "false", "":
		return false, nil
	}
	return false, errYesNo
}

// yesNo writes the 查无记录 flag.
func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// itemByName maps item codes (lower case) and Chinese labels to items.
var itemByName = func() map[string]hedui.Item {
	m := make(map[string]hedui.Item, 2*len(hedui.Items))
	for _, it := range hedui.Items {
		m[string(it)] = it
		m[it.Label()] = it
	}
	return m
}()

// parseItem accepts an item's code in any case or its Chinese label.
func parseItem(s string) (hedui.Item, bool) {
	if it, ok := itemByName[s]; ok {
		return it, true
	}
	it, ok := itemByName[strings.ToLower(s)]
	return it, ok
}

// cleanCell trims what office tools put around values: spaces (including
// the ideographic and no-break spaces), a stray byte-order mark, and the
// ="…" wrapper some systems use to force Excel to keep a value as text.
func cleanCell(s string) string {
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

// quoteValue shows a cell value inside a message: shortened, and with
// control characters replaced so hostile files cannot forge log lines.
func quoteValue(s string) string {
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
