package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hedui"
	"hedui/crypt"
	"hedui/exchange/online"
)

// startServe runs `hedui serve` with args on a free port and returns its
// URL and a stop function that waits for a clean exit.
func startServe(t *testing.T, args ...string) (string, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "-addr", "127.0.0.1:0"}, args...), strings.NewReader(""), &out, &errOut)
	}()
	deadline := time.Now().Add(30 * time.Second)
	for !urlRe.MatchString(out.String()) {
		select {
		case code := <-done:
			cancel()
			t.Fatalf("serve exited %d: %s%s", code, out.String(), errOut.String())
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve did not start: %s%s", out.String(), errOut.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	return urlRe.FindString(out.String()), func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exit %d: %s", code, errOut.String())
		}
	}
}

// postCallback posts an unsigned callback and returns the status and the
// error code.
func postCallback(t *testing.T, url, dept string) (int, string) {
	t.Helper()
	resp, err := http.Post(url+"/api/v1/exchange/callback/"+dept, "application/json", strings.NewReader(`{"query_id":"Q-1","status":"answered"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct{ Error struct{ Code string } }
	json.NewDecoder(resp.Body).Decode(&body)
	return resp.StatusCode, body.Error.Code
}

func TestServeCallbackFlags(t *testing.T) {
	t.Setenv(crypt.EnvKey, "")
	t.Setenv("HEDUI_CALLBACK_KEYS", "")
	t.Setenv("HEDUI_PUBLIC_URL", "")
	t.Setenv("HEDUI_EXCHANGE_SECRET", "")
	dir := t.TempDir()
	data := filepath.Join(dir, "d")
	if code := run(context.Background(), []string{"migrate", "-data", data}, nil, io.Discard, io.Discard); code != 0 {
		t.Fatal("migrate failed")
	}
	pub, _, _ := ed25519.GenerateKey(nil)
	keys := filepath.Join(dir, "callback-keys")
	os.WriteFile(keys, []byte("# 西峰区公安局\n621002-police ed25519:police-2025 "+base64.StdEncoding.EncodeToString(pub)+"\n"), 0o600)
	bad := filepath.Join(dir, "bad-keys")
	os.WriteFile(bad, []byte("621002-police ed25519:p "+base64.StdEncoding.EncodeToString(pub)+"\n621002-bank bank-2025 c2VjcmV0\n"), 0o600)
	secret := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{9}, 32))

	refusals := []struct {
		name string
		args []string
		want string
	}{
		{"public URL without keys", []string{"-public-url", "https://hedui.example.gov.cn"}, "-callback-keys"},
		{"a bad key file", []string{"-callback-keys", bad}, "bad-keys:2:"},
		{"a missing key file", []string{"-callback-keys", keys + ".missing"}, "部门回调密钥文件有误"},
		{"an unusable public URL", []string{"-callback-keys", keys, "-exchange-secret", secret, "-public-url", "hedui.example.gov.cn"}, "-public-url"},
	}
	for _, r := range refusals {
		var errOut bytes.Buffer
		code := run(context.Background(), append([]string{"serve", "-data", data, "-addr", "127.0.0.1:0"}, r.args...), nil, io.Discard, &errOut)
		if code != 1 || !strings.Contains(errOut.String(), r.want) {
			t.Errorf("%s: exit %d, %q; want 1 and %q", r.name, code, errOut.String(), r.want)
		}
	}

	// Without keys, the endpoint says that callbacks are not set up.
	url, stop := startServe(t, "-data", data)
	if status, code := postCallback(t, url, "621002-police"); status != 404 || code != "callbacks_not_configured" {
		t.Errorf("without keys: %d %s", status, code)
	}
	stop()

	// With keys, from the environment: an unsigned callback is refused as
	// such, and a department without keys is told so.
	t.Setenv("HEDUI_CALLBACK_KEYS", keys)
	t.Setenv("HEDUI_PUBLIC_URL", "https://hedui.example.gov.cn")
	url, stop = startServe(t, "-data", data)
	defer stop()
	if status, code := postCallback(t, url, "621002-police"); status != 401 || code != "missing_signature" {
		t.Errorf("unsigned callback: %d %s", status, code)
	}
	if status, code := postCallback(t, url, "621002-bank"); status != 401 || code != "unknown_key" {
		t.Errorf("callback of a department without keys: %d %s", status, code)
	}
}

// TestOnlineAdapterCallbackURL checks that the online adapter the flags
// build asks departments to call back under the public URL.
func TestOnlineAdapterCallbackURL(t *testing.T) {
	got := make(chan online.Request, 1)
	dept := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req online.Request
		json.NewDecoder(r.Body).Decode(&req)
		got <- req
		w.WriteHeader(http.StatusAccepted)
		json.NewEncoder(w).Encode(online.Response{QueryID: req.QueryID, Status: online.StatusAccepted})
	}))
	defer dept.Close()
	xf := exchangeFlags{dir: t.TempDir(), secret: base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{9}, 32)),
		publicURL: "https://gw.example.gov.cn/hedui/"}
	adapters, _, err := xf.adapters(t.TempDir(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	d := hedui.Department{ID: 1, Code: "621002-police", Channel: hedui.ChannelOnline, Endpoint: dept.URL + "/621002-police"}
	q := hedui.Query{ID: "Q-1", Items: []hedui.Item{hedui.ItemHukou}, Subjects: []hedui.Subject{{Ref: "Q-1-1", Name: "王某", IDNumber: "621002196803120011"}}}
	res, err := adapters[hedui.ChannelOnline].Send(context.Background(), d, []hedui.Query{q})
	if err != nil || len(res.Delivered) != 1 {
		t.Fatalf("Send = %+v, %v", res, err)
	}
	if req := <-got; req.CallbackURL != "https://gw.example.gov.cn/hedui/api/v1/exchange/callback/621002-police" {
		t.Errorf("callback_url = %q", req.CallbackURL)
	}
}

func TestExchangeTLSFlags(t *testing.T) {
	dir := t.TempDir()
	var f exchangeFlags
	f.secret = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA=="
	f.tls = online.TLSFiles{CertFile: filepath.Join(dir, "missing.pem"), KeyFile: filepath.Join(dir, "missing.key")}
	if _, _, err := f.adapters(dir, slog.New(slog.DiscardHandler)); err == nil || !strings.Contains(err.Error(), "TLS") {
		t.Fatalf("missing client certificate accepted: %v", err)
	}
}
