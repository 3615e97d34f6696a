package rules

import (
	"testing"
	"time"

	"hedui"
)

func TestRoundDiv(t *testing.T) {
	tests := []struct{ x, n, want int64 }{
		{0, 12, 0}, {5, 2, 3}, {7, 2, 4}, {4, 3, 1}, {5, 3, 2}, {719994, 12, 60000}, {719993, 12, 59999},
		{-5, 2, -2}, {-7, 2, -3}, {-4, 3, -1}, {-5, 3, -2}, {1020000, 18, 56667},
	}
	for _, tt := range tests {
		if got := roundDiv(tt.x, tt.n); got != tt.want {
			t.Errorf("roundDiv(%d, %d) = %d, want %d", tt.x, tt.n, got, tt.want)
		}
	}
}

// Shares of every month add up to the amount, whatever the rounding.
func TestPortionSums(t *testing.T) {
	for _, amount := range []int64{0, 1, 5, 100, 99999, 120000, 1234567, -7001} {
		for n := int64(1); n <= 24; n++ {
			var sum int64
			for p := 0; p < int(n); p++ {
				sum += portion(amount, n, p, p)
			}
			if sum != amount || portion(amount, n, 0, int(n)-1) != amount {
				t.Errorf("amount %d over %d months: shares add up to %d", amount, n, sum)
			}
		}
	}
}

func TestWindow(t *testing.T) {
	w := lookback(asOf, 6) // 2025-09 … 2026-02
	if got, want := w.first, 2025*12+8; got != want {
		t.Fatalf("first month %d, want %d", got, want)
	}
	tests := []struct {
		name     string
		from, to string
		amount   int64
		want     int64
	}{
		{"inside", "2025-10-01", "2025-10-31", 5000, 5000},
		{"before", "2025-08-01", "2025-08-31", 5000, 0},
		{"as-of month is not complete", "2026-03-01", "2026-03-31", 5000, 0},
		{"calendar year 2025: 4 of 12 months", "2025-01-01", "2025-12-31", 120000, 40000},
		{"twelve months ending in February: 6 of 12", "2025-03-01", "2026-02-28", 120000, 60000},
		{"zero period is the window", "", "", 7777, 7777},
		{"end before start is one month", "2025-11-01", "2025-10-01", 300, 300},
	}
	for _, tt := range tests {
		var from, to hedui.Date
		if tt.from != "" {
			from, to = day(tt.from), day(tt.to)
		}
		a, b := w.span(from, to)
		if got := w.inWindow(tt.amount, a, b); got != tt.want {
			t.Errorf("%s: %d in window, want %d", tt.name, got, tt.want)
		}
	}
}

func TestAgeOn(t *testing.T) {
	on := time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		birth string
		want  int
	}{
		{"1966-03-15", 60}, {"1966-03-16", 59}, {"1966-02-28", 60}, {"2026-03-15", 0}, {"2010-03-14", 16}, {"2010-03-16", 15},
	}
	for _, tt := range tests {
		if got := ageOn(day(tt.birth).Time, on); got != tt.want {
			t.Errorf("born %s: age %d, want %d", tt.birth, got, tt.want)
		}
	}
}

func TestTolerance(t *testing.T) {
	tol := tolerance{fen: 10000, bp: 500}
	tests := []struct {
		declared, found int64
		want            bool
	}{
		{0, 0, true}, {0, 10000, true}, {0, 10001, false}, {10000, 0, true}, {285000, 300000, true}, {284999, 300000, false},
		{300000, 285000, true}, {300000, 284999, false}, // symmetric: 5 % of the larger amount
	}
	for _, tt := range tests {
		if got := tol.within(tt.declared, tt.found); got != tt.want {
			t.Errorf("within(%d, %d) = %v, want %v", tt.declared, tt.found, got, tt.want)
		}
	}
	if !(tolerance{}).within(5, 5) || (tolerance{}).within(5, 6) {
		t.Error("zero tolerance must need equal amounts")
	}
}

func TestItemIndexCoversItems(t *testing.T) {
	seen := map[int]bool{}
	for _, it := range hedui.Items {
		k := itemIndex(it)
		if k < 0 || k >= numItems || seen[k] {
			t.Errorf("item %s has index %d", it, k)
		}
		seen[k] = true
	}
	if itemIndex("salary") != -1 {
		t.Error("unknown item has an index")
	}
}

// Every record kind of the vocabulary has a use: nothing a department is
// documented to send is unknown to the comparison.
func TestRecordKindsMapped(t *testing.T) {
	for item, kinds := range hedui.RecordKinds {
		for _, k := range kinds {
			if _, u := recordUse(item, k); u == useUnknown {
				t.Errorf("%s/%s not mapped", item, k)
			}
		}
	}
	if _, u := recordUse(hedui.ItemBank, hedui.RecordPension); u != useUnknown {
		t.Error("a pension from the bank should be unknown")
	}
}
