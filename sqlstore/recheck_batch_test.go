package sqlstore

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"hedui"
	"hedui/exchange/batchfile"
)

// A department on the batch-file channel gets one request file for the
// whole round, and its one answer file completes the round.
func TestRecheckBatchFileDepartment(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.db.partSize = 4
		f := e.recheckFixture(9, true)
		finance := f.depts[1]
		r := f.startRound(today)
		drain(t, f, f.worker("a"))
		p, err := e.db.RoundProgress(e.ctx, e.verifier, r.ID)
		must(t, err)
		if p.Round.Status != hedui.RoundRunning || p.Overall.Evaluated != 0 || p.Overall.Dispatched != f.queries {
			t.Fatalf("before the answer file: %+v", p)
		}
		if n := e.countWhere(`SELECT COUNT(*) FROM recheck_parts WHERE round_id = $1 AND status = 'waiting'`, r.ID); n != r.Parts {
			t.Fatalf("%d parts waiting, want %d", n, r.Parts)
		}

		qs, err := e.db.RecheckRequests(e.ctx, e.verifier, r.ID, finance.ID)
		must(t, err)
		if len(qs) != 8 {
			t.Fatalf("request lists %d queries, want one per household (8)", len(qs))
		}
		answers := f.fileAnswers(t, finance, qs)
		// Only the department's own liaisons and the verifiers of the
		// round's scope exchange its files; others learn nothing.
		liaison, police := e.liaisonOf(finance, "finance1"), e.liaisonOf(f.depts[0], "police1")
		mine, err := e.db.RecheckRequests(e.ctx, liaison, r.ID, finance.ID)
		must(t, err)
		if len(mine) != len(qs) {
			t.Fatalf("the liaison's request lists %d queries, want %d", len(mine), len(qs))
		}
		for _, c := range []struct {
			name string
			by   hedui.Actor
			dept int64
			kind hedui.Kind
		}{
			{"other department's liaison", police, finance.ID, hedui.KindNotFound},
			{"liaison for another department", liaison, f.depts[0].ID, hedui.KindNotFound},
			{"verifier of another county", e.verQC, finance.ID, hedui.KindNotFound},
			{"clerk", e.clerk, finance.ID, hedui.KindPermission},
		} {
			_, err := e.db.RecheckRequests(e.ctx, c.by, r.ID, c.dept)
			wantKind(t, err, c.kind)
			_, err = e.db.RecordRecheckAnswers(e.ctx, c.by, r.ID, c.dept, answers)
			wantKind(t, err, c.kind)
		}
		// The liaison's page lists the round with what his department owes.
		rounds, err := e.db.DepartmentRounds(e.ctx, liaison)
		must(t, err)
		if len(rounds) != 1 || rounds[0].Round.ID != r.ID || rounds[0].Counts.DepartmentID != finance.ID ||
			rounds[0].Counts.Dispatched != 8 || rounds[0].Counts.Answered != 0 {
			t.Fatalf("the liaison's rounds = %+v", rounds)
		}
		_, err = e.db.DepartmentRounds(e.ctx, e.verifier)
		wantKind(t, err, hedui.KindPermission)
		rep, err := e.db.RecordRecheckAnswers(e.ctx, liaison, r.ID, finance.ID, answers)
		must(t, err)
		if rounds, err = e.db.DepartmentRounds(e.ctx, liaison); err != nil || len(rounds) != 1 || rounds[0].Counts.Answered != 8 {
			t.Fatalf("after the answers: %+v %v", rounds, err)
		}
		owed := 0
		for _, h := range f.pop.Households[:8] {
			owed += len(h.Members) * len(finance.Items)
		}
		if rep.Recorded != owed || len(rep.Problems) != 0 {
			t.Fatalf("ingest = %d recorded, problems %+v; want %d", rep.Recorded, rep.Problems, owed)
		}
		again, err := e.db.RecordRecheckAnswers(e.ctx, e.verifier, r.ID, finance.ID, answers)
		must(t, err)
		if again.Recorded != 0 || again.Duplicates != owed {
			t.Fatalf("second import = %+v, want all duplicates", again)
		}

		drain(t, f, f.worker("b"))
		f.roundCounts(t, r.ID)
		p, err = e.db.RoundProgress(e.ctx, e.verifier, r.ID)
		must(t, err)
		if p.Overall.Answered != f.queries || p.Overall.Evaluated != 8 {
			t.Errorf("after the answer file: %+v", p.Overall)
		}
	})
}

