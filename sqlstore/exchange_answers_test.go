package sqlstore

import (
	"reflect"
	"testing"

	"hedui"
)

func TestRecordAnswersPermissions(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f := e.departments()
		_, d := e.dispatched("张建国", "李秀英")
		police := queryTo(t, d.Queries, f.police)
		as := answersFor(police, 100)
		for _, tc := range []struct {
			name string
			by   hedui.Actor
			dept int64
			want hedui.Kind
		}{
			{"liaison for another department", f.liaison, f.bank.ID, hedui.KindPermission},
			{"verifier", e.verifier, f.police.ID, hedui.KindPermission},
			{"clerk", e.clerk, f.police.ID, hedui.KindPermission},
			{"unknown department", hedui.SystemActor("测试"), 999, hedui.KindNotFound},
		} {
			_, err := e.db.RecordAnswers(e.ctx, tc.by, tc.dept, as)
			if !isKind(err, tc.want) {
				t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
			}
		}
		if e.count("answers") != 0 {
			t.Fatal("answers stored by refused calls")
		}
		rep, err := e.db.RecordAnswers(e.ctx, f.liaison, f.police.ID, as)
		must(t, err)
		if rep.Recorded != 4 || rep.Duplicates != 0 || len(rep.Problems) != 0 {
			t.Fatalf("liaison's own department: %+v", rep)
		}
		if last := e.lastEntry(); last.Action != hedui.AuditAnswers || last.Username != "liaison" {
			t.Fatalf("audit %+v", last)
		}
	})
}

func TestRecordAnswers(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f := e.departments()
		app, d := e.dispatched("张建国", "李秀英")
		must(t, e.db.MarkSent(e.ctx, ids(d.Queries), start))
		police, finance := queryTo(t, d.Queries, f.police), queryTo(t, d.Queries, f.finance)
		hrss, bank := queryTo(t, d.Queries, f.hrss), queryTo(t, d.Queries, f.bank)

		first := answersFor(police, 100, hedui.ItemVehicle)
		rep := e.record(f.police, first)
		if rep.Recorded != 4 || len(rep.Problems) != 0 || len(rep.Completed) != 0 {
			t.Fatalf("first %+v", rep)
		}
		rep = e.record(f.police, first)
		if rep.Recorded != 0 || rep.Duplicates != 4 || e.count("answers") != 4 {
			t.Fatalf("again %+v, %d rows", rep, e.count("answers"))
		}

		// Good rows are kept; bad ones are reported with where they came from.
		good := answersFor(finance, 200)
		bad := []struct {
			a      hedui.Answer
			column string
		}{
			{answersFor(police, 1)[0], "query_id"}, // not addressed to finance
			{hedui.Answer{QueryID: finance.ID, SubjectRef: police.Subjects[0].Ref, Item: hedui.ItemTax, NoRecord: true}, "subject_ref"},
			{hedui.Answer{QueryID: finance.ID, SubjectRef: finance.Subjects[0].Ref, Item: hedui.ItemHukou, NoRecord: true}, "item"},
			{hedui.Answer{QueryID: finance.ID, SubjectRef: finance.Subjects[0].Ref, Item: "salary", NoRecord: true}, "item"},
			{hedui.Answer{QueryID: "Q0000000000000000000000000", SubjectRef: "Q0-1", Item: hedui.ItemTax, NoRecord: true}, "query_id"},
			{hedui.Answer{QueryID: finance.ID, SubjectRef: finance.Subjects[0].Ref, Item: hedui.ItemTax, NoRecord: true,
				Records: []hedui.Record{{Kind: "tax"}}, Source: "finance.csv:7"}, "no_record"},
			{hedui.Answer{QueryID: finance.ID, SubjectRef: finance.Subjects[0].Ref, Item: hedui.ItemTax}, "no_record"},
		}
		batch := append([]hedui.Answer(nil), good[:4]...)
		for _, b := range bad {
			batch = append(batch, b.a)
		}
		batch = append(batch, good[4:]...)
		rep = e.record(f.finance, batch)
		if rep.Recorded != 8 || len(rep.Problems) != len(bad) {
			t.Fatalf("mixed batch %+v", rep)
		}
		for i, p := range rep.Problems {
			if p.Column != bad[i].column || p.Message == "" || p.Source == "" {
				t.Errorf("problem %d: %+v, want column %s", i, p, bad[i].column)
			}
		}
		if rep.Problems[5].Source != "finance.csv:7" || rep.Problems[1].Source != finance.ID+"/"+police.Subjects[0].Ref {
			t.Fatalf("problem sources %q, %q", rep.Problems[5].Source, rep.Problems[1].Source)
		}

		// A query is answered only when every subject × item is.
		hrssAll := answersFor(hrss, 300, hedui.ItemHousingFund)
		e.record(f.hrss, hrssAll[:5])
		qs, err := e.db.Queries(e.ctx, e.verifier, app.ID)
		must(t, err)
		if q := queryTo(t, qs, f.hrss); q.Status != hedui.QuerySent || !q.AnsweredAt.IsZero() {
			t.Fatalf("partly answered %+v", q)
		}
		if q := queryTo(t, qs, f.police); q.Status != hedui.QueryAnswered || q.AnsweredAt.IsZero() {
			t.Fatalf("fully answered %+v", q)
		}
		e.record(f.hrss, hrssAll[5:])
		if s := e.appStatus(app.ID); s != hedui.StatusVerifying {
			t.Fatalf("status %q with the bank outstanding", s)
		}

		// The last department answers: the case is verified by the system.
		rep = e.record(f.bank, answersFor(bank, 400))
		if !reflect.DeepEqual(rep.Completed, []int64{app.ID}) {
			t.Fatalf("completed %v", rep.Completed)
		}
		got, err := e.db.Application(e.ctx, e.verifier, app.ID)
		must(t, err)
		last := got.History[len(got.History)-1]
		if got.Status != hedui.StatusVerified || last.Action != hedui.ActComplete || last.Role != hedui.RoleSystem {
			t.Fatalf("after the last answer: %q %+v", got.Status, last)
		}

		// A correction is a new row; an answer to a failed query is refused.
		fix := answersFor(bank, 401)[:1]
		if rep := e.record(f.bank, fix); rep.Recorded != 1 || len(rep.Completed) != 0 {
			t.Fatalf("correction %+v", rep)
		}
		e.checkAnswers(t, app, police, fix[0])
	})
}

