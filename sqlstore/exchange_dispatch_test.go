package sqlstore

import (
	"context"
	"database/sql"
	"regexp"
	"strconv"
	"testing"
	"time"

	"hedui"
)

var queryIDPattern = regexp.MustCompile(`^Q[0-9A-HJKMNP-TV-Z]{26}$`)

func TestDispatchRefusals(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		app := e.accepted("张建国", "李秀英")
		_, err := e.db.Dispatch(e.ctx, e.verifier, app.ID, hedui.LevelCounty, fakeDue)
		if hedui.CodeOf(err) != "no_departments" || hedui.MessageOf(err) != "本地区尚未配置提供数据的部门，请管理员先登记部门和共享协议" {
			t.Fatalf("without departments: %v", err)
		}
		f := e.departments()
		draft := e.create(e.clerk, e.family("王小明", "赵丽"))
		noCalendar := func(hedui.Date, int) (hedui.Date, error) {
			return hedui.Date{}, hedui.Errorf("test", hedui.KindInvalid, "no_calendar", "2026年的节假日安排尚未录入")
		}
		for _, tc := range []struct {
			name  string
			by    hedui.Actor
			id    int64
			level hedui.Level
			due   hedui.DueFunc
			want  hedui.Kind
			code  string
		}{
			{"draft", e.verifier, draft.ID, hedui.LevelCounty, fakeDue, hedui.KindConflict, "illegal_transition"},
			{"clerk", e.clerk, app.ID, hedui.LevelCounty, fakeDue, hedui.KindPermission, "verifier_only"},
			{"other county", e.verQC, app.ID, hedui.LevelCounty, fakeDue, hedui.KindNotFound, "application_not_found"},
			{"liaison", f.liaison, app.ID, hedui.LevelCounty, fakeDue, hedui.KindPermission, "verifier_only"},
			{"township level", e.verifier, app.ID, hedui.LevelTownship, fakeDue, hedui.KindInvalid, "invalid_level"},
			{"county asks the city", e.verifier, app.ID, hedui.LevelCity, fakeDue, hedui.KindPermission, "city_only"},
			{"city level before escalation", e.city, app.ID, hedui.LevelCity, fakeDue, hedui.KindConflict, "illegal_transition"},
			{"no calendar", e.verifier, app.ID, hedui.LevelCounty, noCalendar, hedui.KindInvalid, "no_calendar"},
		} {
			before := e.count("audit_log")
			_, err := e.db.Dispatch(e.ctx, tc.by, tc.id, tc.level, tc.due)
			if hedui.KindOf(err) != tc.want || hedui.CodeOf(err) != tc.code {
				t.Errorf("%s: got %v, want %v %s", tc.name, err, tc.want, tc.code)
			}
			if e.count("queries") != 0 || e.count("query_subjects") != 0 || e.count("audit_log") != before {
				t.Fatalf("%s: something was written", tc.name)
			}
		}
		if s := e.appStatus(app.ID); s != hedui.StatusAccepted {
			t.Fatalf("status %q after refusals", s)
		}
	})
}

func TestDispatch(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f := e.departments()
		expired := dept("621002-market", "西峰区市场监督管理局", hedui.LevelCounty, "621002", hedui.ChannelManual, hedui.ItemBusiness)
		expired.Agreement.ValidUntil = date("2026-02-28")
		e.createDept(expired)
		inactive := dept("621002-old", "已撤销的部门", hedui.LevelCounty, "621002", hedui.ChannelManual, hedui.ItemTax)
		inactive.Active = false
		e.createDept(inactive)

		app := e.accepted("张建国", "李秀英")
		d, err := e.db.Dispatch(e.ctx, e.verifier, app.ID, hedui.LevelCounty, fakeDue)
		must(t, err)
		if !d.Created || len(d.Queries) != 4 || len(d.Excluded) != 0 ||
			len(d.SkippedDepartments) != 1 || d.SkippedDepartments[0] != "西峰区市场监督管理局" {
			t.Fatalf("dispatched %+v", d)
		}
		ids := map[string]bool{}
		for _, want := range []struct {
			d    hedui.Department
			days int
		}{{f.police, 7}, {f.finance, 7}, {f.hrss, 7}, {f.bank, 10}} {
			q := queryTo(t, d.Queries, want.d)
			if !queryIDPattern.MatchString(q.ID) || ids[q.ID] {
				t.Fatalf("query id %q", q.ID)
			}
			ids[q.ID] = true
			if q.Status != hedui.QueryPending || q.ApplicationID != app.ID || q.Department != want.d.Name ||
				len(q.Items) != len(want.d.Items) || q.DueOn != (hedui.Date{Time: today.AddDate(0, 0, want.days)}) ||
				q.CreatedAt.IsZero() || !q.SentAt.IsZero() {
				t.Errorf("query to %s: %+v", want.d.Code, q)
			}
			if len(q.Subjects) != 2 {
				t.Fatalf("subjects %+v", q.Subjects)
			}
			for i, s := range q.Subjects {
				m := app.Members[i]
				if s.Ref != q.ID+"-"+strconv.Itoa(i+1) || s.MemberID != m.ID || s.Name != m.Name || s.IDNumber != m.IDNumber {
					t.Errorf("subject %d: %+v", i, s)
				}
			}
		}
		got, err := e.db.Application(e.ctx, e.verifier, app.ID)
		must(t, err)
		last := got.History[len(got.History)-1]
		if got.Status != hedui.StatusVerifying || last.Action != hedui.ActDispatch || last.By != "verifier" {
			t.Fatalf("after dispatch: %q, %+v", got.Status, last)
		}
		if n := e.auditCount(hedui.AuditDispatch); n != 1 {
			t.Fatalf("%d dispatch entries", n)
		}

		again, err := e.db.Dispatch(e.ctx, e.verifier, app.ID, hedui.LevelCounty, fakeDue)
		must(t, err)
		if again.Created || len(again.Queries) != 4 || !ids[again.Queries[0].ID] || e.count("queries") != 4 {
			t.Fatalf("re-dispatch %+v", again)
		}
	})
}

