package sheet

import (
	"errors"
	"strconv"
	"strings"

	"hedui"
)

// Amounts, areas and counts are parsed from their digits: money never
// passes through a float. Cell parsers here and in dates.go and cells.go
// are hand-written rather than regular expressions, since a file may have
// 200,000 rows, and their errors carry the Chinese reason shown to the
// person who has to fix the file.

// maxIntDigits bounds the integer part of decimals so that hundredths fit
// in an int64 with room to spare (10^15 yuan is beyond any real amount).
const maxIntDigits = 15

var (
	errNotNumber   = errors.New("不是有效的数字")
	errTooManyDecs = errors.New("最多保留两位小数")
	errGrouping    = errors.New("千位分隔符位置不对，应每三位一个逗号")
	errTooBig      = errors.New("数值过大")
	errNegative    = errors.New("不能为负数")
	errNotInteger  = errors.New("应为整数")
)

// ParseHundredths reads an unsigned decimal with at most two decimals and
// optional thousands separators ("1,234.56") as an integer count of
// hundredths. It works on the digits so that no value ever passes through
// a float.
func ParseHundredths(s string) (int64, error) {
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" {
		return 0, errNotNumber
	}
	var v int64
	digits, group := 0, -1 // group: digits since the last comma, -1 before any
	for i := 0; i < len(intPart); i++ {
		c := intPart[i]
		switch {
		case c >= '0' && c <= '9':
			v = v*10 + int64(c-'0')
			digits++
			if group >= 0 {
				group++
			}
		case c == ',':
			// "12,34" is a European decimal comma or a typo; either way
			// the amount is unclear, so grouping must be exact.
			if digits == 0 || (group < 0 && digits > 3) || (group >= 0 && group != 3) {
				return 0, errGrouping
			}
			group = 0
		default:
			return 0, errNotNumber
		}
	}
	if group >= 0 && group != 3 {
		return 0, errGrouping
	}
	if digits > maxIntDigits {
		return 0, errTooBig
	}
	v *= 100
	if hasDot {
		if frac == "" {
			return 0, errNotNumber
		}
		if len(frac) > 2 {
			return 0, errTooManyDecs
		}
		scale := int64(10)
		for i := 0; i < len(frac); i++ {
			c := frac[i]
			if c < '0' || c > '9' {
				return 0, errNotNumber
			}
			v += int64(c-'0') * scale
			scale /= 10
		}
	}
	return v, nil
}

// ParseYuan reads an amount in yuan as fen: "1,234.56", "¥1234.5",
// "-12.30", "12元". The sign may come before or after the currency sign.
func ParseYuan(s string) (hedui.Fen, error) {
	s, neg := cutSign(strings.TrimSuffix(s, "元"))
	if rest, ok := cutCurrency(s); ok {
		s = rest
		if !neg {
			s, neg = cutSign(s)
		}
	}
	v, err := ParseHundredths(s)
	if neg {
		v = -v
	}
	return hedui.Fen(v), err
}

func cutSign(s string) (string, bool) {
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		return rest, true
	}
	return strings.TrimPrefix(s, "+"), false
}

func cutCurrency(s string) (string, bool) {
	for _, c := range []string{"¥", "￥", "RMB", "CNY"} {
		if rest, ok := strings.CutPrefix(s, c); ok {
			return rest, true
		}
	}
	return s, false
}

// ParseArea reads square metres with up to two decimals as hundredths.
func ParseArea(s string) (int64, error) {
	for _, unit := range []string{"平方米", "㎡", "m2", "m²"} {
		s = strings.TrimSuffix(s, unit)
	}
	if strings.HasPrefix(s, "-") {
		return 0, errNegative
	}
	return ParseHundredths(s)
}

// ParseQuantity reads a non-negative whole number; "2.00" is accepted
// because spreadsheets add decimals to whole numbers.
func ParseQuantity(s string) (int, error) {
	if strings.HasPrefix(s, "-") {
		return 0, errNegative
	}
	v, err := ParseHundredths(s)
	switch {
	case err != nil:
		return 0, err
	case v%100 != 0:
		return 0, errNotInteger
	case v/100 > 1<<31-1:
		return 0, errTooBig
	}
	return int(v / 100), nil
}

// FormatHundredths writes hundredths as a plain decimal with two places,
// the inverse of ParseHundredths for the values this package writes.
func FormatHundredths(v int64) string {
	var b []byte
	u := uint64(v)
	if v < 0 {
		b = append(b, '-')
		u = -u // two's complement: correct even for the minimum int64
	}
	b = strconv.AppendUint(b, u/100, 10)
	b = append(b, '.', byte('0'+u%100/10), byte('0'+u%10))
	return string(b)
}

// FormatOptional writes zero as an empty cell: a zero amount, quantity or
// area in a Record means "not given".
func FormatOptional(v int64) string {
	if v == 0 {
		return ""
	}
	return FormatHundredths(v)
}

// ExcelNumber undoes the binary noise in numbers read from XLSX. A cell
// holds an IEEE double, and Excel writes it with 17 significant digits, so
// a computed 1234.56 may arrive as "1234.5599999999999". Excel displays 15
// significant digits, which is what the person saw and meant; rounding to
// them is the one place a float is involved, and only because the file
// stored one. Integers and text are returned unchanged.
func ExcelNumber(s string) string {
	if !strings.Contains(s, ".") || strings.ContainsAny(s, "eE") {
		return s
	}
	sig := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' && (sig > 0 || s[i] != '0') {
			sig++
		}
	}
	if sig <= 15 {
		return s
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	return strconv.FormatFloat(v, 'g', 15, 64)
}