// Answers that arrive while a node works on their part are not lost: the
// part goes back to ready when it is saved, so another claim evaluates
// the households they complete.
func TestRecheckAnswersWhilePartRuns(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.db.partSize = 4
		f := e.recheckFixture(9, true)
		finance := f.depts[1]
		r := f.startRound(today)
		drain(t, f, f.worker("a"))
		qs, err := e.db.RecheckRequests(e.ctx, e.verifier, r.ID, finance.ID)
		must(t, err)
		answers := f.fileAnswers(t, finance, qs)
		first := func(a hedui.Answer) bool { return a.QueryID == qs[0].ID }

		// The first household's answers wake its part; a node claims it
		// and reads its input before the rest of the file arrives.
		_, err = e.db.RecordRecheckAnswers(e.ctx, e.verifier, r.ID, finance.ID, slices.DeleteFunc(slices.Clone(answers),
			func(a hedui.Answer) bool { return !first(a) }))
		must(t, err)
		w := f.worker("b")
		parts, err := e.db.ClaimRecheckParts(e.ctx, "b", 1, time.Minute)
		must(t, err)
		if len(parts) != 1 {
			t.Fatalf("claimed %d parts, want the one woken", len(parts))
		}
		in, err := e.db.RecheckInput(e.ctx, parts)
		must(t, err)
		_, err = e.db.RecordRecheckAnswers(e.ctx, e.verifier, r.ID, finance.ID, slices.DeleteFunc(slices.Clone(answers), first))
		must(t, err)
		out, err := w.Process(e.ctx, &in)
		must(t, err)
		must(t, e.db.SaveRecheckParts(e.ctx, "b", parts, out))
		if st := e.countWhere(`SELECT COUNT(*) FROM recheck_parts WHERE id = $1 AND status = 'ready'`, parts[0].ID); st != 1 {
			t.Fatalf("the part saved with answers that came meanwhile is not ready again")
		}

		drain(t, f, f.worker("c"))
		f.roundCounts(t, r.ID)
		p, err := e.db.RoundProgress(e.ctx, e.verifier, r.ID)
		must(t, err)
		if p.Round.Status != hedui.RoundFinished || p.Overall.Evaluated != 8 {
			t.Errorf("round after the late answers: %+v %+v", p.Round.Status, p.Overall)
		}
	})
}

// fileAnswers are the department's answers to qs as they come back in its
// answer file: written and read through the batch-file format.
func (f *rfix) fileAnswers(t *testing.T, dept hedui.Department, qs []hedui.Query) []hedui.Answer {
	t.Helper()
	e := f.e
	var req bytes.Buffer
	_, err := batchfile.WriteRequest(&req, batchfile.CSV, dept, qs)
	must(t, err)
	opt := batchfile.ReadOptions{Now: e.clock.Now}
	got, err := batchfile.ReadRequest("request.csv", &req, opt)
	must(t, err)
	var answers []hedui.Answer
	ids := map[string]string{}
	for _, q := range got {
		for _, s := range q.Subjects {
			ids[s.Ref] = s.IDNumber
		}
		answers = append(answers, f.pop.Answer(q, today, e.clock.Now())...)
	}
	var file bytes.Buffer
	must(t, batchfile.WriteAnswers(&file, batchfile.CSV, answers, ids))
	imp, err := batchfile.ReadAnswers("answers.csv", bytes.NewReader(file.Bytes()), opt)
	must(t, err)
	return imp.Answers
}
