package recheck

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"hedui"
	"hedui/deptsim"
	"hedui/rules"
)

// rollTowns are a street (urban households) and townships (mostly rural)
// of four counties, so that both example standards of several counties
// are met.
var rollTowns = []string{"621002001", "621002100", "621021100", "621022100", "621027200"}

// changeShows is how a first round must report each planted change: the
// kinds it must find, and those it may find besides (a new job may or may
// not lift a household over its county's line).
var changeShows = map[deptsim.ChangeKind]struct{ must, may []hedui.ChangeKind }{
	deptsim.NewJob:      {[]hedui.ChangeKind{hedui.ChangeIncomeRises}, []hedui.ChangeKind{hedui.ChangeAboveLine}},
	deptsim.NewBusiness: {[]hedui.ChangeKind{hedui.ChangeIncomeRises}, []hedui.ChangeKind{hedui.ChangeAboveLine}},
	deptsim.NewPension:  {[]hedui.ChangeKind{hedui.ChangeAboveLine, hedui.ChangeIncomeRises}, nil},
	deptsim.MemberDied:  {[]hedui.ChangeKind{hedui.ChangeDeath}, nil},
}

// TestSimulatedRoll evaluates every household of a simulated recipients'
// roll with what the simulated departments answer, as a first round does:
// exactly the households deptsim changed on purpose are flagged, each as
// its change shows, on the roll's day and months later.
func TestSimulatedRoll(t *testing.T) {
	now := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	cfg := deptsim.Config{Seed: 41, Households: 600, Now: now, Townships: rollTowns, Recipients: true,
		SizeWeights: deptsim.RecipientSizeWeights}
	pop := deptsim.Generate(cfg)
	if again := deptsim.Generate(cfg); !reflect.DeepEqual(again.Roll("621002"), pop.Roll("621002")) {
		t.Fatal("the same seed gave another roll")
	}
	policies := map[string]*hedui.Policy{}
	for _, p := range rules.ExamplePolicies() {
		policies[hedui.PolicyKey(p.County, p.Hukou)] = &p
	}
	for _, later := range []int{0, 100} {
		asOf := hedui.DateOf(now.AddDate(0, 0, later))
		t.Run(fmt.Sprintf("as of %s", asOf), func(t *testing.T) {
			changed := map[deptsim.ChangeKind]int{}
			honest := 0
			for _, county := range []string{"621002", "621021", "621022", "621027"} {
				for _, x := range pop.Roll(county) {
					var i int
					if _, err := fmt.Sscanf(x.Number[len(county)+1:], "%d", &i); err != nil {
						t.Fatalf("roll number %s: %v", x.Number, err)
					}
					h := &pop.Households[i]
					got := evaluateRolled(t, pop, x, policies[hedui.PolicyKey(x.County, x.Hukou)], asOf)
					if len(h.Changes) == 0 {
						honest++
						if len(got) > 0 {
							t.Errorf("%s, unchanged, recorded income %d fen: flagged %v", x.Number, x.IncomeFen, got)
						}
						continue
					}
					c := h.Changes[0]
					changed[c.Kind]++
					want := changeShows[c.Kind]
					for _, k := range want.must {
						if !slices.Contains(got, k) {
							t.Errorf("%s, %s (%s): flagged %v, missing %s", x.Number, c.Kind.Label(), c.Detail, got, k)
						}
					}
					for _, k := range got {
						if !slices.Contains(want.must, k) && !slices.Contains(want.may, k) {
							t.Errorf("%s, %s (%s): flagged %v, not expecting %s", x.Number, c.Kind.Label(), c.Detail, got, k)
						}
					}
				}
			}
			// Every kind comes up a few times, and most households are unchanged.
			for _, k := range deptsim.ChangeKinds {
				if changed[k] < 3 {
					t.Errorf("%d households with %s, want a few: %v", changed[k], k.Label(), changed)
				}
			}
			if honest < 400 {
				t.Errorf("%d households unchanged of %d", honest, len(pop.Households))
			}
		})
	}
}

// evaluateRolled evaluates a roll household's first re-verification: its
// members numbered, every item answered by the simulated departments, the
// roll's income as the baseline.
func evaluateRolled(t *testing.T, pop *deptsim.Population, x hedui.RollHousehold, p *hedui.Policy, asOf hedui.Date) []hedui.ChangeKind {
	t.Helper()
	if p == nil {
		t.Fatalf("no example policy for %s %s", x.County, x.Hukou)
	}
	q := hedui.Query{Items: hedui.Items}
	for k := range x.Members {
		m := &x.Members[k]
		m.ID = int64(k + 1)
		q.Subjects = append(q.Subjects, hedui.Subject{Ref: m.IDNumber, MemberID: m.ID, Name: m.Name, IDNumber: m.IDNumber})
	}
	var expected []rules.Expectation
	for _, m := range x.Members {
		for _, it := range hedui.Items {
			expected = append(expected, rules.Expectation{MemberID: m.ID, Item: it})
		}
	}
	h := &hedui.RecheckHousehold{Roll: x, Baseline: hedui.RecheckBaseline{IncomeFen: x.IncomeFen}}
	s := hedui.ExampleRecheckSchedule(x.County, x.Category, day("2025-01-01"))
	return kinds(Evaluate(h, pop.Answer(q, asOf, asOf.Time), expected, p, s, asOf))
}
