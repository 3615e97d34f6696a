package workday

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"
)

// beijing is fixed rather than loaded so the tests need no tzdata.
var beijing = time.FixedZone("CST", 8*60*60)

func d(year int, month time.Month, day int) time.Time { return Date(year, month, day) }

func TestIsWorkday(t *testing.T) {
	c := New()
	tests := []struct {
		date time.Time
		want bool
		why  string
	}{
		{d(2026, 2, 14), true, "Saturday worked for 春节 2026"},
		{d(2026, 2, 28), true, "Saturday worked for 春节 2026"},
		{d(2026, 2, 16), false, "Monday in 春节 2026"},
		{d(2026, 2, 23), false, "last day of 春节 2026, a Monday"},
		{d(2026, 2, 24), true, "first Tuesday after 春节 2026"},
		{d(2026, 10, 1), false, "国庆节 2026"},
		{d(2026, 10, 7), false, "last day of 国庆节 2026"},
		// The 2026 notice gives National Day as 10月1日至7日; 10-08 is a
		// Thursday back at work. (In 2025 the combined 国庆中秋 ran to
		// 10-08, checked below.)
		{d(2026, 10, 8), true, "Thursday after 国庆节 2026"},
		{d(2026, 10, 10), true, "Saturday worked for 国庆节 2026"},
		{d(2026, 9, 20), true, "Sunday worked for 国庆节 2026"},
		{d(2026, 9, 25), false, "中秋节 2026, a Friday"},
		{d(2026, 3, 7), false, "ordinary Saturday"},
		{d(2026, 3, 9), true, "ordinary Monday"},
		{d(2026, 1, 4), true, "Sunday worked for 元旦 2026"},
		{d(2025, 1, 26), true, "Sunday worked for 春节 2025"},
		{d(2025, 10, 11), true, "Saturday worked for 国庆中秋 2025"},
		{d(2025, 10, 8), false, "last day of 国庆中秋 2025"},
		{d(2024, 2, 4), true, "Sunday worked for 春节 2024"},
		{d(2024, 10, 1), false, "国庆节 2024"},
		{d(2015, 9, 3), false, "抗战胜利日 2015"},
		{d(2015, 9, 6), true, "Sunday worked for 抗战胜利日 2015"},
		// The New Year arrangement of the 2019 notice reaches into 2018.
		{d(2018, 12, 29), true, "Saturday worked for 元旦 2019"},
		{d(2018, 12, 31), false, "Monday off for 元旦 2019"},
		{d(2027, 12, 31), true, "ordinary Friday; no 2028 notice yet"},
	}
	for _, tt := range tests {
		t.Run(tt.date.Format(time.DateOnly), func(t *testing.T) {
			got, err := c.IsWorkday(tt.date)
			if err != nil {
				t.Fatalf("IsWorkday: %v", err)
			}
			if got != tt.want {
				t.Errorf("IsWorkday = %v, want %v (%s)", got, tt.want, tt.why)
			}
		})
	}
}

func TestIsWorkdayNoCalendar(t *testing.T) {
	c := New()
	tests := []struct {
		date time.Time
		year int
	}{
		{d(2028, 1, 3), 2028},
		{d(2014, 6, 3), 2014},
		{time.Date(2027, 12, 31, 23, 30, 0, 0, time.UTC).In(beijing), 2028},
	}
	for _, tt := range tests {
		t.Run(tt.date.String(), func(t *testing.T) {
			_, err := c.IsWorkday(tt.date)
			if !errors.Is(err, ErrNoCalendar) {
				t.Fatalf("err = %v, want ErrNoCalendar", err)
			}
			var nc *NoCalendarError
			if !errors.As(err, &nc) || nc.Year != tt.year {
				t.Fatalf("err = %#v, want NoCalendarError for %d", err, tt.year)
			}
			msg, ok := ChineseMessage(err)
			want := fmt.Sprintf("%d年的节假日安排尚未录入，请管理员先录入国务院办公厅当年的放假通知", tt.year)
			if !ok || msg != want {
				t.Errorf("ChineseMessage = %q, %v; want %q", msg, ok, want)
			}
		})
	}
}

func TestIsWorkdayUsesCivilDateInOwnLocation(t *testing.T) {
	c := New()
	tests := []struct {
		name string
		t    time.Time
		want bool
	}{
		// 00:30 on 10-01 in Beijing is still 09-30 (a working Wednesday) in UTC.
		{"Beijing just after midnight", time.Date(2026, 10, 1, 0, 30, 0, 0, beijing), false},
		{"same instant in UTC", time.Date(2026, 10, 1, 0, 30, 0, 0, beijing).UTC(), true},
		{"late evening", time.Date(2026, 2, 14, 23, 59, 59, 0, beijing), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.IsWorkday(tt.t)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("IsWorkday(%v) = %v, want %v", tt.t, got, tt.want)
			}
		})
	}
}

