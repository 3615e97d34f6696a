package recheck

import (
	"fmt"

	"hedui"
	"hedui/rules"
)

// Evaluate compares a household's answers with its baseline under the
// policy and schedule in force. The result's Warning is nil when nothing
// changed.
func Evaluate(h *hedui.RecheckHousehold, answers []hedui.Answer, expected []rules.Expectation, p *hedui.Policy,
	s hedui.RecheckSchedule, asOf hedui.Date) hedui.RecheckResult {
	var k rules.Checker
	return evaluate(&k, h, answers, expected, p, s, asOf)
}

// evaluate is Evaluate with the rules' working space of k, which a worker
// keeps from household to household (thousands per claim).
func evaluate(k *rules.Checker, h *hedui.RecheckHousehold, answers []hedui.Answer, expected []rules.Expectation,
	p *hedui.Policy, s hedui.RecheckSchedule, asOf hedui.Date) hedui.RecheckResult {
	m := k.Compute(h.Roll.Members, &hedui.Declaration{}, answers, expected, p, asOf)
	found := hedui.RecheckBaseline{Vehicles: m.Vehicles + m.VehiclesExempt, Homes: m.Homes, Businesses: m.Businesses,
		Deceased: m.Deceased}
	if m.Months > 0 {
		found.IncomeFen = hedui.Fen(m.CountedIncomeFen / int64(m.Months))
	}
	for i := range m.Members {
		if m.Members[i].PublicPayroll || m.Members[i].WageFen > 0 {
			found.Employed++
		}
	}
	res := hedui.RecheckResult{HouseholdID: h.Roll.ID, Members: m.MemberCount, Found: found,
		PerCapitaFen: hedui.Fen(m.PerCapitaFen), StandardFen: hedui.Fen(m.StandardFen)}
	d := detector{h: h, m: m, answers: answers, base: h.Baseline, found: found}
	d.detect(s)
	if len(d.changes) > 0 {
		w := &hedui.RecheckWarning{HouseholdID: h.Roll.ID, County: h.Roll.County, Number: h.Roll.Number,
			Category: h.Roll.Category, Changes: d.changes, Status: hedui.WarningOpen}
		for _, c := range d.changes {
			w.GapFen += c.GapFen
		}
		res.Warning = w
	}
	return res
}

// detector gathers the changes of one household.
type detector struct {
	h       *hedui.RecheckHousehold
	m       *rules.Model
	answers []hedui.Answer
	base    hedui.RecheckBaseline
	found   hedui.RecheckBaseline
	changes []hedui.Change
}

// incomeItems are the items whose records may make up income, named as
// the evidence of an income change.
var incomeItems = []hedui.Item{hedui.ItemPayroll, hedui.ItemTax, hedui.ItemSocialInsurance, hedui.ItemSubsidy,
	hedui.ItemBusiness, hedui.ItemAssistance, hedui.ItemBank, hedui.ItemSecurities, hedui.ItemHousingFund}

