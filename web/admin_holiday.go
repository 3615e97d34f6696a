package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"hedui"
	"hedui/exchange"
	"hedui/workday"
)

// holidayPage shows one year of the holiday calendar and the form that
// stores a year's notice.
type holidayPage struct {
	Year   int
	Stored bool // entered by an administrator, not compiled in
	Days   []hedui.CalendarDay
	None   bool // no data for the year
	Lines  string
	Error  string
}

const (
	minHolidayYear = 2000
	maxHolidayYear = 2100
)

// handleHolidays serves GET /admin/holidays?year=: the year's entries,
// the stored ones if an administrator entered the year, else the
// official table compiled in.
func (s *Server) handleHolidays(w http.ResponseWriter, r *http.Request, sess *session) error {
	year := hedui.Today(s.now()).Year()
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y >= minHolidayYear && y <= maxHolidayYear {
		year = y
	}
	p := holidayPage{Year: year}
	if err := s.fillHolidays(r, &p); err != nil {
		return err
	}
	v := view{Title: s.text.get("admin.holidays.title"), Nav: "holidays", Sess: sess, Page: p}
	if r.URL.Query().Get("saved") != "" {
		v.Flash = s.text.get("admin.holidays.saved", year)
	}
	s.render(w, r, http.StatusOK, "admin_holidays", v)
	return nil
}

func (s *Server) fillHolidays(r *http.Request, p *holidayPage) error {
	stored, err := s.store.HolidayYears(r.Context())
	if err != nil {
		return err
	}
	if days, ok := stored[p.Year]; ok {
		p.Stored, p.Days = true, days
		return nil
	}
	days, ok := workday.New().Days(p.Year)
	if !ok {
		p.None = true
		return nil
	}
	for _, d := range days {
		p.Days = append(p.Days, hedui.CalendarDay{Date: hedui.DateOf(d.Date), Workday: d.Kind == workday.Workday, Name: d.Name})
	}
	return nil
}

// handleHolidayPut serves POST /admin/holidays: a year's notice typed as
// lines "2028-01-01 休 元旦" (a holiday) or "2028-01-04 班 元旦" (an
// adjusted working day), checked by the calendar before it is stored.
func (s *Server) handleHolidayPut(w http.ResponseWriter, r *http.Request, sess *session) error {
	p := holidayPage{Lines: r.PostFormValue("lines")}
	fail := func(msg string) error {
		p.Error = msg
		if p.Year >= minHolidayYear && p.Year <= maxHolidayYear {
			if err := s.fillHolidays(r, &p); err != nil {
				return err
			}
		}
		s.render(w, r, http.StatusUnprocessableEntity, "admin_holidays", view{Title: s.text.get("admin.holidays.title"), Nav: "holidays", Sess: sess, Page: p,
			Alert: s.text.get("admin.holidays.error")})
		return nil
	}
	y, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("year")))
	if err != nil || y < minHolidayYear || y > maxHolidayYear {
		return fail(s.text.get("admin.holidays.error.year", minHolidayYear, maxHolidayYear))
	}
	p.Year = y
	var days []hedui.CalendarDay
	for i, line := range strings.Split(strings.ReplaceAll(p.Lines, "\r\n", "\n"), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) != 3 || (f[1] != "休" && f[1] != "班") {
			return fail(s.text.get("admin.holidays.error.line", i+1))
		}
		d, err := hedui.ParseDate(f[0])
		if err != nil {
			return fail(s.text.get("admin.holidays.error.date", i+1, f[0]))
		}
		if utf8.RuneCountInString(f[2]) > 20 {
			return fail(s.text.get("admin.holidays.error.name", i+1))
		}
		days = append(days, hedui.CalendarDay{Date: d, Workday: f[1] == "班", Name: f[2]})
	}
	if len(days) == 0 {
		return fail(s.text.get("admin.holidays.error.empty"))
	}
	if err := new(workday.Calendar).SetYear(y, exchange.ToWorkdays(days)); err != nil {
		msg, ok := workday.ChineseMessage(err)
		if !ok {
			msg = fmt.Sprintf("%d年的放假安排有误，请核对", y)
		}
		return fail(msg)
	}
	slices.SortStableFunc(days, func(a, b hedui.CalendarDay) int { return a.Date.Compare(b.Date.Time) })
	if err := s.store.PutHolidayYear(r.Context(), sess.by, y, days); err != nil {
		if k := hedui.KindOf(err); k == hedui.KindInvalid || k == hedui.KindMalformed {
			return fail(hedui.MessageOf(err))
		}
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/holidays?year=%d&saved=1", y), http.StatusSeeOther)
	return nil
}
