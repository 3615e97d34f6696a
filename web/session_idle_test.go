package web

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestIdleTimeout: a session in use stays signed in past the idle
// timeout; one left alone for it goes to the login page, which says why.
func TestIdleTimeout(t *testing.T) {
	for _, tc := range []struct {
		name string
		idle time.Duration // configured; 0 is the default
		want time.Duration
	}{
		{"default", 0, DefaultIdleTimeout},
		{"configured", 10 * time.Minute, 10 * time.Minute},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnvWith(t, envOptions{configure: func(c *Config) { c.IdleTimeout = tc.idle }})
			c := e.client()
			c.login("clerk.xiaojin")
			// Active every timeout minus two minutes: never idle.
			for range 3 {
				e.clock.Advance(tc.want - 2*time.Minute)
				if p := c.get("/applications"); p.status != http.StatusOK {
					t.Fatalf("active session = %d %q", p.status, p.header.Get("Location"))
				}
			}
			e.clock.Advance(tc.want)
			p := c.get("/applications")
			if loc := p.header.Get("Location"); p.status != http.StatusSeeOther || !strings.HasPrefix(loc, "/login?msg=idle") {
				t.Fatalf("idle session = %d %q", p.status, loc)
			}
			if p := c.get("/login?msg=idle"); !strings.Contains(p.body, "因长时间未操作，已自动退出") {
				t.Fatalf("login page: %s", excerpt(p.body))
			}
			// The session is gone, not merely refused once.
			if p := c.get("/applications"); p.status != http.StatusSeeOther || strings.Contains(p.header.Get("Location"), "msg=") {
				t.Fatalf("after idle = %d %q", p.status, p.header.Get("Location"))
			}
		})
	}
}

// TestCookieNotSecureOnPlainHTTP: the Secure flag follows Config.Secure
// (on behind HTTPS, see TestLoginSetsSessionCookie), and the other flags
// hold either way.
func TestCookieNotSecureOnPlainHTTP(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.get("/login")
	c.login("clerk.xiaojin")
	for _, ck := range c.c.Jar.Cookies(mustURL(t, e.srv.URL)) {
		if ck.Name == sessionCookie {
			return
		}
	}
	t.Fatal("no session cookie over plain HTTP")
}
