package rules

import (
	"cmp"
	"slices"

	"hedui"
)

// Outcome is the part of a conclusion a policy change can move.
type Outcome struct {
	Overall      hedui.Overall  `json:"overall"`
	Category     hedui.Category `json:"category"`
	BenefitFen   hedui.Fen      `json:"benefit_fen"`
	PerCapitaFen hedui.Fen      `json:"per_capita_fen"`
}

func outcomeOf(c *hedui.Conclusion) Outcome {
	return Outcome{Overall: c.Overall, Category: c.Category, BenefitFen: c.BenefitFen, PerCapitaFen: c.PerCapitaFen}
}

// Label is the outcome in Chinese: 未发现异常／低保.
func (o Outcome) Label() string { return o.Overall.Label() + "／" + o.Category.Label() }

// Shift counts the cases that moved from one outcome to another.
type Shift struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Count int    `json:"count"`
}

// DryRunExample is one case whose conclusion the draft would change, with
// the draft's reasons that are not mere explanations.
type DryRunExample struct {
	CaseID  int64          `json:"case_id"`
	Before  Outcome        `json:"before"`
	After   Outcome        `json:"after"`
	Reasons []hedui.Reason `json:"reasons"`
}

// DryRunReport says what a draft policy would change over existing cases.
type DryRunReport struct {
	Cases          int             `json:"cases"`
	Changed        int             `json:"changed"`         // overall conclusion or category changed
	BenefitChanged int             `json:"benefit_changed"` // same conclusion and category, another benefit
	Shifts         []Shift         `json:"shifts"`          // most frequent first
	Examples       []DryRunExample `json:"examples"`        // at most maxExamples, in case order
}

// DryRun evaluates every case under the current policy and under a draft
// and reports how many conclusions would change, with up to maxExamples
// examples. Either policy failing to compile is an error (the draft's is
// what an editor needs to see).
func DryRun(cases []CaseInput, current, draft *hedui.Policy, maxExamples int) (DryRunReport, error) {
	cur, err := Compile(current)
	if err != nil {
		return DryRunReport{}, err
	}
	dr, err := Compile(draft)
	if err != nil {
		return DryRunReport{}, err
	}
	var k Checker
	rep := DryRunReport{Cases: len(cases)}
	shifts := map[[2]string]int{}
	for i := range cases {
		in := &cases[i]
		before := k.Check(cur, in)
		after := k.Check(dr, in)
		b, a := outcomeOf(&before), outcomeOf(&after)
		switch {
		case b.Overall != a.Overall || b.Category != a.Category:
			rep.Changed++
			shifts[[2]string{b.Label(), a.Label()}]++
		case b.BenefitFen != a.BenefitFen:
			rep.BenefitChanged++
		default:
			continue
		}
		if len(rep.Examples) < maxExamples {
			ex := DryRunExample{CaseID: in.ID, Before: b, After: a}
			for _, r := range after.Reasons {
				if r.Effect != hedui.EffectInfo || r.RuleID == RuleIncome || r.RuleID == RuleBenefit {
					ex.Reasons = append(ex.Reasons, r)
				}
			}
			rep.Examples = append(rep.Examples, ex)
		}
	}
	for k, n := range shifts {
		rep.Shifts = append(rep.Shifts, Shift{From: k[0], To: k[1], Count: n})
	}
	slices.SortFunc(rep.Shifts, func(x, y Shift) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.From, y.From), cmp.Compare(x.To, y.To))
	})
	return rep, nil
}
