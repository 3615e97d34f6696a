package http

import (
	"strings"
	"testing"
	"time"

	"hedui"
	"hedui/demo"
)

func TestLogin(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		name     string
		username string
		password string
		status   int
		code     string
	}{
		{"ok", "clerk.xiaojin", demo.Password, 200, ""},
		{"wrong password", "clerk.xiaojin", "wrong-password", 401, "bad_credentials"},
		{"unknown user", "nobody.here", demo.Password, 401, "bad_credentials"},
		{"empty password", "clerk.xiaojin", "", 422, "missing_credentials"},
		{"padded username", "  verifier.city ", demo.Password, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.call("", "POST", "/api/v1/login", loginRequest{Username: tt.username, Password: tt.password})
			if r.status != tt.status || r.errorCode() != tt.code {
				t.Fatalf("got %v, want %d %q", r, tt.status, tt.code)
			}
			if tt.code == "bad_credentials" && r.errorDetail().Message != "用户名或密码错误" {
				t.Errorf("message %q must not tell which part was wrong", r.errorDetail().Message)
			}
		})
	}
}

func TestLoginToken(t *testing.T) {
	e := newEnv(t)
	var out loginResponse
	e.must(200, "", "POST", "/api/v1/login", loginRequest{Username: "verifier.xifeng", Password: demo.Password}, &out)
	if len(out.Token) != 43 || strings.ContainsAny(out.Token, "+/=") {
		t.Errorf("token %q is not 32 bytes of unpadded base64url", out.Token)
	}
	if out.User.Username != "verifier.xifeng" || !out.ExpiresAt.Equal(e.clock.Now().Add(8*time.Hour)) {
		t.Errorf("user %q expires %v", out.User.Username, out.ExpiresAt)
	}
	var me meResponse
	e.must(200, out.Token, "GET", "/api/v1/me", nil, &me)
	if !me.Can.ReviewApplications || me.Can.CreateApplications || me.Scope.Code != "621002" || me.RoleLabel != "核对员" {
		t.Errorf("me = %+v", me)
	}

	e.clock.Advance(8*time.Hour + time.Minute)
	if r := e.call(out.Token, "GET", "/api/v1/me", nil); r.status != 401 || r.header.Get("WWW-Authenticate") == "" {
		t.Errorf("expired token: got %v with WWW-Authenticate %q, want 401", r, r.header.Get("WWW-Authenticate"))
	}
}

func TestLogout(t *testing.T) {
	e := newEnv(t)
	tok := e.login("clerk.dongzhi")
	e.must(200, tok, "GET", "/api/v1/me", nil, nil)
	e.must(204, tok, "POST", "/api/v1/logout", nil, nil)
	if r := e.call(tok, "GET", "/api/v1/me", nil); r.status != 401 {
		t.Errorf("after logout: %v, want 401", r)
	}
}

func TestLoginLockout(t *testing.T) {
	e := newEnv(t)
	bad := loginRequest{Username: "clerk.huanxian", Password: "not-the-password"}
	var last response
	for i := 0; i < 5; i++ {
		last = e.call("", "POST", "/api/v1/login", bad)
	}
	if last.status != 429 || last.errorCode() != "account_locked" {
		t.Fatalf("fifth failure: %v, want 429 account_locked", last)
	}
	good := loginRequest{Username: "clerk.huanxian", Password: demo.Password}
	r := e.call("", "POST", "/api/v1/login", good)
	if r.status != 429 || r.errorCode() != "account_locked" || r.header.Get("Retry-After") == "" {
		t.Fatalf("correct password while locked: %v (Retry-After %q), want 429", r, r.header.Get("Retry-After"))
	}
	msg := r.errorDetail().Message
	if !strings.HasPrefix(msg, "登录失败次数过多，账户已临时锁定，请于") || !strings.Contains(msg, "后重试或联系管理员") {
		t.Errorf("lock message %q", msg)
	}
	if until := e.clock.Now().In(hedui.CST).Add(15 * time.Minute).Format("15:04"); !strings.Contains(msg, until) {
		t.Errorf("lock message %q does not name %s", msg, until)
	}
	// Other accounts are not affected.
	e.must(200, "", "POST", "/api/v1/login", loginRequest{Username: "clerk.xiaojin", Password: demo.Password}, nil)

	e.clock.Advance(16 * time.Minute)
	e.must(200, "", "POST", "/api/v1/login", good, nil)
}

