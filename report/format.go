package report

import (
	"fmt"
	"strconv"
	"time"

	"hedui"
)

// Money formats an amount in fen as yuan with thousands separators and
// two decimals: 123456 → "1,234.56", -5 → "-0.05".
func Money(f hedui.Fen) string {
	return string(appendMoney(nil, f))
}

func appendMoney(b []byte, f hedui.Fen) []byte {
	n := uint64(f)
	if f < 0 {
		b, n = append(b, '-'), uint64(-f)
	}
	var digits [24]byte
	s := strconv.AppendUint(digits[:0], n/100, 10)
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, c)
	}
	c := n % 100
	return append(b, '.', byte('0'+c/10), byte('0'+c%10))
}

// signedMoney is Money with a + for positive amounts (differences).
func signedMoney(f hedui.Fen) string {
	if f > 0 {
		return "+" + Money(f)
	}
	return Money(f)
}

// area formats hundredths of a square metre: 8950 → "89.50㎡".
func area(m2x100 int64) string {
	return Money(hedui.Fen(m2x100)) + "㎡"
}

// chineseDate is 2026年3月5日.
func chineseDate(d hedui.Date) string {
	if d.IsZero() {
		return "—"
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year(), d.Month(), d.Day())
}

func isoDate(d hedui.Date) string {
	if d.IsZero() {
		return "—"
	}
	return d.String()
}

// clock is an instant on the China civil clock, to the minute.
func clock(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(hedui.CST).Format("2006-01-02 15:04")
}

// period describes a record's dates: a whole month as 2026-01, a whole
// year as 2025年度, else from至to, or the single date with its noun.
func period(from, to hedui.Date, noun string) string {
	switch {
	case from.IsZero() && to.IsZero():
		return ""
	case to.IsZero() || from.Equal(to.Time):
		return noun + from.String()
	case from.IsZero():
		return "截至" + to.String()
	}
	wholeMonth := from.Day() == 1 && to.AddDate(0, 0, 1).Day() == 1 && from.Year() == to.Year() && from.Month() == to.Month()
	switch {
	case wholeMonth:
		return from.Format("2006-01")
	case from.YearDay() == 1 && to.Month() == 12 && to.Day() == 31 && from.Year() == to.Year():
		return strconv.Itoa(from.Year()) + "年度"
	}
	return from.String() + "至" + to.String()
}

var cnDigits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// chineseNumber writes 1…99 in Chinese numerals (十一, 二十), larger
// numbers in Arabic digits.
func chineseNumber(n int) string {
	switch {
	case n < 0 || n > 99:
		return strconv.Itoa(n)
	case n < 10:
		return cnDigits[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + cnDigits[n%10]
	case n%10 == 0:
		return cnDigits[n/10] + "十"
	}
	return cnDigits[n/10] + "十" + cnDigits[n%10]
}
