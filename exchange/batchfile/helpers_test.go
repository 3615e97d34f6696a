package batchfile

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
	"time"

	"hedui"
	"hedui/idcard"
)

// testNow is the clock of every test: mid-March 2026, Beijing time.
var testNow = time.Date(2026, 3, 15, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

func testOptions() ReadOptions { return ReadOptions{Now: func() time.Time { return testNow }} }

// testID returns the n-th synthetic ID number, valid and distinct.
func testID(n int) string {
	return idcard.Make("621002", time.Date(1960+n%40, time.Month(1+n%12), 1+n%28, 0, 0, 0, 0, time.UTC), 10+n%900)
}

func date(y int, m time.Month, d int) hedui.Date {
	return hedui.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// sampleAnswers covers every column: several records for one answer,
// negative and large amounts, area, quantity, periods, extra fields and a
// no-record answer.
func sampleAnswers() ([]hedui.Answer, map[string]string) {
	ids := map[string]string{"Q-1-1": testID(1), "Q-1-2": testID(2), "Q-2-1": testID(3)}
	asOf := date(2026, 2, 28)
	answers := []hedui.Answer{
		{QueryID: "Q-1", SubjectRef: "Q-1-1", Item: hedui.ItemBank, AsOf: asOf, Records: []hedui.Record{
			{Kind: "deposit", AmountFen: 123456, Description: "活期, \"工资卡\"", Fields: map[string]string{"开户行": "中国农业银行庆阳分行", "账号": "6228480012345678901"}},
			{Kind: "loan", AmountFen: -1230, PeriodFrom: date(2024, 1, 31), PeriodTo: date(2034, 1, 30), Fields: map[string]string{"开户行": "甘肃银行"}},
			{Kind: "wealth", AmountFen: 99999999999999},
		}},
		{QueryID: "Q-1", SubjectRef: "Q-1-1", Item: hedui.ItemVehicle, NoRecord: true, AsOf: asOf},
		{QueryID: "Q-1", SubjectRef: "Q-1-2", Item: hedui.ItemHousing, Records: []hedui.Record{
			{Kind: "house", AreaM2x100: 8950, Quantity: 1, PeriodFrom: date(2015, 6, 1), Description: "西峰区某小区\n3号楼"},
		}},
		{QueryID: "Q-2", SubjectRef: "Q-2-1", Item: hedui.ItemPayroll, AsOf: date(2026, 3, 15), Records: []hedui.Record{
			{Kind: "salary", AmountFen: 512300, PeriodFrom: date(2026, 1, 1), PeriodTo: date(2026, 1, 31)},
			{Kind: "salary", AmountFen: 50, PeriodFrom: date(2026, 2, 1), PeriodTo: date(2026, 2, 28)},
		}},
	}
	for i := range answers {
		answers[i].ReceivedAt = testNow
	}
	return answers, ids
}

// answersFile writes answers in format f.
func answersFile(t testing.TB, f Format, answers []hedui.Answer, ids map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteAnswers(&buf, f, answers, ids); err != nil {
		t.Fatalf("WriteAnswers: %v", err)
	}
	return buf.Bytes()
}

func read(t testing.TB, name string, data []byte) *Import {
	t.Helper()
	imp, err := ReadAnswers(name, bytes.NewReader(data), testOptions())
	if err != nil {
		t.Fatalf("ReadAnswers(%s): %v", name, err)
	}
	return imp
}

// stripMeta clears what ReadAnswers derives from the file rather than
// from the answers, so answers can be compared with what was written.
func stripMeta(as []hedui.Answer) []hedui.Answer {
	out := make([]hedui.Answer, len(as))
	for i, a := range as {
		a.Source, a.PayloadSHA256 = "", ""
		out[i] = a
	}
	return out
}

// wantKind asserts that err is a hedui error of kind k.
func wantKind(t *testing.T, err error, k hedui.Kind) {
	t.Helper()
	var he *hedui.Error
	if !errors.As(err, &he) || hedui.KindOf(err) != k {
		t.Fatalf("error = %v, want kind %v", err, k)
	}
	if hedui.MessageOf(err) == hedui.DefaultMessage(k) {
		t.Errorf("error %v has no specific Chinese message", err)
	}
}

func problemKey(p Problem) string { return fmt.Sprintf("%d|%s|%s", p.Line, p.Code, p.Column) }
