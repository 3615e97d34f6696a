package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"

	"hedui/workday"
)

// TestOfficialUpToDate fails when official.go was edited by hand, or when
// lunar-go was upgraded without regenerating (go generate ./workday).
func TestOfficialUpToDate(t *testing.T) {
	want, err := generate(defaultFrom, defaultTo)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join("..", "..", "official.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("workday/official.go is stale; run go generate ./workday")
	}
}

// TestSeedMatchesLunarGo compares the runtime calendar with lunar-go day by
// day, so that the grouping by notice year and the December carry-over in
// workday cannot drift from the source.
func TestSeedMatchesLunarGo(t *testing.T) {
	cal := workday.New()
	for day := workday.Date(defaultFrom, time.January, 1); day.Year() <= defaultTo; day = day.AddDate(0, 0, 1) {
		want := day.Weekday() != time.Saturday && day.Weekday() != time.Sunday
		if h := HolidayUtil.GetHoliday(day.Format(time.DateOnly)); h != nil {
			want = h.IsWork()
		}
		got, err := cal.IsWorkday(day)
		if err != nil {
			t.Fatalf("IsWorkday(%s): %v", day.Format(time.DateOnly), err)
		}
		if got != want {
			t.Errorf("IsWorkday(%s) = %v, lunar-go says %v", day.Format(time.DateOnly), got, want)
		}
	}
}

func TestCollect(t *testing.T) {
	tests := []struct {
		name     string
		from, to int
		wantErr  bool
		check    func(t *testing.T, entries []entry)
	}{
		{
			name: "2019 notice takes the end of 2018",
			from: 2019, to: 2019,
			check: func(t *testing.T, entries []entry) {
				first := entries[0]
				if first.notice != 2019 || first.date != workday.Date(2018, time.December, 29) || !first.work {
					t.Errorf("first entry = %+v, want 2018-12-29 worked, notice 2019", first)
				}
			},
		},
		{
			name: "2018 notice leaves its December to 2019",
			from: 2018, to: 2018,
			check: func(t *testing.T, entries []entry) {
				last := entries[len(entries)-1]
				if last.date.Month() == time.December {
					t.Errorf("last entry = %+v, want none in December", last)
				}
			},
		},
		{name: "reversed range", from: 2020, to: 2019, wantErr: true},
		{name: "year lunar-go does not have", from: 2099, to: 2099, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries, err := collect(tt.from, tt.to)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("collect(%d, %d) succeeded with %d entries", tt.from, tt.to, len(entries))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, entries)
		})
	}
}
