package sqlstore

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"hedui"
	"hedui/deptsim"
	"hedui/exchange"
	"hedui/exchange/online"
	hhttp "hedui/http"
	"hedui/recheck"
)

// onlineDepts serves the fixture's departments on the online channel:
// the police answers in the response, finance accepts and answers later
// by callback (the test posts them), and the human-resources bureau
// answers in the response but is unreachable (503) for the queries of
// the households in down while down is set.
type onlineDepts struct {
	t      *testing.T
	sim    *deptsim.Adapter
	signer *online.Signer // finance's callback key

	mu        sync.Mutex
	down      map[int64]bool
	taken     map[string]int // 2xx responses per query id
	accepted  []online.Request
	early     []int // statuses of callbacks posted before the centre saved the query
	earlyDone bool
	retry     []string // Retry-After of the 503 answers to callbacks
}

func (d *onlineDepts) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var req online.Request
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	code := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/"), online.QueriesPath)
	_, hh, _, _ := hedui.ParseRecheckQueryID(req.QueryID)
	d.mu.Lock()
	if code == "621002-hrss" && d.down[hh] {
		d.mu.Unlock()
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	d.taken[req.QueryID]++
	early := code == "621002-finance" && !d.earlyDone
	d.earlyDone = d.earlyDone || early
	d.mu.Unlock()
	resp := online.Response{QueryID: req.QueryID, Status: online.StatusAnswered}
	if code == "621002-finance" {
		resp = online.Response{QueryID: req.QueryID, Status: online.StatusAccepted}
		d.mu.Lock()
		d.accepted = append(d.accepted, req)
		d.mu.Unlock()
		if early {
			// A department quicker than the centre's save.
			status, _ := d.callback(req)
			d.mu.Lock()
			d.early = append(d.early, status)
			d.mu.Unlock()
		}
	} else {
		resp.Answers = d.answers(req)
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(resp)
}

// ingestReport is the callback endpoint's response.
type ingestReport struct {
	Recorded   int               `json:"recorded"`
	Duplicates int               `json:"duplicates"`
	Problems   []json.RawMessage `json:"problems"`
}

// answers are the population's answers to a request.
func (d *onlineDepts) answers(req online.Request) []online.Answer {
	res, err := d.sim.Send(context.Background(), hedui.Department{}, []hedui.Query{req.Query()})
	if err != nil {
		d.t.Error(err)
	}
	out := make([]online.Answer, 0, len(res.Answers))
	for _, a := range res.Answers {
		out = append(out, online.AnswerOf(a))
	}
	return out
}

// callback posts finance's answers to req to its callback_url, signed,
// and returns the status and the import report.
func (d *onlineDepts) callback(req online.Request) (int, ingestReport) {
	body, err := json.Marshal(online.Response{QueryID: req.QueryID, Status: online.StatusAnswered, Answers: d.answers(req)})
	if err != nil {
		d.t.Fatal(err)
	}
	return d.post(req.CallbackURL, body)
}

func (d *onlineDepts) post(url string, body []byte) (int, ingestReport) {
	r, err := http.NewRequest("POST", url, bytes.NewReader(body))
	if err != nil {
		d.t.Fatal(err)
	}
	r.Header.Set("Content-Type", "application/json")
	d.signer.SignRequest(r, body)
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		d.t.Error(err)
		return 0, ingestReport{}
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusServiceUnavailable {
		d.mu.Lock()
		d.retry = append(d.retry, resp.Header.Get("Retry-After"))
		d.mu.Unlock()
	}
	var rep ingestReport
	json.NewDecoder(resp.Body).Decode(&rep)
	return resp.StatusCode, rep
}

// TestRecheckOnlineRound runs a round whose departments are on the
// online channel, through a real department server and the centre's
// real callback endpoint (issue #7.2): answers in the response are saved
// with the claim; answers by callback reach the round and wake its
// parts, once however often they are posted, and not before the centre
// saved the query; queries a department could not be reached for are
// asked again once the claim's lease has run out. The round ends with
// every household evaluated once and every query and answer row stored
// once.
func TestRecheckOnlineRound(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.db.partSize = 3
		f := e.recheckFixture(10, false)
		r := f.startRound(today)
		if r.Households != 9 || r.Parts != 3 {
			t.Fatalf("round = %+v, want 9 households in 3 parts", r)
		}

		secret := bytes.Repeat([]byte("finance-secret-"), 3)
		signer, err := online.NewHMACSigner("hmac:finance", secret)
		must(t, err)
		signer.Now = e.clock.Now
		v := online.NewVerifier()
		v.Now = e.clock.Now
		must(t, v.AddHMAC("hmac:finance", secret))
		centre := httptest.NewServer(hhttp.NewServer(hhttp.Config{Store: e.db, Now: e.clock.Now,
			CallbackKeys: online.CallbackKeys{"621002-finance": v}}).Handler())
		defer centre.Close()
		depts := &onlineDepts{t: t, sim: deptsim.NewAdapter(f.pop, deptsim.Behaviour{}, e.clock.Now), signer: signer,
			down: map[int64]bool{f.ids[1]: true, f.ids[5]: true}, taken: map[string]int{}}
		deptSrv := httptest.NewServer(depts)
		defer deptSrv.Close()
		for i, d := range f.depts {
			d.Channel, d.Endpoint = hedui.ChannelOnline, deptSrv.URL+"/"+d.Code
			f.depts[i], err = e.db.UpdateDepartment(e.ctx, e.admin, d)
			must(t, err)
		}

		centreKey, err := online.NewHMACSigner("centre", bytes.Repeat([]byte{7}, 32))
		must(t, err)
		callbackURL, err := hhttp.CallbackURLs(centre.URL)
		must(t, err)
		adapter := online.New(online.Config{Signer: centreKey, CallbackURL: callbackURL, MaxAttempts: 2, Now: e.clock.Now,
			Sleep: func(context.Context, time.Duration) error { return nil }, Logger: slog.New(slog.DiscardHandler)})
		w := recheck.NewWorker(e.db, recheck.Options{Node: "a", Parts: 2, Lease: time.Minute,
			Adapters: map[hedui.Channel]exchange.Adapter{hedui.ChannelOnline: adapter}})
		// A held part is claimed again only when its lease has run out: a
		// pass that keeps finding parts to claim means one is retried
		// without a pause.
		drain := func() {
			t.Helper()
			for range 10 {
				n, err := w.RunOnce(e.ctx)
				must(t, err)
				if n == 0 {
					return
				}
			}
			t.Fatal("the worker still claims parts after 10 passes")
		}
		count := func(q string) int {
			t.Helper()
			return e.countWhere(q, r.ID)
		}

		// The first pass asks everything; nothing is evaluated, finance
		// owing every household its answers.
		drain()
		if len(depts.early) != 1 || depts.early[0] != http.StatusServiceUnavailable || len(depts.retry) != 1 || depts.retry[0] == "" {
			t.Errorf("a callback before the centre saved its query answered %v (Retry-After %q), want 503 with Retry-After",
				depts.early, depts.retry)
		}
		if got, want := count(`SELECT COUNT(*) FROM recheck_queries WHERE round_id = $1`), f.queries-2; got != want {
			t.Errorf("after the first pass %d queries saved, want %d (all but the two undelivered)", got, want)
		}
		if got := count(`SELECT COUNT(*) FROM recheck_results WHERE round_id = $1`); got != 0 {
			t.Errorf("%d households evaluated before finance answered", got)
		}
		held := count(`SELECT COUNT(*) FROM recheck_parts WHERE round_id = $1 AND status = 'running'`)
		if want := count(`SELECT COUNT(DISTINCT part_id) FROM recheck_households WHERE round_id = $1 AND household_id IN (` +
			fmt.Sprint(f.ids[1], ",", f.ids[5]) + `)`); held != want || held == 0 {
			t.Errorf("%d parts held for a retry, want the %d of the undelivered households", held, want)
		}

		// Finance calls back, once for each query and the first twice.
		if len(depts.accepted) != 9 {
			t.Fatalf("finance accepted %d queries, want 9", len(depts.accepted))
		}
		for i, req := range append(depts.accepted, depts.accepted[0]) {
			status, rep := depts.callback(req)
			if status != http.StatusOK || len(rep.Problems) > 0 || (i < 9) != (rep.Recorded > 0) || (i == 9) != (rep.Duplicates > 0) {
				t.Errorf("callback %d of %s: %d %+v", i, req.QueryID, status, rep)
			}
		}
		body, _ := json.Marshal(online.Response{QueryID: hedui.RecheckQueryID(r.ID, f.ids[0], f.depts[0].ID),
			Status: online.StatusAnswered})
		if status, _ := depts.post(depts.accepted[0].CallbackURL, body); status != http.StatusForbidden {
			t.Errorf("finance's callback about the police's query answered %d, want 403", status)
		}
		body, _ = json.Marshal(online.Response{QueryID: depts.accepted[0].QueryID, Status: online.StatusAnswered})
		if status, rep := depts.post(depts.accepted[0].CallbackURL, body); status != http.StatusOK || rep.Recorded != 0 {
			t.Errorf("a callback without answers: %d %+v", status, rep)
		}
		drain()
		if got := count(`SELECT COUNT(*) FROM recheck_results WHERE round_id = $1`); got == 0 || got == 9 {
			t.Errorf("%d households evaluated once finance answered, want those of the parts not held", got)
		}

		// The department is back; the held parts are claimed again when
		// their lease runs out, and only their undelivered queries asked.
		depts.mu.Lock()
		depts.down = nil
		depts.mu.Unlock()
		e.clock.Advance(2 * time.Minute)
		drain()
		f.roundCounts(t, r.ID)
		if got := count(`SELECT COUNT(*) FROM recheck_answers WHERE round_id = $1`); got != f.queries {
			t.Errorf("%d answer rows, want one per query (%d)", got, f.queries)
		}
		if got := e.countWhere(`SELECT COUNT(*) FROM audit_log WHERE action = 'recheck.answers' AND object_id = $1
			AND username = 'system' AND purpose = '在线接口回调'`, fmt.Sprint(r.ID)); got != 11 {
			t.Errorf("%d callbacks audited, want 11", got)
		}
		if len(depts.taken) != f.queries {
			t.Errorf("the departments took %d queries, want %d", len(depts.taken), f.queries)
		}
		for id, n := range depts.taken {
			if n != 1 {
				t.Errorf("query %s taken %d times", id, n)
			}
		}
	})
}
