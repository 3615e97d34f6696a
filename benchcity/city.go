package benchcity

import (
	"time"

	"hedui"
	"hedui/deptsim"
)

// HiddenShare is the share of recipient households whose situation
// changed since the review that put their income on the roll: a new job,
// a business, a pension, a death (deptsim.Config.Recipients). Inspections
// of 低保 rolls find a few per cent to about a tenth of households
// ineligible; 8 % sits in that range.
const HiddenShare = 0.08

// Seed is the population seed of the benchmark: the same city every run.
const Seed = 20261127

// City is the synthetic city a benchmark runs on.
type City struct {
	Pop *deptsim.Population
	// Now is the day of the round; the population is generated on it.
	Now time.Time
}

// NewCity generates a city of households recipient households, the same
// one for the same arguments, spread over every township of 庆阳市.
func NewCity(households int, now time.Time) *City {
	pop := deptsim.Generate(deptsim.Config{Seed: Seed, Households: households, Now: now,
		DiscrepancyRate: HiddenShare, SizeWeights: deptsim.RecipientSizeWeights, Recipients: true})
	return &City{Pop: pop, Now: now}
}

// Households is the number of households.
func (c *City) Households() int { return len(c.Pop.Households) }

// People is the number of recipients.
func (c *City) People() int { return c.Pop.People() }

// EachAnswer calls fn with what the departments answer about every member
// of every household, item by item, in household order: the same answers
// the simulated departments give hedui (deptsim.Population.Answer),
// 查无记录 included. Nothing is kept, so a city of millions of answers
// streams through in constant memory.
func (c *City) EachAnswer(items []hedui.Item, fn func(household int, idNumber string, a hedui.Answer) error) error {
	asOf := hedui.DateOf(c.Now)
	for i := range c.Pop.Households {
		h := &c.Pop.Households[i]
		q := hedui.Query{Items: items, Subjects: make([]hedui.Subject, len(h.Members))}
		for k, m := range h.Members {
			q.Subjects[k] = hedui.Subject{Ref: m.IDNumber, Name: m.Name, IDNumber: m.IDNumber}
		}
		for _, a := range c.Pop.Answer(q, asOf, c.Now) {
			if err := fn(i, a.SubjectRef, a); err != nil {
				return err
			}
		}
	}
	return nil
}
