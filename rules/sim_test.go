package rules

import (
	"fmt"
	"testing"
	"time"

	"hedui"
	"hedui/deptsim"
)

// simNow is the day the simulated population is generated and verified.
var simNow = time.Date(2026, 3, 15, 10, 0, 0, 0, time.UTC)

// simCases turns a simulated population into cases: members numbered from
// 1 in each household, every item queried about everyone, and the
// departments' answers as of simNow.
func simCases(pop *deptsim.Population) []CaseInput {
	out := make([]CaseInput, len(pop.Households))
	for i := range pop.Households {
		h := &pop.Households[i]
		q := hedui.Query{ID: "Q-" + h.Key, Items: hedui.Items}
		in := CaseInput{ID: int64(i + 1), Declaration: h.Declaration, AsOf: hedui.DateOf(simNow)}
		for j, nm := range h.Members {
			m, err := hedui.CheckMember("sim", fmt.Sprintf("members[%d]", j), nm, simNow)
			if err != nil {
				panic(err) // the simulator makes valid members
			}
			m.ID = int64(j + 1)
			in.Members = append(in.Members, m)
			q.Subjects = append(q.Subjects, hedui.Subject{Ref: fmt.Sprintf("%s-%d", q.ID, j+1), MemberID: m.ID, Name: nm.Name, IDNumber: nm.IDNumber})
		}
		in.Expected = ExpectationsFrom([]hedui.Query{q})
		in.Answers = pop.Answer(q, hedui.DateOf(simNow), simNow)
		for k := range in.Answers {
			in.Answers[k].ID = int64(k + 1)
		}
		out[i] = in
	}
	return out
}

// Every discrepancy the simulator plants is found, and an honest
// household never looks suspicious: the comparison against the
// simulator's ground truth.
func TestSimulatedDiscrepancies(t *testing.T) {
	pop := deptsim.Generate(deptsim.Config{Seed: 4, Households: 600, Now: simNow})
	cases := simCases(pop)
	ex := ExamplePolicies()
	c, err := Compile(&ex[0])
	if err != nil {
		t.Fatal(err)
	}
	var k Checker
	overall := map[hedui.Overall]int{}
	planted := 0
	for i := range cases {
		h := &pop.Households[i]
		out := k.Check(c, &cases[i])
		overall[out.Overall]++
		flagged := map[int64]bool{} // members with a discrepancy or death reason
		for _, r := range out.Reasons {
			if r.RuleID == RuleDiscrepancy || r.RuleID == RuleDeceased {
				for _, e := range r.Evidence {
					flagged[e.MemberID] = true
				}
			}
			if r.RuleID == RuleUnknownRecord || r.RuleID == RuleMissingAnswer {
				t.Errorf("%s: %s", h.Key, r.Text)
			}
		}
		for _, d := range h.Discrepancies {
			planted++
			if id := memberOf(&cases[i], d.IDNumber); !flagged[id] {
				t.Errorf("%s: planted %s (%s) not found; reasons %v", h.Key, d.Kind, d.Detail, texts(out.Reasons))
			}
		}
		if len(h.Discrepancies) == 0 && len(flagged) > 0 {
			t.Errorf("%s: honest household flagged: %v", h.Key, texts(out.Reasons))
		}
	}
	t.Logf("%d households, %d planted discrepancies; overall %v", len(cases), planted, overall)
	if planted < 100 {
		t.Errorf("only %d planted discrepancies", planted)
	}
}

func memberOf(in *CaseInput, idNumber string) int64 {
	for _, m := range in.Members {
		if m.IDNumber == idNumber {
			return m.ID
		}
	}
	return -1
}

func texts(rs []hedui.Reason) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.RuleID+": "+r.Text)
	}
	return out
}
