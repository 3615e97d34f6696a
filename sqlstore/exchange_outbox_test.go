package sqlstore

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"hedui"
)

func TestBackoff(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		attempts int
		want     time.Duration
	}{
		{0, 30 * time.Second}, {1, time.Minute}, {2, 2 * time.Minute}, {6, 32 * time.Minute},
		{7, time.Hour}, {40, time.Hour}, {100, time.Hour},
	} {
		if got := backoff(tc.attempts); got != tc.want {
			t.Errorf("backoff(%d) = %v, want %v", tc.attempts, got, tc.want)
		}
	}
}

func ids(qs []hedui.Query) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.ID
	}
	return out
}

func TestOutbox(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f := e.departments()
		var apps []*hedui.Application
		for i := range 3 {
			app, _ := e.dispatched(fmt.Sprintf("户主%d", i), fmt.Sprintf("配偶%d", i))
			apps = append(apps, app)
		}
		depts, err := e.db.OutboxDepartments(e.ctx)
		must(t, err)
		if !slices.Equal(depts, []int64{f.police.ID, f.finance.ID, f.hrss.ID, f.bank.ID}) {
			t.Fatalf("outbox departments %v", depts)
		}

		first, err := e.db.ClaimOutbox(e.ctx, f.police.ID, 2, time.Minute)
		must(t, err)
		if len(first) != 2 || first[0].ApplicationID != apps[0].ID || first[1].ApplicationID != apps[1].ID ||
			first[0].Subjects[0].Name != "户主0" || first[0].Subjects[0].IDNumber != apps[0].Members[0].IDNumber {
			t.Fatalf("first claim %+v", first)
		}
		rest, err := e.db.ClaimOutbox(e.ctx, f.police.ID, 10, time.Minute)
		must(t, err)
		none, err := e.db.ClaimOutbox(e.ctx, f.police.ID, 10, time.Minute)
		must(t, err)
		if len(rest) != 1 || rest[0].ApplicationID != apps[2].ID || len(none) != 0 {
			t.Fatalf("second claim %d, third %d", len(rest), len(none))
		}
		depts, _ = e.db.OutboxDepartments(e.ctx)
		if slices.Contains(depts, f.police.ID) {
			t.Fatalf("leased department still listed: %v", depts)
		}

		// The lease runs out: the three are claimable again.
		e.clock.Advance(61 * time.Second)
		again, err := e.db.ClaimOutbox(e.ctx, f.police.ID, 10, time.Minute)
		must(t, err)
		if len(again) != 3 {
			t.Fatalf("after the lease: %d", len(again))
		}
		sentAt := start.Add(time.Hour)
		must(t, e.db.MarkSent(e.ctx, ids(again[:2]), sentAt))
		must(t, e.db.MarkSent(e.ctx, ids(again[:2]), sentAt.Add(time.Hour))) // no-op
		qs, err := e.db.Queries(e.ctx, e.verifier, apps[0].ID)
		must(t, err)
		if q := queryTo(t, qs, f.police); q.Status != hedui.QuerySent || !q.SentAt.Equal(sentAt) {
			t.Fatalf("sent query %+v", q)
		}
		if n := e.auditCount(hedui.AuditOutboxSent); n != 1 {
			t.Fatalf("%d sent entries", n)
		}

		// A transient failure: tried again after the backoff.
		id := again[2].ID
		must(t, e.db.Release(e.ctx, id, "部门接口超时"))
		status, attempts, lastErr, next, lease := e.queryRow(id)
		now := e.clock.Now()
		if status != "pending" || attempts != 1 || lastErr != "部门接口超时" || !lease.IsZero() ||
			next.Sub(now) > 30*time.Second || next.Sub(now) < 29*time.Second {
			t.Fatalf("released: %s %d %q next in %v lease %v", status, attempts, lastErr, next.Sub(now), lease)
		}
		if got, _ := e.db.ClaimOutbox(e.ctx, f.police.ID, 10, time.Minute); len(got) != 0 {
			t.Fatalf("claimed during the backoff: %v", ids(got))
		}
		e.clock.Advance(31 * time.Second)
		got, err := e.db.ClaimOutbox(e.ctx, f.police.ID, 10, time.Minute)
		must(t, err)
		if len(got) != 1 || got[0].ID != id {
			t.Fatalf("after the backoff: %v", ids(got))
		}
		must(t, e.db.Release(e.ctx, id, "部门接口超时"))
		_, attempts, _, next, _ = e.queryRow(id)
		if d := next.Sub(e.clock.Now()); attempts != 2 || d > time.Minute || d < 59*time.Second {
			t.Fatalf("second release: attempts %d, next in %v", attempts, d)
		}
		must(t, e.db.Release(e.ctx, again[0].ID, "x")) // sent: untouched
		if _, attempts, _, _, _ := e.queryRow(again[0].ID); attempts != 0 {
			t.Fatalf("release of a sent query counted an attempt")
		}

		// A permanent failure needs a person.
		must(t, e.db.MarkFailed(e.ctx, id, "部门证书已吊销"))
		status, _, lastErr, _, _ = e.queryRow(id)
		if status != "failed" || lastErr != "部门证书已吊销" {
			t.Fatalf("failed: %s %q", status, lastErr)
		}
		if last := e.lastEntry(); last.Action != hedui.AuditOutboxFailed || last.CaseID != apps[2].ID {
			t.Fatalf("audit %+v", last)
		}
		wantKind(t, e.db.MarkFailed(e.ctx, "Qnope", "x"), hedui.KindNotFound)
		wantKind(t, e.db.Release(e.ctx, "Qnope", "x"), hedui.KindNotFound)
	})
}

// TestOutboxConcurrentClaims: claimers in parallel never get the same
// query, and between them get all.
func TestOutboxConcurrentClaims(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f := e.departments()
		const cases = 8
		for i := range cases {
			e.dispatched(fmt.Sprintf("并发户主%d", i), fmt.Sprintf("并发配偶%d", i))
		}
		var mu sync.Mutex
		seen := map[string]int{}
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for w := range errs {
			wg.Go(func() {
				for {
					qs, err := e.db.ClaimOutbox(e.ctx, f.police.ID, 1, time.Hour)
					if err != nil || len(qs) == 0 {
						errs[w] = err
						return
					}
					mu.Lock()
					for _, q := range qs {
						seen[q.ID]++
					}
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		for _, err := range errs {
			must(t, err)
		}
		if len(seen) != cases {
			t.Fatalf("%d distinct queries claimed, want %d", len(seen), cases)
		}
		for id, n := range seen {
			if n != 1 {
				t.Errorf("query %s claimed %d times", id, n)
			}
		}
		rep, err := e.db.VerifyAudit(e.ctx, e.auditor)
		must(t, err)
		if !rep.OK() {
			t.Fatalf("audit after concurrent claims: %+v", rep)
		}
	})
}
