package workday

import (
	"fmt"
	"maps"
	"math/bits"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Kind says whether a notice entry is a day off or a day of work. The zero
// Kind is invalid so that a forgotten field is caught by SetYear. The values
// are stable and may be stored.
type Kind uint8

const (
	// Holiday is a day off (放假日), including weekend days inside a holiday
	// span, which the notices list as part of it.
	Holiday Kind = 1
	// Workday is an adjusted working day (调休上班日): a Saturday or Sunday
	// on which people work to make a holiday span longer.
	Workday Kind = 2
)

func (k Kind) String() string {
	switch k {
	case Holiday:
		return "holiday"
	case Workday:
		return "workday"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Day is one entry of a notice.
type Day struct {
	// Date is a civil date; see the package documentation. Values returned
	// by the package are at midnight UTC.
	Date time.Time
	Kind Kind
	// Name is the festival the entry belongs to, in Chinese, such as "春节".
	// For a Workday it names the festival whose span it pays for.
	Name string
}

// Date returns the civil date year-month-day at midnight UTC, the form in
// which the package returns dates. Out-of-range values are normalised as by
// time.Date.
func Date(year int, month time.Month, day int) time.Time {
	return time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
}

// civil drops the time of day and location, reading the date in t's own
// location so that 00:30 in Beijing is not taken for the previous day.
func civil(t time.Time) time.Time {
	y, m, d := t.Date()
	return Date(y, m, d)
}

// Calendar holds the notices it knows about. The zero value is an empty
// calendar that covers no year; New returns one with the official seed.
//
// Readers load an immutable snapshot through an atomic pointer, so queries
// never wait for, or see half of, a concurrent SetYear.
type Calendar struct {
	mu   sync.Mutex // serialises writers only
	snap atomic.Pointer[snapshot]
}

// snapshot is never modified once published.
type snapshot struct {
	notices map[int][]Day      // notice year -> entries sorted by date
	years   map[int]*yearTable // date year -> working days, for covered years
}

// yearTable has one bit per day of the year, set on working days, so that
// walking over long holidays costs a bit test per day and no map lookups.
type yearTable [6]uint64 // 6*64 >= 366

func (t *yearTable) isWorkday(yearDay int) bool {
	i := yearDay - 1
	return t[i/64]&(1<<(i%64)) != 0
}

func (t *yearTable) set(yearDay int, work bool) {
	i := yearDay - 1
	if work {
		t[i/64] |= 1 << (i % 64)
	} else {
		t[i/64] &^= 1 << (i % 64)
	}
}

// count returns the number of working days with year day in [lo, hi].
func (t *yearTable) count(lo, hi int) int {
	n := 0
	for i := lo - 1; i <= hi-1; {
		w, b := i/64, i%64
		// A word at a time keeps long ranges cheap: an overdue count or a
		// deadline may span months.
		end := min(hi-1, w*64+63)
		mask := ^uint64(0) >> (63 - (end - w*64)) &^ (1<<b - 1)
		n += bits.OnesCount64(t[w] & mask)
		i = end + 1
	}
	return n
}

func daysIn(year int) int {
	return Date(year, time.December, 31).YearDay()
}

var emptySnapshot = &snapshot{notices: map[int][]Day{}, years: map[int]*yearTable{}}

// seed is built once and shared by every calendar from New: snapshots are
// immutable, so sharing is safe and New stays cheap.
var seed = mustSeed()

func mustSeed() *snapshot {
	notices := make(map[int][]Day, len(official))
	for year, days := range official {
		clean, err := validate(year, days)
		if err != nil {
			// official.go is generated and tested; reaching this means it
			// was edited by hand.
			panic(err)
		}
		notices[year] = clean
	}
	return build(notices)
}

// New returns a calendar holding the official notices for 2015 to 2027.
func New() *Calendar {
	c := new(Calendar)
	c.snap.Store(seed)
	return c
}

func (c *Calendar) load() *snapshot {
	if s := c.snap.Load(); s != nil {
		return s
	}
	return emptySnapshot
}

// build derives the per-year working-day tables. Later notices win where two
// notices name the same December date, since the later one was issued with
// knowledge of the earlier.
func build(notices map[int][]Day) *snapshot {
	s := &snapshot{notices: notices, years: make(map[int]*yearTable, len(notices))}
	for year, days := range notices {
		t := new(yearTable)
		for d := Date(year, time.January, 1); d.Year() == year; d = d.AddDate(0, 0, 1) {
			wd := d.Weekday()
			t.set(d.YearDay(), wd != time.Saturday && wd != time.Sunday)
		}
		apply := func(days []Day) {
			for _, d := range days {
				if d.Date.Year() == year {
					t.set(d.Date.YearDay(), d.Kind == Workday)
				}
			}
		}
		apply(days)
		apply(notices[year+1])
		s.years[year] = t
	}
	return s
}

// Covers reports whether the notice for year is loaded, that is whether
// dates in year can be answered.
func (c *Calendar) Covers(year int) bool {
	_, ok := c.load().notices[year]
	return ok
}

// Years returns the notice years loaded, in increasing order.
func (c *Calendar) Years() []int {
	return slices.Sorted(maps.Keys(c.load().notices))
}

// Days returns a copy of the entries of the notice for year, sorted by date,
// for display or storage. It reports false if that notice is not loaded.
func (c *Calendar) Days(year int) ([]Day, bool) {
	days, ok := c.load().notices[year]
	return slices.Clone(days), ok
}

// SetYear replaces the notice for year with days, after checking that each
// date lies in year (or in December of year-1, for the New Year
// arrangement), that no date is listed twice, that every Workday is a
// Saturday or Sunday, and that days is not empty: every notice has
// holidays, and an empty one would make the year plain Monday to Friday.
// Dates are normalised to civil dates. Errors match ErrInvalidSchedule.
func (c *Calendar) SetYear(year int, days []Day) error {
	clean, err := validate(year, days)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	notices := maps.Clone(c.load().notices)
	notices[year] = clean
	c.snap.Store(build(notices))
	return nil
}

// RemoveYear drops the notice for year, for undoing a mistaken SetYear. It
// reports whether the notice was loaded.
func (c *Calendar) RemoveYear(year int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.load().notices
	if _, ok := old[year]; !ok {
		return false
	}
	notices := maps.Clone(old)
	delete(notices, year)
	c.snap.Store(build(notices))
	return true
}

func validate(year int, days []Day) ([]Day, error) {
	if len(days) == 0 {
		return nil, &ScheduleError{Year: year,
			problem:   "no entries; a notice always has holidays",
			problemZH: "没有任何放假或调休上班日期"}
	}
	clean := make([]Day, len(days))
	kinds := make(map[time.Time]Kind, len(days))
	for i, d := range days {
		d.Date = civil(d.Date)
		inYear := d.Date.Year() == year ||
			d.Date.Year() == year-1 && d.Date.Month() == time.December
		switch {
		case d.Kind != Holiday && d.Kind != Workday:
			return nil, &ScheduleError{Year: year, Date: d.Date,
				problem:   fmt.Sprintf("unknown kind %d", uint8(d.Kind)),
				problemZH: "未标明是放假日还是调休上班日"}
		case !inYear:
			return nil, &ScheduleError{Year: year, Date: d.Date,
				problem:   "date outside the notice year",
				problemZH: "不在该年度内"}
		case d.Kind == Workday && !isWeekend(d.Date):
			return nil, &ScheduleError{Year: year, Date: d.Date,
				problem:   "adjusted working day is not a Saturday or Sunday",
				problemZH: "不是周六或周日，无需设为调休上班日"}
		}
		if prev, dup := kinds[d.Date]; dup {
			if prev != d.Kind {
				return nil, &ScheduleError{Year: year, Date: d.Date,
					problem:   "listed as both holiday and workday",
					problemZH: "同时被设为放假日和调休上班日"}
			}
			return nil, &ScheduleError{Year: year, Date: d.Date,
				problem:   "listed twice",
				problemZH: "重复录入"}
		}
		kinds[d.Date] = d.Kind
		clean[i] = d
	}
	slices.SortFunc(clean, func(a, b Day) int { return a.Date.Compare(b.Date) })
	return clean, nil
}

func isWeekend(d time.Time) bool {
	wd := d.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// table returns the working-day table of year, or the error that the whole
// package promises instead of a Monday-to-Friday guess.
func (s *snapshot) table(year int) (*yearTable, error) {
	if t, ok := s.years[year]; ok {
		return t, nil
	}
	return nil, &NoCalendarError{Year: year}
}

// IsWorkday reports whether the civil date of d is a working day. The error
// matches ErrNoCalendar when d's year is not covered.
func (c *Calendar) IsWorkday(d time.Time) (bool, error) {
	d = civil(d)
	t, err := c.load().table(d.Year())
	if err != nil {
		return false, err
	}
	return t.isWorkday(d.YearDay()), nil
}

// AddWorkdays returns the date n working days after start: the day on which
// the n-th working day following start falls, start itself not counted.
// This is the deadline of "reply within n working days" of a request
// received on start. For n == 0 it returns start's civil date, whether or
// not start is a working day. Reaching a year that is not covered is an
// error matching ErrNoCalendar; n < 0 is an error.
func (c *Calendar) AddWorkdays(start time.Time, n int) (time.Time, error) {
	if n < 0 {
		return time.Time{}, fmt.Errorf("workday: AddWorkdays with negative n %d", n)
	}
	start = civil(start)
	if n == 0 {
		return start, nil
	}
	s := c.load()
	year, day := start.Year(), start.YearDay()
	for {
		last := daysIn(year)
		if day < last {
			t, err := s.table(year)
			if err != nil {
				return time.Time{}, err
			}
			if avail := t.count(day+1, last); avail < n {
				n -= avail
			} else {
				// The answer is in this year; find the day that holds the
				// n-th working day.
				for {
					day++
					if t.isWorkday(day) {
						if n--; n == 0 {
							return Date(year, time.January, day), nil
						}
					}
				}
			}
		}
		year, day = year+1, 0
	}
}

// WorkdaysBetween counts the working days in (from, to]: from itself is not
// counted, to is. Thus WorkdaysBetween(d, AddWorkdays(d, n)) == n, and for
// a deadline, WorkdaysBetween(deadline, today) > 0 is how many working days
// a reply is overdue. If to is before from the result is the negated count
// for (to, from]. Only the counted days need to be covered.
func (c *Calendar) WorkdaysBetween(from, to time.Time) (int, error) {
	from, to = civil(from), civil(to)
	sign := 1
	if to.Before(from) {
		from, to, sign = to, from, -1
	}
	s := c.load()
	n := 0
	for year := from.Year(); year <= to.Year(); year++ {
		lo, hi := 1, daysIn(year)
		if year == from.Year() {
			lo = from.YearDay() + 1
		}
		if year == to.Year() {
			hi = to.YearDay()
		}
		if lo > hi {
			continue
		}
		t, err := s.table(year)
		if err != nil {
			return 0, err
		}
		n += t.count(lo, hi)
	}
	return sign * n, nil
}