func TestAddWorkdays(t *testing.T) {
	c := New()
	tests := []struct {
		name    string
		start   time.Time
		n       int
		want    time.Time
		wantErr error
	}{
		// 09-29, 09-30, [10-01..07 off], 10-08, 10-09, 10-10 (Sat, worked), 10-12, 10-13.
		{"across National Day 2026", d(2026, 9, 28), 7, d(2026, 10, 13), nil},
		{"onto a worked Saturday", d(2026, 2, 13), 1, d(2026, 2, 14), nil},
		{"across 春节 2026", d(2026, 2, 13), 2, d(2026, 2, 24), nil},
		{"worked Saturday after 春节", d(2026, 2, 27), 1, d(2026, 2, 28), nil},
		{"skips ordinary weekend", d(2026, 3, 6), 1, d(2026, 3, 9), nil},
		{"start on a holiday", d(2026, 10, 3), 1, d(2026, 10, 8), nil},
		{"n is zero", d(2026, 10, 1), 0, d(2026, 10, 1), nil},
		{"n is zero drops time of day", time.Date(2026, 10, 1, 15, 4, 5, 0, beijing), 0, d(2026, 10, 1), nil},
		{"n is zero in uncovered year", d(2030, 5, 6), 0, d(2030, 5, 6), nil},
		// 12-31, [01-01..03 off], 01-04 (Sun, worked), 01-05.
		{"into next covered year", d(2025, 12, 30), 3, d(2026, 1, 5), nil},
		{"from 2018 into 2019 notice", d(2018, 12, 28), 1, d(2018, 12, 29), nil},
		{"start on last day of uncovered year", d(2014, 12, 31), 1, d(2015, 1, 4), nil},
		{"into uncovered year", d(2027, 12, 28), 5, time.Time{}, ErrNoCalendar},
		{"start in uncovered year", d(2028, 3, 1), 1, time.Time{}, ErrNoCalendar},
		{"negative n", d(2026, 3, 2), -1, time.Time{}, errNegative},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.AddWorkdays(tt.start, tt.n)
			switch {
			case tt.wantErr == errNegative:
				if err == nil {
					t.Fatalf("AddWorkdays = %v, want an error", got)
				}
				return
			case tt.wantErr != nil:
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("AddWorkdays = %v, %v; want error %v", got, err, tt.wantErr)
				}
				return
			case err != nil:
				t.Fatalf("AddWorkdays: %v", err)
			}
			if !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Errorf("AddWorkdays(%s, %d) = %v, want %v", tt.start.Format(time.DateOnly), tt.n, got, tt.want)
			}
		})
	}
}

// errNegative marks test cases expecting some error, of no exported type.
var errNegative = errors.New("any error")

