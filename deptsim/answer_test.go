package deptsim

import (
	"slices"
	"testing"
	"time"

	"hedui"
)

func TestAnswerStranger(t *testing.T) {
	pop := Generate(Config{Seed: 1, Households: 20, Now: testNow})
	q := hedui.Query{ID: "Q-9", DepartmentID: 3, Items: hedui.Items, Subjects: []hedui.Subject{
		{Ref: "Q-9-1", MemberID: 77, Name: "路人甲", IDNumber: "11010519491231002X"},
	}}
	answers := pop.Answer(q, hedui.DateOf(testNow), testNow)
	if len(answers) != len(hedui.Items) {
		t.Fatalf("%d answers, want one per item", len(answers))
	}
	for _, a := range answers {
		if !a.NoRecord || len(a.Records) != 0 {
			t.Errorf("%s: a stranger should get 查无记录, got %+v", a.Item, a.Records)
		}
		if a.MemberID != 77 || a.DepartmentID != 3 || a.Channel != hedui.ChannelSimulator || a.Source != SourceSimulator ||
			len(a.PayloadSHA256) != 64 || !a.ReceivedAt.Equal(testNow) || a.AsOf != hedui.DateOf(testNow) {
			t.Errorf("answer envelope %+v", a)
		}
	}
}

// TestRecordVocabulary checks that every record uses the documented kinds
// and that every documented kind occurs: hedui.RecordKinds (recordkinds.go)
// is the contract.
func TestRecordVocabulary(t *testing.T) {
	pop := Generate(Config{Seed: 12, Households: 1000, Now: testNow})
	asOf := hedui.DateOf(testNow)
	lookback := asOf.AddDate(0, -12, 0)
	seen := map[string]bool{}
	for i := range pop.Households {
		h := &pop.Households[i]
		for _, a := range pop.Answer(householdQuery(h), asOf, testNow) {
			if a.NoRecord != (len(a.Records) == 0) {
				t.Fatalf("NoRecord %v with %d records", a.NoRecord, len(a.Records))
			}
			for _, r := range a.Records {
				if !slices.Contains(hedui.RecordKinds[a.Item], r.Kind) {
					t.Fatalf("item %s answered with kind %q, not in RecordKinds", a.Item, r.Kind)
				}
				seen[string(a.Item)+"/"+r.Kind] = true
				if len(r.Fields) == 0 {
					t.Errorf("%s/%s record without department fields", a.Item, r.Kind)
				}
				if r.AmountFen < 0 || (!r.PeriodTo.IsZero() && (r.PeriodTo.Before(lookback) || r.PeriodTo.After(asOf.AddDate(1, 0, 0)))) {
					t.Errorf("%s/%s record out of range: %+v", a.Item, r.Kind, r)
				}
			}
		}
	}
	for item, kinds := range hedui.RecordKinds {
		for _, k := range kinds {
			if !seen[string(item)+"/"+k] {
				t.Errorf("kind %s/%s never occurs in 1000 households", item, k)
			}
		}
	}
}

// TestMonthlyRows checks the payroll rows of one salaried person: one per
// complete month of the six before as-of.
func TestMonthlyRows(t *testing.T) {
	truth := PersonTruth{Job: &Job{Employer: "环县第一中学", Public: true, Insured: true, MonthlyFen: 600000,
		Since: hedui.DateOf(time.Date(2024, 11, 20, 0, 0, 0, 0, time.UTC))}}
	tests := []struct {
		asOf  time.Time
		first string
		rows  int
	}{
		{time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC), "2024-11", 4}, // Nov–Feb: started in November
		{time.Date(2025, 9, 30, 0, 0, 0, 0, time.UTC), "2025-03", 6},
		{time.Date(2024, 11, 30, 0, 0, 0, 0, time.UTC), "", 0}, // November not complete yet
	}
	for _, tt := range tests {
		rows := truth.Records(hedui.ItemPayroll, hedui.DateOf(tt.asOf))
		if len(rows) != tt.rows {
			t.Errorf("as of %s: %d rows, want %d", tt.asOf.Format(time.DateOnly), len(rows), tt.rows)
			continue
		}
		if tt.rows > 0 && rows[0].Fields[FieldMonth] != tt.first {
			t.Errorf("as of %s: first month %s, want %s", tt.asOf.Format(time.DateOnly), rows[0].Fields[FieldMonth], tt.first)
		}
		for _, r := range rows {
			if r.AmountFen != 600000 || r.Fields[FieldGrossPay] != "6000.00" || r.PeriodFrom.Day() != 1 {
				t.Errorf("row %+v", r)
			}
		}
	}
}