// TestDispatchCoverage: only members covered by the active letter are
// sent; re-signing after a change of membership covers the newcomer.
func TestDispatchCoverage(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.departments()

		// A member who reached the household after the letter was signed
		// (written directly: the clerk's screens would have retired it).
		app := e.accepted("张建国", "李秀英")
		m, err := hedui.CheckMember("test", "m", e.person("张小宝", hedui.RelChild, 20), hedui.Civil(start))
		must(t, err)
		must(t, e.db.inTx(e.ctx, "test", func(tx *sql.Tx) error {
			return e.db.insertMembers(e.ctx, tx, app.Household.ID, []hedui.Member{m}, start)
		}))
		d, err := e.db.Dispatch(e.ctx, e.verifier, app.ID, hedui.LevelCounty, fakeDue)
		must(t, err)
		if len(d.Excluded) != 1 || d.Excluded[0].Name != "张**" || d.Excluded[0].Reason != ReasonNotAuthorised ||
			len(d.Queries[0].Subjects) != 2 {
			t.Fatalf("excluded %+v, subjects %+v", d.Excluded, d.Queries[0].Subjects)
		}
		again, err := e.db.Dispatch(e.ctx, e.verifier, app.ID, hedui.LevelCounty, fakeDue)
		must(t, err)
		if len(again.Excluded) != 1 || again.Excluded[0].MemberID != d.Excluded[0].MemberID {
			t.Fatalf("re-dispatch excluded %+v", again.Excluded)
		}

		// Through the screens: returned, a child added, signed again.
		app = e.sign(e.clerk, e.create(e.clerk, e.family("王小明", "赵丽")), hedui.LetterElectronic)
		steps := []struct {
			by hedui.Actor
			a  hedui.Action
			c  string
		}{{e.clerk, hedui.ActSubmit, ""}, {e.verifier, hedui.ActReturn, "漏报子女"}}
		for _, s := range steps {
			_, err := e.db.Transition(e.ctx, s.by, app.ID, s.a, s.c)
			must(t, err)
		}
		_, err = e.db.AddMembers(e.ctx, e.clerk, app.ID, []hedui.NewMember{e.person("王小宝", hedui.RelChild, 20)})
		must(t, err)
		app, err = e.db.Application(e.ctx, e.clerk, app.ID)
		must(t, err)
		app = e.sign(e.clerk, app, hedui.LetterElectronic)
		for _, s := range []struct {
			by hedui.Actor
			a  hedui.Action
		}{{e.clerk, hedui.ActSubmit}, {e.verifier, hedui.ActAccept}} {
			_, err := e.db.Transition(e.ctx, s.by, app.ID, s.a, "")
			must(t, err)
		}
		d, err = e.db.Dispatch(e.ctx, e.verifier, app.ID, hedui.LevelCounty, fakeDue)
		must(t, err)
		if len(d.Excluded) != 0 || len(d.Queries[0].Subjects) != 3 {
			t.Fatalf("after re-signing: excluded %+v, %d subjects", d.Excluded, len(d.Queries[0].Subjects))
		}
	})
}

// TestDispatchLetterExpired: a letter that ran out between acceptance and
// dispatch covers nobody.
func TestDispatchLetterExpired(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.departments()
		app := e.create(e.clerk, e.family("张建国", "李秀英"))
		l := hedui.NewLetter{Form: hedui.LetterElectronic, SignedOn: today, ValidUntil: today}
		for _, m := range app.Members {
			l.Signers = append(l.Signers, hedui.Signer{IDNumber: m.IDNumber})
		}
		_, err := e.db.AddLetter(e.ctx, e.clerk, app.ID, l)
		must(t, err)
		_, err = e.db.Transition(e.ctx, e.clerk, app.ID, hedui.ActSubmit, "")
		must(t, err)
		_, err = e.db.Transition(e.ctx, e.verifier, app.ID, hedui.ActAccept, "")
		must(t, err)
		e.clock.Advance(48 * time.Hour)
		_, err = e.db.Dispatch(e.ctx, e.verifier, app.ID, hedui.LevelCounty, fakeDue)
		wantKind(t, err, hedui.KindInvalid)
		if hedui.CodeOf(err) != "no_member_authorised" || e.count("queries") != 0 {
			t.Fatalf("got %v, %d queries", err, e.count("queries"))
		}
	})
}

// TestDispatchConcurrent: two verifiers dispatching one case at once make
// one set of queries.
func TestDispatchConcurrent(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.departments()
		app := e.accepted("张建国", "李秀英")
		errs := make(chan error, 2)
		created := make(chan bool, 2)
		for _, by := range []hedui.Actor{e.verifier, e.city} {
			go func() {
				d, err := e.db.Dispatch(context.Background(), by, app.ID, hedui.LevelCounty, fakeDue)
				errs <- err
				created <- d.Created
			}()
		}
		n := 0
		for range 2 {
			must(t, <-errs)
			if <-created {
				n++
			}
		}
		if n != 1 || e.count("queries") != 4 || e.auditCount(hedui.AuditDispatch) != 1 {
			t.Fatalf("%d created, %d queries", n, e.count("queries"))
		}
	})
}