func TestDisabledAccount(t *testing.T) {
	e := newEnv(t)
	admin := e.as("admin")
	tok := e.login("clerk.dongzhi")
	e.must(204, admin, "POST", "/api/v1/users/clerk.dongzhi/disable", nil, nil)

	if r := e.call(tok, "GET", "/api/v1/me", nil); r.status != 401 {
		t.Errorf("session of a disabled user: %v, want 401", r)
	}
	good := loginRequest{Username: "clerk.dongzhi", Password: demo.Password}
	if r := e.call("", "POST", "/api/v1/login", good); r.status != 403 || r.errorCode() != "account_disabled" {
		t.Errorf("login of a disabled user: %v, want 403 account_disabled", r)
	}
	bad := loginRequest{Username: "clerk.dongzhi", Password: "wrong-password"}
	if r := e.call("", "POST", "/api/v1/login", bad); r.status != 401 {
		t.Errorf("wrong password on a disabled user: %v, want 401 (do not reveal the state)", r)
	}
	if r := e.call(admin, "POST", "/api/v1/users/admin/disable", nil); r.status != 409 {
		t.Errorf("admin disabling himself: %v, want 409", r)
	}
	e.must(204, admin, "POST", "/api/v1/users/clerk.dongzhi/enable", nil, nil)
	e.must(200, "", "POST", "/api/v1/login", good, nil)
}

func TestUserManagement(t *testing.T) {
	e := newEnv(t)
	admin := e.as("admin")
	var u struct {
		Username string `json:"username"`
		Role     string `json:"role"`
	}
	e.must(201, admin, "POST", "/api/v1/users", e.newUserBody("new.clerk"), &u)
	if u.Username != "new.clerk" || u.Role != "clerk" {
		t.Errorf("created %+v", u)
	}
	e.must(200, "", "POST", "/api/v1/login", loginRequest{Username: "new.clerk", Password: "matrix-pass-1"}, nil)

	tests := []struct {
		name   string
		path   string
		body   map[string]any
		status int
		code   string
	}{
		{"duplicate", "/api/v1/users", e.newUserBody("new.clerk"), 409, ""},
		{"weak password", "/api/v1/users", with(e.newUserBody("weak.one"), "password", "short"), 422, "weak_password"},
		{"bad username", "/api/v1/users", with(e.newUserBody("x"), "username", "有空格 的名字"), 422, "invalid_username"},
		{"ID number as username", "/api/v1/users", with(e.newUserBody("x"), "username", e.newIDNumber("621002")), 422, "invalid_username"},
		{"bad role", "/api/v1/users", with(e.newUserBody("role.less"), "role", "boss"), 422, "invalid_role"},
		{"weak reset", "/api/v1/users/new.clerk/password", map[string]any{"password": "123"}, 422, "weak_password"},
		{"reset unknown", "/api/v1/users/nobody.here/password", map[string]any{"password": "long-enough-1"}, 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.call(admin, "POST", tt.path, tt.body)
			if r.status != tt.status || (tt.code != "" && r.errorCode() != tt.code) {
				t.Fatalf("got %v, want %d %s", r, tt.status, tt.code)
			}
		})
	}
	e.must(204, admin, "POST", "/api/v1/users/new.clerk/password", map[string]any{"password": "brand-new-pass"}, nil)
	e.must(200, "", "POST", "/api/v1/login", loginRequest{Username: "new.clerk", Password: "brand-new-pass"}, nil)

	var list struct {
		Items []struct {
			Username string `json:"username"`
		} `json:"items"`
	}
	e.must(200, admin, "GET", "/api/v1/users", nil, &list)
	if want := len(allAccounts()) + 1; len(list.Items) != want {
		t.Errorf("users list has %d accounts, want the %d demo ones and new.clerk", len(list.Items), want-1)
	}
	if strings.Contains(string(e.call(admin, "GET", "/api/v1/users", nil).body), "argon2") {
		t.Error("users list exposes password hashes")
	}
}

// with returns m with key set to v.
func with(m map[string]any, key string, v any) map[string]any {
	m[key] = v
	return m
}
