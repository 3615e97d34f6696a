package http

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	stdhttp "net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"hedui"
	"hedui/demo"
	"hedui/exchange/online"
	"hedui/idcard"
	"hedui/internal/httpx/httpxtest"
	"hedui/sqlstore"
)

// cheapParams keep argon2 fast in tests; production uses password.Default.
var cheapParams = httpxtest.CheapParams

// testClock is shared by the store and the server so that time is moved
// by the test, not waited for.
type testClock = httpxtest.Clock

// lockedBuffer collects log output written from server goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// env is a server over a real SQLite store seeded with the demo
// divisions and accounts.
type env struct {
	t      *testing.T
	srv    *httptest.Server
	server *Server
	store  *sqlstore.DB
	clock  *testClock
	logs   *lockedBuffer
	tokens map[string]string
	serial int
	orgID  int64 // 肖金镇's office, for accounts the tests create
	// ids holds every full ID number the test has sent, for the leak test.
	ids []string
	// signers sign department callbacks; see newCallbackKeys.
	signers map[string]*online.Signer
}

func newEnv(t *testing.T) *env {
	t.Helper()
	return newEnvWith(t, nil)
}

// newEnvWith lets configure change the server's configuration before the
// server is built.
func newEnvWith(t *testing.T, configure func(*Config)) *env {
	t.Helper()
	ctx := context.Background()
	clock := httpxtest.NewClock(time.Date(2025, 6, 16, 10, 0, 0, 0, hedui.CST))
	st := httpxtest.DemoStore(t, clock.Now)
	if err := seedExchange(ctx, st); err != nil {
		t.Fatal(err)
	}
	clerk, err := st.User(ctx, xiaojin.clerk)
	if err != nil {
		t.Fatal(err)
	}
	logs := &lockedBuffer{}
	keys, signers := newCallbackKeys(t, clock.Now)
	cfg := Config{
		Store:          st,
		Now:            clock.Now,
		Logger:         slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		PasswordParams: cheapParams,
		CallbackKeys:   keys,
	}
	if configure != nil {
		configure(&cfg)
	}
	s := NewServer(cfg)
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return &env{t: t, srv: srv, server: s, store: st, clock: clock, logs: logs, tokens: map[string]string{}, orgID: clerk.OrgID,
		signers: signers}
}

// response is a finished request.
type response struct {
	status int
	header stdhttp.Header
	body   []byte
}

// errorCode returns the code of a JSON error body, or "".
func (r response) errorCode() string {
	var b errorBody
	_ = json.Unmarshal(r.body, &b)
	return b.Error.Code
}

func (r response) errorDetail() errorDetail {
	var b errorBody
	_ = json.Unmarshal(r.body, &b)
	return b.Error
}

func (r response) String() string {
	s := string(r.body)
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return fmt.Sprintf("%d %s", r.status, s)
}

// call sends a request. A body of []byte is sent raw; any other non-nil
// body is sent as JSON. Extra headers come as name, value pairs.
func (e *env) call(token, method, path string, body any, headers ...string) response {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	case string:
		rd = strings.NewReader(b)
	default:
		js, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(js)
	}
	req, err := stdhttp.NewRequest(method, e.srv.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if _, raw := body.([]byte); body != nil && !raw {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := e.srv.Client().Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return response{status: res.StatusCode, header: res.Header, body: data}
}

// must sends a request and fails the test unless the status is want; it
// decodes a JSON body into out when out is not nil.
func (e *env) must(want int, token, method, path string, body, out any, headers ...string) response {
	e.t.Helper()
	r := e.call(token, method, path, body, headers...)
	if r.status != want {
		e.t.Fatalf("%s %s = %v, want %d", method, path, r, want)
	}
	if out != nil {
		if err := json.Unmarshal(r.body, out); err != nil {
			e.t.Fatalf("%s %s: decoding %s: %v", method, path, r.body, err)
		}
	}
	return r
}

// login returns a fresh token for a demo account.
func (e *env) login(username string) string {
	e.t.Helper()
	var out loginResponse
	e.must(200, "", "POST", "/api/v1/login", loginRequest{Username: username, Password: demo.Password}, &out)
	return out.Token
}

// as returns a cached token for a demo account.
func (e *env) as(username string) string {
	if tok, ok := e.tokens[username]; ok {
		return tok
	}
	tok := e.login(username)
	e.tokens[username] = tok
	return tok
}

// place is where a test case lives.
type place struct {
	name     string
	township string
	county   string
	clerk    string
	verifier string // of the county centre
}

var (
	xiaojin   = place{name: "肖金镇", township: "621002100", county: "621002", clerk: "clerk.xiaojin", verifier: "verifier.xifeng"}
	huancheng = place{name: "环城镇", township: "621022100", county: "621022", clerk: "clerk.huanxian", verifier: "verifier.huanxian"}
)

// newIDNumber makes a valid, never repeated ID number of an adult born in
// the county.
func (e *env) newIDNumber(county string) string {
	e.serial++
	birth := time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, e.serial*7)
	id := idcard.Make(county, birth, e.serial%1000)
	e.ids = append(e.ids, id)
	return id
}

