package sheet

import (
	"testing"

	"hedui"
)

func TestParseDate(t *testing.T) {
	csv, xlsx, mac := Dates{}, Dates{Serial: true}, Dates{Serial: true, Date1904: true}
	jan31 := date(2026, 1, 31)
	for _, tc := range []struct {
		dr   Dates
		in   string
		want hedui.Date
		err  bool
	}{
		{dr: csv, in: "2026-01-31", want: jan31},
		{dr: csv, in: "2026/1/31", want: jan31},
		{dr: csv, in: "2026/01/31", want: jan31},
		{dr: csv, in: "2026.1.31", want: jan31},
		{dr: csv, in: "20260131", want: jan31},
		{dr: csv, in: "2026年1月31日", want: jan31},
		{dr: csv, in: "2026年01月31", want: jan31},
		{dr: csv, in: "2026-01-31 00:00:00", want: jan31},
		{dr: csv, in: "2026-01-31T08:00:00+08:00", want: jan31},
		{dr: csv, in: "2024-02-29", want: date(2024, 2, 29)},
		{dr: xlsx, in: "46053", want: jan31},
		{dr: xlsx, in: "46053.75", want: jan31}, // date and time
		{dr: xlsx, in: "61", want: date(1900, 3, 1)},
		{dr: xlsx, in: "20260131", want: jan31}, // eight digits are never a serial
		{dr: mac, in: "44591", want: jan31},
		{dr: csv, in: "46053", err: true}, // serials only from XLSX
		{dr: xlsx, in: "60", err: true},   // Excel's 29 February 1900
		{dr: xlsx, in: "2958466", err: true},
		{dr: csv, in: "2025-02-29", err: true},
		{dr: csv, in: "2026-13-01", err: true},
		{dr: csv, in: "2026-00-10", err: true},
		{dr: csv, in: "2026-1-0", err: true},
		{dr: csv, in: "2026-01/31", err: true},
		{dr: csv, in: "2026年1月31", want: jan31},
		{dr: csv, in: "2026年1-31", err: true},
		{dr: csv, in: "26-01-31", err: true},
		{dr: csv, in: "01/31/2026", err: true}, // month-first is ambiguous; not guessed
		{dr: csv, in: "2026-001-31", err: true},
		{dr: csv, in: "1899-12-31", err: true},
		{dr: csv, in: "2026-01-31x", err: true},
		{dr: csv, in: "昨天", err: true},
		{dr: csv, in: "2026", err: true},
	} {
		got, err := tc.dr.Parse(tc.in)
		if (err != nil) != tc.err || (!tc.err && got != tc.want) {
			t.Errorf("%+v.Parse(%q) = %v, %v; want %v, error %v", tc.dr, tc.in, got, err, tc.want, tc.err)
		}
	}
}
