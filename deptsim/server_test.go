package deptsim

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"hedui"
	"hedui/exchange/online"
)

// rig is a centre and a Server of simulated departments talking over
// real HTTP: the centre signs with Ed25519, the departments with an HMAC
// secret, and the centre takes callbacks on its own server.
type rig struct {
	t      *testing.T
	pop    *Population
	srv    *Server
	depts  *httptest.Server
	centre *online.Signer
	deptV  *online.Verifier // the departments' key, as the centre knows it

	mu        sync.Mutex
	queries   map[string]hedui.Query // what the centre sent, for its callback endpoint
	callbacks chan []hedui.Answer
	centreSrv *httptest.Server
}

func newRig(t *testing.T, pop *Population, depts ...Department) *rig {
	t.Helper()
	pub, priv, _ := ed25519.GenerateKey(nil)
	centre, err := online.NewEd25519Signer("ed25519:centre", priv)
	if err != nil {
		t.Fatal(err)
	}
	centreV := online.NewVerifier()
	centreV.AddEd25519("ed25519:centre", pub)
	secret := []byte("simulated departments' shared secret, 32+ bytes")
	deptSigner, _ := online.NewHMACSigner("qingyang-depts", secret)
	deptV := online.NewVerifier()
	deptV.AddHMAC("qingyang-depts", secret)

	srv, err := NewServer(pop, ServerConfig{Departments: depts, Centre: centreV, Signer: deptSigner,
		Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	r := &rig{t: t, pop: pop, srv: srv, centre: centre, deptV: deptV, queries: map[string]hedui.Query{}, callbacks: make(chan []hedui.Answer, 100)}
	r.depts = httptest.NewServer(srv)
	r.centreSrv = httptest.NewServer(http.HandlerFunc(r.callback))
	t.Cleanup(func() {
		srv.Close()
		r.depts.Close()
		r.centreSrv.Close()
	})
	return r
}

// callback is the centre's endpoint: verify, find the query, map.
func (r *rig) callback(w http.ResponseWriter, req *http.Request) {
	resp, raw, err := online.ParseCallback(req, r.deptV, 0)
	if err != nil {
		http.Error(w, hedui.MessageOf(err), http.StatusUnauthorized)
		return
	}
	r.mu.Lock()
	q, ok := r.queries[resp.QueryID]
	r.mu.Unlock()
	if !ok {
		http.NotFound(w, req)
		return
	}
	answers, err := resp.ToAnswers(q, q.DepartmentID, raw, testNow)
	if err != nil {
		http.Error(w, hedui.MessageOf(err), http.StatusUnprocessableEntity)
		return
	}
	r.callbacks <- answers
	w.WriteHeader(http.StatusNoContent)
}

func (r *rig) adapter(cfg online.Config) *online.Adapter {
	if cfg.Signer == nil {
		cfg.Signer = r.centre
	}
	cfg.Verifier = r.deptV
	cfg.Now = func() time.Time { return testNow }
	cfg.Sleep = func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
	if cfg.CallbackURL == nil {
		cfg.CallbackURL = func(d hedui.Department) string { return r.centreSrv.URL + "/callbacks/" + d.Code }
	}
	return online.New(cfg)
}

func (r *rig) dept(code string) hedui.Department {
	return hedui.Department{ID: 9, Code: code, Channel: hedui.ChannelOnline, Endpoint: r.depts.URL + EndpointPath(code)}
}

// queries builds one query per household for the items.
func (r *rig) queriesFor(n int, items ...hedui.Item) []hedui.Query {
	var qs []hedui.Query
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := range n {
		q := householdQuery(&r.pop.Households[i])
		q.ID += "-" + string(items[0])
		for j := range q.Subjects {
			q.Subjects[j].Ref = q.ID + q.Subjects[j].Ref[strings.LastIndex(q.Subjects[j].Ref, "-"):]
		}
		q.Items, q.DepartmentID = items, 9
		r.queries[q.ID] = q
		qs = append(qs, q)
	}
	return qs
}

// sameAnswers compares answers that crossed the wire with what the
// population says, record for record.
func sameAnswers(t *testing.T, pop *Population, q hedui.Query, got []hedui.Answer) {
	t.Helper()
	want := map[string]string{}
	for _, a := range pop.Answer(q, hedui.DateOf(testNow), testNow) {
		b, _ := json.Marshal(online.AnswerOf(a))
		want[a.SubjectRef+"/"+string(a.Item)] = string(b)
	}
	if len(got) != len(want) {
		t.Fatalf("query %s: %d answers, want %d", q.ID, len(got), len(want))
	}
	for _, a := range got {
		b, _ := json.Marshal(online.AnswerOf(a))
		if want[a.SubjectRef+"/"+string(a.Item)] != string(b) {
			t.Errorf("query %s, %s/%s:\n got  %s\n want %s", q.ID, a.SubjectRef, a.Item, b, want[a.SubjectRef+"/"+string(a.Item)])
		}
		if a.Channel != hedui.ChannelOnline || a.MemberID == 0 || len(a.PayloadSHA256) != 64 {
			t.Errorf("answer envelope %+v", a)
		}
	}
}

func TestServerEndToEnd(t *testing.T) {
	pop := Generate(Config{Seed: 21, Households: 40, Now: testNow, DiscrepancyRate: 1})
	r := newRig(t, pop,
		Department{Code: "621002-police", Items: []hedui.Item{hedui.ItemHukou, hedui.ItemVehicle}},
		Department{Code: "621000-bank", Items: []hedui.Item{hedui.ItemBank, hedui.ItemSecurities}, Async: true},
	)
	a := r.adapter(online.Config{})

	t.Run("synchronous", func(t *testing.T) {
		qs := r.queriesFor(20, hedui.ItemHukou, hedui.ItemVehicle)
		res, err := a.Send(context.Background(), r.dept("621002-police"), qs)
		if err != nil || len(res.Delivered) != len(qs) {
			t.Fatalf("delivered %d of %d (failed %v): %v", len(res.Delivered), len(qs), res.Failed, err)
		}
		byQuery := map[string][]hedui.Answer{}
		for _, ans := range res.Answers {
			byQuery[ans.QueryID] = append(byQuery[ans.QueryID], ans)
		}
		for _, q := range qs {
			sameAnswers(t, pop, q, byQuery[q.ID])
		}
	})
	t.Run("by callback", func(t *testing.T) {
		qs := r.queriesFor(10, hedui.ItemBank, hedui.ItemSecurities)
		res, err := a.Send(context.Background(), r.dept("621000-bank"), qs)
		if err != nil || len(res.Delivered) != len(qs) || len(res.Answers) != 0 {
			t.Fatalf("delivered %d of %d with %d answers (failed %v): %v", len(res.Delivered), len(qs), len(res.Answers), res.Failed, err)
		}
		for range qs {
			select {
			case got := <-r.callbacks:
				r.mu.Lock()
				q := r.queries[got[0].QueryID]
				r.mu.Unlock()
				sameAnswers(t, pop, q, got)
			case <-time.After(5 * time.Second):
				t.Fatal("a callback did not arrive")
			}
		}
	})
}

func TestServerRefuses(t *testing.T) {
	pop := Generate(Config{Seed: 22, Households: 5, Now: testNow})
	r := newRig(t, pop,
		Department{Code: "621002-police", Items: []hedui.Item{hedui.ItemHukou, hedui.ItemVehicle}},
		Department{Code: "621000-bank", Items: []hedui.Item{hedui.ItemBank}, Async: true},
	)
	_, stranger, _ := ed25519.GenerateKey(nil)
	strangerSigner, _ := online.NewEd25519Signer("ed25519:centre", stranger)
	tests := []struct {
		name   string
		cfg    online.Config
		dept   hedui.Department
		items  []hedui.Item
		reason string
	}{
		{"unknown department", online.Config{}, r.dept("621002-tax"), []hedui.Item{hedui.ItemTax}, "HTTP 404）：未知的部门编码"},
		{"item the department does not hold", online.Config{}, r.dept("621002-police"), []hedui.Item{hedui.ItemBank}, "不提供核对项目：银行存贷款"},
		{"query for another department", online.Config{},
			hedui.Department{Code: "621000-bank", Endpoint: r.depts.URL + EndpointPath("621002-police")}, []hedui.Item{hedui.ItemHukou}, "本接口属于部门"},
		{"centre key not trusted", online.Config{Signer: strangerSigner}, r.dept("621002-police"), []hedui.Item{hedui.ItemHukou}, "HTTP 401）：签名验证失败"},
		{"async department without callback", online.Config{CallbackURL: func(hedui.Department) string { return "" }},
			r.dept("621000-bank"), []hedui.Item{hedui.ItemBank}, "callback_url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs := r.queriesFor(1, tt.items...)
			res, _ := r.adapter(tt.cfg).Send(context.Background(), tt.dept, qs)
			if reason := res.Failed[qs[0].ID]; !strings.Contains(reason, tt.reason) {
				t.Fatalf("reason %q, want it to contain %q (result %+v)", reason, tt.reason, res)
			}
		})
	}
}

// TestServerBehaviour sends through a flaky department and checks every
// query's fate against Decide: the first attempt that is not an error or
// garbage decides, and four failures in a row leave it undelivered.
func TestServerBehaviour(t *testing.T) {
	pop := Generate(Config{Seed: 23, Households: 300, Now: testNow})
	b := Behaviour{Seed: 4, ErrorRate: 0.3, GarbageRate: 0.2, SilenceRate: 0.1}
	r := newRig(t, pop, Department{Code: "621022-civil", Behaviour: b})
	const maxAttempts = 4
	qs := r.queriesFor(300, hedui.ItemAssistance)
	res, err := r.adapter(online.Config{MaxAttempts: maxAttempts}).Send(context.Background(), r.dept("621022-civil"), qs)
	if err != nil {
		t.Fatal(err)
	}
	answered := map[string]bool{}
	for _, a := range res.Answers {
		answered[a.QueryID] = true
	}
	fates := map[string]int{}
	for _, q := range qs {
		want := "undelivered"
		for n := 1; n <= maxAttempts && want == "undelivered"; n++ {
			switch b.Decide(q.ID, n) {
			case OutcomeAnswer:
				want = "answered"
			case OutcomeSilence:
				want = "silent"
			}
		}
		got := "undelivered"
		if slices.Contains(res.Delivered, q.ID) {
			got = "silent"
			if answered[q.ID] {
				got = "answered"
			}
		}
		if got != want {
			t.Errorf("query %s: %s, want %s", q.ID, got, want)
		}
		fates[got]++
	}
	if len(res.Failed) != 0 {
		t.Errorf("transient faults must not fail a query for good: %v", res.Failed)
	}
	// Expected shares: silent 10%, undelivered 0.9 × 0.5⁴ ≈ 6%.
	if fates["silent"] < 15 || fates["silent"] > 50 || fates["undelivered"] < 5 || fates["undelivered"] > 40 {
		t.Errorf("fates %v out of the expected range", fates)
	}
}

func TestServerLatency(t *testing.T) {
	pop := Generate(Config{Seed: 24, Households: 2, Now: testNow})
	r := newRig(t, pop, Department{Code: "slow", Behaviour: Behaviour{Latency: time.Second}})
	qs := r.queriesFor(1, hedui.ItemHukou)
	start := time.Now()
	res, _ := r.adapter(online.Config{Timeout: 30 * time.Millisecond, MaxAttempts: 2}).Send(context.Background(), r.dept("slow"), qs)
	if len(res.Delivered)+len(res.Failed) != 0 {
		t.Fatalf("a department slower than the timeout should leave the query undelivered: %+v", res)
	}
	if time.Since(start) > 900*time.Millisecond {
		t.Error("the adapter waited for the slow department")
	}
}

func TestServerClose(t *testing.T) {
	pop := Generate(Config{Seed: 25, Households: 2, Now: testNow})
	r := newRig(t, pop, Department{Code: "bank", Async: true, CallbackDelay: time.Hour})
	qs := r.queriesFor(2, hedui.ItemBank)
	res, err := r.adapter(online.Config{}).Send(context.Background(), r.dept("bank"), qs)
	if err != nil || len(res.Delivered) != 2 {
		t.Fatalf("%+v, %v", res, err)
	}
	done := make(chan struct{})
	go func() { r.srv.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("Close did not stop the pending callbacks")
	}
	res, _ = r.adapter(online.Config{MaxAttempts: 1}).Send(context.Background(), r.dept("bank"), r.queriesFor(1, hedui.ItemBank))
	if len(res.Delivered) != 0 {
		t.Error("a closed server took a query")
	}
	select {
	case <-r.callbacks:
		t.Error("a callback arrived after Close")
	default:
	}
}

func TestNewServerChecks(t *testing.T) {
	pop := Generate(Config{Seed: 1, Households: 1, Now: testNow})
	v := online.NewVerifier()
	for _, cfg := range []ServerConfig{
		{Departments: []Department{{Code: "a"}}},
		{Centre: v, Departments: []Department{{Code: "a/b"}}},
		{Centre: v, Departments: []Department{{Code: "a"}, {Code: "a"}}},
		{Centre: v, Departments: []Department{{Code: "a", Items: []hedui.Item{"pets"}}}},
		{Centre: v, Departments: []Department{{Code: "a", Async: true}}},
	} {
		if _, err := NewServer(pop, cfg); err == nil {
			t.Errorf("NewServer accepted %+v", cfg)
		}
	}
}
