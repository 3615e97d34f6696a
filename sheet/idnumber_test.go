package sheet

import (
	"strings"
	"testing"
)

func TestLooksLikeExcelDamage(t *testing.T) {
	for in, want := range map[string]bool{"6.21002E+17": true, "6.21002e17": true, "6.2100219900101101E+17": true,
		"62100219900101123X": false, "E12": false, "": false} {
		if got := looksScientific(in); got != want {
			t.Errorf("looksScientific(%q) = %v", in, got)
		}
	}
}

func TestCheckIDNumber(t *testing.T) {
	id := testID(9)
	for _, tc := range []struct {
		in, want, msg string
		code          IDProblem
	}{
		{in: id, want: id},
		{in: id[:6] + id[8:17], want: id}, // legacy 15 digits, upgraded
		{in: "", code: IDEmpty, msg: "身份证号码为空"},
		{in: "6.21002E+17", code: IDExcel, msg: "设为文本格式"},
		{in: id[:16] + "00", code: IDExcel, msg: "末尾变成了0"},
		{in: id[:17], code: IDInvalid, msg: "应为18位，当前为17位"},
		{in: id[:6] + "20991231" + id[14:], code: IDInvalid, msg: "晚于今天"},
	} {
		got, code, msg := CheckIDNumber(tc.in, testNow)
		if got != tc.want || code != tc.code || !strings.Contains(msg, tc.msg) {
			t.Errorf("CheckIDNumber(%q) = %q, %v, %q; want %q, %v, …%q…", tc.in, got, code, msg, tc.want, tc.code, tc.msg)
		}
	}
}
