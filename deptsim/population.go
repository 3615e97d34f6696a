package deptsim

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	"hedui"
)

// Population is a synthetic city: households as they would apply, and the
// truth the departments hold about every member.
type Population struct {
	Seed       uint64      `json:"seed"`
	Now        time.Time   `json:"now"`
	Households []Household `json:"households"`

	indexOnce sync.Once
	index     map[string]int // ID number → household
}

// Household is one family: what it declares (Members, Declaration) and
// what is true (Truth), with the differences planted on purpose listed in
// Discrepancies (applicants) or Changes (recipients: what changed since
// the roll recorded the household).
type Household struct {
	Key           string                 `json:"key"` // stable for a seed: "<seed>-<n>"
	Township      string                 `json:"township"`
	Address       string                 `json:"address"`
	Hukou         hedui.HukouType        `json:"hukou"`
	Members       []hedui.NewMember      `json:"members"`
	Declaration   hedui.Declaration      `json:"declaration"`
	Discrepancies []Discrepancy          `json:"discrepancies,omitempty"`
	Changes       []Change               `json:"changes,omitempty"`
	Truth         map[string]PersonTruth `json:"truth"` // by ID number
}

// Generate builds a population. The same configuration always yields the
// same population: every household draws from its own PCG stream seeded
// with (Seed, index), and only ID, plate and code numbering is shared, in
// household order. It panics on a malformed township code.
func Generate(cfg Config) *Population {
	cfg, towns := cfg.withDefaults()
	g := &generator{now: cfg.Now, rate: cfg.DiscrepancyRate, recipients: cfg.Recipients, sizes: cumulate(cfg.SizeWeights),
		ids: newIDs(cfg.Now)}
	pop := &Population{Seed: cfg.Seed, Now: cfg.Now, Households: make([]Household, cfg.Households)}
	for i := range pop.Households {
		r := rand.New(rand.NewPCG(cfg.Seed, uint64(i)))
		pop.Households[i] = g.household(r, fmt.Sprintf("%d-%d", cfg.Seed, i), towns[i%len(towns)])
	}
	return pop
}

// Find returns the truth about a person, by ID number.
func (p *Population) Find(idNumber string) (PersonTruth, bool) {
	p.indexOnce.Do(func() {
		p.index = map[string]int{}
		for i, h := range p.Households {
			for id := range h.Truth {
				p.index[id] = i
			}
		}
	})
	id := matchID(idNumber)
	i, ok := p.index[id]
	if !ok {
		return PersonTruth{}, false
	}
	return p.Households[i].Truth[id], true
}

// matchID is an ID number as departments match it: trimmed, with a
// lower-case check letter x taken as X.
func matchID(idNumber string) string { return strings.ToUpper(strings.TrimSpace(idNumber)) }

// People counts the members of all households.
func (p *Population) People() int {
	n := 0
	for _, h := range p.Households {
		n += len(h.Members)
	}
	return n
}

// Application is the household's application for aid (default 最低生活保障),
// as a township clerk would register it. It is a deep copy: registering it
// (which fills in member ids) leaves the population untouched.
func (h *Household) Application(aid ...hedui.AssistanceType) hedui.NewApplication {
	if len(aid) == 0 {
		aid = []hedui.AssistanceType{hedui.AidDibao}
	}
	members := make([]hedui.NewMember, len(h.Members))
	for i, m := range h.Members {
		if m.LivesTogether != nil {
			together := *m.LivesTogether
			m.LivesTogether = &together
		}
		members[i] = m
	}
	decl := hedui.Declaration{
		Incomes: append([]hedui.Income(nil), h.Declaration.Incomes...),
		Assets:  append([]hedui.Asset(nil), h.Declaration.Assets...),
	}
	return hedui.NewApplication{
		Kind: hedui.KindNew, Aid: append([]hedui.AssistanceType(nil), aid...),
		Household:      &hedui.NewHousehold{Township: h.Township, Address: h.Address, Hukou: h.Hukou},
		Members:        members,
		Declaration:    &decl,
		IdempotencyKey: "deptsim-" + h.Key,
	}
}
