package deptsim

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"hedui"
)

// Recipients (Config.Recipients): households as a 低保 and 特困 roll holds
// them. Each was eligible at the review that recorded its income on the
// roll: no job an employer reports, no employee pension, no unemployment
// benefit, no vehicle, business, securities or second home, a few thousand
// yuan of savings, and an income per member the departments see of at most
// RecipientLineFen. A share (DiscrepancyRate, DefaultChangeRate) has changed
// since, in one of the ChangeKinds, recorded in Household.Changes; the
// others are unchanged, so a re-verification finds nothing about them.
//
// Changes of income date from 215 to 330 days before the generation day,
// so that a round's six complete months of answers (the example policies'
// look-back) see them in full whatever the household's size: a new income
// then rises well over the example schedule's thresholds (30 % and 100
// yuan). A new pension is at least 2 800 yuan a month, in households of at
// most three members, so that it lifts them over every example standard.
// New cars and homes are not planted: the roll records no assets, so a
// first round takes every asset it finds as the baseline (package recheck)
// and could not tell a new car from an old one.

// RecipientLineFen is the monthly income per member, as the departments
// report it, that no recipient household exceeds at its last review: under
// the lowest 低保 standard of the example policies (rural, 5 640 yuan a
// year), so that no unchanged household is over any county's line.
const RecipientLineFen hedui.Fen = 45000

// DefaultChangeRate is the share of recipient households whose situation
// changed since their last review when the configuration does not say:
// inspections of 低保 rolls find a few per cent to about a tenth.
const DefaultChangeRate = 0.1

// recipientSavingsFen is the most a recipient holds in deposits, well
// under any county's financial-asset limit.
const recipientSavingsFen hedui.Fen = 500000

// recipient makes a drafted household one on the roll: eligible, declared
// as at its last review, and sometimes changed since.
func (g *generator) recipient(r *rand.Rand, d *draft) (hedui.Declaration, []Change) {
	kind, who := ChangeKind(""), -1
	if r.Float64() < g.rate {
		kind, who = d.chooseChange(r)
	}
	victim := -1
	if kind == MemberDied {
		victim = who
	}
	g.eligible(r, d, victim)
	decl := g.declare(d)
	if kind == "" {
		return decl, nil
	}
	return decl, []Change{g.change(r, d, kind, who)}
}

// chooseChange draws a kind of change among those the household allows,
// and the member it is about; none when no kind fits.
func (d *draft) chooseChange(r *rand.Rand) (ChangeKind, int) {
	together := func(i int) bool { return d.people[i].together }
	working := func(i int) bool { return d.people[i].together && d.people[i].labour != hedui.LabourNone }
	counted := 0
	for _, p := range d.people {
		if p.together {
			counted++
		}
	}
	var kinds []ChangeKind
	var who [][]int
	add := func(k ChangeKind, cs []int) {
		if len(cs) > 0 {
			kinds, who = append(kinds, k), append(who, cs)
		}
	}
	add(NewJob, d.candidates(18, 59, working))
	add(NewBusiness, d.candidates(20, 65, working))
	if counted <= 3 {
		add(NewPension, d.candidates(50, 200, together))
	}
	if cs := d.candidates(0, 200, func(i int) bool { return i > 0 }); len(cs) > 0 {
		oldest := cs[0] // never the head, who stays on the roll; the oldest is the likeliest to have died
		for _, c := range cs {
			if d.people[c].age > d.people[oldest].age {
				oldest = c
			}
		}
		add(MemberDied, []int{oldest})
	}
	if len(kinds) == 0 {
		return "", -1
	}
	k := r.IntN(len(kinds))
	return kinds[k], pick(r, who[k])
}

