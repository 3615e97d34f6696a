package hedui

import "testing"

func TestAgreementStatus(t *testing.T) {
	d := func(s string) Date {
		t.Helper()
		x, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	today := d("2026-11-27")
	for _, tc := range []struct {
		name string
		a    Agreement
		want AgreementStatus
	}{
		{"none", Agreement{}, AgreementNone},
		{"number but no start", Agreement{Number: "X-1"}, AgreementNone},
		{"open-ended", Agreement{Number: "X-1", ValidFrom: d("2025-01-01")}, AgreementActive},
		{"last day", Agreement{Number: "X-1", ValidFrom: d("2025-01-01"), ValidUntil: today}, AgreementActive},
		{"first day", Agreement{Number: "X-1", ValidFrom: today}, AgreementActive},
		{"expired", Agreement{Number: "X-1", ValidFrom: d("2024-01-01"), ValidUntil: d("2026-11-26")}, AgreementExpired},
		{"upcoming", Agreement{Number: "X-1", ValidFrom: d("2026-11-28")}, AgreementUpcoming},
	} {
		if got := tc.a.Status(today); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
		if (tc.a.Status(today) == AgreementActive) != tc.a.ActiveOn(today) {
			t.Errorf("%s: Status and ActiveOn disagree", tc.name)
		}
	}
	if AgreementExpired.Label() != "已过期" || AgreementUpcoming.Label() != "尚未生效" || AgreementNone.Label() != "未签订" || AgreementActive.Label() != "在有效期内" {
		t.Error("labels")
	}
}
