package online

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"hedui"
	"hedui/idcard"
)

// testNow is fixed so that signatures and as-of dates do not depend on the
// day the tests run.
var testNow = time.Date(2025, time.March, 3, 9, 30, 0, 0, time.UTC)

func fixedNow() time.Time { return testNow }

// pair is one side's signer and the other side's verifier for it.
type pair struct {
	signer   *Signer
	verifier *Verifier
}

func newPair(t *testing.T, ed bool, keyID string) pair {
	t.Helper()
	v := NewVerifier()
	v.Now = fixedNow
	var s *Signer
	var err error
	if ed {
		pub, priv, gerr := ed25519.GenerateKey(nil)
		if gerr != nil {
			t.Fatal(gerr)
		}
		if s, err = NewEd25519Signer(Ed25519Prefix+keyID, priv); err == nil {
			err = v.AddEd25519(Ed25519Prefix+keyID, pub)
		}
	} else {
		secret := make([]byte, MinHMACSecret)
		rand.Read(secret)
		if s, err = NewHMACSigner("hmac-"+keyID, secret); err == nil {
			err = v.AddHMAC("hmac-"+keyID, secret)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	s.Now = fixedNow
	return pair{s, v}
}

func testQuery(id string, subjects int) hedui.Query {
	q := hedui.Query{ID: id, Items: []hedui.Item{hedui.ItemHukou, hedui.ItemVehicle}, DueOn: hedui.DateOf(testNow.AddDate(0, 0, 9))}
	for i := range subjects {
		q.Subjects = append(q.Subjects, hedui.Subject{
			Ref: id + "-" + string(rune('1'+i)), MemberID: int64(100 + i), Name: "王建国",
			IDNumber: idcard.Make("621002", time.Date(1968, 3, 12, 0, 0, 0, 0, time.UTC), 11+2*i),
		})
	}
	return q
}

// answerAll answers every subject × item of a request: a car for vehicles,
// nothing for hukou.
func answerAll(req Request, status Status) Response {
	resp := Response{QueryID: req.QueryID, Status: status}
	for _, s := range req.Subjects {
		for _, it := range req.Items {
			a := Answer{SubjectRef: s.Ref, Item: it, AsOf: hedui.DateOf(testNow), NoRecord: true}
			if it == hedui.ItemVehicle {
				a.NoRecord = false
				a.Records = []hedui.Record{{Kind: "car", Quantity: 1, Fields: map[string]string{"号牌号码": "甘M12345"}}}
			}
			resp.Answers = append(resp.Answers, a)
		}
	}
	return resp
}

// reply is what a fake department sends back for one attempt.
type reply struct {
	status int
	header map[string]string
	body   []byte
}

func jsonReply(status int, v any) reply {
	b, _ := json.Marshal(v)
	return reply{status: status, body: b}
}

// fakeDept is a department whose every attempt is scripted. It checks the
// centre's signature like a real one and signs its replies when it has a
// signer.
type fakeDept struct {
	t        *testing.T
	srv      *httptest.Server
	centre   *Verifier
	signer   *Signer
	attempts atomic.Int32
	script   func(n int, req Request) reply

	mu   sync.Mutex
	last []byte // body of the last reply, to check the evidence hash
}

func newFakeDept(t *testing.T, centre *Verifier, signer *Signer, script func(n int, req Request) reply) *fakeDept {
	d := &fakeDept{t: t, centre: centre, signer: signer, script: script}
	d.srv = httptest.NewUnstartedServer(d)
	return d
}

func (d *fakeDept) start() *fakeDept {
	d.srv.Start()
	d.t.Cleanup(d.srv.Close)
	return d
}

func (d *fakeDept) dept() hedui.Department {
	return hedui.Department{ID: 7, Code: "621002-police", Channel: hedui.ChannelOnline, Endpoint: d.srv.URL + "/621002-police"}
}

func (d *fakeDept) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := int(d.attempts.Add(1))
	body, _ := io.ReadAll(r.Body)
	if r.URL.Path != "/621002-police/queries" || r.Method != http.MethodPost {
		http.Error(w, "wrong path", http.StatusNotFound)
		return
	}
	if _, err := d.centre.VerifyRequest(r, body); err != nil {
		w.WriteHeader(http.StatusUnauthorized)
		json.NewEncoder(w).Encode(ErrorBody{Code: "bad_signature", Message: "签名验证失败"})
		return
	}
	var req Request
	if err := json.Unmarshal(body, &req); err != nil {
		d.t.Errorf("department got invalid JSON: %v", err)
	}
	rep := d.script(n, req)
	for k, v := range rep.header {
		w.Header().Set(k, v)
	}
	if d.signer != nil {
		d.signer.SignHeader(w.Header(), r.Method, r.URL.EscapedPath(), rep.body)
	}
	d.mu.Lock()
	d.last = rep.body
	d.mu.Unlock()
	if rep.status == 0 {
		rep.status = http.StatusOK
	}
	w.WriteHeader(rep.status)
	w.Write(rep.body)
}

// sleeps records the waits an adapter asked for, without waiting.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleeps) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}
