package sqlstore

import (
	"fmt"
	"sync"
	"testing"

	"hedui"
)

// TestConcurrentCreates: writers in parallel all succeed, numbers stay
// dense, and the audit chain stays intact (on PostgreSQL this is the head
// row lock at work).
func TestConcurrentCreates(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		const n = 16
		ins := make([]hedui.NewApplication, n)
		for i := range ins {
			ins[i] = e.family(fmt.Sprintf("并发户主%d", i), fmt.Sprintf("并发配偶%d", i))
		}
		clerks := []hedui.Actor{e.clerk, e.clerk2}
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range ins {
			wg.Go(func() {
				by := clerks[i%2]
				_, _, errs[i] = e.db.CreateApplication(e.ctx, by, ins[i])
				if errs[i] == nil {
					_, errs[i] = e.db.Applications(e.ctx, by, hedui.Filter{})
				}
			})
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("writer %d: %v", i, err)
			}
		}
		page, err := e.db.Applications(e.ctx, e.verifier, hedui.Filter{Limit: n})
		must(t, err)
		seen := map[string]bool{}
		for _, s := range page.Items {
			seen[s.Number] = true
		}
		for i := 1; i <= n; i++ {
			if num := appNumber("621002", 2026, int64(i)); !seen[num] {
				t.Errorf("number %s not issued; got %v", num, seen)
			}
		}
		rep, err := e.db.VerifyAudit(e.ctx, e.auditor)
		must(t, err)
		if !rep.OK() || rep.Entries != int64(8+2*n+1) {
			t.Fatalf("audit after concurrent writes: %+v", rep)
		}
	})
}

// TestConcurrentSamePerson: of applications racing for one person, exactly
// one wins; the others get the explanatory conflict. Clerks of two counties
// take different number counters, so on PostgreSQL nothing serialises them
// before the active_persons key, and losers go through the retry.
func TestConcurrentSamePerson(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		const n = 6
		ins := make([]hedui.NewApplication, n)
		for i := range ins {
			ins[i] = e.family(fmt.Sprintf("争用户主%d", i), fmt.Sprintf("争用配偶%d", i))
		}
		shared := ins[0].Members[1].IDNumber
		for i := range ins {
			ins[i].Members[1].IDNumber = shared
		}
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range ins {
			by := []hedui.Actor{e.clerk, e.clerkQC}[i%2]
			wg.Go(func() { _, _, errs[i] = e.db.CreateApplication(e.ctx, by, ins[i]) })
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch {
			case err == nil:
				won++
			case hedui.CodeOf(err) != "person_in_open_application":
				t.Errorf("loser got %v", err)
			}
		}
		if won != 1 || e.count("applications") != 1 {
			t.Fatalf("%d winners, %d applications", won, e.count("applications"))
		}
	})
}
