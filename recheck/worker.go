package recheck

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"hedui"
	"hedui/exchange"
	"hedui/rules"
)

// Store is what a worker needs of the store.
type Store interface {
	hedui.RecheckWork
}

// Options configure a Worker.
type Options struct {
	Node string // this node's name, unique among the nodes sharing the database
	// Parts is how many parts one claim takes and one transaction saves;
	// default 4.
	Parts int
	// Lease is how long a claim holds its parts; default 2 minutes. A part
	// takes seconds, so a lease that runs out means a dead node.
	Lease time.Duration
	// Poll is the pause when no part is claimable; default 2 seconds.
	Poll time.Duration
	// Adapters answer in process, by channel (the simulator; an online
	// interface in synchronous mode). Departments on other channels get
	// their queries saved and answer later.
	Adapters map[hedui.Channel]exchange.Adapter
	// Loops is how many claims the node works on at once; default 2, so
	// that one loop asks and evaluates while another saves.
	Loops int
	// Logger reports failed passes; nil discards.
	Logger *slog.Logger
}

// Worker works on rounds' parts.
type Worker struct {
	st  Store
	opt Options
}

// NewWorker makes a worker for node opt.Node.
func NewWorker(st Store, opt Options) *Worker {
	if opt.Parts <= 0 {
		opt.Parts = 4
	}
	if opt.Lease <= 0 {
		opt.Lease = 2 * time.Minute
	}
	if opt.Poll <= 0 {
		opt.Poll = 2 * time.Second
	}
	if opt.Loops <= 0 {
		opt.Loops = 2
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	return &Worker{st: st, opt: opt}
}

// Run works in Options.Loops loops until ctx ends. A failed claim or
// save is retried after the poll interval; a lost lease is simply someone
// else's part now.
func (w *Worker) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	for range w.opt.Loops {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.loop(ctx)
		}()
	}
	wg.Wait()
	return ctx.Err()
}

func (w *Worker) loop(ctx context.Context) error {
	for {
		n, err := w.RunOnce(ctx)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		switch {
		case hedui.CodeOf(err) == "lease_lost":
			w.opt.Logger.Info("re-verification parts taken over by another node", "node", w.opt.Node)
		case err != nil:
			w.opt.Logger.Warn("re-verification pass failed", "node", w.opt.Node, "err", err)
		case n > 0:
			w.opt.Logger.Info("re-verification parts saved", "node", w.opt.Node, "parts", n)
		}
		if n > 0 && err == nil {
			continue
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(w.opt.Poll):
		}
	}
}

// RunOnce claims up to Options.Parts parts and works them, one save per
// round among them, and returns the number of parts saved.
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	parts, err := w.st.ClaimRecheckParts(ctx, w.opt.Node, w.opt.Parts, w.opt.Lease)
	if err != nil || len(parts) == 0 {
		return 0, err
	}
	byRound := map[int64][]hedui.RecheckPart{}
	var order []int64
	for _, p := range parts {
		if _, ok := byRound[p.RoundID]; !ok {
			order = append(order, p.RoundID)
		}
		byRound[p.RoundID] = append(byRound[p.RoundID], p)
	}
	saved := 0
	var errs []error
	for _, r := range order {
		if err := w.work(ctx, byRound[r]); err != nil {
			errs = append(errs, err)
			continue
		}
		saved += len(byRound[r])
	}
	return saved, errors.Join(errs...)
}

// work does one round's claimed parts: read, ask, evaluate, save.
func (w *Worker) work(ctx context.Context, parts []hedui.RecheckPart) error {
	in, err := w.st.RecheckInput(ctx, parts)
	if err != nil {
		return err
	}
	out, err := w.Process(ctx, &in)
	if err != nil {
		return err
	}
	return w.st.SaveRecheckParts(ctx, w.opt.Node, parts, out)
}

