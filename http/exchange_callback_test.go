package http

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	stdhttp "net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"hedui"
	"hedui/exchange/online"
)

// newCallbackKeys makes the departments' callback keys of the test env:
// 西峰区公安局 signs with Ed25519, 西峰区人民银行支行 with an HMAC secret, and
// 621002-ghost has a key but is not in the store. "impostor" signs with the
// police's key id and a key of its own. Everything runs on the env's clock.
func newCallbackKeys(t *testing.T, now func() time.Time) (online.CallbackKeys, map[string]*online.Signer) {
	t.Helper()
	keys, signers := online.CallbackKeys{}, map[string]*online.Signer{}
	addEd := func(name, code, keyID string, register bool) {
		pub, priv, err := ed25519.GenerateKey(nil)
		if err != nil {
			t.Fatal(err)
		}
		s, err := online.NewEd25519Signer(keyID, priv)
		if err != nil {
			t.Fatal(err)
		}
		s.Now = now
		signers[name] = s
		if register {
			v := online.NewVerifier()
			v.Now = now
			if err := v.AddEd25519(keyID, pub); err != nil {
				t.Fatal(err)
			}
			keys[code] = v
		}
	}
	addEd("621002-police", "621002-police", "ed25519:police-test", true)
	addEd("impostor", "", "ed25519:police-test", false)
	addEd("621002-ghost", "621002-ghost", "ed25519:ghost-test", true)
	secret := bytes.Repeat([]byte("bank-secret-"), 3)
	s, err := online.NewHMACSigner("hmac:bank-test", secret)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = now
	signers["621002-bank"] = s
	v := online.NewVerifier()
	v.Now = now
	if err := v.AddHMAC("hmac:bank-test", secret); err != nil {
		t.Fatal(err)
	}
	keys["621002-bank"] = v
	return keys, signers
}

