package recheck

import (
	"testing"
	"time"

	"hedui"
	"hedui/rules"
)

func day(s string) hedui.Date {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return hedui.Date{Time: t}
}

// household is a two-person roll household of 西峰区 paid 600 yuan a month.
func household(base hedui.RecheckBaseline) *hedui.RecheckHousehold {
	return &hedui.RecheckHousehold{Baseline: base, Roll: hedui.RollHousehold{ID: 9, County: "621002", Number: "XF1",
		Category: hedui.CategoryDibao, Hukou: hedui.HukouUrban, BenefitFen: 60000, Members: []hedui.Member{
			{ID: 1, Relationship: hedui.RelHead, BirthDate: day("1970-05-01"), Gender: "male", Labour: hedui.LabourFull, LivesTogether: true},
			{ID: 2, Relationship: hedui.RelSpouse, BirthDate: day("1972-05-01"), Gender: "female", Labour: hedui.LabourFull, LivesTogether: true},
		}}}
}

func answer(member int64, item hedui.Item, recs ...hedui.Record) hedui.Answer {
	return hedui.Answer{MemberID: member, DepartmentID: 1, Item: item, NoRecord: len(recs) == 0, Records: recs,
		AsOf: day("2026-03-09"), ReceivedAt: time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC)}
}

var (
	car   = answer(1, hedui.ItemVehicle, hedui.Record{Kind: hedui.RecordCar, Quantity: 1, AmountFen: 9000000, PeriodFrom: day("2025-12-01")})
	dead  = answer(2, hedui.ItemHukou, hedui.Record{Kind: hedui.RecordDeceased, PeriodFrom: day("2026-01-05")})
	alive = answer(1, hedui.ItemHukou, hedui.Record{Kind: hedui.RecordResident})
	wage  = func(monthly hedui.Fen) hedui.Answer {
		return answer(1, hedui.ItemTax, hedui.Record{Kind: hedui.RecordWageIncome, AmountFen: 24 * monthly,
			PeriodFrom: day("2024-03-01"), PeriodTo: day("2026-02-28")})
	}
)

func kinds(r hedui.RecheckResult) []hedui.ChangeKind {
	var out []hedui.ChangeKind
	if r.Warning != nil {
		for _, c := range r.Warning.Changes {
			out = append(out, c.Kind)
		}
	}
	return out
}

func TestEvaluateChanges(t *testing.T) {
	var policy hedui.Policy
	for _, p := range rules.ExamplePolicies() {
		if p.County == "621002" && p.Hukou == hedui.HukouUrban {
			policy = p
		}
	}
	s := hedui.ExampleRecheckSchedule("621002", hedui.CategoryDibao, day("2025-01-01"))
	later := hedui.RecheckBaseline{RoundID: 1}
	tests := []struct {
		name    string
		base    hedui.RecheckBaseline
		answers []hedui.Answer
		want    []hedui.ChangeKind
	}{
		{"first round: a car is the baseline", hedui.RecheckBaseline{}, []hedui.Answer{car, alive}, nil},
		{"later round: a new car", later, []hedui.Answer{car, alive}, []hedui.ChangeKind{hedui.ChangeVehicle}},
		{"later round: the same car", hedui.RecheckBaseline{RoundID: 1, Vehicles: 1}, []hedui.Answer{car}, nil},
		{"a death", later, []hedui.Answer{alive, dead}, []hedui.ChangeKind{hedui.ChangeDeath}},
		{"income over the line and risen from the roll's", hedui.RecheckBaseline{IncomeFen: 50000},
			[]hedui.Answer{wage(400000)}, []hedui.ChangeKind{hedui.ChangeAboveLine, hedui.ChangeIncomeRises}},
		{"a small rise is no change", hedui.RecheckBaseline{IncomeFen: 50000}, []hedui.Answer{wage(55000)}, nil},
		{"a rise under the minimum is no change", hedui.RecheckBaseline{IncomeFen: 10000}, []hedui.Answer{wage(19000)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Evaluate(household(tt.base), tt.answers, nil, &policy, s, day("2026-03-10"))
			got := kinds(r)
			if len(got) != len(tt.want) {
				t.Fatalf("changes %v, want %v (found %+v)", got, tt.want, r.Found)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("changes %v, want %v", got, tt.want)
				}
			}
			if r.Warning == nil {
				return
			}
			var sum hedui.Fen
			for _, c := range r.Warning.Changes {
				sum += c.GapFen
				if c.GapFen <= 0 || len(c.Evidence) == 0 {
					t.Errorf("change %+v has no gap or no evidence", c)
				}
			}
			if r.Warning.GapFen != sum {
				t.Errorf("gap %d, want the sum %d", r.Warning.GapFen, sum)
			}
		})
	}
}
