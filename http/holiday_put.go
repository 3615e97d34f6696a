package http

import (
	"fmt"
	stdhttp "net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"hedui"
	"hedui/exchange"
	"hedui/workday"
)

type holidayPutRequest struct {
	Days []hedui.CalendarDay `json:"days"`
}

// maxHolidayName bounds the festival name of an entry.
const maxHolidayName = 20

// handleHolidayPut serves PUT /api/v1/holidays/{year}: an administrator
// enters the State Council's notice for a year (every holiday and every
// adjusted working day), replacing what the calendar had for it. The
// notice is checked by the workday package first, so the administrator
// sees its explanation of what is wrong.
func (s *Server) handleHolidayPut(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	const op = "http.holidayPut"
	year, err := pathYear(r)
	if err != nil {
		return err
	}
	var in holidayPutRequest
	if err := s.decodeJSON(w, r, &in); err != nil {
		return err
	}
	for i := range in.Days {
		d := &in.Days[i]
		d.Name = strings.TrimSpace(d.Name)
		field := fmt.Sprintf("days[%d]", i)
		switch {
		case d.Date.IsZero():
			return hedui.FieldErrorf(op, hedui.KindInvalid, "missing_date", field+".date", "第%d条缺少日期", i+1)
		case d.Name == "":
			return hedui.FieldErrorf(op, hedui.KindInvalid, "missing_holiday_name", field+".name", "第%d条（%s）请填写节日名称，例如春节", i+1, d.Date)
		case utf8.RuneCountInString(d.Name) > maxHolidayName:
			return hedui.FieldErrorf(op, hedui.KindInvalid, "holiday_name_too_long", field+".name", "第%d条的节日名称不能超过%d个字", i+1, maxHolidayName)
		}
	}
	if err := new(workday.Calendar).SetYear(year, exchange.ToWorkdays(in.Days)); err != nil {
		msg, ok := workday.ChineseMessage(err)
		if !ok {
			msg = fmt.Sprintf("%d年的放假安排有误，请核对", year)
		}
		return hedui.E(op, hedui.KindInvalid, "invalid_holiday_schedule", msg, hedui.Field("days"), err)
	}
	slices.SortStableFunc(in.Days, func(a, b hedui.CalendarDay) int { return a.Date.Compare(b.Date.Time) })
	if err := s.store.PutHolidayYear(r.Context(), by, year, in.Days); err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, holidayYear{Year: year, Source: holidayStored, Days: nonNil(in.Days)})
	return nil
}
