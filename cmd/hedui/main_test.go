package main

import (
	"database/sql"

	"bytes"
	"context"
	"encoding/json"
	"io"
	_ "modernc.org/sqlite"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"hedui/crypt"
)

// syncBuffer is a bytes.Buffer safe for a writer goroutine and a reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var urlRe = regexp.MustCompile(`http://127\.0\.0\.1:\d+`)

// startDemo runs `hedui demo` on a free port and returns its URL and a stop
// function that waits for a clean exit.
func startDemo(t *testing.T, data string) (string, func() string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"demo", "-addr", "127.0.0.1:0", "-data", data}, strings.NewReader(""), &out, &errOut)
	}()
	deadline := time.Now().Add(60 * time.Second)
	for !urlRe.MatchString(out.String()) {
		select {
		case code := <-done:
			t.Fatalf("demo exited %d: %s%s", code, out.String(), errOut.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("demo did not start: %s%s", out.String(), errOut.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	return urlRe.FindString(out.String()), func() string {
		cancel()
		if code := <-done; code != 0 {
			t.Fatalf("demo exit %d: %s", code, errOut.String())
		}
		return out.String()
	}
}

func login(t *testing.T, url, user string) string {
	t.Helper()
	resp, err := http.Post(url+"/api/v1/login", "application/json", strings.NewReader(`{"username":"`+user+`","password":"demo12345"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct{ Token string }
	json.NewDecoder(resp.Body).Decode(&body)
	if resp.StatusCode != 200 || body.Token == "" {
		t.Fatalf("login %s: %d", user, resp.StatusCode)
	}
	return body.Token
}

func countApplications(t *testing.T, url, token string) float64 {
	t.Helper()
	req, _ := http.NewRequest("GET", url+"/api/v1/applications", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var page struct{ Total float64 }
	json.NewDecoder(resp.Body).Decode(&page)
	return page.Total
}

func TestDemoServesAndKeepsData(t *testing.T) {
	data := filepath.Join(t.TempDir(), "hedui-data")
	url, stop := startDemo(t, data)
	resp, err := http.Get(url + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", err, resp)
	}
	resp.Body.Close()
	for _, u := range []string{"clerk.xiaojin", "clerk.dongzhi", "clerk.huanxian", "verifier.xifeng", "verifier.huanxian", "verifier.city", "admin", "auditor"} {
		login(t, url, u)
	}
	first := countApplications(t, url, login(t, url, "verifier.city"))
	if first == 0 {
		t.Fatal("demo has no example applications")
	}
	out := stop()
	for _, want := range []string{url, "clerk.xiaojin", "verifier.city", "auditor", "demo12345"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
	fi, err := os.Stat(filepath.Join(data, "master.key"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("master key: %v %v", err, fi)
	}

	url, stop = startDemo(t, data)
	if again := countApplications(t, url, login(t, url, "verifier.city")); again != first {
		t.Fatalf("second run has %v applications, first had %v", again, first)
	}
	stop()

	var out2 bytes.Buffer
	if code := run(context.Background(), []string{"audit", "verify", "-data", data}, nil, &out2, io.Discard); code != 0 {
		t.Fatalf("audit verify on an intact log: exit %d: %s", code, out2.String())
	}
}

func TestUserCommands(t *testing.T) {
	data := filepath.Join(t.TempDir(), "d")
	t.Setenv(crypt.EnvKey, "")
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"migrate", "-data", data}, nil, &out, &errOut); code != 0 {
		t.Fatalf("migrate: %d %s", code, errOut.String())
	}
	steps := []struct {
		args  []string
		stdin string
		code  int
		want  string
	}{
		{[]string{"user", "create", "-username", "clerk.wang", "-role", "clerk", "-division", "621002101", "-name", "王芳"}, "a-strong-password\n", 0, "已创建账户 clerk.wang"},
		{[]string{"user", "create", "-username", "clerk.wang", "-role", "clerk", "-division", "621002101"}, "a-strong-password\n", 1, "已存在"},
		{[]string{"user", "create", "-username", "x.y", "-role", "clerk", "-division", "621002101"}, "short\n", 1, "密码至少"},
		{[]string{"user", "create", "-username", "x.y", "-role", "king", "-division", "621002101"}, "", 1, "未知角色"},
		{[]string{"user", "create", "-username", "Wang Fang", "-role", "clerk", "-division", "621002101"}, "a-strong-password\n", 1, "用户名应为3到32位"},
		{[]string{"user", "password", "-username", "clerk.wang"}, "another-password\n", 0, "已重置"},
		{[]string{"user", "disable", "-username", "clerk.wang"}, "", 0, "已停用"},
		{[]string{"user", "list"}, "", 0, "已停用"},
		{[]string{"user", "enable", "-username", "clerk.wang"}, "", 0, "已启用"},
		{[]string{"user", "disable", "-username", "nobody"}, "", 1, ""},
	}
	for _, s := range steps {
		out.Reset()
		errOut.Reset()
		code := run(context.Background(), append(s.args, "-data", data), strings.NewReader(s.stdin), &out, &errOut)
		if code != s.code || !strings.Contains(out.String()+errOut.String(), s.want) {
			t.Errorf("%v: exit %d, output %q %q; want %d and %q", s.args, code, out.String(), errOut.String(), s.code, s.want)
		}
	}
}

func TestUsage(t *testing.T) {
	var errOut bytes.Buffer
	if code := run(context.Background(), []string{"frobnicate"}, nil, io.Discard, &errOut); code != 2 || !strings.Contains(errOut.String(), "未知命令") {
		t.Fatalf("unknown command: %d %s", code, errOut.String())
	}
	if code := run(context.Background(), []string{"audit", "verify", "-data", filepath.Join(t.TempDir(), "none")}, nil, io.Discard, &errOut); code == 0 {
		t.Fatal("audit verify on a missing data directory succeeded")
	}
}

func TestAuditVerifyDetectsTampering(t *testing.T) {
	data := filepath.Join(t.TempDir(), "d")
	t.Setenv(crypt.EnvKey, "")
	url, stop := startDemo(t, data)
	login(t, url, "verifier.xifeng")
	stop()
	db, err := sql.Open("sqlite", filepath.Join(data, "hedui.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE audit_log SET purpose = '好奇' WHERE seq = 3`); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	code := run(context.Background(), []string{"audit", "verify", "-data", data}, nil, &out, io.Discard)
	if code == 0 || !strings.Contains(out.String(), "第3条") {
		t.Fatalf("tampered log: exit %d, %q", code, out.String())
	}
}
