package sqlstore

import (
	"reflect"
	"testing"

	"hedui"
)

func TestHolidayCalendar(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		notice := []hedui.CalendarDay{
			{Date: date("2028-01-03"), Name: "元旦"},
			{Date: date("2027-12-31"), Name: "元旦"},
			{Date: date("2028-01-29"), Workday: true, Name: "春节"},
		}
		for _, tc := range []struct {
			name string
			by   hedui.Actor
			year int
			days []hedui.CalendarDay
			want hedui.Kind
		}{
			{"clerk", e.clerk, 2028, notice, hedui.KindPermission},
			{"verifier", e.verifier, 2028, notice, hedui.KindPermission},
			{"empty", e.admin, 2028, nil, hedui.KindInvalid},
			{"outside the year", e.admin, 2028, []hedui.CalendarDay{{Date: date("2027-11-30")}}, hedui.KindInvalid},
			{"workday on a Monday", e.admin, 2028, []hedui.CalendarDay{{Date: date("2028-01-03"), Workday: true}}, hedui.KindInvalid},
			{"twice", e.admin, 2028, append(notice[:1:1], notice[0]), hedui.KindInvalid},
			{"year", e.admin, 1900, notice, hedui.KindInvalid},
		} {
			err := e.db.PutHolidayYear(e.ctx, tc.by, tc.year, tc.days)
			if !isKind(err, tc.want) {
				t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
			}
			if tc.want == hedui.KindInvalid && hedui.MessageOf(err) == hedui.DefaultMessage(hedui.KindInvalid) {
				t.Errorf("%s: generic message", tc.name)
			}
		}
		must(t, e.db.PutHolidayYear(e.ctx, e.admin, 2028, notice))
		must(t, e.db.PutHolidayYear(e.ctx, hedui.SystemActor("测试"), 2029, []hedui.CalendarDay{{Date: date("2029-01-01"), Name: "元旦"}}))
		years, err := e.db.HolidayYears(e.ctx)
		must(t, err)
		want := []hedui.CalendarDay{notice[1], notice[0], notice[2]}
		if len(years) != 2 || !reflect.DeepEqual(years[2028], want) || len(years[2029]) != 1 {
			t.Fatalf("years %+v", years)
		}
		// Entering a year again replaces it.
		must(t, e.db.PutHolidayYear(e.ctx, e.admin, 2028, notice[:1]))
		years, err = e.db.HolidayYears(e.ctx)
		must(t, err)
		if !reflect.DeepEqual(years[2028], notice[:1]) {
			t.Fatalf("replaced year %+v", years[2028])
		}
		if last := e.lastEntry(); last.Action != hedui.AuditHolidayPut || last.ObjectID != "2028" {
			t.Fatalf("audit %+v", last)
		}
	})
}