func TestWorkdaysBetween(t *testing.T) {
	c := New()
	tests := []struct {
		name     string
		from, to time.Time
		want     int
		wantErr  bool
	}{
		{"same day", d(2026, 10, 1), d(2026, 10, 1), 0, false},
		{"same day, uncovered", d(2030, 1, 1), d(2030, 1, 1), 0, false},
		{"next day is a holiday", d(2026, 9, 30), d(2026, 10, 1), 0, false},
		{"across National Day 2026", d(2026, 9, 28), d(2026, 10, 13), 7, false},
		{"reversed", d(2026, 10, 13), d(2026, 9, 28), -7, false},
		{"to is counted", d(2026, 2, 13), d(2026, 2, 14), 1, false},
		{"whole year 2026", d(2025, 12, 31), d(2026, 12, 31), 248, false},
		{"from last day of uncovered year", d(2014, 12, 31), d(2015, 1, 5), 2, false},
		{"into uncovered year", d(2027, 12, 1), d(2028, 1, 5), 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.WorkdaysBetween(tt.from, tt.to)
			if tt.wantErr {
				if !errors.Is(err, ErrNoCalendar) {
					t.Fatalf("WorkdaysBetween = %d, %v; want ErrNoCalendar", got, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("WorkdaysBetween = %d, want %d", got, tt.want)
			}
		})
	}
}

// TestWorkdayTotals checks each seeded year as a whole, against a figure
// that does not come from lunar-go: since every notice pays for the bridge
// days it grants with worked weekend days, and moves statutory days that fall
// on a weekend to a weekday, a year has its Monday-to-Friday count less its
// statutory days off.
func TestWorkdayTotals(t *testing.T) {
	statutory := func(year int) int {
		switch {
		case year == 2015:
			return 12 // one-off day for the 70th anniversary of victory (抗战胜利日)
		case year == 2020:
			return 13 // Spring Festival extended for COVID-19, two more days off
		case year >= 2025:
			return 13 // revised rules add a day each to 春节 and 劳动节
		}
		return 11
	}
	c := New()
	for year := 2015; year <= 2027; year++ {
		weekdays := 0
		for day := d(year, 1, 1); day.Year() == year; day = day.AddDate(0, 0, 1) {
			if wd := day.Weekday(); wd != time.Saturday && wd != time.Sunday {
				weekdays++
			}
		}
		got, err := c.WorkdaysBetween(d(year-1, 12, 31), d(year, 12, 31))
		if err != nil {
			t.Fatal(err)
		}
		if want := weekdays - statutory(year); got != want {
			t.Errorf("%d has %d working days, want %d", year, got, want)
		}
	}
}

func TestSetYear(t *testing.T) {
	notice2028 := []Day{
		{Date: d(2028, 1, 1), Kind: Holiday, Name: "元旦"},
		{Date: d(2028, 1, 3), Kind: Holiday, Name: "元旦"},
		{Date: time.Date(2028, 1, 23, 9, 0, 0, 0, beijing), Kind: Workday, Name: "春节"},
	}
	c := New()
	if err := c.SetYear(2028, notice2028); err != nil {
		t.Fatalf("SetYear: %v", err)
	}
	if !c.Covers(2028) {
		t.Fatal("Covers(2028) = false after SetYear")
	}
	for _, tt := range []struct {
		date time.Time
		want bool
	}{
		{d(2028, 1, 3), false},
		{d(2028, 1, 4), true},
		{d(2028, 1, 23), true},
		{d(2028, 1, 22), false},
	} {
		got, err := c.IsWorkday(tt.date)
		if err != nil || got != tt.want {
			t.Errorf("IsWorkday(%s) = %v, %v; want %v", tt.date.Format(time.DateOnly), got, err, tt.want)
		}
	}
	days, _ := c.Days(2028)
	if got := days[2].Date; got != d(2028, 1, 23) {
		t.Errorf("stored date = %v, want normalised 2028-01-23 UTC", got)
	}
	if New().Covers(2028) {
		t.Error("SetYear on one calendar changed another")
	}
}

func TestSetYearRejects(t *testing.T) {
	hol := func(y int, m time.Month, day int) Day { return Day{Date: d(y, m, day), Kind: Holiday, Name: "测试"} }
	work := func(y int, m time.Month, day int) Day { return Day{Date: d(y, m, day), Kind: Workday, Name: "测试"} }
	tests := []struct {
		name   string
		days   []Day
		wantZH string
	}{
		{"empty", nil, "2028年的放假安排有误：没有任何放假或调休上班日期"},
		{"holiday and workday", []Day{hol(2028, 1, 1), work(2028, 1, 1)}, "2028年的放假安排有误：2028-01-01 同时被设为放假日和调休上班日"},
		{"twice", []Day{hol(2028, 1, 3), hol(2028, 1, 3)}, "2028年的放假安排有误：2028-01-03 重复录入"},
		{"other year", []Day{hol(2029, 1, 1)}, "2028年的放假安排有误：2029-01-01 不在该年度内"},
		{"November of previous year", []Day{hol(2027, 11, 30)}, "2028年的放假安排有误：2027-11-30 不在该年度内"},
		{"workday on a weekday", []Day{work(2028, 1, 4)}, "2028年的放假安排有误：2028-01-04 不是周六或周日，无需设为调休上班日"},
		{"zero kind", []Day{{Date: d(2028, 1, 1)}}, "2028年的放假安排有误：2028-01-01 未标明是放假日还是调休上班日"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New()
			err := c.SetYear(2028, tt.days)
			if !errors.Is(err, ErrInvalidSchedule) {
				t.Fatalf("SetYear err = %v, want ErrInvalidSchedule", err)
			}
			if msg, ok := ChineseMessage(err); !ok || msg != tt.wantZH {
				t.Errorf("ChineseMessage = %q, %v; want %q", msg, ok, tt.wantZH)
			}
			if c.Covers(2028) {
				t.Error("rejected notice was stored")
			}
		})
	}
}