// callbackBody is a callback document answering subject × item pairs of q
// with 查无记录 as of the test day.
func callbackBody(t *testing.T, q hedui.Query, pairs ...online.Answer) []byte {
	t.Helper()
	resp := online.Response{QueryID: q.ID, Status: online.StatusAnswered, Answers: pairs}
	b, err := json.Marshal(resp)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func noRecordWire(ref string, item hedui.Item) online.Answer {
	d, _ := hedui.ParseDate("2025-06-16")
	return online.Answer{SubjectRef: ref, Item: item, NoRecord: true, AsOf: d}
}

// signedCell is a callback to the address of dept, signed by the env's
// signer of that name ("" leaves it unsigned).
func (e *env) signedCell(signer, dept string, body []byte) cell {
	path := CallbackPathPrefix + dept
	h := stdhttp.Header{}
	if signer != "" {
		s, ok := e.signers[signer]
		if !ok {
			e.t.Fatalf("no signer %s", signer)
		}
		s.SignHeader(h, "POST", path, body)
	}
	h.Set("Content-Type", "application/json")
	return cell{path: path, body: body, headers: headerPairs(h)}
}

// callback posts a signed callback without a bearer token.
func (e *env) callback(signer, dept string, body []byte) response {
	e.t.Helper()
	c := e.signedCell(signer, dept, body)
	return e.call("", "POST", c.path, c.body, c.headers...)
}

// TestExchangeCallback checks how the callback endpoint authenticates,
// what it refuses, and that it records what it accepts once.
func TestExchangeCallback(t *testing.T) {
	e := newEnv(t)
	c := e.caseAt(xiaojin, "dispatched")
	q := e.queryOf(c, "621002-police")
	bq := e.queryOf(c, "621002-bank")
	s1, s2 := q.Subjects[0].Ref, q.Subjects[1].Ref
	one := callbackBody(t, q, noRecordWire(s1, hedui.ItemHukou))

	t.Run("not configured", func(t *testing.T) {
		s := NewServer(Config{Store: nopStore{}})
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest("POST", CallbackPathPrefix+"621002-police", bytes.NewReader(one)))
		var b errorBody
		json.Unmarshal(rec.Body.Bytes(), &b)
		if rec.Code != 404 || b.Error.Code != "callbacks_not_configured" || b.Error.Message != "本系统未配置部门回调密钥" {
			t.Errorf("got %d %s", rec.Code, rec.Body)
		}
	})

	stale := *e.signers["621002-police"]
	stale.Now = func() time.Time { return e.clock.Now().Add(-10 * time.Minute) }
	e.signers["stale police"] = &stale
	tests := []struct {
		name         string
		signer, dept string
		body         []byte
		tamper       bool
		status       int
		code         string
	}{
		{"unsigned", "", "621002-police", one, false, 401, "missing_signature"},
		{"forged with the police's key id", "impostor", "621002-police", one, false, 401, "bad_signature"},
		{"the bank's key at the police's address", "621002-bank", "621002-police", one, false, 401, "unknown_key"},
		{"a department without keys", "621002-police", "621022-police", one, false, 401, "unknown_key"},
		{"no such department", "621002-police", "no-such-dept", one, false, 401, "unknown_key"},
		{"stale timestamp", "stale police", "621002-police", one, false, 401, "stale_timestamp"},
		{"tampered after signing", "621002-police", "621002-police", one, true, 401, "bad_signature"},
		{"too large", "621002-police", "621002-police", bytes.Repeat([]byte(" "), 1<<20+1), false, 413, "too_large"},
		{"not JSON", "621002-police", "621002-police", []byte("<html/>"), false, 400, "invalid_json"},
		{"still accepted", "621002-police", "621002-police", []byte(`{"query_id":"` + q.ID + `","status":"accepted"}`), false, 422, "invalid_status"},
		{"query id too long", "621002-police", "621002-police", []byte(`{"query_id":"` + strings.Repeat("Q", 65) + `","status":"answered"}`), false, 422, "invalid_query_id"},
		{"unknown query", "621002-police", "621002-police", []byte(`{"query_id":"Q-nonesuch","status":"answered"}`), false, 404, "query_not_found"},
		{"keys but not in the store", "621002-ghost", "621002-ghost", one, false, 404, "department_not_found"},
		{"another department's query", "621002-bank", "621002-bank", one, false, 403, "not_addressed"},
		{"the bank answers the police's items", "621002-bank", "621002-bank", callbackBody(t, bq, noRecordWire(bq.Subjects[0].Ref, hedui.ItemHukou)), false, 422, "unknown_item"},
		{"a subject not in the query", "621002-police", "621002-police", callbackBody(t, q, noRecordWire(q.ID+"-9", hedui.ItemHukou)), false, 422, "unknown_subject"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cl := e.signedCell(tt.signer, tt.dept, tt.body)
			if tt.tamper {
				cl.body = bytes.Replace(tt.body, []byte(`"no_record":true`), []byte(`"no_record":false`), 1)
			}
			r := e.call("", "POST", cl.path, cl.body, cl.headers...)
			if r.status != tt.status || r.errorCode() != tt.code {
				t.Fatalf("got %v, want %d %s", r, tt.status, tt.code)
			}
			if d := r.errorDetail(); !strings.ContainsFunc(d.Message, func(r rune) bool { return r >= 0x4e00 }) {
				t.Errorf("message %q is not Chinese", d.Message)
			}
			if tt.status == 401 && !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Hedui-Signature") {
				t.Errorf("WWW-Authenticate = %q", r.header.Get("WWW-Authenticate"))
			}
		})
	}
	if n := len(e.answersOf(c, hedui.ChannelOnline)); n != 0 {
		t.Fatalf("refused callbacks recorded %d answers", n)
	}

	// A bearer token is no substitute for a signature.
	if r := e.call(e.as("liaison.police"), "POST", CallbackPathPrefix+"621002-police", one); r.status != 401 || r.errorCode() != "missing_signature" {
		t.Errorf("liaison's token instead of a signature: %v", r)
	}

	var ing ingestResponse
	e.mustDecode(e.callback("621002-police", "621002-police", one), 200, &ing)
	if ing.Recorded != 1 || ing.Duplicates != 0 || len(ing.Problems) != 0 {
		t.Errorf("first callback = %+v", ing)
	}
	e.clock.Advance(time.Minute) // a new signature over the same document
	e.mustDecode(e.callback("621002-police", "621002-police", one), 200, &ing)
	if ing.Recorded != 0 || ing.Duplicates != 1 {
		t.Errorf("the same document again = %+v", ing)
	}

	// The rest of the query; it is answered.
	rest := callbackBody(t, q, noRecordWire(s1, hedui.ItemHukou), noRecordWire(s1, hedui.ItemVehicle),
		noRecordWire(s2, hedui.ItemHukou), noRecordWire(s2, hedui.ItemVehicle))
	e.mustDecode(e.callback("621002-police", "621002-police", rest), 200, &ing)
	if ing.Recorded != 4 || ing.Duplicates != 0 {
		t.Errorf("whole query = %+v", ing)
	}
	if got := e.queryOf(c, "621002-police"); got.Status != hedui.QueryAnswered {
		t.Errorf("query status %s after every answer", got.Status)
	}
	answers := e.answersOf(c, hedui.ChannelOnline)
	if len(answers) != 5 {
		t.Fatalf("%d online answers, want 5", len(answers))
	}
	for _, a := range answers {
		if a.DepartmentID != q.DepartmentID || a.Source != online.SourceAPI || a.QueryID != q.ID || len(a.PayloadSHA256) != 64 {
			t.Errorf("answer %+v", a)
		}
	}
	if !strings.Contains(e.logs.String(), `"user":"department:621002-police"`) {
		t.Error("the access log does not name the calling department")
	}
}

