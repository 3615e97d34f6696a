package webhook

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"hedui"
	"hedui/exchange/online"
)

// fakeStore hands out one delivery until it is settled.
type fakeStore struct {
	mu        sync.Mutex
	d         hedui.WebhookDelivery
	settled   bool
	delivered bool
	retryAt   []time.Time
	reasons   []string
}

func (f *fakeStore) ClaimWebhookDeliveries(context.Context, int, time.Duration) ([]hedui.WebhookDelivery, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.settled {
		return nil, nil
	}
	f.settled = true
	return []hedui.WebhookDelivery{f.d}, nil
}

func (f *fakeStore) WebhookDelivered(context.Context, int64, time.Time) error {
	f.delivered = true
	return nil
}

func (f *fakeStore) WebhookFailed(_ context.Context, _ int64, reason string, retryAt time.Time) error {
	f.reasons, f.retryAt = append(f.reasons, reason), append(f.retryAt, retryAt)
	f.d.Attempts++
	f.settled = retryAt.IsZero()
	return nil
}

func TestSenderSignsAndBacksOff(t *testing.T) {
	now := time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC)
	secret := []byte("0123456789abcdef0123456789abcdef")
	v := online.NewVerifier()
	v.Now = func() time.Time { return now }
	if err := v.AddHMAC("hedui-webhook-7", secret); err != nil {
		t.Fatal(err)
	}
	status := http.StatusInternalServerError
	var verified int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if _, err := v.VerifyRequest(r, body); err == nil && r.Header.Get(HeaderDelivery) == "3" &&
			r.Header.Get(HeaderEvent) == hedui.WebhookEventReport && string(body) == `{"report_id":1}` {
			verified++
		}
		w.WriteHeader(status)
	}))
	defer srv.Close()
	st := &fakeStore{d: hedui.WebhookDelivery{ID: 3, URL: srv.URL + "/in", KeyID: "hedui-webhook-7", Secret: secret,
		Event: hedui.WebhookEventReport, Payload: []byte(`{"report_id":1}`)}}
	s := &Sender{Store: st, Now: func() time.Time { return now }, MaxAttempts: 4, BaseBackoff: time.Minute, MaxBackoff: 3 * time.Minute}
	for range 4 {
		st.settled = false
		if _, err := s.RunOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	want := []time.Duration{time.Minute, 2 * time.Minute, 3 * time.Minute, 0}
	if len(st.retryAt) != 4 || verified != 4 || st.delivered {
		t.Fatalf("retries %v, %d signed requests, delivered %v", st.retryAt, verified, st.delivered)
	}
	for i, w := range want {
		if (w == 0) != st.retryAt[i].IsZero() || (w != 0 && st.retryAt[i].Sub(now) != w) {
			t.Errorf("attempt %d: retry at %v, want after %v", i+1, st.retryAt[i], w)
		}
	}
	// The endpoint recovers: the next attempt is delivered.
	status, st.settled, st.d.Attempts = http.StatusNoContent, false, 0
	if stats, err := s.RunOnce(context.Background()); err != nil || stats.Delivered != 1 || !st.delivered {
		t.Fatalf("after recovery: %+v %v", stats, err)
	}
}
