package hedui

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// AppendRecordsJSON appends rs as JSON, byte for byte what json.Marshal
// writes for them (TestAppendRecordsJSON compares the two), without
// reflection: a city-wide round stores and hashes millions of answers'
// records, and encoding/json was most of that time.
func AppendRecordsJSON(b []byte, rs []Record) []byte {
	if rs == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range rs {
		if i > 0 {
			b = append(b, ',')
		}
		b = rs[i].appendJSON(b)
	}
	return append(b, ']')
}

// appendJSON follows Record's field order and omitempty tags.
func (r *Record) appendJSON(b []byte) []byte {
	b = append(b, `{"kind":`...)
	b = AppendJSONString(b, r.Kind)
	if r.AmountFen != 0 {
		b = append(b, `,"amount_fen":`...)
		b = strconv.AppendInt(b, int64(r.AmountFen), 10)
	}
	if r.Quantity != 0 {
		b = append(b, `,"quantity":`...)
		b = strconv.AppendInt(b, int64(r.Quantity), 10)
	}
	if r.AreaM2x100 != 0 {
		b = append(b, `,"area_m2x100":`...)
		b = strconv.AppendInt(b, r.AreaM2x100, 10)
	}
	b = append(b, `,"period_from":`...)
	b = r.PeriodFrom.AppendJSON(b)
	b = append(b, `,"period_to":`...)
	b = r.PeriodTo.AppendJSON(b)
	if r.Description != "" {
		b = append(b, `,"description":`...)
		b = AppendJSONString(b, r.Description)
	}
	if len(r.Fields) > 0 {
		b = append(b, `,"fields":{`...)
		var buf [8]string // records have a few fields: no allocation for their keys
		keys := buf[:0]
		for k := range r.Fields {
			keys = append(keys, k)
		}
		slices.Sort(keys) // encoding/json sorts map keys
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = AppendJSONString(b, k)
			b = append(b, ':')
			b = AppendJSONString(b, r.Fields[k])
		}
		b = append(b, '}')
	}
	return append(b, '}')
}

// AppendJSONString appends s quoted as encoding/json quotes it. A string
// with anything encoding/json escapes (quotes, backslashes, control
// characters, <, > and &, invalid UTF-8, U+2028 and U+2029) is left to
// encoding/json itself; the others, nearly all, are copied.
func AppendJSONString(b []byte, s string) []byte {
	if !plainJSON(s) {
		q, _ := json.Marshal(s) // a string always marshals
		return append(b, q...)
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func plainJSON(s string) bool {
	high := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			high = true
		case c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&':
			return false
		}
	}
	// Multi-byte text (Chinese, nearly every value) is checked once as a
	// whole rather than rune by rune: valid UTF-8 without the two line
	// separators encoding/json escapes.
	return !high || utf8.ValidString(s) && !lineSeparator(s)
}

// lineSeparator reports whether s holds U+2028 or U+2029 (E2 80 A8/A9):
// one fast scan for their rare first byte, where Contains twice was two
// scans of every value.
func lineSeparator(s string) bool {
	for {
		i := strings.IndexByte(s, 0xE2)
		if i < 0 || i+2 >= len(s) {
			return false
		}
		if s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
			return true
		}
		s = s[i+1:]
	}
}