// answersOf lists a case's answers that came by channel, as its verifier
// sees them.
func (e *env) answersOf(c caseRef, ch hedui.Channel) []hedui.Answer {
	e.t.Helper()
	var list struct {
		Items []hedui.Answer `json:"items"`
	}
	e.must(200, e.as(c.place.verifier), "GET", c.path("/answers"), nil, &list)
	var out []hedui.Answer
	for _, a := range list.Items {
		if a.Channel == ch {
			out = append(out, a)
		}
	}
	return out
}

// mustDecode checks a response's status and decodes its body.
func (e *env) mustDecode(r response, want int, out any) {
	e.t.Helper()
	if r.status != want {
		e.t.Fatalf("got %v, want %d", r, want)
	}
	if err := json.Unmarshal(r.body, out); err != nil {
		e.t.Fatalf("decoding %s: %v", r.body, err)
	}
}

func TestCallbackURLs(t *testing.T) {
	d := hedui.Department{Code: "621002-police"}
	for base, want := range map[string]string{
		"https://hedui.example.gov.cn":          "https://hedui.example.gov.cn/api/v1/exchange/callback/621002-police",
		"https://hedui.example.gov.cn/":         "https://hedui.example.gov.cn/api/v1/exchange/callback/621002-police",
		" http://10.0.0.5:8080/hedui/ ":         "http://10.0.0.5:8080/hedui/api/v1/exchange/callback/621002-police",
		"https://gw.example.gov.cn/a%20b/hedui": "https://gw.example.gov.cn/a%20b/hedui/api/v1/exchange/callback/621002-police",
	} {
		f, err := CallbackURLs(base)
		if err != nil {
			t.Errorf("%q: %v", base, err)
			continue
		}
		if got := f(d); got != want {
			t.Errorf("%q: %s, want %s", base, got, want)
		}
	}
	for _, bad := range []string{"", "hedui.example.gov.cn", "ftp://hedui.example.gov.cn", "https://", "https://u:p@hedui.example.gov.cn",
		"https://hedui.example.gov.cn/?x=1", "https://hedui.example.gov.cn/#top", "://x"} {
		if _, err := CallbackURLs(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
