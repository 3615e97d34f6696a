package online

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"hedui"
)

// newTestAdapter wires an adapter to a fake department with Ed25519 keys on
// both sides; the department signs its replies.
func newTestAdapter(t *testing.T, cfg Config, script func(n int, req Request) reply) (*Adapter, *fakeDept, *sleeps) {
	t.Helper()
	centre, dept := newPair(t, true, "centre"), newPair(t, true, "police")
	d := newFakeDept(t, centre.verifier, dept.signer, script).start()
	s := &sleeps{}
	cfg.Signer, cfg.Now, cfg.Sleep = centre.signer, fixedNow, s.sleep
	if cfg.Verifier == nil {
		cfg.Verifier = dept.verifier
	}
	if cfg.Jitter == 0 {
		cfg.Jitter = -1 // exact waits, so tests can compare them
	}
	return New(cfg), d, s
}

func TestSendSynchronous(t *testing.T) {
	a, d, _ := newTestAdapter(t, Config{}, func(_ int, req Request) reply {
		return jsonReply(http.StatusOK, answerAll(req, StatusAnswered))
	})
	q := testQuery("Q-1", 2)
	res, err := a.Send(context.Background(), d.dept(), []hedui.Query{q})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Delivered, []string{"Q-1"}) || len(res.Failed) != 0 {
		t.Fatalf("delivered %v, failed %v", res.Delivered, res.Failed)
	}
	if len(res.Answers) != 4 {
		t.Fatalf("got %d answers, want 2 subjects × 2 items", len(res.Answers))
	}
	sum := sha256.Sum256(d.last)
	for _, ans := range res.Answers {
		wantMember := q.Subjects[0].MemberID
		if ans.SubjectRef == q.Subjects[1].Ref {
			wantMember = q.Subjects[1].MemberID
		}
		switch {
		case ans.QueryID != "Q-1", ans.MemberID != wantMember, ans.DepartmentID != 7:
			t.Errorf("answer ids: %+v", ans)
		case ans.Channel != hedui.ChannelOnline || ans.Source != SourceAPI:
			t.Errorf("channel %q source %q", ans.Channel, ans.Source)
		case ans.PayloadSHA256 != hex.EncodeToString(sum[:]):
			t.Errorf("payload hash %s is not the hash of the body", ans.PayloadSHA256)
		case !ans.ReceivedAt.Equal(testNow) || ans.AsOf != hedui.DateOf(testNow):
			t.Errorf("received %v as of %v", ans.ReceivedAt, ans.AsOf)
		case ans.Item == hedui.ItemVehicle && (ans.NoRecord || ans.Records[0].Fields["号牌号码"] != "甘M12345"):
			t.Errorf("vehicle answer %+v", ans)
		case ans.Item == hedui.ItemHukou && !ans.NoRecord:
			t.Errorf("hukou answer should be 查无记录: %+v", ans)
		}
	}
}

