package rules

import (
	"slices"
	"testing"

	"hedui"
)

func goldenCases() []CaseInput {
	var out []CaseInput
	for i, g := range goldens {
		if g.policy != nil {
			continue
		}
		in := g.build().in
		in.ID = int64(i + 1)
		out = append(out, in)
	}
	return out
}

func TestDryRun(t *testing.T) {
	cases := goldenCases()
	cur := testPolicy()
	same, err := DryRun(cases, cur, testPolicy(), 5)
	if err != nil {
		t.Fatal(err)
	}
	if same.Cases != len(cases) || same.Changed != 0 || same.BenefitChanged != 0 || len(same.Examples) != 0 {
		t.Errorf("the same policy changes nothing: %+v", same)
	}

	// Raising the standard by one yuan (601.00): the three households at
	// or just over 600.00 become 低保; the two one fen over the financial
	// limit fall under the new limit (+1.00 × 24 per member); the one at
	// 900.00 falls under the new near-poor line 901.50. Every 低保
	// benefit rises.
	draft := testPolicy()
	draft.Version, draft.StandardMonthlyFen = 4, 60100
	rep, err := DryRun(cases, cur, draft, 2)
	if err != nil {
		t.Fatal(err)
	}
	want := []Shift{
		{From: "未发现异常／低保边缘", To: "未发现异常／低保", Count: 3},
		{From: "超标不符合／不符合", To: "未发现异常／低保", Count: 2},
		{From: "超标不符合／不符合", To: "未发现异常／低保边缘", Count: 1},
	}
	if rep.Changed != 6 || !slices.Equal(rep.Shifts, want) {
		t.Errorf("changed %d, shifts %+v", rep.Changed, rep.Shifts)
	}
	if rep.BenefitChanged == 0 || len(rep.Examples) != 2 {
		t.Errorf("benefit changed %d, %d examples", rep.BenefitChanged, len(rep.Examples))
	}
	for _, ex := range rep.Examples {
		if ex.CaseID == 0 || len(ex.Reasons) == 0 {
			t.Errorf("example %+v", ex)
		}
		for _, r := range ex.Reasons {
			if r.RuleVersion != 4 {
				t.Errorf("example reason cites version %d, want the draft's 4", r.RuleVersion)
			}
		}
	}

	bad := testPolicy()
	bad.Rules = []hedui.PolicyRule{{ID: "x", Name: "坏", Effect: hedui.EffectInfo, Expr: "Nope"}}
	if _, err := DryRun(cases, cur, bad, 1); hedui.KindOf(err) != hedui.KindInvalid {
		t.Errorf("a broken draft: %v", err)
	}
}
