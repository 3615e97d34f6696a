package rules

import (
	"fmt"
	"time"

	"hedui"
)

// The golden cases are verified as of 2026-03-15: a six-month look-back
// covers September 2025 to February 2026.
var asOf = day("2026-03-15")

func day(s string) hedui.Date {
	d, err := hedui.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// testPolicy has round numbers so that the hand computations stay short:
// standard 600 yuan a month, near-poor line 900, six months, tolerance
// 100 yuan or 5 %, financial assets 2 × the annual standard per person
// (14 400 yuan each), no vehicle but a disability vehicle, one home of at
// most 50 m² per person, no business, nobody on the public payroll.
func testPolicy() *hedui.Policy {
	return &hedui.Policy{
		ID: 7, County: "621002", Hukou: hedui.HukouUrban, EffectiveFrom: day("2026-01-01"), Version: 3,
		Name: "测试政策", CreatedBy: "test",
		StandardMonthlyFen: 60000, NearPoorBP: 15000, LookbackMonths: 6,
		ExcludedIncome: []hedui.IncomeCategory{hedui.IncomeCompensation, hedui.IncomeFamilyPlan,
			hedui.IncomeScholarship, hedui.IncomeReward, hedui.IncomeAssistance},
		FinancialAssetsBP: 20000,
		VehicleExemptions: []hedui.VehicleExemption{{Label: "残疾人专用车", Field: "车辆类型", Contains: "残疾人"}},
		HomesAllowed:      1, HomeAreaPerCapitaM2x100: 5000,
		BusinessDisqualifies: true, PublicPayrollDisqualifies: true,
		ToleranceFen: 10000, ToleranceBP: 500, AreaToleranceM2x100: 500,
		Tekun: hedui.TekunCriteria{MinAge: 60, ChildAge: 16, MaxDisabilityGrade: 2, LabourNone: true},
	}
}

// person is a member aged age on asOf (born on asOf's day, age years
// before), living together, able to work.
func person(id int64, rel hedui.Relationship, age int, opts ...func(*hedui.Member)) hedui.Member {
	m := hedui.Member{ID: id, HouseholdID: 1, Name: fmt.Sprintf("成员%d", id), IDNumber: fmt.Sprintf("ID%d", id),
		Gender: "male", BirthDate: hedui.Date{Time: asOf.AddDate(-age, 0, 0)}, Relationship: rel,
		Hukou: hedui.HukouUrban, Labour: hedui.LabourFull, LivesTogether: true}
	for _, o := range opts {
		o(&m)
	}
	return m
}

func disabled(grade int) func(*hedui.Member) {
	return func(m *hedui.Member) { m.DisabilityGrade = grade }
}

func labour(c hedui.LabourCapacity) func(*hedui.Member) {
	return func(m *hedui.Member) { m.Labour = c }
}

func apart(m *hedui.Member) { m.LivesTogether = false }

// fixture builds a case in which every member is queried for every item
// and every department answered 查无记录, until told otherwise.
type fixture struct {
	in     CaseInput
	nextID int64
}

func household(members ...hedui.Member) *fixture {
	f := &fixture{in: CaseInput{ID: 1, Members: members, AsOf: asOf}}
	for _, m := range members {
		for _, it := range hedui.Items {
			f.in.Expected = append(f.in.Expected, Expectation{MemberID: m.ID, Item: it})
			if it == hedui.ItemHukou {
				f.answer(m.ID, it, false, hedui.Record{Kind: hedui.RecordResident})
			} else {
				f.answer(m.ID, it, true)
			}
		}
	}
	return f
}

func (f *fixture) answer(member int64, it hedui.Item, none bool, recs ...hedui.Record) *hedui.Answer {
	f.nextID++
	f.in.Answers = append(f.in.Answers, hedui.Answer{ID: f.nextID, MemberID: member, Item: it, NoRecord: none, Records: recs,
		AsOf: asOf, ReceivedAt: time.Date(2026, 3, 10, 9, 0, 0, int(f.nextID), hedui.CST)})
	return &f.in.Answers[len(f.in.Answers)-1]
}

// found makes the department's answer about member and item the records
// (a later answer, which replaces the 查无记录 one).
func (f *fixture) found(member int64, it hedui.Item, recs ...hedui.Record) *fixture {
	f.answer(member, it, len(recs) == 0, recs...)
	return f
}

// missing removes every answer about member and item: 未反馈.
func (f *fixture) missing(member int64, it hedui.Item) *fixture {
	out := f.in.Answers[:0]
	for _, a := range f.in.Answers {
		if a.MemberID != member || a.Item != it {
			out = append(out, a)
		}
	}
	f.in.Answers = out
	return f
}

// monthly is one record of kind for each of the six months of the window.
func monthly(kind string, amount hedui.Fen) []hedui.Record {
	var out []hedui.Record
	for m := time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC); m.Before(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)); m = m.AddDate(0, 1, 0) {
		out = append(out, hedui.Record{Kind: kind, AmountFen: amount, PeriodFrom: hedui.Date{Time: m}, PeriodTo: hedui.Date{Time: m.AddDate(0, 1, -1)}})
	}
	return out
}

// income declares amount for the whole window.
func (f *fixture) income(member int64, c hedui.IncomeCategory, amount hedui.Fen) *fixture {
	f.in.Declaration.Incomes = append(f.in.Declaration.Incomes, hedui.Income{ID: int64(100 + len(f.in.Declaration.Incomes)),
		MemberID: member, Category: c, PeriodFrom: day("2025-09-01"), PeriodTo: day("2026-02-28"), AmountFen: amount})
	return f
}

func (f *fixture) asset(member int64, k hedui.AssetKind, value hedui.Fen, qty int, area int64) *fixture {
	f.in.Declaration.Assets = append(f.in.Declaration.Assets, hedui.Asset{ID: int64(200 + len(f.in.Declaration.Assets)),
		MemberID: member, Kind: k, ValueFen: value, Quantity: qty, AreaM2x100: area})
	return f
}

func deposit(balance hedui.Fen) hedui.Record {
	return hedui.Record{Kind: hedui.RecordDeposit, AmountFen: balance}
}

func car(fields ...string) hedui.Record {
	r := hedui.Record{Kind: hedui.RecordCar, Quantity: 1, Fields: map[string]string{}}
	for i := 0; i+1 < len(fields); i += 2 {
		r.Fields[fields[i]] = fields[i+1]
	}
	return r
}

func house(area int64) hedui.Record {
	return hedui.Record{Kind: hedui.RecordHouse, Quantity: 1, AreaM2x100: area}
}

// incomeFor declares amount for the period from..to.
func (f *fixture) incomeFor(member int64, c hedui.IncomeCategory, amount hedui.Fen, from, to string) *fixture {
	f.in.Declaration.Incomes = append(f.in.Declaration.Incomes, hedui.Income{ID: int64(100 + len(f.in.Declaration.Incomes)),
		MemberID: member, Category: c, PeriodFrom: day(from), PeriodTo: day(to), AmountFen: amount})
	return f
}

// unqueried takes item out of the queries: no department holds it here.
func (f *fixture) unqueried(it hedui.Item) *fixture {
	exp := f.in.Expected[:0]
	for _, e := range f.in.Expected {
		if e.Item != it {
			exp = append(exp, e)
		}
	}
	f.in.Expected = exp
	for _, m := range f.in.Members {
		f.missing(m.ID, it)
	}
	return f
}
