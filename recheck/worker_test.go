package recheck

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"hedui"
	"hedui/exchange"
	"hedui/rules"
)

// What a scripted department does with a query.
const (
	doAnswer = "answer" // answers in the response
	doAccept = "accept" // takes it, answers later by callback
	doRefuse = "refuse" // refuses it for good (Result.Failed)
	doDrop   = "drop"   // never takes it: network down, retries spent
	doHang   = "hang"   // takes no query of the batch until the caller gives up
)

// scripted is an online adapter whose departments do what the script
// says with each query, and which records what it was asked.
type scripted struct {
	mu     sync.Mutex
	script map[string]string // query id → what to do
	asked  []string
}

func (s *scripted) Channel() hedui.Channel { return hedui.ChannelOnline }

func (s *scripted) Send(ctx context.Context, dept hedui.Department, qs []hedui.Query) (exchange.Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	res := exchange.Result{Failed: map[string]string{}}
	hang := false
	for _, q := range qs {
		s.asked = append(s.asked, q.ID)
		switch s.script[q.ID] {
		case doAnswer:
			res.Delivered = append(res.Delivered, q.ID)
			for _, sub := range q.Subjects {
				for _, it := range q.Items {
					a := answer(sub.MemberID, it)
					a.QueryID, a.SubjectRef, a.DepartmentID, a.Channel = q.ID, sub.Ref, dept.ID, hedui.ChannelOnline
					res.Answers = append(res.Answers, a)
				}
			}
		case doAccept:
			res.Delivered = append(res.Delivered, q.ID)
		case doRefuse:
			res.Failed[q.ID] = "部门接口拒绝了查询（HTTP 400）：身份证号码 " + q.Subjects[0].IDNumber + " 不在本部门辖区"
		case doHang:
			hang = true
		}
	}
	if hang {
		// As the online adapter does: what is in flight when ctx ends is
		// left undelivered, the rest of the result stands. The long
		// timer only ends a test whose worker would wait forever.
		select {
		case <-ctx.Done():
			return res, ctx.Err()
		case <-time.After(time.Minute):
			return res, errors.New("scripted: the worker never stopped asking")
		}
	}
	return res, nil
}

// oneClaim is a store with one part to claim, holding the households of
// workerInput, that keeps what is saved.
type oneClaim struct {
	hedui.RecheckWork // the rest is not called
	parts             []hedui.RecheckPart
	saved             []hedui.RecheckOutput
}

func (s *oneClaim) ClaimRecheckParts(context.Context, string, int, time.Duration) ([]hedui.RecheckPart, error) {
	p := s.parts
	s.parts = nil
	return p, nil
}

func (s *oneClaim) RecheckInput(context.Context, []hedui.RecheckPart) (hedui.RecheckInput, error) {
	return workerInput(), nil
}

func (s *oneClaim) SaveRecheckParts(_ context.Context, _ string, _ []hedui.RecheckPart, out hedui.RecheckOutput) error {
	s.saved = append(s.saved, out)
	return nil
}

// TestRunOnceStopsAskingAtHalfTheLease checks that a department that
// does not answer cannot make a claim outlive its lease: asking stops at
// half the lease, the pass saves what the departments answered, and the
// query left hanging is not saved but listed for a retry.
func TestRunOnceStopsAskingAtHalfTheLease(t *testing.T) {
	q := func(hh, dept int64) string { return hedui.RecheckQueryID(5, hh, dept) }
	ad := &scripted{script: map[string]string{q(11, 2): doHang}}
	for hh := int64(11); hh <= 14; hh++ {
		ad.script[q(hh, 1)] = doAnswer
		if hh != 11 {
			ad.script[q(hh, 2)] = doAnswer
		}
	}
	st := &oneClaim{parts: []hedui.RecheckPart{{ID: 1, RoundID: 5, Households: 4, Status: hedui.PartRunning}}}
	w := NewWorker(st, Options{Node: "n", Lease: 50 * time.Millisecond,
		Adapters: map[hedui.Channel]exchange.Adapter{hedui.ChannelOnline: ad}})
	n, err := w.RunOnce(context.Background())
	if err != nil || n != 1 || len(st.saved) != 1 {
		t.Fatalf("RunOnce = %d, %v; saved %d outputs, want the part saved once", n, err, len(st.saved))
	}
	out := st.saved[0]
	if len(out.Queries) != 7 || slices.ContainsFunc(out.Queries, func(rq hedui.RecheckQuery) bool { return rq.ID == q(11, 2) }) {
		t.Errorf("saved queries %+v, want all but %s", out.Queries, q(11, 2))
	}
	if len(out.Results) != 3 || !slices.Equal(out.Retry, []int64{11}) {
		t.Errorf("results %d, retry %v; want households 12 to 14 evaluated and 11 asked again", len(out.Results), out.Retry)
	}
}

