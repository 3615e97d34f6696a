package exchange

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"hedui"
)

// fakeOutbox is an in-memory OutboxStore: queries per department, claims,
// and what was marked.
type fakeOutbox struct {
	mu       sync.Mutex
	depts    map[int64]hedui.Department
	pending  map[int64][]hedui.Query
	sent     []string
	failed   map[string]string
	released map[string]string
	answers  []hedui.Answer
}

func (f *fakeOutbox) Department(_ context.Context, _ hedui.Actor, id int64) (hedui.Department, error) {
	return f.depts[id], nil
}

func (f *fakeOutbox) OutboxDepartments(context.Context) ([]int64, error) {
	var ids []int64
	for id, qs := range f.pending {
		if len(qs) > 0 {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

func (f *fakeOutbox) ClaimOutbox(_ context.Context, dept int64, limit int, _ time.Duration) ([]hedui.Query, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	qs := f.pending[dept]
	if len(qs) > limit {
		qs = qs[:limit]
	}
	f.pending[dept] = f.pending[dept][len(qs):]
	return qs, nil
}

func (f *fakeOutbox) MarkSent(_ context.Context, ids []string, _ time.Time) error {
	f.sent = append(f.sent, ids...)
	return nil
}

func (f *fakeOutbox) MarkFailed(_ context.Context, id, reason string) error {
	f.failed[id] = reason
	return nil
}

func (f *fakeOutbox) Release(_ context.Context, id, reason string) error {
	f.released[id] = reason
	return nil
}

func (f *fakeOutbox) RecordAnswers(_ context.Context, _ hedui.Actor, _ int64, as []hedui.Answer) (hedui.IngestReport, error) {
	f.answers = append(f.answers, as...)
	return hedui.IngestReport{Recorded: len(as)}, nil
}

// scripted answers per query id: "ok", "fail", "later", or an answer.
type scripted struct {
	channel hedui.Channel
	err     error
	plan    map[string]string
}

func (s scripted) Channel() hedui.Channel { return s.channel }

func (s scripted) Send(_ context.Context, _ hedui.Department, qs []hedui.Query) (Result, error) {
	if s.err != nil {
		return Result{}, s.err
	}
	r := Result{Failed: map[string]string{}}
	for _, q := range qs {
		switch s.plan[q.ID] {
		case "ok":
			r.Delivered = append(r.Delivered, q.ID)
		case "answer":
			r.Delivered = append(r.Delivered, q.ID)
			r.Answers = append(r.Answers, hedui.Answer{QueryID: q.ID, SubjectRef: q.ID + "-1", Item: hedui.ItemBank, NoRecord: true})
		case "fail":
			r.Failed[q.ID] = "部门拒绝"
		}
	}
	return r, nil
}

func TestSenderRunOnce(t *testing.T) {
	qs := func(ids ...string) []hedui.Query {
		var out []hedui.Query
		for _, id := range ids {
			out = append(out, hedui.Query{ID: id})
		}
		return out
	}
	f := &fakeOutbox{
		depts: map[int64]hedui.Department{
			1: {ID: 1, Code: "bank", Channel: hedui.ChannelSimulator},
			2: {ID: 2, Code: "police", Channel: hedui.ChannelOnline},
		},
		pending:  map[int64][]hedui.Query{1: qs("a", "b", "c", "d"), 2: qs("e")},
		failed:   map[string]string{},
		released: map[string]string{},
	}
	s := &Sender{Store: f, Batch: 2, Adapters: map[hedui.Channel]Adapter{
		hedui.ChannelSimulator: scripted{channel: hedui.ChannelSimulator, plan: map[string]string{"a": "answer", "b": "ok", "c": "fail", "d": "later"}},
		hedui.ChannelOnline:    scripted{channel: hedui.ChannelOnline, err: errors.New("connection refused")},
	}}
	st, err := s.RunOnce(context.Background())
	if err == nil {
		t.Fatal("a failing channel must be reported")
	}
	if st.Sent != 2 || st.Failed != 1 || st.Retry != 2 || st.Answers != 1 {
		t.Fatalf("stats %+v", st)
	}
	if f.failed["c"] == "" || f.released["d"] == "" || f.released["e"] == "" || len(f.answers) != 1 {
		t.Fatalf("failed %v released %v answers %d", f.failed, f.released, len(f.answers))
	}
}
