package hedui

import (
	"encoding/json"
	"testing"
	"time"
)

// TestAppendRecordsJSON compares the hand-written encoding with
// encoding/json, on ordinary records and on every kind of string
// encoding/json escapes. deptsim compares them on a whole population.
func TestAppendRecordsJSON(t *testing.T) {
	day := DateOf(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	tests := []struct {
		name string
		rs   []Record
	}{
		{"nil", nil},
		{"empty", []Record{}},
		{"zero record", []Record{{}}},
		{"deposit", []Record{{Kind: RecordDeposit, AmountFen: 1234567, Description: "农业银行活期",
			Fields: map[string]string{"开户行": "农业银行", "余额": "12345.67", "币种": "人民币"}}}},
		{"salary months", []Record{{Kind: RecordSalary, AmountFen: 450000, PeriodFrom: day, PeriodTo: DateOf(day.AddDate(0, 1, -1))},
			{Kind: RecordSalary, AmountFen: -1, Quantity: 3, AreaM2x100: 9050, PeriodFrom: day}}},
		{"escapes", []Record{{Kind: `a"b\c`, Description: "<b>&</b>\t\n\x01\u2028\u2029 bad\xff",
			Fields: map[string]string{"": "", "b": "<", "a": "&", "z\x00": "é"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := json.Marshal(tt.rs)
			if err != nil {
				t.Fatal(err)
			}
			if got := AppendRecordsJSON(nil, tt.rs); string(got) != string(want) {
				t.Fatalf("\n got %s\nwant %s", got, want)
			}
		})
	}
}

// TestAppendJSONString checks the fast path's edges one at a time: each
// string below has at most one thing encoding/json treats specially.
func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{"", "plain", "号牌号码", "甘M·A1234", "行\u2028分", "行\u2029分", "坏\xffUTF-8",
		"\xe5\x8f", "<", ">", "&", `"`, `\`, "\x1f", "\x7f", "é", "😀 emoji", "a\u2027b\u202ac"} {
		want, _ := json.Marshal(s)
		if got := AppendJSONString(nil, s); string(got) != string(want) {
			t.Errorf("AppendJSONString(%q) = %s, want %s", s, got, want)
		}
	}
}
