package sqlstore

import (
	"strings"
	"testing"
	"time"

	"hedui"
	"hedui/deptsim"
	"hedui/exchange"
	"hedui/idcard"
	"hedui/recheck"
)

// TestRecheckRefusedProgress: queries a department refused for good are
// counted in the round's progress, per department and overall, with a
// reason whose ID numbers are masked; once an answer file answers them
// they are no longer counted, and the round finishes.
func TestRecheckRefusedProgress(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f := e.recheckFixture(4, false)
		r := f.startRound(today)
		// Every department refuses the first household's queries, naming
		// its head's ID number.
		var head string
		for id, truth := range f.pop.Households[0].Truth {
			if truth.Hukou.Relationship == hedui.RelHead {
				head = id
			}
		}
		w := recheck.NewWorker(e.db, recheck.Options{Node: "a", Parts: 2, Lease: time.Minute,
			Adapters: map[hedui.Channel]exchange.Adapter{hedui.ChannelSimulator: deptsim.NewAdapter(f.pop,
				deptsim.Behaviour{Refuse: []string{head}}, e.clock.Now)}})
		drain(t, f, w)

		p, err := e.db.RoundProgress(e.ctx, e.verifier, r.ID)
		must(t, err)
		if p.Overall.Refused != len(f.depts) || p.Overall.Evaluated != 2 {
			t.Fatalf("overall %+v; want %d refused (one per department) and the other 2 households evaluated",
				p.Overall, len(f.depts))
		}
		for _, c := range p.Departments {
			if c.Refused != 1 || !strings.Contains(c.Refusal, "HTTP 400") {
				t.Errorf("%s: refused %d, reason %q", c.Department, c.Refused, c.Refusal)
			}
			if strings.Contains(c.Refusal, head) || !strings.Contains(c.Refusal, idcard.Mask(head)) {
				t.Errorf("%s: the reason does not mask the ID number: %q", c.Department, c.Refusal)
			}
		}

		// The departments answer the refused queries another way (a file).
		for _, d := range f.depts {
			qs, err := e.db.RecheckRequests(e.ctx, e.verifier, r.ID, d.ID)
			must(t, err)
			var answers []hedui.Answer
			for _, q := range qs {
				if _, hh, _, _ := hedui.ParseRecheckQueryID(q.ID); hh == f.ids[0] {
					answers = append(answers, f.pop.Answer(q, today, e.clock.Now())...)
				}
			}
			rep, err := e.db.RecordRecheckAnswers(e.ctx, e.verifier, r.ID, d.ID, answers)
			must(t, err)
			if rep.Recorded == 0 || len(rep.Problems) > 0 {
				t.Fatalf("%s: answers to the refused query: %+v", d.Name, rep)
			}
		}
		p, err = e.db.RoundProgress(e.ctx, e.verifier, r.ID)
		must(t, err)
		if p.Overall.Refused != 0 {
			t.Errorf("after the answer files %d queries still counted refused", p.Overall.Refused)
		}
		drain(t, f, w)
		f.roundCounts(t, r.ID)
	})
}