// workerInput is four households of 西峰区 asked of two online
// departments, with what the store would hand a worker for them after
// the outputs given were saved.
func workerInput(outs ...hedui.RecheckOutput) hedui.RecheckInput {
	var policy hedui.Policy
	for _, p := range rules.ExamplePolicies() {
		if p.County == "621002" && p.Hukou == hedui.HukouUrban {
			policy = p
		}
	}
	in := hedui.RecheckInput{Round: hedui.Round{ID: 5, AsOf: day("2026-03-10")},
		Departments: map[string][]hedui.Department{"621002": {
			{ID: 1, Code: "621002-police", Channel: hedui.ChannelOnline, Items: []hedui.Item{hedui.ItemHukou, hedui.ItemVehicle}},
			{ID: 2, Code: "621002-finance", Channel: hedui.ChannelOnline, Items: []hedui.Item{hedui.ItemTax}},
		}},
		Policies:  map[string]hedui.Policy{hedui.PolicyKey("621002", hedui.HukouUrban): policy},
		Schedules: map[string]hedui.RecheckSchedule{},
	}
	for id := int64(11); id <= 14; id++ {
		h := household(hedui.RecheckBaseline{})
		h.Roll.ID = id
		for i := range h.Roll.Members {
			h.Roll.Members[i].ID = id*10 + int64(i)
			h.Roll.Members[i].IDNumber = "62100219700501001" + string(rune('0'+i))
		}
		for _, out := range outs {
			for _, q := range out.Queries {
				if q.HouseholdID == id {
					h.Asked = append(h.Asked, q.DepartmentID)
				}
			}
			for _, a := range out.Answers {
				if _, hh, _, _ := hedui.ParseRecheckQueryID(a.QueryID); hh == id {
					h.Answers = append(h.Answers, a)
				}
			}
			for _, r := range out.Results {
				h.Evaluated = h.Evaluated || r.HouseholdID == id
			}
		}
		in.Households = append(in.Households, *h)
	}
	return in
}

// TestProcessOnline checks what a pass saves of an online department's
// outcomes: answers in the response are saved with their queries, which
// are answered; an accepted query is saved unanswered and waits for the
// callback; a refused one is saved unanswered, waits for an answer file
// and is logged with the ID number masked; an undelivered one is not
// saved, its household is listed for a retry, and the next pass asks
// that query and no other.
func TestProcessOnline(t *testing.T) {
	q := func(hh, dept int64) string { return hedui.RecheckQueryID(5, hh, dept) }
	ad := &scripted{script: map[string]string{
		q(11, 1): doAnswer, q(11, 2): doAnswer,
		q(12, 1): doAnswer, q(12, 2): doAccept,
		q(13, 1): doAnswer, q(13, 2): doDrop,
		q(14, 1): doRefuse, q(14, 2): doAnswer,
	}}
	var logs bytes.Buffer
	w := NewWorker(nil, Options{Node: "n", Adapters: map[hedui.Channel]exchange.Adapter{hedui.ChannelOnline: ad},
		Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	in := workerInput()
	out, err := w.Process(context.Background(), &in)
	if err != nil {
		t.Fatal(err)
	}
	type saved struct {
		id       string
		answered bool
	}
	var got []saved
	for _, rq := range out.Queries {
		got = append(got, saved{rq.ID, !rq.AnsweredAt.IsZero()})
	}
	slices.SortFunc(got, func(a, b saved) int { return strings.Compare(a.id, b.id) })
	want := []saved{{q(11, 1), true}, {q(11, 2), true}, {q(12, 1), true}, {q(12, 2), false}, {q(13, 1), true},
		{q(14, 1), false}, {q(14, 2), true}}
	if !slices.Equal(got, want) {
		t.Errorf("saved queries %v, want %v", got, want)
	}
	// Three households × two members × two items of the police, two ×
	// two × one of finance.
	if n := len(out.Answers); n != 3*4+2*2 {
		t.Errorf("%d answers saved, want %d", n, 3*4+2*2)
	}
	if len(out.Results) != 1 || out.Results[0].HouseholdID != 11 {
		t.Errorf("results %+v, want household 11 only", out.Results)
	}
	if !slices.Equal(out.Retry, []int64{13}) {
		t.Errorf("retry %v, want [13]", out.Retry)
	}
	for _, rq := range out.Queries {
		if refused := rq.ID == q(14, 1); refused != (rq.Refusal != "") ||
			refused && (!strings.Contains(rq.Refusal, "HTTP 400") || !strings.Contains(rq.Refusal, "621002********0010") ||
				strings.Contains(rq.Refusal, "621002197005010010")) {
			t.Errorf("query %s saved with refusal %q", rq.ID, rq.Refusal)
		}
	}
	if l := logs.String(); !strings.Contains(l, q(14, 1)) || !strings.Contains(l, "621002-police") ||
		strings.Contains(l, "621002197005010010") || !strings.Contains(l, "621002********0010") {
		t.Errorf("the refusal is not logged with the ID number masked:\n%s", l)
	}

	// The next claim: the department is reachable again.
	ad.script[q(13, 2)] = doAnswer
	ad.asked = nil
	in = workerInput(out)
	out2, err := w.Process(context.Background(), &in)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ad.asked, []string{q(13, 2)}) {
		t.Errorf("second pass asked %v, want only %s", ad.asked, q(13, 2))
	}
	if len(out2.Queries) != 1 || out2.Queries[0].ID != q(13, 2) || out2.Queries[0].AnsweredAt.IsZero() {
		t.Errorf("second pass saved queries %+v", out2.Queries)
	}
	if len(out2.Results) != 1 || out2.Results[0].HouseholdID != 13 || len(out2.Retry) != 0 {
		t.Errorf("second pass: results %+v, retry %v; want household 13 evaluated", out2.Results, out2.Retry)
	}
}
