package exchange

import (
	"context"
	"time"

	"hedui"
	"hedui/workday"
)

// CalendarStore is where admins' holiday notices are kept.
type CalendarStore interface {
	HolidayYears(ctx context.Context) (map[int][]hedui.CalendarDay, error)
}

// LoadCalendar returns the official calendar with the years stored by
// admins laid over it: a stored year replaces the compiled-in one.
func LoadCalendar(ctx context.Context, st CalendarStore) (*workday.Calendar, error) {
	cal := workday.New()
	years, err := st.HolidayYears(ctx)
	if err != nil {
		return nil, err
	}
	for y, days := range years {
		if err := cal.SetYear(y, ToWorkdays(days)); err != nil {
			return nil, err
		}
	}
	return cal, nil
}

// ToWorkdays converts stored calendar entries to the workday package's.
func ToWorkdays(days []hedui.CalendarDay) []workday.Day {
	out := make([]workday.Day, len(days))
	for i, d := range days {
		k := workday.Holiday
		if d.Workday {
			k = workday.Workday
		}
		out[i] = workday.Day{Date: d.Date.Time, Kind: k, Name: d.Name}
	}
	return out
}

// DueFunc adapts a calendar to the store's due-date callback; a year
// without calendar data is an error with the Chinese message for admins.
func DueFunc(cal *workday.Calendar) hedui.DueFunc {
	return func(sent hedui.Date, n int) (hedui.Date, error) {
		d, err := cal.AddWorkdays(sent.Time, n)
		if err != nil {
			msg, ok := workday.ChineseMessage(err)
			if !ok {
				msg = "无法计算反馈截止日期"
			}
			return hedui.Date{}, hedui.E("exchange.DueFunc", hedui.KindInvalid, "no_calendar", msg, err)
		}
		return hedui.Date{Time: d.UTC().Truncate(24 * time.Hour)}, nil
	}
}