// appView is the API's application JSON.
type appView struct {
	hedui.Application
	StatusLabel string       `json:"status_label"`
	Actions     []actionView `json:"actions"`
	Editable    bool         `json:"editable"`
}

// newApplicationBody is a complete new household of two adults with a
// declaration.
func (e *env) newApplicationBody(p place) map[string]any {
	head, spouse := e.newIDNumber(p.county), e.newIDNumber(p.county)
	return map[string]any{
		"kind":             "new",
		"assistance_types": []string{"dibao"},
		"household":        map[string]any{"township_code": p.township, "address": p.name + "示例村1组", "hukou_type": "rural"},
		"members": []map[string]any{
			{"name": "张示例", "id_number": head, "relationship": "head", "hukou_type": "rural"},
			{"name": "李示例", "id_number": spouse, "relationship": "spouse", "hukou_type": "rural"},
		},
		"declaration": map[string]any{
			"incomes": []map[string]any{{"id_number": head, "category": "wage", "source": "务工", "period_from": "2025-01-01", "period_to": "2025-05-31", "amount_fen": 1200000}},
			"assets":  []map[string]any{},
		},
	}
}

// letterBody is a paper letter signed by every listed person.
func letterBody(idNumbers []string) map[string]any {
	var signers []map[string]any
	for _, id := range idNumbers {
		signers = append(signers, map[string]any{"id_number": id, "method": "signature"})
	}
	return map[string]any{"form": "paper", "signed_on": "2025-06-16", "signers": signers}
}

func (a appView) idNumbers() []string {
	var ids []string
	for _, m := range a.Members {
		ids = append(ids, m.IDNumber)
	}
	return ids
}

// minimalPDF is a tiny file that starts like a PDF, which is all the
// server checks.
var minimalPDF = []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

// caseRef names a case created for a test and its sub-objects.
type caseRef struct {
	place     place
	id        int64
	memberID  int64
	letterID  int64
	idNumbers []string
	queries   map[string]string // department code → query id, once dispatched
	// conclusionID is the latest conclusion, once evaluated.
	conclusionID int64
	// reportID and reportCode are the current report, once issued.
	reportID   int64
	reportCode string
}

func (c caseRef) path(suffix string) string {
	return fmt.Sprintf("/api/v1/applications/%d%s", c.id, suffix)
}

// newCase registers a complete application (members, declaration, paper
// letter with its scan) as the township's clerk; submitted also sends it
// to the county.
func (e *env) newCase(p place, submitted bool) caseRef {
	e.t.Helper()
	tok := e.as(p.clerk)
	var a appView
	e.must(201, tok, "POST", "/api/v1/applications", e.newApplicationBody(p), &a)
	c := caseRef{place: p, id: a.ID, memberID: a.Members[len(a.Members)-1].ID}
	for _, m := range a.Members {
		c.idNumbers = append(c.idNumbers, m.IDNumber)
	}
	e.must(201, tok, "POST", c.path("/letters"), letterBody(c.idNumbers), &a)
	l := a.ActiveLetter()
	if l == nil {
		e.t.Fatalf("no active letter after adding one: %+v", a.Letters)
	}
	c.letterID = l.ID
	e.must(200, tok, "PUT", c.path(fmt.Sprintf("/letters/%d/scan", c.letterID)), minimalPDF, nil, "Content-Type", "application/pdf")
	if submitted {
		e.must(200, tok, "POST", c.path("/transitions"), map[string]string{"action": "submit"}, nil)
	}
	return c
}

// listIDs returns the ids of the cases an account's list shows.
func (e *env) list(token, query string) hedui.Page[hedui.Summary] {
	e.t.Helper()
	var page hedui.Page[hedui.Summary]
	e.must(200, token, "GET", "/api/v1/applications"+query, nil, &page)
	return page
}
