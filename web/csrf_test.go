package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestPostWithoutCSRFTokenIsRefused(t *testing.T) {
	e := newEnv(t)
	app, _ := e.newApplication("clerk.xiaojin", "韩梅梅")
	c := e.client()
	c.login("clerk.xiaojin")
	for _, tc := range []struct {
		name, path string
		form       url.Values
	}{
		{"no token", "/applications/" + itoa(app.ID) + "/transitions", url.Values{"csrf": {""}, "action": {"withdraw"}}},
		{"wrong token", "/applications/" + itoa(app.ID) + "/transitions", url.Values{"csrf": {"AAAA"}, "action": {"withdraw"}}},
		{"create", "/applications", url.Values{"csrf": {""}, "address": {"x"}}},
		{"logout", "/logout", url.Values{"csrf": {""}}},
	} {
		p := c.post(tc.path, tc.form)
		if p.status != http.StatusForbidden || !strings.Contains(p.body, "安全校验未通过") {
			t.Errorf("%s: %d %s", tc.name, p.status, excerpt(p.body))
		}
	}
	// Nothing happened.
	got, err := e.store.Application(t.Context(), e.actor("clerk.xiaojin"), app.ID)
	if err != nil || got.Status != app.Status {
		t.Fatalf("application changed: %v %v", got.Status, err)
	}
}

func TestCSRFTokenIsPerSession(t *testing.T) {
	e := newEnv(t)
	app, _ := e.newApplication("clerk.xiaojin", "韩梅梅")
	a, b := e.client(), e.client()
	a.login("clerk.xiaojin")
	b.login("clerk.xiaojin")
	if a.csrf == b.csrf {
		t.Fatal("two sessions share a CSRF token")
	}
	p := a.post("/applications/"+itoa(app.ID)+"/transitions", url.Values{"csrf": {b.csrf}, "action": {"withdraw"}})
	if p.status != http.StatusForbidden {
		t.Fatalf("another session's token = %d", p.status)
	}
}

func TestLoginFormNeedsCSRFToken(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	// No pre-session cookie and no token: a login forged by another site.
	p := c.post("/login", url.Values{"username": {"clerk.xiaojin"}, "password": {"demo12345"}})
	if p.status != http.StatusForbidden {
		t.Fatalf("login without token = %d", p.status)
	}
}

func TestCrossSiteRequestIsRefused(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.login("clerk.xiaojin")
	req, _ := http.NewRequest("POST", e.srv.URL+"/logout", strings.NewReader("csrf="+url.QueryEscape(c.csrf)))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if p := c.do(req); p.status != http.StatusForbidden {
		t.Fatalf("cross-site POST = %d", p.status)
	}
}

func TestSecurityHeaders(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.login("clerk.xiaojin")
	for _, path := range []string{"/login", "/", "/applications", "/nowhere"} {
		p := c.get(path)
		h := p.header
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: headers %v", path, h)
		}
		if h.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: Cache-Control %q", path, h.Get("Cache-Control"))
		}
	}
	p := c.get("/nowhere")
	if p.status != http.StatusNotFound || !strings.Contains(p.body, "页面不存在") {
		t.Errorf("unknown page = %d %s", p.status, excerpt(p.body))
	}
	p = c.get(e.server.assets.url("app.css"))
	if p.status != http.StatusOK || !strings.HasPrefix(p.header.Get("Content-Type"), "text/css") {
		t.Errorf("app.css = %d %q", p.status, p.header.Get("Content-Type"))
	}
}
