package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"hedui"
	"hedui/crypt"
	"hedui/demo"
	"hedui/idcard"
	"hedui/password"
	"hedui/sqlstore"
)

// cheapParams keep argon2 fast in tests; production uses password.Default.
var cheapParams = password.Params{Memory: 1024, Time: 1, Threads: 1}

// testClock is shared by the store and the server so that lockouts can be
// tested by moving time.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// env is the web server over a real SQLite store seeded with the demo
// divisions and accounts; mount adds other handlers (the API) beside it.
type env struct {
	t      *testing.T
	srv    *httptest.Server
	server *Server
	store  *sqlstore.DB
	clock  *testClock
	serial int
}

type envOptions struct {
	configure func(*Config)
	// mount wraps the web handler, e.g. to put the API beside it.
	mount func(st hedui.Store, now func() time.Time, pages http.Handler) http.Handler
	start time.Time
}

func newEnv(t *testing.T) *env { return newEnvWith(t, envOptions{}) }

func newEnvWith(t *testing.T, o envOptions) *env {
	t.Helper()
	ctx := context.Background()
	kr, err := crypt.New(crypt.GenerateKey())
	if err != nil {
		t.Fatal(err)
	}
	start := o.start
	if start.IsZero() {
		start = time.Date(2025, 6, 16, 10, 0, 0, 0, hedui.CST)
	}
	clock := &testClock{t: start}
	st, err := sqlstore.Open(ctx, filepath.Join(t.TempDir(), "hedui.db"), sqlstore.Options{Keyring: kr, Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := demo.SeedReference(ctx, st); err != nil {
		t.Fatal(err)
	}
	if err := demo.SeedAccounts(ctx, st, func(pw string) string { return password.Hash(pw, cheapParams) }); err != nil {
		t.Fatal(err)
	}
	cfg := Config{Store: st, Now: clock.Now, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), PasswordParams: cheapParams}
	if o.configure != nil {
		o.configure(&cfg)
	}
	s := New(cfg)
	var h http.Handler = s.Handler()
	if o.mount != nil {
		h = o.mount(st, clock.Now, h)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &env{t: t, srv: srv, server: s, store: st, clock: clock}
}

// client is a browser without JavaScript: a cookie jar and no redirects
// followed, so that tests see each response.
type client struct {
	e    *env
	c    *http.Client
	csrf string // the last form token seen
}

func (e *env) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{e: e, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// page is a finished response.
type page struct {
	status int
	header http.Header
	body   string
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (c *client) do(req *http.Request) page {
	c.e.t.Helper()
	res, err := c.c.Do(req)
	if err != nil {
		c.e.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.e.t.Fatal(err)
	}
	if m := csrfRe.FindSubmatch(b); m != nil {
		c.csrf = string(m[1])
	}
	return page{status: res.StatusCode, header: res.Header, body: string(b)}
}

func (c *client) get(path string) page {
	c.e.t.Helper()
	req, err := http.NewRequest("GET", c.e.srv.URL+path, nil)
	if err != nil {
		c.e.t.Fatal(err)
	}
	return c.do(req)
}

// post sends a form; the CSRF token seen last is added unless the form
// has its own csrf entry (even an empty one).
func (c *client) post(path string, form url.Values) page {
	c.e.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["csrf"]; !ok {
		form.Set("csrf", c.csrf)
	}
	req, err := http.NewRequest("POST", c.e.srv.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		c.e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// login signs in through the form and fails the test unless it works.
func (c *client) login(username string) {
	c.e.t.Helper()
	c.get("/login")
	p := c.post("/login", url.Values{"username": {username}, "password": {demo.Password}})
	if p.status != http.StatusSeeOther {
		c.e.t.Fatalf("login %s: %d %s", username, p.status, excerpt(p.body))
	}
	// The home page, or the role's main page it sends to, carries the
	// session's CSRF token.
	if home := c.get("/"); home.status == http.StatusSeeOther {
		c.get(home.header.Get("Location"))
	}
}

func excerpt(s string) string {
	if i := strings.Index(s, `<main`); i >= 0 {
		s = s[i:]
	}
	if len(s) > 1500 {
		s = s[:1500] + "…"
	}
	return s
}

// actor is a demo account's actor, for setting up cases through the store.
func (e *env) actor(username string) hedui.Actor {
	e.t.Helper()
	a, err := demo.Actor(context.Background(), e.store, username)
	if err != nil {
		e.t.Fatal(err)
	}
	return a
}

// newIDNumber makes a valid, never repeated ID number of an adult born in
// the county.
func (e *env) newIDNumber(county string) string {
	e.serial++
	return idcard.Make(county, time.Date(1970+e.serial%30, time.Month(1+e.serial%12), 1+e.serial%28, 0, 0, 0, 0, time.UTC), 100+e.serial)
}

// newApplication registers a one-member draft in clerk's township through
// the store and returns it with the member's ID number.
func (e *env) newApplication(clerk, name string) (*hedui.Application, string) {
	e.t.Helper()
	by := e.actor(clerk)
	id := e.newIDNumber(by.Division[:6])
	app, _, err := e.store.CreateApplication(context.Background(), by, hedui.NewApplication{
		Kind: hedui.KindNew, Aid: []hedui.AssistanceType{hedui.AidDibao},
		Household: &hedui.NewHousehold{Address: "测试村1组（测试）", Hukou: hedui.HukouRural},
		Members:   []hedui.NewMember{{Name: name, IDNumber: id, Relationship: hedui.RelHead, Hukou: hedui.HukouRural}},
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return app, id
}
