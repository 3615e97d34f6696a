package deptsim

import (
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	"hedui"
	"hedui/idcard"
	"hedui/rolls"
	"hedui/sheet"
)

// rollStream separates the draws of the roll (category, benefit, dates)
// from the generator's, so that adding the roll changed no population.
const rollStream = 0x726f6c6c // "roll"

// Roll is the current assistance roll of a county as the provincial system
// would export it: every household of the population in the county, each
// with a 户编号 derived from its key, so that the same population always
// gives the same roll. Households of a single member who cannot work are
// 特困, the others 低保. The income recorded is the one the departments
// reported at the household's last review (reviewedIncome), so that a
// household whose circumstances did not change shows no rise in a
// re-verification round. Benefits and dates are examples (示例), drawn per
// household.
func (p *Population) Roll(county string) []hedui.RollHousehold {
	var out []hedui.RollHousehold
	for i := range p.Households {
		h := &p.Households[i]
		if len(h.Township) < 6 || h.Township[:6] != county {
			continue
		}
		out = append(out, p.rollHousehold(i, h))
	}
	return out
}

func (p *Population) rollHousehold(i int, h *Household) hedui.RollHousehold {
	r := rand.New(rand.NewPCG(p.Seed^rollStream, uint64(i)))
	today := hedui.DateOf(p.Now)
	x := hedui.RollHousehold{County: h.Township[:6], Region: h.Township, Number: fmt.Sprintf("%s-%06d", h.Township[:6], i),
		Category: hedui.CategoryDibao, Hukou: h.Hukou, Address: h.Address, Status: hedui.RollActive,
		Since:        hedui.DateOf(today.AddDate(-1-r.IntN(7), -r.IntN(12), 0)),
		LetterNumber: fmt.Sprintf("SQ-%s-%06d", h.Township[:6], i),
		LetterUntil:  hedui.DateOf(today.AddDate(1+r.IntN(3), 0, 0))}
	stable := true
	for _, m := range h.Members {
		n, err := idcard.Parse(m.IDNumber, p.Now)
		if err != nil {
			panic("deptsim: generated an invalid ID number: " + err.Error())
		}
		together := m.LivesTogether == nil || *m.LivesTogether
		x.Members = append(x.Members, hedui.Member{Name: m.Name, IDNumber: n.Canonical, Gender: n.Gender(),
			BirthDate: hedui.DateOf(n.Birth), Relationship: m.Relationship, Hukou: h.Hukou,
			DisabilityGrade: m.DisabilityGrade, Labour: m.Labour, LivesTogether: together})
		if m.Labour != hedui.LabourNone {
			stable = false
		}
	}
	if len(x.Members) == 1 && x.Members[0].Labour == hedui.LabourNone {
		x.Category = hedui.CategoryTekun
	}
	x.Stable = stable
	// 示例: a benefit of 300–900 yuan per member.
	x.BenefitFen = hedui.Fen((300 + r.IntN(600)) * 100 * len(x.Members))
	x.IncomeFen = h.reviewedIncome()
	return x
}

// reviewedIncome is the household's monthly income as the departments
// reported it at its last review (PersonTruth.monthlyIncome), counted over
// the members living together and alive, as a round counts them: the
// truth without what changed since (Changes) or what the roll never knew
// (an undeclared salary; the other Discrepancies bring no income a
// department reports).
func (h *Household) reviewedIncome() hedui.Fen {
	unknown := h.Changes
	for _, d := range h.Discrepancies {
		if d.Kind == UnreportedSalary {
			unknown = append(slices.Clip(unknown), Change{Kind: NewJob, IDNumber: d.IDNumber, Key: d.Key})
		}
	}
	var sum hedui.Fen
	for _, m := range h.Members {
		t := h.Truth[m.IDNumber]
		if (m.LivesTogether == nil || *m.LivesTogether) && !t.Hukou.Deceased {
			sum += t.monthlyIncome(unknown)
		}
	}
	return sum
}

// WriteRoll writes Roll(county) as a roll file in format f.
func (p *Population) WriteRoll(w io.Writer, county string, f sheet.Format) error {
	return rolls.Write(w, f, p.Roll(county))
}

