package rules

import (
	"time"

	"hedui"
)

// window is the look-back period: months complete calendar months before
// the as-of month, as month numbers (year×12 + month−1).
type window struct {
	first, months int
}

func monthNumber(t time.Time) int { return t.Year()*12 + int(t.Month()) - 1 }

// lookback is the window of months complete months before asOf's month.
func lookback(asOf hedui.Date, months int) window {
	return window{first: monthNumber(asOf.Time) - months, months: months}
}

func (w window) last() int { return w.first + w.months - 1 }

// span is a period in month numbers, both ends included. A zero end is
// the window's; an end before the start is the start.
func (w window) span(from, to hedui.Date) (a, b int) {
	a, b = w.first, w.last()
	if !from.IsZero() {
		a = monthNumber(from.Time)
	}
	if !to.IsZero() {
		b = monthNumber(to.Time)
	}
	if b < a {
		b = a
	}
	return a, b
}

// overlap is the part of span [a, b] inside the window, as positions
// within the span (0 = month a); ok is false when they do not meet.
func (w window) overlap(a, b int) (lo, hi int, ok bool) {
	lo, hi = max(a, w.first)-a, min(b, w.last())-a
	return lo, hi, lo <= hi
}

// inWindow is the part of amount, spread evenly over the months [a, b],
// that falls in the window.
func (w window) inWindow(amount int64, a, b int) int64 {
	lo, hi, ok := w.overlap(a, b)
	if !ok {
		return 0
	}
	return portion(amount, int64(b-a+1), lo, hi)
}

// portion is the share of amount, spread over n months, of the months at
// positions lo..hi. Month k gets round(amount×(k+1)/n) − round(amount×k/n),
// so the shares of all n months add up to amount exactly.
func portion(amount, n int64, lo, hi int) int64 {
	if n == 1 {
		return amount
	}
	return roundDiv(amount*int64(hi+1), n) - roundDiv(amount*int64(lo), n)
}

// roundDiv is x/n rounded half up (towards +∞ at exactly .5), for n > 0,
// in integer arithmetic: ⌊(2x + n) / 2n⌋.
func roundDiv(x, n int64) int64 {
	return floorDiv(2*x+n, 2*n)
}

func floorDiv(x, n int64) int64 {
	q := x / n
	if (x%n != 0) && ((x < 0) != (n < 0)) {
		q--
	}
	return q
}

// ageOn is the number of whole years from birth to day.
func ageOn(birth, day time.Time) int {
	if birth.IsZero() {
		return 0
	}
	age := day.Year() - birth.Year()
	if day.Month() < birth.Month() || (day.Month() == birth.Month() && day.Day() < birth.Day()) {
		age--
	}
	return max(age, 0)
}