// eligible takes from the household what would have kept it off the roll,
// then trims transfers until its income per member (victim, who is to die,
// left out) is at most RecipientLineFen.
func (g *generator) eligible(r *rand.Rand, d *draft, victim int) {
	for i := range d.truth {
		t := &d.truth[i]
		if j := t.Job; j != nil && (j.Public || j.Insured) {
			t.Job = &Job{Employer: pick(r, informalJobs), MonthlyFen: yuan(r, 1500, 3500), Since: j.Since}
		}
		t.HousingFund, t.Vehicles, t.Businesses, t.Securities = nil, nil, nil, nil
		t.Homes = t.Homes[:min(1, len(t.Homes))]
		t.Benefits = slices.DeleteFunc(t.Benefits, func(f Flow) bool { return f.Kind == hedui.RecordUnemployment })
		for k := range t.Benefits {
			if f := &t.Benefits[k]; f.AmountFen > 26000 {
				f.Name, f.AmountFen = "城乡居民基本养老保险", yuan(r, 120, 260)
			}
		}
		left := recipientSavingsFen
		for k := range t.Deposits {
			t.Deposits[k].BalanceFen = min(t.Deposits[k].BalanceFen, left)
			left -= t.Deposits[k].BalanceFen
		}
		t.Deposits = slices.DeleteFunc(t.Deposits, func(x Deposit) bool { return x.BalanceFen == 0 })
	}
	for {
		var income hedui.Fen
		members := 0
		var largest *[]Flow
		at := -1
		for i, p := range d.people {
			if !p.together || i == victim {
				continue
			}
			t := &d.truth[i]
			income += t.monthlyIncome(nil)
			members++
			for _, flows := range []*[]Flow{&t.Subsidies, &t.Benefits} {
				for k, f := range *flows {
					if largest == nil || f.monthly() > (*largest)[at].monthly() {
						largest, at = flows, k
					}
				}
			}
		}
		if income <= RecipientLineFen*hedui.Fen(members) || largest == nil {
			return
		}
		*largest = slices.Delete(*largest, at, at+1)
	}
}

// change plants a change of kind about member who.
func (g *generator) change(r *rand.Rand, d *draft, kind ChangeKind, who int) Change {
	t := &d.truth[who]
	since := g.daysAgo(r, 215, 330)
	c := Change{Kind: kind, IDNumber: t.IDNumber, Since: since}
	switch kind {
	case NewJob:
		j := g.formalJob(r, d, r.IntN(4) == 0)
		j.Since, t.Job = since, j
		c.Item, c.Key = hedui.ItemTax, j.Employer
		if j.Public {
			c.Item = hedui.ItemPayroll
		}
		c.Detail = fmt.Sprintf("%s起在%s工作，月工资%s元", since, j.Employer, yuanText(j.MonthlyFen))
	case NewBusiness:
		b := g.business(r, d, d.people[who], false)
		b.Founded = since
		t.Businesses = append(t.Businesses, b)
		c.Item, c.Key = hedui.ItemBusiness, b.CreditCode
		c.Detail = fmt.Sprintf("%s登记%s（%s），月经营所得%s元", since, b.Name, b.Role, yuanText(b.MonthlyFen))
	case NewPension:
		f := Flow{Kind: hedui.RecordPension, Name: "企业职工基本养老保险", Payer: "庆阳市社会保险事业管理局",
			AmountFen: yuan(r, 2800, 4200), Every: 1, Since: since}
		t.Benefits = append(t.Benefits, f)
		c.Item, c.Key = hedui.ItemSocialInsurance, f.Name
		c.Detail = fmt.Sprintf("%s起领取%s，每月%s元", since, f.Name, yuanText(f.AmountFen))
	case MemberDied:
		death := g.daysAgo(r, 30, 330)
		t.die(death)
		c.Item, c.Key, c.Since = hedui.ItemHukou, death.String(), death
		c.Detail = fmt.Sprintf("%s已于%s登记死亡，仍在名册上", t.Name, death)
	}
	return c
}

// monthly is a flow's payment as a monthly amount: a yearly one spread
// over its twelve months, a one-off one in full.
func (f Flow) monthly() hedui.Fen {
	if f.Every > 1 {
		return f.AmountFen / hedui.Fen(f.Every)
	}
	return f.AmountFen
}

// monthlyIncome is the person's income as the departments report it, a
// month's worth at the full rate: wages an employer reports, individual
// businesses' income (a company's profit is taxed in its own name),
// pensions and benefits, subsidies; not assistance, which no example policy
// counts (hedui.IncomeAssistance). The changes listed are left out. Six
// months of answers average no more than this (a flow that began within
// them averages less), so an unchanged household never shows a rise over
// an income recorded from it.
func (t *PersonTruth) monthlyIncome(changes []Change) hedui.Fen {
	changed := func(k ChangeKind, key string) bool {
		return slices.ContainsFunc(changes, func(c Change) bool { return c.is(k, t.IDNumber, key) })
	}
	var sum hedui.Fen
	if j := t.Job; j != nil && (j.Public || j.Insured) && !changed(NewJob, j.Employer) {
		sum += j.MonthlyFen
	}
	for _, b := range t.Businesses {
		if b.Kind == hedui.RecordIndividual && !changed(NewBusiness, b.CreditCode) {
			sum += b.MonthlyFen
		}
	}
	for _, f := range t.Benefits {
		if !changed(NewPension, f.Name) {
			sum += f.monthly()
		}
	}
	for _, f := range t.Subsidies {
		sum += f.monthly()
	}
	return sum
}
