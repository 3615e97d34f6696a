package workday

import (
	"errors"
	"testing"
	"time"
)

// naiveAdd is the definition of AddWorkdays spelled out one day at a time,
// as a reference for the word-at-a-time implementation.
func naiveAdd(c *Calendar, start time.Time, n int) (time.Time, error) {
	day := civil(start)
	for n > 0 {
		day = day.AddDate(0, 0, 1)
		ok, err := c.IsWorkday(day)
		if err != nil {
			return time.Time{}, err
		}
		if ok {
			n--
		}
	}
	return day, nil
}

// checkAdd asserts the properties that deadline code relies on.
func checkAdd(t *testing.T, c *Calendar, start time.Time, n int) {
	t.Helper()
	got, err := c.AddWorkdays(start, n)
	want, wantErr := naiveAdd(c, start, n)
	if (err == nil) != (wantErr == nil) || got != want {
		t.Fatalf("AddWorkdays(%s, %d) = %v, %v; reference gives %v, %v",
			start.Format(time.DateOnly), n, got, err, want, wantErr)
	}
	if err != nil {
		if !errors.Is(err, ErrNoCalendar) {
			t.Fatalf("AddWorkdays(%s, %d): unexpected error %v", start.Format(time.DateOnly), n, err)
		}
		return
	}
	if n > 0 {
		if ok, err := c.IsWorkday(got); err != nil || !ok {
			t.Fatalf("AddWorkdays(%s, %d) = %s, not a working day (%v)", start.Format(time.DateOnly), n, got.Format(time.DateOnly), err)
		}
	}
	between, err := c.WorkdaysBetween(start, got)
	if err != nil || between != n {
		t.Fatalf("WorkdaysBetween(%s, %s) = %d, %v; want %d", start.Format(time.DateOnly), got.Format(time.DateOnly), between, err, n)
	}
	if back, err := c.WorkdaysBetween(got, start); err != nil || back != -n {
		t.Fatalf("WorkdaysBetween(%s, %s) = %d, %v; want %d", got.Format(time.DateOnly), start.Format(time.DateOnly), back, err, -n)
	}
}

// TestAddWorkdaysProperties starts from every seeded date, so that every
// holiday span and year boundary is crossed, including the step from the
// last covered year into an uncovered one.
func TestAddWorkdaysProperties(t *testing.T) {
	c := New()
	ns := []int{0, 1, 2, 3, 5, 7, 10, 15, 20, 30, 60, 300}
	if testing.Short() {
		ns = []int{1, 7, 30}
	}
	for start := d(2015, 1, 1); start.Year() <= 2027; start = start.AddDate(0, 0, 1) {
		for _, n := range ns {
			checkAdd(t, c, start, n)
		}
	}
}

func FuzzAddWorkdays(f *testing.F) {
	// The fuzzer varies the start as a day offset from the first seeded day.
	first := d(2015, 1, 1)
	offset := func(day time.Time) uint16 { return uint16(day.Sub(first) / (24 * time.Hour)) }
	f.Add(offset(d(2026, 9, 28)), uint16(7))  // across 国庆节
	f.Add(offset(d(2026, 2, 13)), uint16(2))  // across 春节 and a worked Saturday
	f.Add(offset(d(2018, 12, 28)), uint16(3)) // across a notice reaching into December
	f.Add(offset(d(2027, 12, 28)), uint16(5)) // into uncovered 2028
	f.Add(uint16(0), uint16(0))
	c := New()
	f.Fuzz(func(t *testing.T, off, n uint16) {
		const span = 13 * 366 // a little past the seeded years
		start := first.AddDate(0, 0, int(off)%span)
		checkAdd(t, c, start, int(n)%1000)
	})
}

func BenchmarkAddWorkdays(b *testing.B) {
	c := New()
	for _, bc := range []struct {
		name string
		n    int
	}{
		{"7", 7},
		{"250", 250},
		{"2500", 2500},
	} {
		b.Run(bc.name, func(b *testing.B) {
			start := d(2016, 9, 28)
			for b.Loop() {
				if _, err := c.AddWorkdays(start, bc.n); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkIsWorkday(b *testing.B) {
	c := New()
	day := d(2026, 10, 8)
	for b.Loop() {
		if _, err := c.IsWorkday(day); err != nil {
			b.Fatal(err)
		}
	}
}
