package sqlstore

import (
	"testing"

	"hedui"
)

func TestDeadlines(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f := e.departments()
		_, d := e.dispatched("张建国", "李秀英")
		police := queryTo(t, d.Queries, f.police)
		day := func(n int) hedui.Date { return hedui.Date{Time: today.AddDate(0, 0, n)} }
		sys := hedui.SystemActor("测试")

		// Due after 7 days (the bank after 10): overdue from the day after.
		for _, tc := range []struct {
			name string
			by   hedui.Actor
			day  hedui.Date
			want int
		}{
			{"on the due day", e.verifier, day(7), 0},
			{"the day after", e.verifier, day(8), 3},
			{"after the bank's", e.verifier, day(11), 4},
			{"system", sys, day(11), 4},
			{"other county", e.verQC, day(11), 0},
			{"liaison, not yet delivered", f.liaison, day(11), 0},
		} {
			qs, err := e.db.Overdue(e.ctx, tc.by, tc.day)
			must(t, err)
			if len(qs) != tc.want {
				t.Errorf("%s: %d overdue, want %d", tc.name, len(qs), tc.want)
			}
		}
		must(t, e.db.MarkSent(e.ctx, ids(d.Queries), start))
		qs, err := e.db.Overdue(e.ctx, f.liaison, day(8))
		must(t, err)
		if len(qs) != 1 || qs[0].ID != police.ID || len(qs[0].Subjects) != 0 {
			t.Fatalf("liaison's overdue %+v", qs)
		}
		_, err = e.db.Overdue(e.ctx, e.clerk, day(8))
		wantKind(t, err, hedui.KindPermission)
		_, err = e.db.Overdue(e.ctx, e.verifier, hedui.Date{})
		wantKind(t, err, hedui.KindInvalid)

		// Answered queries are no longer owed.
		e.record(f.police, answersFor(police, 1))
		for _, tc := range []struct {
			name string
			by   hedui.Actor
			day  hedui.Date
			want int
		}{
			{"first reminder", e.verifier, day(8), 2},
			{"same day again", e.verifier, day(8), 0},
			{"same day by the system", sys, day(8), 0},
			{"next day", sys, day(11), 3},
			{"other county", e.verQC, day(12), 0},
		} {
			n, err := e.db.Remind(e.ctx, tc.by, tc.day)
			must(t, err)
			if n != tc.want {
				t.Errorf("%s: %d reminders, want %d", tc.name, n, tc.want)
			}
		}
		_, err = e.db.Remind(e.ctx, f.liaison, day(8))
		wantKind(t, err, hedui.KindPermission)
		if e.count("reminders") != 5 || e.auditCount(hedui.AuditRemind) != 2 {
			t.Fatalf("%d reminders, %d audit entries", e.count("reminders"), e.auditCount(hedui.AuditRemind))
		}
		qs, err = e.db.Queries(e.ctx, e.verifier, d.Queries[0].ApplicationID)
		must(t, err)
		if q := queryTo(t, qs, f.bank); q.RemindedAt.IsZero() || !queryTo(t, qs, f.police).RemindedAt.IsZero() {
			t.Fatalf("reminded at: bank %v, police %v", q.RemindedAt, queryTo(t, qs, f.police).RemindedAt)
		}
	})
}

func TestDepartmentQueries(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f := e.departments()
		_, d1 := e.dispatched("张建国", "李秀英")
		_, d2 := e.dispatched("王小明", "赵丽")
		must(t, e.db.MarkSent(e.ctx, ids(d1.Queries), start))
		for _, tc := range []struct {
			name   string
			by     hedui.Actor
			f      hedui.QueryFilter
			total  int
			status hedui.Kind // KindOther: allowed
		}{
			{"liaison sees delivered ones of his department", f.liaison, hedui.QueryFilter{}, 1, hedui.KindOther},
			{"verifier, his region", e.verifier, hedui.QueryFilter{}, 8, hedui.KindOther},
			{"verifier, one department", e.verifier, hedui.QueryFilter{DepartmentID: f.bank.ID}, 2, hedui.KindOther},
			{"verifier, pending", e.verifier, hedui.QueryFilter{Status: []hedui.QueryStatus{hedui.QueryPending}}, 4, hedui.KindOther},
			{"verifier, overdue", e.verifier, hedui.QueryFilter{OverdueOn: hedui.Date{Time: today.AddDate(0, 0, 9)}}, 6, hedui.KindOther},
			{"verifier, paged", e.verifier, hedui.QueryFilter{Limit: 3, Offset: 6}, 8, hedui.KindOther},
			{"other county", e.verQC, hedui.QueryFilter{}, 0, hedui.KindOther},
			{"unknown status", e.verifier, hedui.QueryFilter{Status: []hedui.QueryStatus{"lost"}}, 0, hedui.KindInvalid},
			{"clerk", e.clerk, hedui.QueryFilter{}, 0, hedui.KindPermission},
		} {
			page, err := e.db.DepartmentQueries(e.ctx, tc.by, tc.f)
			if tc.status != hedui.KindOther {
				if !isKind(err, tc.status) {
					t.Errorf("%s: got %v, want %v", tc.name, err, tc.status)
				}
				continue
			}
			must(t, err)
			limit := tc.f.Limit
			if limit == 0 {
				limit = 50
			}
			if page.Total != tc.total || len(page.Items) != min(tc.total-tc.f.Offset, limit) {
				t.Errorf("%s: total %d, %d items", tc.name, page.Total, len(page.Items))
			}
		}
		page, _ := e.db.DepartmentQueries(e.ctx, f.liaison, hedui.QueryFilter{})
		q := page.Items[0]
		if q.ID != queryTo(t, d1.Queries, f.police).ID || len(q.Subjects) != 2 || q.Subjects[0].IDNumber == "" {
			t.Fatalf("liaison's query %+v", q)
		}
		if last := e.lastEntry(); last.Action != hedui.AuditQueryList || last.Username != "liaison" {
			t.Fatalf("audit %+v", last)
		}

		// One query: its department's liaison or a verifier of its case.
		pending := queryTo(t, d2.Queries, f.police)
		for _, tc := range []struct {
			name string
			by   hedui.Actor
			id   string
			ok   bool
		}{
			{"liaison, delivered", f.liaison, q.ID, true},
			{"liaison, not yet delivered", f.liaison, pending.ID, false},
			{"other liaison", f.liaisonBank, q.ID, false},
			{"verifier", e.verifier, pending.ID, true},
			{"city verifier", e.city, pending.ID, true},
			{"other county", e.verQC, q.ID, false},
			{"clerk", e.clerk, q.ID, false},
		} {
			got, err := e.db.Query(e.ctx, tc.by, tc.id)
			if tc.ok != (err == nil) || (tc.ok && got.ID != tc.id) {
				t.Errorf("%s: %v", tc.name, err)
			}
			if !tc.ok && !isKind(err, hedui.KindNotFound) {
				t.Errorf("%s: got %v, want not found", tc.name, err)
			}
		}
		if last := e.lastEntry(); last.Action != hedui.AuditQueryView || last.CaseID != pending.ApplicationID {
			t.Fatalf("audit %+v", last)
		}
	})
}
