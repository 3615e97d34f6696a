package deptsim

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strconv"
	"unicode/utf8"

	"hedui"
	"hedui/exchange/online"
)

// A city-wide round asks the simulator for millions of answers, each with
// the hash of its wire form; encoding/json's reflection was most of the
// simulator's time. appendAnswer writes exactly the bytes json.Marshal
// writes for an online.Answer (TestAnswerWireMatchesJSON compares them on
// a whole population), so the hash is the same.

// payloadSHA256 is the hex SHA-256 of the answer's wire form.
func payloadSHA256(a online.Answer) string {
	b := appendAnswer(make([]byte, 0, 256), &a)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func appendAnswer(b []byte, a *online.Answer) []byte {
	b = append(b, `{"subject_ref":`...)
	b = appendString(b, a.SubjectRef)
	b = append(b, `,"item":`...)
	b = appendString(b, string(a.Item))
	b = append(b, `,"no_record":`...)
	b = strconv.AppendBool(b, a.NoRecord)
	b = append(b, `,"as_of":`...)
	b = appendDate(b, a.AsOf)
	b = append(b, `,"records":`...)
	if a.Records == nil {
		return append(b, `null}`...)
	}
	b = append(b, '[')
	for i := range a.Records {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendRecord(b, &a.Records[i])
	}
	return append(b, "]}"...)
}

// appendRecord follows hedui.Record's field order and omitempty tags.
func appendRecord(b []byte, r *hedui.Record) []byte {
	b = append(b, `{"kind":`...)
	b = appendString(b, r.Kind)
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
	b = appendDate(b, r.PeriodFrom)
	b = append(b, `,"period_to":`...)
	b = appendDate(b, r.PeriodTo)
	if r.Description != "" {
		b = append(b, `,"description":`...)
		b = appendString(b, r.Description)
	}
	if len(r.Fields) > 0 {
		b = append(b, `,"fields":{`...)
		keys := make([]string, 0, len(r.Fields))
		for k := range r.Fields {
			keys = append(keys, k)
		}
		slices.Sort(keys) // encoding/json sorts map keys
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, k)
			b = append(b, ':')
			b = appendString(b, r.Fields[k])
		}
		b = append(b, '}')
	}
	return append(b, '}')
}

func appendDate(b []byte, d hedui.Date) []byte {
	if d.IsZero() {
		return append(b, `""`...)
	}
	b = append(b, '"')
	b = d.AppendFormat(b, "2006-01-02")
	return append(b, '"')
}

// appendString quotes s as encoding/json does; a string with anything it
// escapes (quotes, backslashes, control characters, <, > and &, invalid
// UTF-8, U+2028 and U+2029) is left to encoding/json itself.
func appendString(b []byte, s string) []byte {
	if !plain(s) {
		q, _ := json.Marshal(s) // a string always marshals
		return append(b, q...)
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func plain(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += size
	}
	return true
}
