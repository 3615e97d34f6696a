package sqlstore

import (
	"bytes"
	"testing"

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
		var req bytes.Buffer
		_, err = batchfile.WriteRequest(&req, batchfile.CSV, finance, qs)
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
		rep, err := e.db.RecordRecheckAnswers(e.ctx, e.verifier, r.ID, finance.ID, imp.Answers)
		must(t, err)
		owed := 0
		for _, h := range f.pop.Households[:8] {
			owed += len(h.Members) * len(finance.Items)
		}
		if rep.Recorded != owed || len(rep.Problems) != 0 {
			t.Fatalf("ingest = %d recorded, problems %+v; want %d", rep.Recorded, rep.Problems, owed)
		}
		again, err := e.db.RecordRecheckAnswers(e.ctx, e.verifier, r.ID, finance.ID, imp.Answers)
		must(t, err)
		if again.Recorded != 0 || again.Duplicates != owed {
			t.Fatalf("second import = %+v, want all duplicates", again)
		}
		_, err = e.db.RecordRecheckAnswers(e.ctx, e.verQC, r.ID, finance.ID, imp.Answers)
		wantKind(t, err, hedui.KindNotFound)

		drain(t, f, f.worker("b"))
		f.roundCounts(t, r.ID)
		p, err = e.db.RoundProgress(e.ctx, e.verifier, r.ID)
		must(t, err)
		if p.Overall.Answered != f.queries || p.Overall.Evaluated != 8 {
			t.Errorf("after the answer file: %+v", p.Overall)
		}
	})
}