// TestSendOutcomes scripts a department attempt by attempt and checks what
// Send makes of it: how many attempts, how long it waited, and where the
// query ends up.
func TestSendOutcomes(t *testing.T) {
	ok := func(_ int, req Request) reply { return jsonReply(http.StatusOK, answerAll(req, StatusAnswered)) }
	unavailableThen := func(fails int, status int, header map[string]string) func(int, Request) reply {
		return func(n int, req Request) reply {
			if n <= fails {
				r := jsonReply(status, ErrorBody{Code: "busy", Message: "系统维护中"})
				r.header = header
				return r
			}
			return ok(n, req)
		}
	}
	garbage := func(body string) func(int, Request) reply {
		return func(int, Request) reply { return reply{status: http.StatusOK, body: []byte(body)} }
	}
	tests := []struct {
		name         string
		script       func(n int, req Request) reply
		wantAttempts int
		wantSleeps   []time.Duration
		wantState    string // delivered, failed or undelivered
		wantReason   string // in the failure reason
		wantAnswers  int
	}{
		{name: "503 twice then answered", script: unavailableThen(2, http.StatusServiceUnavailable, nil),
			wantAttempts: 3, wantSleeps: []time.Duration{500 * time.Millisecond, time.Second}, wantState: "delivered", wantAnswers: 2},
		{name: "503 until attempts run out", script: unavailableThen(99, http.StatusServiceUnavailable, nil),
			wantAttempts: 5, wantSleeps: []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second}, wantState: "undelivered"},
		{name: "429 with Retry-After honoured", script: unavailableThen(1, http.StatusTooManyRequests, map[string]string{"Retry-After": "7"}),
			wantAttempts: 2, wantSleeps: []time.Duration{7 * time.Second}, wantState: "delivered", wantAnswers: 2},
		{name: "Retry-After as HTTP date", script: unavailableThen(1, http.StatusServiceUnavailable, map[string]string{"Retry-After": testNow.Add(3 * time.Second).Format(http.TimeFormat)}),
			wantAttempts: 2, wantSleeps: []time.Duration{3 * time.Second}, wantState: "delivered", wantAnswers: 2},
		{name: "Retry-After beyond MaxBackoff leaves it for later", script: unavailableThen(1, http.StatusServiceUnavailable, map[string]string{"Retry-After": "3600"}),
			wantAttempts: 1, wantState: "undelivered"},
		{name: "408 retried", script: unavailableThen(1, http.StatusRequestTimeout, nil),
			wantAttempts: 2, wantSleeps: []time.Duration{500 * time.Millisecond}, wantState: "delivered", wantAnswers: 2},
		{name: "400 fails without retry", script: func(int, Request) reply {
			return jsonReply(http.StatusBadRequest, ErrorBody{Code: "invalid_item", Message: "不支持的核对项目：vehicle"})
		}, wantAttempts: 1, wantState: "failed", wantReason: "HTTP 400）：不支持的核对项目"},
		{name: "404 fails without retry", script: func(int, Request) reply { return reply{status: http.StatusNotFound} },
			wantAttempts: 1, wantState: "failed", wantReason: "HTTP 404"},
		{name: "department echoes an ID number in its error", script: func(int, Request) reply {
			return jsonReply(http.StatusUnprocessableEntity, ErrorBody{Message: "身份证号 621002196803120011 不存在"})
		}, wantAttempts: 1, wantState: "failed", wantReason: "621002********0011"},
		{name: "garbage JSON retried then left", script: garbage(`<html>502 Bad Gateway</html>`),
			wantAttempts: 5, wantSleeps: []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second}, wantState: "undelivered"},
		{name: "garbage once then answered", script: func(n int, req Request) reply {
			if n == 1 {
				return reply{status: http.StatusOK, body: []byte(`{"query_id":`)}
			}
			return ok(n, req)
		}, wantAttempts: 2, wantSleeps: []time.Duration{500 * time.Millisecond}, wantState: "delivered", wantAnswers: 2},
		{name: "mismatched query id", script: func(_ int, req Request) reply {
			resp := answerAll(req, StatusAnswered)
			resp.QueryID = "Q-other"
			return jsonReply(http.StatusOK, resp)
		}, wantAttempts: 5, wantSleeps: []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second}, wantState: "undelivered"},
		{name: "answer about a subject not asked", script: func(_ int, req Request) reply {
			resp := answerAll(req, StatusAnswered)
			resp.Answers[0].SubjectRef = "Q-1-9"
			return jsonReply(http.StatusOK, resp)
		}, wantAttempts: 5, wantSleeps: []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second}, wantState: "undelivered"},
		{name: "answer about an item not asked", script: func(_ int, req Request) reply {
			resp := answerAll(req, StatusAnswered)
			resp.Answers[0].Item = hedui.ItemBank
			return jsonReply(http.StatusOK, resp)
		}, wantAttempts: 5, wantSleeps: []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second}, wantState: "undelivered"},
		{name: "accepted for a callback", script: func(_ int, req Request) reply {
			return jsonReply(http.StatusAccepted, Response{QueryID: req.QueryID, Status: StatusAccepted})
		}, wantAttempts: 1, wantState: "delivered"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, d, s := newTestAdapter(t, Config{}, tt.script)
			res, err := a.Send(context.Background(), d.dept(), []hedui.Query{testQuery("Q-1", 1)})
			if err != nil {
				t.Fatal(err)
			}
			if got := int(d.attempts.Load()); got != tt.wantAttempts {
				t.Errorf("attempts = %d, want %d", got, tt.wantAttempts)
			}
			if got := s.all(); !slices.Equal(got, tt.wantSleeps) {
				t.Errorf("sleeps = %v, want %v", got, tt.wantSleeps)
			}
			state := "undelivered"
			if slices.Contains(res.Delivered, "Q-1") {
				state = "delivered"
			} else if _, ok := res.Failed["Q-1"]; ok {
				state = "failed"
			}
			if state != tt.wantState {
				t.Fatalf("query is %s, want %s (result %+v)", state, tt.wantState, res)
			}
			if !strings.Contains(res.Failed["Q-1"], tt.wantReason) {
				t.Errorf("reason %q does not contain %q", res.Failed["Q-1"], tt.wantReason)
			}
			if len(res.Answers) != tt.wantAnswers {
				t.Errorf("%d answers, want %d", len(res.Answers), tt.wantAnswers)
			}
		})
	}
}

