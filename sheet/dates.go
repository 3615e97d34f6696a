package sheet

import (
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"hedui"
)

var (
	errDateShape  = errors.New("无法识别，请按2026-01-31的格式填写")
	errNoSuchDate = errors.New("日期不存在")
)

// excelSerialMax is 9999-12-31, the last date Excel represents.
const excelSerialMax = 2958465

// Dates parses dates. Serial numbers are accepted only from XLSX,
// where they are how Excel stores a date; in CSV a bare number is more
// likely a mistake.
type Dates struct {
	Serial   bool
	Date1904 bool
}

// Parse reads 2026-01-31, 2026/1/31, 2026.1.31, 20260131, 2026年1月31日,
// any of them followed by a time of day, and Excel serials when allowed.
func (dr Dates) Parse(s string) (hedui.Date, error) {
	if i := strings.IndexAny(s, " T"); i > 0 {
		s = s[:i] // "2026-01-31 00:00:00" from database exports
	}
	if IsDigits(s) {
		switch {
		case len(s) == 8:
			return civilDate(atoi(s[:4]), atoi(s[4:6]), atoi(s[6:]))
		case dr.Serial && len(s) <= 7:
			return dr.fromSerial(atoi(s))
		}
		return hedui.Date{}, errDateShape
	}
	if whole, frac, ok := strings.Cut(s, "."); ok && dr.Serial && IsDigits(whole) && IsDigits(frac) && len(whole) <= 7 {
		return dr.fromSerial(atoi(whole)) // a date-time serial; the time is dropped
	}
	y, rest, ok := leadingDigits(s, 4, 4)
	if !ok {
		return hedui.Date{}, errDateShape
	}
	sep, size := utf8.DecodeRuneInString(rest)
	var sep2, end rune
	switch sep {
	case '-', '/', '.':
		sep2 = sep
	case '年':
		sep2, end = '月', '日'
	default:
		return hedui.Date{}, errDateShape
	}
	m, rest, ok := leadingDigits(rest[size:], 1, 2)
	if !ok {
		return hedui.Date{}, errDateShape
	}
	r, size := utf8.DecodeRuneInString(rest)
	if r != sep2 {
		return hedui.Date{}, errDateShape
	}
	d, rest, ok := leadingDigits(rest[size:], 1, 2)
	if !ok {
		return hedui.Date{}, errDateShape
	}
	if end != 0 {
		rest = strings.TrimPrefix(rest, string(end))
	}
	if rest != "" {
		return hedui.Date{}, errDateShape
	}
	return civilDate(y, m, d)
}

// fromSerial converts an Excel serial day number. In the default 1900
// system day 1 is 1900-01-01 and Excel counts a 29 February 1900 that never
// was, so from day 61 on the epoch is 1899-12-30; days before that are not
// plausible in this domain and rejected rather than special-cased.
func (dr Dates) fromSerial(n int) (hedui.Date, error) {
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if dr.Date1904 {
		epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	} else if n < 61 {
		return hedui.Date{}, errDateShape
	}
	if n > excelSerialMax {
		return hedui.Date{}, errDateShape
	}
	return hedui.Date{Time: epoch.AddDate(0, 0, n)}, nil
}

// civilDate checks that y-m-d is a real day between 1900 and 9999.
func civilDate(y, m, d int) (hedui.Date, error) {
	if y < 1900 || y > 9999 {
		return hedui.Date{}, errNoSuchDate
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return hedui.Date{}, errNoSuchDate
	}
	return hedui.Date{Time: t}, nil
}

// leadingDigits takes min to max ASCII digits from the front of s.
func leadingDigits(s string, min, max int) (int, string, bool) {
	n := 0
	for n < len(s) && n < max && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n < min || (n < len(s) && s[n] >= '0' && s[n] <= '9') {
		return 0, s, false
	}
	return atoi(s[:n]), s[n:], true
}

func IsDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// atoi reads ASCII digits the caller has already checked.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