// TestNoticeReachesPreviousDecember checks that the New Year arrangement of
// a notice applies to the December before it, and only once that notice is
// loaded.
func TestNoticeReachesPreviousDecember(t *testing.T) {
	c := New()
	notice2019, _ := c.Days(2019)
	if !c.RemoveYear(2019) {
		t.Fatal("RemoveYear(2019) = false")
	}
	if c.RemoveYear(2019) {
		t.Fatal("second RemoveYear(2019) = true")
	}
	check := func(date time.Time, want bool) {
		t.Helper()
		got, err := c.IsWorkday(date)
		if err != nil || got != want {
			t.Errorf("IsWorkday(%s) = %v, %v; want %v", date.Format(time.DateOnly), got, err, want)
		}
	}
	check(d(2018, 12, 31), true)
	check(d(2018, 12, 29), false)
	if err := c.SetYear(2019, notice2019); err != nil {
		t.Fatal(err)
	}
	check(d(2018, 12, 31), false)
	check(d(2018, 12, 29), true)
}

func TestDaysIsACopy(t *testing.T) {
	c := New()
	days, ok := c.Days(2026)
	if !ok || len(days) == 0 {
		t.Fatalf("Days(2026) = %d entries, %v", len(days), ok)
	}
	if !slices.IsSortedFunc(days, func(a, b Day) int { return a.Date.Compare(b.Date) }) {
		t.Error("Days(2026) is not sorted by date")
	}
	days[0] = Day{Date: d(2026, 3, 9), Kind: Holiday}
	if again, _ := c.Days(2026); again[0].Date != d(2026, 1, 1) {
		t.Error("changing the result of Days changed the calendar")
	}

	input := []Day{{Date: d(2028, 1, 3), Kind: Holiday, Name: "元旦"}}
	if err := c.SetYear(2028, input); err != nil {
		t.Fatal(err)
	}
	input[0].Date = d(2028, 1, 4)
	if ok, _ := c.IsWorkday(d(2028, 1, 4)); !ok {
		t.Error("changing the slice passed to SetYear changed the calendar")
	}
	if _, ok := c.Days(2030); ok {
		t.Error("Days(2030) reported a notice")
	}
}

func TestCoverage(t *testing.T) {
	var want []int
	for y := 2015; y <= 2027; y++ {
		want = append(want, y)
	}
	if got := New().Years(); !slices.Equal(got, want) {
		t.Errorf("New().Years() = %v, want %v", got, want)
	}
	for _, tt := range []struct {
		year int
		want bool
	}{{2014, false}, {2015, true}, {2027, true}, {2028, false}} {
		if got := New().Covers(tt.year); got != tt.want {
			t.Errorf("Covers(%d) = %v, want %v", tt.year, got, tt.want)
		}
	}
}

func TestZeroCalendar(t *testing.T) {
	var c Calendar
	if c.Covers(2026) || len(c.Years()) != 0 {
		t.Fatal("zero Calendar covers something")
	}
	if _, err := c.IsWorkday(d(2026, 3, 9)); !errors.Is(err, ErrNoCalendar) {
		t.Fatalf("IsWorkday on zero Calendar: err = %v", err)
	}
	if err := c.SetYear(2026, []Day{{Date: d(2026, 1, 1), Kind: Holiday}}); err != nil {
		t.Fatal(err)
	}
	if ok, err := c.IsWorkday(d(2026, 1, 2)); err != nil || !ok {
		t.Errorf("IsWorkday(2026-01-02) = %v, %v; want true", ok, err)
	}
}

func TestChineseMessageOtherErrors(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
		ok   bool
	}{
		{"nil", nil, "", false},
		{"unrelated", errors.New("boom"), "", false},
		{"wrapped", fmt.Errorf("deadline: %w", &NoCalendarError{Year: 2029}),
			"2029年的节假日安排尚未录入，请管理员先录入国务院办公厅当年的放假通知", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ChineseMessage(tt.err)
			if got != tt.want || ok != tt.ok {
				t.Errorf("ChineseMessage = %q, %v; want %q, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{Holiday: "holiday", Workday: "workday", 0: "Kind(0)"} {
		if got := k.String(); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", uint8(k), got, want)
		}
	}
}

// TestConcurrentUse is meant for go test -race: readers run while notices
// are replaced and removed.
func TestConcurrentUse(t *testing.T) {
	c := New()
	notice2026, _ := c.Days(2026)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i := range 200 {
				start := d(2026, 1, 1).AddDate(0, 0, i)
				if _, err := c.AddWorkdays(start, 7); err != nil {
					t.Error(err)
					return
				}
				c.Covers(2028)
				c.Days(2026)
			}
		})
	}
	wg.Go(func() {
		for range 50 {
			if err := c.SetYear(2026, notice2026); err != nil {
				t.Error(err)
			}
			c.SetYear(2028, []Day{{Date: d(2028, 1, 3), Kind: Holiday}})
			c.RemoveYear(2028)
		}
	})
	wg.Wait()
}