// checkAnswers reads the answers back: records opened, 查无记录 kept apart
// from 未反馈, the newest correction present, digests filled in.
func (e *env) checkAnswers(t *testing.T, app *hedui.Application, police hedui.Query, fix hedui.Answer) {
	t.Helper()
	as, err := e.db.Answers(e.ctx, e.verifier, app.ID)
	must(t, err)
	if len(as) != 4+8+8+4+1 {
		t.Fatalf("%d answers", len(as))
	}
	var noRecord, withRecord, corrected int
	for _, a := range as {
		if len(a.PayloadSHA256) != 64 || a.ReceivedAt.IsZero() || a.MemberID == 0 || a.DepartmentID == 0 || a.Channel == "" {
			t.Fatalf("answer %+v", a)
		}
		switch {
		case a.QueryID == police.ID && a.Item == hedui.ItemVehicle:
			if !a.NoRecord || len(a.Records) != 0 {
				t.Fatalf("查无记录 read back as %+v", a)
			}
			noRecord++
		case a.QueryID == police.ID:
			want := answersFor(police, 100)[0].Records
			if a.NoRecord || !reflect.DeepEqual(a.Records, want) || a.Channel != hedui.ChannelOnline {
				t.Fatalf("records read back %+v, want %+v", a, want)
			}
			withRecord++
		case a.QueryID == fix.QueryID && a.SubjectRef == fix.SubjectRef && a.Item == fix.Item && a.Records[0].AmountFen == 401:
			corrected++
		}
	}
	if noRecord != 2 || withRecord != 2 || corrected != 1 {
		t.Fatalf("no record %d, with records %d, corrected %d", noRecord, withRecord, corrected)
	}
	if _, err := e.db.Answers(e.ctx, e.clerk, app.ID); err != nil {
		t.Fatalf("clerk of the case: %v", err)
	}
	_, err = e.db.Answers(e.ctx, e.verQC, app.ID)
	wantKind(t, err, hedui.KindNotFound)
	if last := e.lastEntry(); last.Action != hedui.AuditAnswersView || last.CaseID != app.ID {
		t.Fatalf("audit %+v", last)
	}
}

func TestAnswersToFailedQuery(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f := e.departments()
		_, d := e.dispatched("张建国", "李秀英")
		bank := queryTo(t, d.Queries, f.bank)
		must(t, e.db.MarkFailed(e.ctx, bank.ID, "无法送达"))
		rep := e.record(f.bank, answersFor(bank, 1))
		if rep.Recorded != 0 || len(rep.Problems) != 4 || rep.Problems[0].Column != "query_id" {
			t.Fatalf("answers to a failed query %+v", rep)
		}
	})
}
