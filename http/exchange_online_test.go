package http

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	stdhttp "net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"hedui"
	"hedui/deptsim"
	"hedui/exchange"
	"hedui/exchange/manual"
	"hedui/exchange/online"
)

// capturedRequest is a request as it went over the wire.
type capturedRequest struct {
	url    string
	header stdhttp.Header
	body   []byte
}

// capture records the requests a client sends, then sends them.
type capture struct {
	mu   sync.Mutex
	reqs []capturedRequest
}

func (c *capture) RoundTrip(r *stdhttp.Request) (*stdhttp.Response, error) {
	var body []byte
	if r.Body != nil {
		var err error
		if body, err = io.ReadAll(r.Body); err != nil {
			return nil, err
		}
		r.Body.Close()
		r.Body = io.NopCloser(bytes.NewReader(body))
	}
	c.mu.Lock()
	c.reqs = append(c.reqs, capturedRequest{url: r.URL.String(), header: r.Header.Clone(), body: body})
	c.mu.Unlock()
	return stdhttp.DefaultTransport.RoundTrip(r)
}

func (c *capture) all() []capturedRequest {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.reqs)
}

// TestOnlineCallbackEndToEnd runs the online channel's asynchronous path
// over real HTTP on loopback: the centre's sender posts a query to a
// simulated department that answers "accepted", the department posts its
// answers later to the centre's callback endpoint, signed with its
// Ed25519 key, and the centre records them and closes the query. A forged
// callback and a replayed one change nothing.
func TestOnlineCallbackEndToEnd(t *testing.T) {
	const (
		code  = "621002-housing"
		keyID = "ed25519:housing-test"
	)
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	// The centre knows the department's public key from its key file.
	keyFile := filepath.Join(t.TempDir(), "callback-keys")
	line := "# 西峰区住房和城乡建设局\n" + code + " " + keyID + " " + base64.StdEncoding.EncodeToString(pub) + "\n"
	if err := os.WriteFile(keyFile, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	keys, err := online.LoadCallbackKeys(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	e := newEnvWith(t, func(cfg *Config) {
		v, _ := keys.Verifier(code)
		v.Now = cfg.Now
		cfg.CallbackKeys = keys
	})
	ctx := context.Background()
	quiet := slog.New(slog.DiscardHandler)

	// The centre signs its queries with a shared secret the department knows.
	secret := bytes.Repeat([]byte("centre-secret-"), 3)
	centreSigner, err := online.NewHMACSigner("hmac:centre-test", secret)
	if err != nil {
		t.Fatal(err)
	}
	centreSigner.Now = e.clock.Now
	centreKey := online.NewVerifier()
	centreKey.Now = e.clock.Now
	if err := centreKey.AddHMAC("hmac:centre-test", secret); err != nil {
		t.Fatal(err)
	}

	// The simulated department answers by callback, a moment later.
	deptSigner, err := online.NewEd25519Signer(keyID, priv)
	if err != nil {
		t.Fatal(err)
	}
	deptSigner.Now = e.clock.Now
	callbacks := &capture{}
	pop := deptsim.Generate(deptsim.Config{Seed: 1, Households: 1, Now: e.clock.Now()})
	dsim, err := deptsim.NewServer(pop, deptsim.ServerConfig{
		Departments: []deptsim.Department{{Code: code, Items: []hedui.Item{hedui.ItemHousing}, Async: true,
			CallbackDelay: 50 * time.Millisecond, Signer: deptSigner}},
		Centre: centreKey,
		Client: &stdhttp.Client{Transport: callbacks, Timeout: 10 * time.Second},
		Now:    e.clock.Now,
		Logger: quiet,
	})
	if err != nil {
		t.Fatal(err)
	}
	deptSrv := httptest.NewServer(dsim)
	t.Cleanup(deptSrv.Close)
	t.Cleanup(func() { dsim.Close() }) // runs first: no callback outlives the test

	dept, err := e.store.CreateDepartment(ctx, hedui.SystemActor("测试"), hedui.Department{
		Code: code, Name: "西峰区住房和城乡建设局", Level: hedui.LevelCounty, Division: "621002",
		Items: []hedui.Item{hedui.ItemHousing}, Channel: hedui.ChannelOnline, ReplyDays: hedui.DefaultReplyDays,
		Agreement: testAgreement(code), Endpoint: deptSrv.URL + deptsim.EndpointPath(code), Active: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	callbackURL, err := CallbackURLs(e.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	sender := exchange.Sender{Store: e.store, Now: e.clock.Now, Logger: quiet, Adapters: map[hedui.Channel]exchange.Adapter{
		hedui.ChannelManual: manual.Adapter{},
		hedui.ChannelOnline: online.New(online.Config{Signer: centreSigner, CallbackURL: callbackURL, Now: e.clock.Now,
			Logger: quiet, MaxAttempts: 1}),
	}}

	// Dispatch, and send once: the department accepts.
	c := e.caseAt(xiaojin, "accepted")
	var d dispatchResponse
	e.must(201, e.as(xiaojin.verifier), "POST", c.path("/dispatch"), nil, &d)
	i := slices.IndexFunc(d.Queries, func(q queryView) bool { return q.DepartmentID == dept.ID })
	if i < 0 {
		t.Fatalf("no query to %s among %+v", code, d.Queries)
	}
	queryID := d.Queries[i].ID
	st, err := sender.RunOnce(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Sent != len(d.Queries) || st.Failed != 0 || st.Answers != 0 {
		t.Fatalf("sender %+v: want all %d sent, no answers in a response", st, len(d.Queries))
	}

	// The answers arrive by callback.
	sys := hedui.SystemActor("测试")
	deadline := time.Now().Add(10 * time.Second)
	var q hedui.Query
	for {
		if q, err = e.store.Query(ctx, sys, queryID); err != nil {
			t.Fatal(err)
		}
		if q.Status == hedui.QueryAnswered || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if q.Status != hedui.QueryAnswered {
		t.Fatalf("query %s is %s 10 s after sending; callbacks %d, last error %q", q.ID, q.Status, len(callbacks.all()), q.LastError)
	}
	answers := e.answersOf(c, hedui.ChannelOnline)
	if len(answers) != len(q.Subjects) {
		t.Fatalf("%d online answers, want one per subject (%d)", len(answers), len(q.Subjects))
	}
	for _, a := range answers {
		if a.DepartmentID != dept.ID || a.QueryID != q.ID || a.Item != hedui.ItemHousing || a.Source != online.SourceAPI ||
			!a.NoRecord || a.AsOf.String() != "2025-06-16" {
			t.Errorf("answer %+v", a)
		}
	}
	sent := callbacks.all()
	if len(sent) != 1 || sent[0].url != e.srv.URL+CallbackPathPrefix+code || sent[0].header.Get(online.HeaderKeyID) != keyID {
		t.Fatalf("callbacks %+v, want one to the department's address signed with its key", sent)
	}
	cb := sent[0]
	var doc online.Response
	if err := json.Unmarshal(cb.body, &doc); err != nil || doc.QueryID != q.ID {
		t.Fatalf("callback document %s: %v", cb.body, err)
	}

	// A forged callback, with the department's key id but another key,
	// claiming a house for the first subject: refused, nothing recorded.
	_, forger, _ := ed25519.GenerateKey(nil)
	forgedSigner, _ := online.NewEd25519Signer(keyID, forger)
	forgedSigner.Now = e.clock.Now
	forged, _ := json.Marshal(online.Response{QueryID: q.ID, Status: online.StatusAnswered, Answers: []online.Answer{{
		SubjectRef: q.Subjects[0].Ref, Item: hedui.ItemHousing, Records: []hedui.Record{{Kind: "住宅", AreaM2x100: 12000}}}}})
	h := stdhttp.Header{}
	forgedSigner.SignHeader(h, "POST", CallbackPathPrefix+code, forged)
	r := e.call("", "POST", CallbackPathPrefix+code, forged, headerPairs(h)...)
	if r.status != 401 || r.errorCode() != "bad_signature" {
		t.Errorf("forged callback: %v, want 401 bad_signature", r)
	}

	// The department's own callback, replayed byte for byte: duplicates.
	r = e.call("", "POST", CallbackPathPrefix+code, cb.body, headerPairs(cb.header)...)
	var ing ingestResponse
	e.mustDecode(r, 200, &ing)
	if ing.Recorded != 0 || ing.Duplicates != len(q.Subjects) || len(ing.Problems) != 0 {
		t.Errorf("replayed callback = %+v, want %d duplicates and nothing new", ing, len(q.Subjects))
	}
	// Replayed once the timestamp is old: refused.
	e.clock.Advance(online.DefaultReplayWindow + time.Minute)
	r = e.call("", "POST", CallbackPathPrefix+code, cb.body, headerPairs(cb.header)...)
	if r.status != 401 || r.errorCode() != "stale_timestamp" {
		t.Errorf("callback replayed after the window: %v, want 401 stale_timestamp", r)
	}
	if got := e.answersOf(c, hedui.ChannelOnline); len(got) != len(answers) {
		t.Errorf("%d online answers after the forged and replayed callbacks, want still %d", len(got), len(answers))
	}
}

// headerPairs flattens the signature headers (and the content type) of h
// for env.call.
func headerPairs(h stdhttp.Header) []string {
	var out []string
	for _, k := range []string{"Content-Type", online.HeaderKeyID, online.HeaderTimestamp, online.HeaderSignature} {
		if v := h.Get(k); v != "" {
			out = append(out, k, v)
		}
	}
	return out
}
