package sqlstore

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"hedui"
	"hedui/exchange/online"
	"hedui/webhook"
)

// agencyEndpoint is an agency's system: it fails the first fail requests
// with a 500, then verifies the signature and keeps the notification.
type agencyEndpoint struct {
	mu       sync.Mutex
	fail     int
	verifier *online.Verifier
	calls    int
	got      []hedui.WebhookPayload
	problems []string
}

func (a *agencyEndpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.calls++
	body, _ := io.ReadAll(r.Body)
	if a.calls <= a.fail {
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	if _, err := a.verifier.VerifyRequest(r, body); err != nil {
		a.problems = append(a.problems, err.Error())
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	if r.Header.Get(webhook.HeaderEvent) != hedui.WebhookEventReport || r.Header.Get(webhook.HeaderDelivery) == "" {
		a.problems = append(a.problems, "headers "+r.Header.Get(webhook.HeaderEvent))
	}
	var p hedui.WebhookPayload
	if err := json.Unmarshal(body, &p); err != nil {
		a.problems = append(a.problems, err.Error())
	}
	a.got = append(a.got, p)
	w.WriteHeader(http.StatusNoContent)
}

func TestWebhookDelivery(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		p := e.createPolicy(testPolicy("621002", hedui.HukouUrban, "2026-01-01"))
		f := e.departments()
		xifeng := e.agencyAt("agency", "西峰区民政局低保中心", "621002")
		qingc := e.agencyAt("agencyqc", "庆城县民政局低保中心", "621021")
		ok := &agencyEndpoint{fail: 1, verifier: online.NewVerifier()}
		ok.verifier.Now = e.clock.Now
		srv := httptest.NewServer(ok)
		defer srv.Close()
		down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusBadGateway)
		}))
		defer down.Close()

		in := hedui.NewWebhook{OrgID: xifeng.OrgID, URL: srv.URL + "/hedui/reports"}
		_, err := e.db.CreateWebhook(e.ctx, e.verifier, in)
		wantKind(t, err, hedui.KindPermission)
		_, err = e.db.CreateWebhook(e.ctx, e.admin, hedui.NewWebhook{OrgID: e.verifier.OrgID, URL: in.URL})
		wantCode(t, err, hedui.KindInvalid, "not_an_agency")
		_, err = e.db.CreateWebhook(e.ctx, e.admin, hedui.NewWebhook{OrgID: xifeng.OrgID, URL: "ftp://x"})
		wantCode(t, err, hedui.KindInvalid, "invalid_url")
		w, err := e.db.CreateWebhook(e.ctx, e.admin, in)
		must(t, err)
		secret, err := base64.StdEncoding.DecodeString(w.Secret)
		if err != nil || len(secret) != 32 || w.KeyID == "" {
			t.Fatalf("webhook %+v", w)
		}
		must(t, ok.verifier.AddHMAC(w.KeyID, secret))
		_, err = e.db.CreateWebhook(e.ctx, e.admin, in)
		wantKind(t, err, hedui.KindConflict)
		_, err = e.db.CreateWebhook(e.ctx, e.admin, hedui.NewWebhook{OrgID: qingc.OrgID, URL: down.URL})
		must(t, err) // 庆城县's: not told about 西峰区's reports
		list, err := e.db.Webhooks(e.ctx, e.admin)
		must(t, err)
		if len(list) != 2 || list[0].Secret != "" || list[0].OrgName != "西峰区民政局低保中心" {
			t.Fatalf("webhooks %+v", list)
		}

		app := e.decidedCase(f, p, "高建华", "郑丽")
		r := e.issue(app.ID)
		if n := e.count("webhook_deliveries"); n != 1 {
			t.Fatalf("%d deliveries queued, want 1", n)
		}
		s := &webhook.Sender{Store: e.db, Now: e.clock.Now, Client: srv.Client()}
		st, err := s.RunOnce(e.ctx)
		must(t, err)
		if st.Retry != 1 || st.Delivered != 0 {
			t.Fatalf("first pass %+v", st)
		}
		if st, _ := s.RunOnce(e.ctx); st != (webhook.Stats{}) {
			t.Fatalf("retried before the backoff: %+v", st)
		}
		e.clock.Advance(2 * time.Minute)
		st, err = s.RunOnce(e.ctx)
		must(t, err)
		if st.Delivered != 1 {
			t.Fatalf("second pass %+v", st)
		}
		if len(ok.problems) > 0 || len(ok.got) != 1 || ok.got[0].ReportID != r.ID || ok.got[0].Number != r.Number ||
			ok.got[0].Code != r.Code || ok.got[0].Category != hedui.CategoryDibao {
			t.Fatalf("agency got %+v, problems %v", ok.got, ok.problems)
		}
		var status string
		var attempts int
		must(t, e.db.SQL().QueryRowContext(e.ctx, `SELECT status, attempts FROM webhook_deliveries`).Scan(&status, &attempts))
		if status != "delivered" || attempts != 2 || e.auditCount(hedui.AuditWebhookSent) != 1 {
			t.Fatalf("delivery %s after %d attempts", status, attempts)
		}

		// An endpoint that never answers is given up after the attempts.
		_, err = e.db.CreateWebhook(e.ctx, e.admin, hedui.NewWebhook{OrgID: xifeng.OrgID, URL: down.URL})
		must(t, err)
		e.issue(app.ID)
		s.MaxAttempts = 2
		for range 3 {
			e.clock.Advance(time.Hour)
			_, err := s.RunOnce(e.ctx)
			must(t, err)
		}
		var failed int
		must(t, e.db.SQL().QueryRowContext(e.ctx, `SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'failed'`).Scan(&failed))
		if failed != 1 || e.auditCount(hedui.AuditWebhookFailed) != 1 || len(ok.got) != 2 {
			t.Fatalf("%d failed, %d failure entries, agency got %d", failed, e.auditCount(hedui.AuditWebhookFailed), len(ok.got))
		}
	})
}
