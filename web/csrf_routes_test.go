package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"hedui"
)

// TestEveryPostNeedsCSRFToken walks the route table: every POST, sent by
// a signed-in user of a role the route admits, is refused with the CSRF
// message when the token is missing or wrong, before its handler runs. A
// route added later is covered without touching this test.
func TestEveryPostNeedsCSRFToken(t *testing.T) {
	e := newEnv(t)
	e.seedDispatched() // the liaisons' departments and accounts
	users := map[hedui.Role]string{
		hedui.RoleClerk: "clerk.xiaojin", hedui.RoleVerifier: "verifier.xifeng", hedui.RoleLiaison: "liaison.bank",
		hedui.RoleAgency: "agency.xifeng", hedui.RoleAdmin: "admin", hedui.RoleAuditor: "auditor",
	}
	clients := map[string]*client{}
	clientFor := func(rt route) *client {
		if rt.public {
			c := e.client()
			c.get("/login") // a pre-session cookie, so only the token is missing
			return c
		}
		username := users[hedui.RoleClerk]
		if len(rt.roles) > 0 {
			username = users[rt.roles[0]]
		}
		if c, ok := clients[username]; ok {
			return c
		}
		c := e.client()
		c.login(username)
		clients[username] = c
		return c
	}
	wildcard := regexp.MustCompile(`\{[^}]+\}`)
	n := 0
	for _, rt := range e.server.routes() {
		if rt.method != http.MethodPost {
			continue
		}
		n++
		path := wildcard.ReplaceAllString(strings.TrimSuffix(rt.pattern, "{$}"), "1")
		c := clientFor(rt)
		for _, token := range []string{"", "AAAA" + c.csrf} {
			var body bytes.Buffer
			ct := "application/x-www-form-urlencoded"
			if rt.upload {
				mw := multipart.NewWriter(&body)
				_ = mw.WriteField("csrf", token)
				fw, _ := mw.CreateFormFile("file", "a.csv")
				_, _ = fw.Write([]byte("x"))
				_ = mw.Close()
				ct = mw.FormDataContentType()
			} else {
				body.WriteString("csrf=" + token + "&username=admin&password=x&action=save")
			}
			req, _ := http.NewRequest("POST", e.srv.URL+path, &body)
			req.Header.Set("Content-Type", ct)
			p := c.do(req)
			if p.status != http.StatusForbidden || !strings.Contains(p.body, "安全校验未通过") {
				t.Errorf("POST %s with token %q = %d %s", rt.pattern, token, p.status, excerpt(p.body))
			}
		}
	}
	if n < 20 {
		t.Fatalf("only %d POST routes: the table walk is broken", n)
	}
}
