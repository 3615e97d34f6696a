package online

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"hedui"
)

// TestSendAcceptedThenCallback runs the asynchronous path: the department
// accepts, then posts the answers to the centre's callback endpoint, which
// verifies them with ParseCallback and maps them with ToAnswers.
func TestSendAcceptedThenCallback(t *testing.T) {
	q := testQuery("Q-1", 2)
	deptKeys := newPair(t, false, "police")
	got := make(chan []hedui.Answer, 1)
	centreSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/callbacks/online/621002-police" {
			http.NotFound(w, r)
			return
		}
		resp, raw, err := ParseCallback(r, deptKeys.verifier, 1<<20)
		if err != nil {
			http.Error(w, hedui.MessageOf(err), http.StatusUnauthorized)
			return
		}
		answers, err := resp.ToAnswers(q, 7, raw, testNow)
		if err != nil {
			http.Error(w, hedui.MessageOf(err), http.StatusUnprocessableEntity)
			return
		}
		got <- answers
		w.WriteHeader(http.StatusNoContent)
	}))
	defer centreSrv.Close()

	requests := make(chan Request, 1)
	a, d, _ := newTestAdapter(t, Config{
		CallbackURL: func(dept hedui.Department) string { return centreSrv.URL + "/callbacks/online/" + dept.Code },
	}, func(_ int, req Request) reply {
		requests <- req
		return jsonReply(http.StatusAccepted, Response{QueryID: req.QueryID, Status: StatusAccepted})
	})
	res, err := a.Send(context.Background(), d.dept(), []hedui.Query{q})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Delivered, []string{"Q-1"}) || len(res.Answers) != 0 {
		t.Fatalf("accepted query: %+v", res)
	}

	// Later, the department calls back.
	req := <-requests
	if req.CallbackURL != centreSrv.URL+"/callbacks/online/621002-police" {
		t.Fatalf("callback_url = %q", req.CallbackURL)
	}
	body, _ := json.Marshal(answerAll(req, StatusAnswered))
	cb, _ := http.NewRequest(http.MethodPost, req.CallbackURL, bytes.NewReader(body))
	deptKeys.signer.SignRequest(cb, body)
	resp, err := http.DefaultClient.Do(cb)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("callback status %d", resp.StatusCode)
	}
	answers := <-got
	if len(answers) != 4 || answers[0].MemberID != q.Subjects[0].MemberID || answers[0].Channel != hedui.ChannelOnline {
		t.Fatalf("callback answers %+v", answers)
	}
}

func TestParseCallback(t *testing.T) {
	deptKeys, impostor := newPair(t, true, "bank"), newPair(t, true, "other")
	good, _ := json.Marshal(answerAll(Request{QueryID: "Q-1", Items: []hedui.Item{hedui.ItemBank}, Subjects: testQuery("Q-1", 1).Subjects}, StatusAnswered))
	const path = "/callbacks/online/621002-bank"
	tests := []struct {
		name     string
		body     []byte
		signer   *Signer
		signedAt time.Time
		unsigned bool
		tamper   bool
		maxBytes int64
		wantKind hedui.Kind
		wantErr  error
		wantCode string
	}{
		{name: "good", body: good, signer: deptKeys.signer},
		{name: "unsigned", body: good, unsigned: true, wantKind: hedui.KindUnauthenticated, wantErr: ErrMissingSignature, wantCode: "missing_signature"},
		{name: "another department's key", body: good, signer: impostor.signer, wantKind: hedui.KindUnauthenticated, wantErr: ErrUnknownKey, wantCode: "unknown_key"},
		{name: "tampered", body: good, signer: deptKeys.signer, tamper: true, wantKind: hedui.KindUnauthenticated, wantErr: ErrBadSignature, wantCode: "bad_signature"},
		{name: "replayed after an hour", body: good, signer: deptKeys.signer, signedAt: testNow.Add(-time.Hour), wantKind: hedui.KindUnauthenticated, wantErr: ErrStaleTimestamp, wantCode: "stale_timestamp"},
		{name: "too large", body: good, signer: deptKeys.signer, maxBytes: 10, wantKind: hedui.KindTooLarge},
		{name: "not JSON", body: []byte("<xml/>"), signer: deptKeys.signer, wantKind: hedui.KindMalformed},
		{name: "still accepted", body: []byte(`{"query_id":"Q-1","status":"accepted"}`), signer: deptKeys.signer, wantKind: hedui.KindInvalid},
		{name: "no query id", body: []byte(`{"status":"answered"}`), signer: deptKeys.signer, wantKind: hedui.KindInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(tt.body))
			if !tt.unsigned {
				s := *tt.signer
				if !tt.signedAt.IsZero() {
					s.Now = func() time.Time { return tt.signedAt }
				}
				s.SignRequest(r, tt.body)
			}
			if tt.tamper {
				r.Body = io.NopCloser(bytes.NewReader(bytes.Replace(tt.body, []byte("Q-1"), []byte("Q-2"), 1)))
			}
			resp, raw, err := ParseCallback(r, deptKeys.verifier, tt.maxBytes)
			if tt.wantKind == hedui.KindOther {
				if err != nil || resp.QueryID != "Q-1" || !bytes.Equal(raw, tt.body) {
					t.Fatalf("ParseCallback = %+v, %v", resp, err)
				}
				return
			}
			if k := hedui.KindOf(err); k != tt.wantKind {
				t.Fatalf("kind %v (%v), want %v", k, err, tt.wantKind)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("error %v is not %v", err, tt.wantErr)
			}
			if tt.wantCode != "" && hedui.CodeOf(err) != tt.wantCode {
				t.Errorf("code %q, want %q", hedui.CodeOf(err), tt.wantCode)
			}
			if msg := hedui.MessageOf(err); !strings.ContainsFunc(msg, func(r rune) bool { return r >= 0x4e00 }) {
				t.Errorf("message %q is not Chinese", msg)
			}
		})
	}
}