// Process asks what has not been asked, then evaluates every household
// whose answers are all in. It writes nothing.
func (w *Worker) Process(ctx context.Context, in *hedui.RecheckInput) (hedui.RecheckOutput, error) {
	var out hedui.RecheckOutput
	round := in.Round.ID
	// Queries not yet asked, gathered per department so that each
	// department is asked once for all the parts' households.
	type batch struct {
		dept hedui.Department
		qs   []hedui.Query
	}
	batches := map[int64]*batch{}
	var deptOrder []int64
	index := map[string]int{} // query id → household index
	owedAll := 0              // answers the new queries owe
	for i := range in.Households {
		h := &in.Households[i]
		if h.Evaluated {
			continue
		}
		asked := map[int64]bool{}
		for _, d := range h.Asked {
			asked[d] = true
		}
		if h.Answers == nil {
			// Room for every answer the county's departments owe, so that
			// appending them one by one does not regrow the slice.
			n := 0
			for _, d := range in.Departments[h.Roll.County] {
				n += len(d.Items)
			}
			h.Answers = make([]hedui.Answer, 0, n*len(h.Roll.Members))
		}
		for _, d := range in.Departments[h.Roll.County] {
			if asked[d.ID] {
				continue
			}
			q := hedui.Query{ID: hedui.RecheckQueryID(round, h.Roll.ID, d.ID), DepartmentID: d.ID, Department: d.Name,
				Items: d.Items, Status: hedui.QueryPending}
			for _, m := range h.Roll.Members {
				q.Subjects = append(q.Subjects, hedui.Subject{Ref: hedui.RecheckSubjectRef(q.ID, m.ID), MemberID: m.ID,
					Name: m.Name, IDNumber: m.IDNumber})
			}
			b := batches[d.ID]
			if b == nil {
				b = &batch{dept: d, qs: make([]hedui.Query, 0, len(in.Households))}
				batches[d.ID] = b
				deptOrder = append(deptOrder, d.ID)
			}
			b.qs = append(b.qs, q)
			owedAll += len(q.Subjects) * len(q.Items)
			index[q.ID] = i
			h.Asked = append(h.Asked, d.ID)
		}
	}
	out.Answers = make([]hedui.Answer, 0, owedAll) // one allocation for every department's answers
	for _, id := range deptOrder {
		b := batches[id]
		answered := map[string]int{}
		if a := w.opt.Adapters[b.dept.Channel]; a != nil {
			res, err := a.Send(ctx, b.dept, b.qs)
			if err != nil {
				return out, err
			}
			for _, ans := range res.Answers {
				i, ok := index[ans.QueryID]
				if !ok {
					continue // an answer to a query not asked here is not ours to keep
				}
				ans.DepartmentID = id
				out.Answers = append(out.Answers, ans)
				h := &in.Households[i]
				h.Answers = append(h.Answers, ans)
				answered[ans.QueryID]++
			}
		}
		now := time.Now().UTC()
		for _, q := range b.qs {
			rq := hedui.RecheckQuery{ID: q.ID, RoundID: round, HouseholdID: in.Households[index[q.ID]].Roll.ID,
				DepartmentID: id, Subjects: len(q.Subjects), Items: q.Items}
			if answered[q.ID] >= len(q.Subjects)*len(q.Items) {
				rq.AnsweredAt = now
			}
			out.Queries = append(out.Queries, rq)
		}
	}
	for i := range in.Households {
		h := &in.Households[i]
		if h.Evaluated {
			continue
		}
		expected, complete := owed(h, in.Departments[h.Roll.County])
		if !complete {
			continue
		}
		p, ok := in.Policies[hedui.PolicyKey(h.Roll.County, h.Roll.Hukou)]
		if !ok {
			return out, hedui.Errorf("recheck.Process", hedui.KindInvalid, "policy_not_configured",
				"县区 %s 没有生效的低保政策参数", h.Roll.County)
		}
		s := in.Schedules[hedui.ScheduleKey(h.Roll.County, h.Roll.Category)]
		out.Results = append(out.Results, Evaluate(h, h.Answers, expected, &p, s, in.Round.AsOf))
	}
	return out, nil
}

// owed lists the answers the household's queries owe and whether they
// are all in.
func owed(h *hedui.RecheckHousehold, depts []hedui.Department) ([]rules.Expectation, bool) {
	have := make(map[answerKey]bool, len(h.Answers))
	for _, a := range h.Answers {
		have[answerKey{a.DepartmentID, a.MemberID, a.Item}] = true
	}
	asked := map[int64]bool{}
	for _, d := range h.Asked {
		asked[d] = true
	}
	out := make([]rules.Expectation, 0, len(h.Answers))
	complete := true
	for _, d := range depts {
		if !asked[d.ID] {
			continue
		}
		for _, m := range h.Roll.Members {
			for _, it := range d.Items {
				out = append(out, rules.Expectation{MemberID: m.ID, Item: it})
				if !have[answerKey{d.ID, m.ID, it}] {
					complete = false
				}
			}
		}
	}
	return out, complete
}

type answerKey struct {
	dept, member int64
	item         hedui.Item
}
