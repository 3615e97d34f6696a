package recheck

import (
	"context"
	"errors"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"hedui"
	"hedui/exchange"
	"hedui/idcard"
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
	// default 2 (2,000 households of the default part size): larger claims
	// saved no time in a city-size round and held more memory, and
	// smaller rounds spread worse over the nodes.
	Parts int
	// Lease is how long a claim holds its parts; default 2 minutes. A part
	// takes seconds, so a lease that runs out means a dead node.
	Lease time.Duration
	// Poll is the pause when no part is claimable; default 2 seconds.
	Poll time.Duration
	// Adapters ask departments from the process, by channel (the
	// simulator; the online interface, whose departments answer in the
	// response or later by callback). Departments on other channels get
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
		opt.Parts = 2
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
	askUntil := time.Now().Add(w.opt.Lease / 2)
	saved := 0
	var errs []error
	for _, r := range order {
		if err := w.work(ctx, byRound[r], askUntil); err != nil {
			errs = append(errs, err)
			continue
		}
		saved += len(byRound[r])
	}
	return saved, errors.Join(errs...)
}

// work does one round's claimed parts: read, ask, evaluate, save. Asking
// ends at askUntil, half the lease after the claim, so that a department
// too slow or unreachable for the adapter's retries to give up in time
// cannot cost the claim its lease and every node its work: the queries
// still in flight are left undelivered and asked again on a later claim.
func (w *Worker) work(ctx context.Context, parts []hedui.RecheckPart, askUntil time.Time) error {
	in, err := w.st.RecheckInput(ctx, parts)
	if err != nil {
		return err
	}
	askCtx, cancel := context.WithDeadline(ctx, askUntil)
	defer cancel()
	out, err := w.process(ctx, askCtx, &in)
	if err != nil {
		return err
	}
	return w.st.SaveRecheckParts(ctx, w.opt.Node, parts, out)
}

// batch is the queries to one department not yet asked.
type batch struct {
	dept hedui.Department
	qs   []hedui.Query
}

// Process asks what has not been asked, then evaluates every household
// whose answers are all in. It writes nothing.
func (w *Worker) Process(ctx context.Context, in *hedui.RecheckInput) (hedui.RecheckOutput, error) {
	return w.process(ctx, ctx, in)
}

// process is Process with the asking bounded by askCtx, a child of ctx:
// when askCtx ends first, what the departments have not taken by then is
// left undelivered rather than failing the pass.
func (w *Worker) process(ctx, askCtx context.Context, in *hedui.RecheckInput) (hedui.RecheckOutput, error) {
	var out hedui.RecheckOutput
	round := in.Round.ID
	// Queries not yet asked, gathered per department so that each
	// department is asked once for all the parts' households.
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
	retry := map[int64]bool{}
	for _, id := range deptOrder {
		b := batches[id]
		got, err := w.ask(ctx, askCtx, b, in, index, &out)
		if err != nil {
			return out, err
		}
		now := time.Now().UTC()
		left := 0
		for _, q := range b.qs {
			hh := in.Households[index[q.ID]].Roll.ID
			// A query the department neither took nor refused for good is
			// not saved, so that a later claim asks it again; the household
			// stays unevaluated meanwhile, its department still owed. A
			// refused one is saved and waits, like a batch-file
			// department's, for an answer file.
			if got.undelivered(q.ID) {
				retry[hh] = true
				left++
				continue
			}
			rq := hedui.RecheckQuery{ID: q.ID, RoundID: round, HouseholdID: hh,
				DepartmentID: id, Subjects: len(q.Subjects), Items: q.Items}
			if reason, ok := got.failed[q.ID]; ok {
				rq.Refusal = refusal(reason)
			}
			if got.answered[q.ID] >= len(q.Subjects)*len(q.Items) {
				rq.AnsweredAt = now
			}
			out.Queries = append(out.Queries, rq)
		}
		if left > 0 {
			w.opt.Logger.Info("re-verification queries left undelivered; asked again when the parts' lease runs out",
				"node", w.opt.Node, "department", b.dept.Code, "queries", left)
		}
	}
	out.Retry = slices.Sorted(maps.Keys(retry))
	var checker rules.Checker
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
		out.Results = append(out.Results, evaluate(&checker, h, h.Answers, expected, &p, s, in.Round.AsOf))
	}
	return out, nil
}

// sent is what became of one department's batch.
type sent struct {
	inProcess bool              // an adapter asked; else the queries wait for a file
	answered  map[string]int    // answers per query id
	taken     map[string]bool   // answered, or the department has it
	failed    map[string]string // refused for good
}

// undelivered says whether the adapter tried the query and the
// department neither took nor refused it.
func (s sent) undelivered(qid string) bool {
	_, refused := s.failed[qid]
	return s.inProcess && !s.taken[qid] && !refused
}

// ask sends a batch through its department's channel, when the node has
// an adapter for it, and adds the answers to out and to their
// households. The end of askCtx (see process) is no error; the end of
// ctx is.
func (w *Worker) ask(ctx, askCtx context.Context, b *batch, in *hedui.RecheckInput, index map[string]int,
	out *hedui.RecheckOutput) (sent, error) {
	got := sent{answered: map[string]int{}, taken: map[string]bool{}}
	a := w.opt.Adapters[b.dept.Channel]
	if a == nil {
		return got, nil
	}
	res, err := a.Send(askCtx, b.dept, b.qs)
	if err != nil && (ctx.Err() != nil || askCtx.Err() == nil) {
		return got, err
	}
	got.inProcess, got.failed = true, res.Failed
	for _, qid := range res.Delivered {
		got.taken[qid] = true
	}
	for _, ans := range res.Answers {
		i, ok := index[ans.QueryID]
		if !ok {
			continue // an answer to a query not asked here is not ours to keep
		}
		ans.DepartmentID = b.dept.ID
		out.Answers = append(out.Answers, ans)
		h := &in.Households[i]
		h.Answers = append(h.Answers, ans)
		got.answered[ans.QueryID]++
		got.taken[ans.QueryID] = true
	}
	w.refused(b.dept, res.Failed)
	return got, nil
}

// refusal is a department's reason for refusing a query as the round
// keeps it: ID numbers masked, at most 200 characters.
func refusal(reason string) string {
	r := []rune(strings.TrimSpace(idcard.MaskIn(reason)))
	if len(r) == 0 {
		return "部门拒收了查询，未说明原因"
	}
	if len(r) > 200 {
		return string(r[:199]) + "…"
	}
	return string(r)
}

// refused logs the queries a department refused for good (a 4xx, an
// unusable endpoint, a signature that does not verify): they wait for an
// answer file until someone mends the configuration. The reason comes
// from outside and is masked for ID numbers.
func (w *Worker) refused(dept hedui.Department, failed map[string]string) {
	for qid, reason := range failed {
		w.opt.Logger.Warn("re-verification query refused by the department; it waits for an answer file",
			"node", w.opt.Node, "department", dept.Code, "query", qid, "reason", idcard.MaskIn(reason))
	}
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
