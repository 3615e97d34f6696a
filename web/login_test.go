package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"hedui/demo"
)

func TestLoginSetsSessionCookie(t *testing.T) {
	e := newEnvWith(t, envOptions{configure: func(c *Config) { c.Secure = true }})
	c := e.client()
	c.get("/login")
	p := c.post("/login", url.Values{"username": {"clerk.xiaojin"}, "password": {demo.Password}, "next": {"/applications"}})
	if p.status != http.StatusSeeOther || p.header.Get("Location") != "/applications" {
		t.Fatalf("login = %d to %q", p.status, p.header.Get("Location"))
	}
	var cookie *http.Cookie
	for _, ck := range (&http.Response{Header: p.header}).Cookies() {
		if ck.Name == sessionCookie {
			cookie = ck
		}
	}
	if cookie == nil {
		t.Fatal("no session cookie")
	}
	if !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode || !cookie.Secure || cookie.Path != "/" {
		t.Errorf("cookie flags: %+v", cookie)
	}
	// The store keeps only the token's hash.
	if _, err := e.store.SessionActor(t.Context(), []byte(cookie.Value), e.clock.Now()); err == nil {
		t.Error("the raw token resolved as a hash")
	}
	if _, err := e.store.SessionActor(t.Context(), tokenHash(cookie.Value), e.clock.Now()); err != nil {
		t.Errorf("session not stored: %v", err)
	}
}

func TestLoginRejectsOffSiteNext(t *testing.T) {
	e := newEnv(t)
	for _, next := range []string{"//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"} {
		c := e.client()
		c.get("/login")
		p := c.post("/login", url.Values{"username": {"clerk.xiaojin"}, "password": {demo.Password}, "next": {next}})
		if loc := p.header.Get("Location"); loc != "/" {
			t.Errorf("next %q: redirected to %q", next, loc)
		}
	}
}

func TestLoginSameMessageForUnknownUserAndWrongPassword(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.get("/login")
	a := c.post("/login", url.Values{"username": {"nobody"}, "password": {"x"}})
	b := c.post("/login", url.Values{"username": {"clerk.xiaojin"}, "password": {"wrong"}})
	for _, p := range []page{a, b} {
		if p.status != http.StatusUnauthorized || !strings.Contains(p.body, "用户名或密码错误") {
			t.Errorf("bad login = %d %s", p.status, excerpt(p.body))
		}
	}
	if !strings.Contains(b.body, `value="clerk.xiaojin"`) {
		t.Error("the username typed is not kept")
	}
}

func TestLoginLockout(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.get("/login")
	var p page
	for i := 0; i < 5; i++ {
		p = c.post("/login", url.Values{"username": {"clerk.dongzhi"}, "password": {"wrong"}})
	}
	// The fifth failure locks the account (the store's default threshold)
	// and says until when, in Beijing time.
	until := e.clock.Now().Add(15 * time.Minute).Format("15:04")
	if p.status != http.StatusTooManyRequests || !strings.Contains(p.body, "账户已临时锁定") || !strings.Contains(p.body, until) {
		t.Fatalf("fifth failure = %d %s", p.status, excerpt(p.body))
	}
	// The right password is refused while locked.
	p = c.post("/login", url.Values{"username": {"clerk.dongzhi"}, "password": {demo.Password}})
	if p.status != http.StatusTooManyRequests {
		t.Fatalf("login while locked = %d", p.status)
	}
	// Another account is not affected.
	other := e.client()
	other.login("clerk.xiaojin")
	// After the lock runs out the right password works.
	e.clock.Advance(16 * time.Minute)
	p = c.post("/login", url.Values{"username": {"clerk.dongzhi"}, "password": {demo.Password}})
	if p.status != http.StatusSeeOther {
		t.Fatalf("login after the lock = %d %s", p.status, excerpt(p.body))
	}
}

func TestLoginPageRedirectsSignedInUser(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.login("verifier.xifeng")
	if p := c.get("/login"); p.status != http.StatusSeeOther {
		t.Errorf("GET /login signed in = %d", p.status)
	}
}

func TestUnauthenticatedGoesToLogin(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	p := c.get("/applications?status=draft")
	if p.status != http.StatusSeeOther || p.header.Get("Location") != "/login?next="+url.QueryEscape("/applications?status=draft") {
		t.Fatalf("GET /applications = %d %q", p.status, p.header.Get("Location"))
	}
	// A stale cookie is cleared and the user told why.
	c.c.Jar.SetCookies(mustURL(t, e.srv.URL), []*http.Cookie{{Name: sessionCookie, Value: "stale", Path: "/"}})
	p = c.get("/")
	if loc := p.header.Get("Location"); !strings.HasPrefix(loc, "/login?msg=expired") {
		t.Fatalf("stale session → %q", loc)
	}
	if p = c.get("/login?msg=expired"); !strings.Contains(p.body, "登录已失效") {
		t.Error("no expiry notice")
	}
}

func TestLogout(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.login("clerk.xiaojin")
	cookies := c.c.Jar.Cookies(mustURL(t, e.srv.URL))
	var token string
	for _, ck := range cookies {
		if ck.Name == sessionCookie {
			token = ck.Value
		}
	}
	// Without the token logout is refused.
	if p := c.post("/logout", url.Values{"csrf": {""}}); p.status != http.StatusForbidden {
		t.Fatalf("logout without token = %d", p.status)
	}
	p := c.post("/logout", nil)
	if p.status != http.StatusSeeOther || p.header.Get("Location") != "/login?msg=logged_out" {
		t.Fatalf("logout = %d %q", p.status, p.header.Get("Location"))
	}
	if _, err := e.store.SessionActor(t.Context(), tokenHash(token), e.clock.Now()); err == nil {
		t.Error("session still valid after logout")
	}
	if p := c.get("/"); p.status != http.StatusSeeOther {
		t.Errorf("home after logout = %d", p.status)
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