func TestSendTimeout(t *testing.T) {
	a, d, s := newTestAdapter(t, Config{Timeout: 50 * time.Millisecond, MaxAttempts: 3}, func(int, Request) reply {
		return reply{} // never reached: the handler below blocks
	})
	// Replace the script's handler with one that outlasts the timeout but
	// lets go as soon as the client hangs up, so the test stays fast.
	d.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d.attempts.Add(1)
		io.Copy(io.Discard, r.Body) // the server notices a hang-up only once the body is read
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	start := time.Now()
	res, err := a.Send(context.Background(), d.dept(), []hedui.Query{testQuery("Q-1", 1)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Delivered) != 0 || len(res.Failed) != 0 {
		t.Fatalf("timed-out query should be left undelivered: %+v", res)
	}
	if got := d.attempts.Load(); got != 3 {
		t.Errorf("attempts = %d, want 3", got)
	}
	if got := len(s.all()); got != 2 {
		t.Errorf("%d waits, want 2", got)
	}
	if el := time.Since(start); el > 3*time.Second {
		t.Errorf("Send took %v; the per-attempt timeout did not cut the attempts short", el)
	}
}

func TestSendResponseSignature(t *testing.T) {
	ok := func(_ int, req Request) reply { return jsonReply(http.StatusOK, answerAll(req, StatusAnswered)) }
	t.Run("unsigned response fails when a verifier is configured", func(t *testing.T) {
		centre, deptKeys := newPair(t, true, "centre"), newPair(t, false, "police")
		d := newFakeDept(t, centre.verifier, nil, ok).start()
		a := New(Config{Signer: centre.signer, Verifier: deptKeys.verifier, Now: fixedNow, Sleep: (&sleeps{}).sleep})
		res, _ := a.Send(context.Background(), d.dept(), []hedui.Query{testQuery("Q-1", 1)})
		if !strings.Contains(res.Failed["Q-1"], "签名验证未通过") || d.attempts.Load() != 1 {
			t.Fatalf("result %+v after %d attempts", res, d.attempts.Load())
		}
	})
	t.Run("response signed by another department's key", func(t *testing.T) {
		centre, deptKeys, impostor := newPair(t, true, "centre"), newPair(t, false, "police"), newPair(t, false, "bank")
		d := newFakeDept(t, centre.verifier, impostor.signer, ok).start()
		a := New(Config{Signer: centre.signer, Verifier: deptKeys.verifier, Now: fixedNow, Sleep: (&sleeps{}).sleep})
		res, _ := a.Send(context.Background(), d.dept(), []hedui.Query{testQuery("Q-1", 1)})
		if !strings.Contains(res.Failed["Q-1"], "未知的密钥编号") {
			t.Fatalf("result %+v", res)
		}
	})
	t.Run("department rejects the centre's signature", func(t *testing.T) {
		centre, wrong := newPair(t, true, "centre"), newPair(t, true, "centre")
		d := newFakeDept(t, centre.verifier, nil, ok).start()
		a := New(Config{Signer: wrong.signer, Now: fixedNow, Sleep: (&sleeps{}).sleep})
		res, _ := a.Send(context.Background(), d.dept(), []hedui.Query{testQuery("Q-1", 1)})
		if !strings.Contains(res.Failed["Q-1"], "HTTP 401）：签名验证失败") {
			t.Fatalf("result %+v", res)
		}
	})
}

func TestSendConfiguration(t *testing.T) {
	centre := newPair(t, true, "centre")
	qs := []hedui.Query{testQuery("Q-1", 1), testQuery("Q-2", 1)}
	for _, tt := range []struct{ endpoint, want string }{
		{"", "未配置在线接口地址"},
		{"ftp://dept.example/x", "地址无效"},
		{"police", "地址无效"},
	} {
		a := New(Config{Signer: centre.signer})
		res, err := a.Send(context.Background(), hedui.Department{Code: "x", Endpoint: tt.endpoint}, qs)
		if err != nil || len(res.Failed) != 2 || !strings.Contains(res.Failed["Q-2"], tt.want) {
			t.Errorf("endpoint %q: %+v, %v", tt.endpoint, res, err)
		}
	}
	if _, err := New(Config{}).Send(context.Background(), hedui.Department{Endpoint: "https://x"}, qs); err == nil {
		t.Error("Send without a signer should refuse to run")
	}
}

// TestSendConcurrency checks that queries go out in parallel, but no more
// than Concurrency at once, and that each gets its own answers.
func TestSendConcurrency(t *testing.T) {
	var inFlight, peak atomic.Int32
	release := make(chan struct{})
	a, d, _ := newTestAdapter(t, Config{Concurrency: 3}, func(_ int, req Request) reply {
		n := inFlight.Add(1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		<-release
		inFlight.Add(-1)
		return jsonReply(http.StatusOK, answerAll(req, StatusAnswered))
	})
	var qs []hedui.Query
	for _, id := range []string{"Q-1", "Q-2", "Q-3", "Q-4", "Q-5", "Q-6", "Q-7"} {
		qs = append(qs, testQuery(id, 1))
	}
	go func() {
		for peak.Load() < 3 {
			time.Sleep(time.Millisecond)
		}
		close(release)
	}()
	res, err := a.Send(context.Background(), d.dept(), qs)
	if err != nil {
		t.Fatal(err)
	}
	if p := peak.Load(); p != 3 {
		t.Errorf("peak concurrency %d, want 3", p)
	}
	if len(res.Delivered) != len(qs) || len(res.Answers) != 2*len(qs) {
		t.Fatalf("delivered %v with %d answers", res.Delivered, len(res.Answers))
	}
	for i, id := range res.Delivered {
		if id != qs[i].ID {
			t.Errorf("Delivered is not in query order: %v", res.Delivered)
			break
		}
	}
	for _, ans := range res.Answers {
		if !strings.HasPrefix(ans.SubjectRef, ans.QueryID+"-") {
			t.Errorf("answer for %s carries subject %s", ans.QueryID, ans.SubjectRef)
		}
	}
}

func TestSendCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	a, d, _ := newTestAdapter(t, Config{}, func(int, Request) reply {
		cancel()
		return reply{status: http.StatusServiceUnavailable}
	})
	res, err := a.Send(ctx, d.dept(), []hedui.Query{testQuery("Q-1", 1)})
	if err == nil || len(res.Delivered)+len(res.Failed) != 0 {
		t.Fatalf("cancelled Send: %+v, %v", res, err)
	}
	if d.attempts.Load() != 1 {
		t.Errorf("kept trying after cancellation: %d attempts", d.attempts.Load())
	}
}

func TestBackoffJitter(t *testing.T) {
	a := New(Config{BaseBackoff: time.Second, MaxBackoff: 10 * time.Second, Jitter: 0.5})
	for n, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 10 * time.Second, 10 * time.Second} {
		for range 50 {
			if d := a.backoff(n + 1); d > want || d < want/2 {
				t.Fatalf("backoff(%d) = %v, want within [%v, %v]", n+1, d, want/2, want)
			}
		}
	}
}
