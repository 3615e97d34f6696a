package sqlstore

import (
	"strings"
	"sync"
	"testing"

	"hedui"
)

// TestRecheckConcurrentStarts: two rounds started at the same moment over
// the same or overlapping scopes never share a household. One takes every
// due household; the other is refused as a conflict naming it.
func TestRecheckConcurrentStarts(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.recheckFixture(10, false)
		tests := []struct {
			name   string
			by     [2]hedui.Actor
			scopes [2]string
		}{
			{"the same county", [2]hedui.Actor{e.verifier, e.verifier}, [2]string{"621002", "621002"}},
			{"the county and the city", [2]hedui.Actor{e.verifier, e.city}, [2]string{"621002", "621000"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				// Which start wins is the scheduler's choice; a few tries
				// give the two transactions several chances to overlap.
				for range 3 {
					var rounds [2]hedui.Round
					var errs [2]error
					var wg sync.WaitGroup
					ready := make(chan struct{})
					for i := range 2 {
						wg.Add(1)
						go func() {
							defer wg.Done()
							<-ready
							rounds[i], errs[i] = e.db.StartRound(e.ctx, tt.by[i], hedui.NewRound{Scope: tt.scopes[i], AsOf: today})
						}()
					}
					close(ready)
					wg.Wait()
					won, lost := 0, 1
					if errs[0] != nil {
						won, lost = 1, 0
					}
					if errs[won] != nil || rounds[won].Households != 9 {
						t.Fatalf("no start took the 9 due households: %+v %v / %+v %v", rounds[0], errs[0], rounds[1], errs[1])
					}
					err := errs[lost]
					if hedui.KindOf(err) != hedui.KindConflict || hedui.CodeOf(err) != "round_running" ||
						!strings.Contains(hedui.MessageOf(err), "进行中") {
						t.Fatalf("the other start: %+v, %v; want a conflict naming the running round", rounds[lost], err)
					}
					if n, distinct := e.countWhere(`SELECT COUNT(*) FROM recheck_households`),
						e.countWhere(`SELECT COUNT(DISTINCT household_id) FROM recheck_households`); n != distinct {
						t.Fatalf("%d households selected, %d distinct: a household is in two rounds", n, distinct)
					}
					// The households are free again for the next try.
					_, err = e.db.db.ExecContext(e.ctx, `DELETE FROM recheck_households`)
					must(t, err)
					_, err = e.db.db.ExecContext(e.ctx, `UPDATE recheck_rounds SET status = 'finished'`)
					must(t, err)
				}
			})
		}
		// With no round running, a start that finds nothing is nothing_due.
		_, err := e.db.StartRound(e.ctx, e.verQC, hedui.NewRound{Scope: "621021", AsOf: today})
		if hedui.CodeOf(err) != "nothing_due" {
			t.Errorf("庆城县 with an empty roll: %v, want nothing_due", err)
		}
	})
}