func (d *detector) detect(s hedui.RecheckSchedule) {
	yearOfBenefit := int64(d.h.Roll.BenefitFen) * 12
	later := d.base.RoundID != 0 // the roll records no assets: the first round sets them
	if later && d.found.Vehicles > d.base.Vehicles {
		d.asset(hedui.ChangeVehicle, hedui.ItemVehicle, d.found.Vehicles-d.base.Vehicles, yearOfBenefit, "车辆")
	}
	if later && d.found.Homes > d.base.Homes {
		d.asset(hedui.ChangeProperty, hedui.ItemHousing, d.found.Homes-d.base.Homes, yearOfBenefit, "房产")
	}
	if later && d.found.Businesses > d.base.Businesses {
		d.asset(hedui.ChangeBusiness, hedui.ItemBusiness, d.found.Businesses-d.base.Businesses, yearOfBenefit, "工商主体")
	}
	if later && d.found.Employed > d.base.Employed {
		d.add(hedui.Change{Kind: hedui.ChangeJob, GapFen: hedui.Fen(max(yearOfBenefit, d.m.Income.Wage)),
			Detail:   fmt.Sprintf("有工资或财政供养的成员由 %d 人增至 %d 人", d.base.Employed, d.found.Employed),
			Evidence: d.keys(hedui.ItemPayroll, hedui.ItemTax)})
	}
	if d.found.Deceased > d.base.Deceased {
		share := yearOfBenefit / int64(max(1, len(d.h.Roll.Members)))
		d.add(hedui.Change{Kind: hedui.ChangeDeath, GapFen: hedui.Fen(share * int64(d.found.Deceased-d.base.Deceased)),
			Detail:   fmt.Sprintf("户籍登记死亡成员 %d 人", d.found.Deceased-d.base.Deceased),
			Evidence: d.deathKeys()})
	}
	members := int64(max(1, d.m.MemberCount))
	if over := d.m.PerCapitaFen - d.m.StandardFen; d.m.StandardFen > 0 && over > 0 {
		d.add(hedui.Change{Kind: hedui.ChangeAboveLine, GapFen: hedui.Fen(over * members * 12),
			Detail:   fmt.Sprintf("家庭人均月收入 %s 元，高于低保标准 %s 元", yuan(d.m.PerCapitaFen), yuan(d.m.StandardFen)),
			Evidence: d.keys(incomeItems...)})
	}
	rise := int64(d.found.IncomeFen - d.base.IncomeFen)
	if rise > 0 && rise >= int64(s.IncomeRiseMinFen) && rise*10000 >= int64(s.IncomeRiseBP)*int64(d.base.IncomeFen) {
		from := "名册记录"
		if d.base.RoundID != 0 {
			from = "上轮复核"
		}
		d.add(hedui.Change{Kind: hedui.ChangeIncomeRises, GapFen: hedui.Fen(rise * 12),
			Detail:   fmt.Sprintf("家庭月收入由%s的 %s 元增至 %s 元", from, yuan(int64(d.base.IncomeFen)), yuan(int64(d.found.IncomeFen))),
			Evidence: d.keys(incomeItems...)})
	}
}

func (d *detector) add(c hedui.Change) { d.changes = append(d.changes, c) }

// asset reports n new assets of an item, sized by their recorded values
// and at least a year of the household's benefit.
func (d *detector) asset(kind hedui.ChangeKind, item hedui.Item, n int, floor int64, what string) {
	var value int64
	for i := range d.answers {
		if d.answers[i].Item == item {
			for _, r := range d.answers[i].Records {
				value += int64(r.AmountFen)
			}
		}
	}
	d.add(hedui.Change{Kind: kind, GapFen: hedui.Fen(max(value, floor)),
		Detail: fmt.Sprintf("新增%s %d 项", what, n), Evidence: d.keys(item)})
}

// keys names the answers of the items that hold records.
func (d *detector) keys(items ...hedui.Item) []hedui.AnswerKey {
	out := []hedui.AnswerKey{}
	seen := map[hedui.AnswerKey]bool{}
	for i := range d.answers {
		a := &d.answers[i]
		k := hedui.AnswerKey{MemberID: a.MemberID, Item: a.Item}
		if len(a.Records) == 0 || seen[k] {
			continue
		}
		for _, it := range items {
			if it == a.Item {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	return out
}

// deathKeys names the hukou answers that register a death.
func (d *detector) deathKeys() []hedui.AnswerKey {
	out := []hedui.AnswerKey{}
	for i := range d.answers {
		a := &d.answers[i]
		if a.Item != hedui.ItemHukou {
			continue
		}
		for _, r := range a.Records {
			if r.Kind == hedui.RecordDeceased {
				out = append(out, hedui.AnswerKey{MemberID: a.MemberID, Item: a.Item})
				break
			}
		}
	}
	return out
}

// yuan formats fen as yuan with two decimals.
func yuan(fen int64) string {
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	return fmt.Sprintf("%s%d.%02d", sign, fen/100, fen%100)
}
