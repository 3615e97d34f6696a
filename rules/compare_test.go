package rules

import (
	"reflect"
	"slices"
	"testing"

	"hedui"
)

// Wage from the payroll and from tax withholding is one income: month by
// month the larger source counts, never both.
func TestWageSourcesCountedOnce(t *testing.T) {
	pay := monthly(hedui.RecordSalary, 50000)
	tax := monthly(hedui.RecordWageIncome, 50000)
	tax[0].AmountFen = 70000 // September: a bonus withheld by tax, not on the payroll
	pay[5].AmountFen = 0     // February: payroll shows nothing, tax does
	f := household(person(1, head, 45)).found(1, hedui.ItemPayroll, pay...).found(1, hedui.ItemTax, tax...)
	m := Compute(f.in.Members, f.in.Declaration, f.in.Answers, f.in.Expected, testPolicy(), asOf)
	// 70000 + 4 × 50000 + 50000 = 320000
	if m.Income.Wage != 320000 || !slices.Equal(m.IncomeByMonth, []int64{70000, 50000, 50000, 50000, 50000, 50000}) {
		t.Errorf("wage %d by month %v", m.Income.Wage, m.IncomeByMonth)
	}
	if !m.Members[0].PublicPayroll || m.PublicPayrollMembers != 1 {
		t.Error("a salary on the payroll marks the member as paid from public funds")
	}
}

// Records outside the look-back window are not income; the as-of month,
// being incomplete, is outside.
func TestRecordsOutsideWindow(t *testing.T) {
	recs := []hedui.Record{
		{Kind: hedui.RecordPension, AmountFen: 11111, PeriodFrom: day("2025-08-01"), PeriodTo: day("2025-08-31")},
		{Kind: hedui.RecordPension, AmountFen: 22222, PeriodFrom: day("2025-12-01"), PeriodTo: day("2025-12-31")},
		{Kind: hedui.RecordPension, AmountFen: 33333, PeriodFrom: day("2026-03-01"), PeriodTo: day("2026-03-31")},
		{Kind: hedui.RecordContribution, AmountFen: 99999, PeriodFrom: day("2025-12-01"), PeriodTo: day("2025-12-31")},
	}
	f := household(person(1, head, 45)).found(1, hedui.ItemSocialInsurance, recs...)
	m := Compute(f.in.Members, f.in.Declaration, f.in.Answers, f.in.Expected, testPolicy(), asOf)
	if m.Income.Pension != 22222 || m.GrossIncomeFen != 22222 || m.IncomeByMonth[3] != 22222 {
		t.Errorf("pension %d gross %d months %v; want only December's 22222 (a contribution base is no income)",
			m.Income.Pension, m.GrossIncomeFen, m.IncomeByMonth)
	}
}

// The model's member facts: who counts, who supports, who cannot work.
func TestModelMembers(t *testing.T) {
	f := household(
		person(1, head, 70),
		person(2, spouse, 68, disabled(1)),
		person(3, child, 40, apart),
		person(4, child, 35, apart, disabled(2)),
		person(5, parent, 92),
	).found(5, hedui.ItemHukou, hedui.Record{Kind: hedui.RecordDeceased, PeriodFrom: day("2025-12-24")})
	m := Compute(f.in.Members, f.in.Declaration, f.in.Answers, f.in.Expected, testPolicy(), asOf)
	type facts struct {
		Counted, Deceased, UnableToWork bool
		Age                             int
	}
	var got []facts
	for _, p := range m.Members {
		got = append(got, facts{p.Counted, p.Deceased, p.UnableToWork, p.Age})
	}
	want := []facts{{true, false, true, 70}, {true, false, true, 68}, {false, false, false, 40}, {false, false, true, 35}, {false, true, true, 92}}
	if !reflect.DeepEqual(got, want) || m.MemberCount != 2 || m.AbleSupporters != 1 || m.Deceased != 1 {
		t.Errorf("members %+v count %d supporters %d deceased %d", got, m.MemberCount, m.AbleSupporters, m.Deceased)
	}
}

// An answer that arrived though nobody asked for it is still evidence;
// an expectation about someone not in the household is ignored.
func TestUnexpectedAnswers(t *testing.T) {
	f := household(person(1, head, 45)).unqueried(hedui.ItemBank).found(1, hedui.ItemBank, deposit(5000000))
	f.in.Expected = append(f.in.Expected, Expectation{MemberID: 99, Item: hedui.ItemBank})
	rows := Compare(f.in.Members, f.in.Declaration, f.in.Answers, f.in.Expected, testPolicy(), asOf)
	if got := flagOf(&hedui.Conclusion{Rows: rows}, 1, "银行存款"); got != hedui.FlagUndeclared {
		t.Errorf("deposit row %s", got)
	}
}

// Every checked row cites its answers, and the owed answer that has not
// come is cited by member and item.
func TestRowEvidence(t *testing.T) {
	f := household(person(1, head, 45)).income(1, hedui.IncomeWage, 1000).missing(1, hedui.ItemPayroll)
	rows := Compare(f.in.Members, f.in.Declaration, f.in.Answers, f.in.Expected, testPolicy(), asOf)
	for _, r := range rows {
		if len(r.Evidence) == 0 {
			t.Errorf("row %s without evidence", r.Label)
		}
		if r.Label != "工资性收入" {
			continue
		}
		want := []hedui.EvidenceRef{
			{MemberID: 1, Item: hedui.ItemPayroll, Category: hedui.IncomeWage},
			{AnswerID: r.Evidence[1].AnswerID, MemberID: 1, Item: hedui.ItemTax, Category: hedui.IncomeWage},
			{IncomeID: 100, MemberID: 1, Category: hedui.IncomeWage},
		}
		if r.Flag != hedui.FlagNoAnswer || r.Evidence[1].AnswerID == 0 || !reflect.DeepEqual(r.Evidence, want) {
			t.Errorf("wage row %s evidence %+v", r.Flag, r.Evidence)
		}
	}
}

// The parts give what the whole gives: Evaluate(Compute, Compare) equals
// Check, and a reused Checker equals a fresh one.
func TestPartsEqualWhole(t *testing.T) {
	c, err := Compile(testPolicy())
	if err != nil {
		t.Fatal(err)
	}
	var k Checker
	for _, in := range goldenCases() {
		whole := k.Check(c, &in)
		parts := Evaluate(c, Compute(in.Members, in.Declaration, in.Answers, in.Expected, c.Policy, in.AsOf),
			Compare(in.Members, in.Declaration, in.Answers, in.Expected, c.Policy, in.AsOf))
		if !reflect.DeepEqual(whole, parts) || !reflect.DeepEqual(whole, Check(c, &in)) {
			t.Errorf("case %d: parts and whole differ", in.ID)
		}
	}
}

func TestExpectationsFrom(t *testing.T) {
	qs := []hedui.Query{{Items: []hedui.Item{hedui.ItemBank, hedui.ItemSecurities}, Subjects: []hedui.Subject{{MemberID: 1}, {MemberID: 2}}}}
	want := []Expectation{{1, hedui.ItemBank}, {1, hedui.ItemSecurities}, {2, hedui.ItemBank}, {2, hedui.ItemSecurities}}
	if got := ExpectationsFrom(qs); !slices.Equal(got, want) {
		t.Errorf("got %v", got)
	}
}
