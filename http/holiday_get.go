package http

import (
	stdhttp "net/http"
	"strconv"

	"hedui"
	"hedui/workday"
)

// holidayYear is one year's holiday notice as the calendar uses it.
type holidayYear struct {
	Year   int                 `json:"year"`
	Source string              `json:"source"` // stored: entered by an administrator; official: compiled in
	Days   []hedui.CalendarDay `json:"days"`
}

// Sources of a holiday year.
const (
	holidayStored   = "stored"
	holidayOfficial = "official"
)

// handleHolidayGet serves GET /api/v1/holidays/{year}: the notice in force
// for the year, an administrator's entry if there is one, else the
// compiled-in State Council notice.
func (s *Server) handleHolidayGet(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	year, err := pathYear(r)
	if err != nil {
		return err
	}
	stored, err := s.store.HolidayYears(r.Context())
	if err != nil {
		return err
	}
	if days, ok := stored[year]; ok {
		writeJSON(w, stdhttp.StatusOK, holidayYear{Year: year, Source: holidayStored, Days: nonNil(days)})
		return nil
	}
	days, ok := workday.New().Days(year)
	if !ok {
		missing := &workday.NoCalendarError{Year: year}
		return hedui.E("http.holidayGet", hedui.KindNotFound, "no_calendar", missing.ChineseMessage(), missing)
	}
	writeJSON(w, stdhttp.StatusOK, holidayYear{Year: year, Source: holidayOfficial, Days: calendarDays(days)})
	return nil
}

// pathYear reads the year path segment; a segment that is not a year names
// no calendar.
func pathYear(r *stdhttp.Request) (int, error) {
	y, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || y < minHolidayYear || y > maxHolidayYear {
		return 0, hedui.Errorf("http.pathYear", hedui.KindNotFound, "not_found", "年份应为%d到%d之间的四位数字", minHolidayYear, maxHolidayYear)
	}
	return y, nil
}

// The years an administrator may enter.
const (
	minHolidayYear = 2000
	maxHolidayYear = 2100
)