// Extend grows the population to n households by copying its households
// in turn, each copy with fresh ID numbers (names, addresses, vehicles and
// the rest repeat). It is for volume: a city-scale roll or round in a
// fraction of the time Generate takes, with departments answering every
// copied person from the copied truth. n below the current size changes
// nothing.
func (p *Population) Extend(n int) {
	base := len(p.Households)
	if n <= base || base == 0 {
		return
	}
	fresh := renumber(p.usedIDs(), p.Now, false)
	for i := base; i < n; i++ {
		p.Households = append(p.Households, cloneHousehold(&p.Households[i%base], fmt.Sprintf("%d-%d", p.Seed, i), fresh))
	}
	// The index of Find covers the new people on its next use.
	p.indexOnce, p.index = sync.Once{}, nil
}

// Merge adds q's households to p, so that one set of departments knows
// both. Generate numbers ID numbers per population, so a person of q whose
// number p already uses gets a fresh one, in q too. Keys are q's.
func (p *Population) Merge(q *Population) {
	keep := renumber(p.usedIDs(), q.Now, true)
	for i := range q.Households {
		q.Households[i] = cloneHousehold(&q.Households[i], q.Households[i].Key, keep)
	}
	q.indexOnce, q.index = sync.Once{}, nil
	p.Households = append(p.Households, q.Households...)
	p.indexOnce, p.index = sync.Once{}, nil
}

// usedIDs is the set of the population's ID numbers.
func (p *Population) usedIDs() map[string]bool {
	used := make(map[string]bool, p.People())
	for _, h := range p.Households {
		for id := range h.Truth {
			used[id] = true
		}
	}
	return used
}

// renumber returns a function that gives a person an ID number not in
// used, with the same area, birth date and sex, and records it; with
// keepFree, a number not yet used is kept.
func renumber(used map[string]bool, now time.Time, keepFree bool) func(string) string {
	ids := newIDs(now)
	return func(old string) string {
		if keepFree && !used[old] {
			used[old] = true
			return old
		}
		num, err := idcard.Parse(old, now)
		if err != nil {
			panic("deptsim: generated an invalid ID number: " + err.Error())
		}
		for {
			id, _ := ids.next(num.Area, num.Birth, num.Male)
			if !used[id] {
				used[id] = true
				return id
			}
		}
	}
}

// cloneHousehold copies h under a new key with every ID number replaced.
func cloneHousehold(h *Household, key string, fresh func(string) string) Household {
	// In a fixed order, so that a seed always gives the same copies.
	ids := make(map[string]string, len(h.Truth))
	for _, m := range h.Members {
		ids[m.IDNumber] = fresh(m.IDNumber)
	}
	for _, old := range slices.Sorted(maps.Keys(h.Truth)) {
		if _, ok := ids[old]; !ok {
			ids[old] = fresh(old)
		}
	}
	c := *h
	c.Key = key
	c.Members = make([]hedui.NewMember, len(h.Members))
	for i, m := range h.Members {
		m.IDNumber = ids[m.IDNumber]
		c.Members[i] = m
	}
	c.Declaration = hedui.Declaration{Incomes: append([]hedui.Income(nil), h.Declaration.Incomes...),
		Assets: append([]hedui.Asset(nil), h.Declaration.Assets...)}
	for i := range c.Declaration.Incomes {
		c.Declaration.Incomes[i].IDNumber = ids[c.Declaration.Incomes[i].IDNumber]
	}
	for i := range c.Declaration.Assets {
		if id, ok := ids[c.Declaration.Assets[i].IDNumber]; ok {
			c.Declaration.Assets[i].IDNumber = id
		}
	}
	c.Discrepancies = append([]Discrepancy(nil), h.Discrepancies...)
	for i := range c.Discrepancies {
		c.Discrepancies[i].IDNumber = ids[c.Discrepancies[i].IDNumber]
	}
	c.Changes = append([]Change(nil), h.Changes...)
	for i := range c.Changes {
		c.Changes[i].IDNumber = ids[c.Changes[i].IDNumber]
	}
	c.Truth = make(map[string]PersonTruth, len(h.Truth))
	for old, t := range h.Truth {
		t.IDNumber = ids[old]
		c.Truth[ids[old]] = t
	}
	return c
}
