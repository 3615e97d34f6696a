package demo

import (
	"context"
	"fmt"
	"time"

	"hedui"
	"hedui/casework"
	"hedui/rules"
)

// SeedPolicies stores the example policies of package rules, urban and
// rural for the eight counties, where the county has no version of that
// hukou type yet. They are labelled examples; an administrator's own
// versions are never touched.
func SeedPolicies(ctx context.Context, st hedui.Store) error {
	sys := hedui.SystemActor("创建示例政策参数")
	have, err := st.Policies(ctx, sys, "", "")
	if err != nil {
		return err
	}
	exists := map[string]bool{}
	for _, p := range have {
		exists[p.County+"/"+string(p.Hukou)] = true
	}
	for _, p := range rules.ExamplePolicies() {
		if exists[p.County+"/"+string(p.Hukou)] {
			continue
		}
		if _, err := rules.Compile(&p); err != nil {
			return fmt.Errorf("demo: example policy %s: %w", p.Name, err)
		}
		if _, err := st.CreatePolicy(ctx, sys, p); err != nil {
			return fmt.Errorf("demo: example policy %s: %w", p.Name, err)
		}
	}
	return nil
}

// SeedConclusions has the demo verifiers evaluate up to max of their
// verified cases (every answer in, no conclusion yet) under the policy in
// force at now, so that the conclusion screens have content. The
// simulated departments answer after the cases are seeded, so on a first
// run there may be none yet; running the demo again evaluates them. It
// returns how many it evaluated.
func SeedConclusions(ctx context.Context, st hedui.Store, now time.Time, max int) (int, error) {
	done := 0
	today := hedui.Today(now)
	for _, username := range []string{"verifier.xifeng", "verifier.huanxian"} {
		by, err := Actor(ctx, st, username)
		if err != nil {
			return done, err
		}
		page, err := st.Applications(ctx, by, hedui.Filter{Status: []hedui.Status{hedui.StatusVerified}, Limit: max})
		if err != nil {
			return done, err
		}
		for _, s := range page.Items {
			if done >= max {
				return done, nil
			}
			if _, err := casework.Evaluate(ctx, st, by, s.ID, today); err != nil {
				return done, fmt.Errorf("demo: evaluating %s: %w", s.Number, err)
			}
			done++
		}
	}
	return done, nil
}
