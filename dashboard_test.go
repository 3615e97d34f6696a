package hedui

import (
	"testing"
	"time"
)

func TestParseQuarter(t *testing.T) {
	tests := []struct {
		in       string
		want     Quarter
		from, to string
		ok       bool
	}{
		{"2026Q1", Quarter{2026, 1}, "2026-01-01", "2026-03-31", true},
		{"2024q4", Quarter{2024, 4}, "2024-10-01", "2024-12-31", true},
		{" 2025Q2 ", Quarter{2025, 2}, "2025-04-01", "2025-06-30", true},
		{"2025Q3", Quarter{2025, 3}, "2025-07-01", "2025-09-30", true},
		{"2026Q5", Quarter{}, "", "", false},
		{"2026Q0", Quarter{}, "", "", false},
		{"2026Q12", Quarter{}, "", "", false},
		{"2026", Quarter{}, "", "", false},
		{"Q1", Quarter{}, "", "", false},
		{"1999Q1", Quarter{}, "", "", false},
	}
	for _, tt := range tests {
		got, err := ParseQuarter(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseQuarter(%q) = %v, %v", tt.in, got, err)
			continue
		}
		if !tt.ok {
			if KindOf(err) != KindMalformed {
				t.Errorf("ParseQuarter(%q) error kind %v", tt.in, KindOf(err))
			}
			continue
		}
		if from, to := got.Span(); from.String() != tt.from || to.String() != tt.to {
			t.Errorf("%v.Span() = %s..%s", got, from, to)
		}
		if back, _ := ParseQuarter(got.String()); back != got {
			t.Errorf("%v does not round-trip", got)
		}
	}
	if p := (Quarter{2026, 1}).Prev(); p != (Quarter{2025, 4}) {
		t.Errorf("Prev of 2026Q1 = %v", p)
	}
	if l := (Quarter{2026, 4}).Label(); l != "2026年第4季度" {
		t.Errorf("Label = %s", l)
	}
}

func TestShareMeets(t *testing.T) {
	tests := []struct {
		s      Share
		target int
		meets  bool
		pct    float64
	}{
		{Share{0, 0}, 50, false, 0},
		{Share{1, 2}, 50, true, 50},
		{Share{49, 99}, 50, false, 100 * 49.0 / 99},
		{Share{999, 1000}, 100, false, 99.9},
		{Share{3, 3}, 100, true, 100},
	}
	for _, tt := range tests {
		if got := tt.s.Meets(tt.target); got != tt.meets {
			t.Errorf("%+v meets %d = %v", tt.s, tt.target, got)
		}
		if got := tt.s.Percent(); got != tt.pct {
			t.Errorf("%+v percent = %v, want %v", tt.s, got, tt.pct)
		}
	}
}

func TestTargetsOn(t *testing.T) {
	saved := PlanTargets
	t.Cleanup(func() { PlanTargets = saved })
	day := func(s string) Date { d, _ := ParseDate(s); return d }
	PlanTargets = append(append([]Targets{}, saved...), Targets{From: Date{time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)},
		Source: "示例：后续方案", NewVerified: 100, Reverified: 100, Sharing: 80})
	tests := []struct {
		on      string
		sharing int
	}{{"2014-01-01", 50}, {"2015-04-02", 50}, {"2026-12-31", 50}, {"2027-01-01", 80}, {"2030-06-30", 80}}
	for _, tt := range tests {
		if got := TargetsOn(day(tt.on)).Sharing; got != tt.sharing {
			t.Errorf("TargetsOn(%s).Sharing = %d, want %d", tt.on, got, tt.sharing)
		}
	}
}
