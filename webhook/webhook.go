// Package webhook tells assistance agencies' systems about new reports:
// it posts each queued notification (hedui.WebhookPayload, no personal
// data) to the agency's endpoint, signed, and retries with exponential
// backoff until it is taken or the attempts run out.
//
// Signature: the scheme of the online exchange channel (package
// exchange/online), with the webhook's shared secret as an HMAC-SHA256
// key. Each request carries X-Hedui-Key-Id (hedui-webhook-<id>),
// X-Hedui-Timestamp (Unix seconds) and X-Hedui-Signature, the base64
// HMAC-SHA256 of "POST\n<path>\n<timestamp>\n<hex SHA-256 of the body>".
// A receiver verifies it with online.Verifier.AddHMAC and VerifyRequest,
// which also refuses timestamps outside a five-minute window; the event and
// the delivery id come in X-Hedui-Event and X-Hedui-Delivery, the latter
// for de-duplicating a notification delivered twice (a lease can expire
// while a slow endpoint is still answering).
//
// Any 2xx answer is success. Anything else (an error status, a timeout, a
// refused connection) is retried after BaseBackoff, doubled per attempt up
// to MaxBackoff, and given up after MaxAttempts; the store audits both
// ends.
package webhook

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"hedui"
	"hedui/exchange/online"
)

// Headers besides the signature's.
const (
	HeaderEvent    = "X-Hedui-Event"
	HeaderDelivery = "X-Hedui-Delivery"
)

// Store is what the sender needs of the store.
type Store interface {
	ClaimWebhookDeliveries(ctx context.Context, limit int, lease time.Duration) ([]hedui.WebhookDelivery, error)
	WebhookDelivered(ctx context.Context, id int64, at time.Time) error
	WebhookFailed(ctx context.Context, id int64, reason string, retryAt time.Time) error
}

// Sender delivers queued notifications. Several may run against one
// database: deliveries are leased.
type Sender struct {
	Store       Store
	Client      *http.Client  // default: a client with a 15-second timeout
	Lease       time.Duration // how long a claim lasts; default 2 minutes
	Batch       int           // deliveries claimed at a time; default 100
	BaseBackoff time.Duration // wait after the first failure; default 1 minute
	MaxBackoff  time.Duration // longest wait; default 6 hours
	MaxAttempts int           // attempts before giving up; default 12 (about two days)
	Now         func() time.Time
	Logger      *slog.Logger
}

// Stats counts one pass.
type Stats struct {
	Delivered, Retry, Failed int
}

func (s *Sender) defaults() {
	if s.Client == nil {
		s.Client = &http.Client{Timeout: 15 * time.Second}
	}
	if s.Lease <= 0 {
		s.Lease = 2 * time.Minute
	}
	if s.Batch <= 0 {
		s.Batch = 100
	}
	if s.BaseBackoff <= 0 {
		s.BaseBackoff = time.Minute
	}
	if s.MaxBackoff <= 0 {
		s.MaxBackoff = 6 * time.Hour
	}
	if s.MaxAttempts <= 0 {
		s.MaxAttempts = 12
	}
	if s.Now == nil {
		s.Now = time.Now
	}
	if s.Logger == nil {
		s.Logger = slog.New(slog.DiscardHandler)
	}
}

// Run delivers every interval until ctx ends.
func (s *Sender) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := s.RunOnce(ctx); err != nil && ctx.Err() == nil {
			s.Logger.Warn("webhook pass failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// RunOnce delivers what is due now.
func (s *Sender) RunOnce(ctx context.Context) (Stats, error) {
	s.defaults()
	var st Stats
	for {
		ds, err := s.Store.ClaimWebhookDeliveries(ctx, s.Batch, s.Lease)
		if err != nil || len(ds) == 0 {
			return st, err
		}
		for _, d := range ds {
			if err := s.deliver(ctx, d, &st); err != nil {
				return st, err
			}
		}
		if len(ds) < s.Batch {
			return st, nil
		}
	}
}

// deliver posts one notification and records the outcome; only a failure
// to record it is returned.
func (s *Sender) deliver(ctx context.Context, d hedui.WebhookDelivery, st *Stats) error {
	perr := s.post(ctx, d)
	if perr == nil {
		st.Delivered++
		return s.Store.WebhookDelivered(ctx, d.ID, s.Now())
	}
	n := d.Attempts + 1
	log := s.Logger.With("delivery", d.ID, "report", d.ReportID, "attempt", n, "err", perr)
	if n >= s.MaxAttempts {
		st.Failed++
		log.Warn("webhook delivery given up")
		return s.Store.WebhookFailed(ctx, d.ID, perr.Error(), time.Time{})
	}
	st.Retry++
	wait := s.BaseBackoff
	for i := 1; i < n && wait < s.MaxBackoff; i++ {
		wait *= 2
	}
	log.Info("webhook delivery will be retried", "wait", min(wait, s.MaxBackoff))
	return s.Store.WebhookFailed(ctx, d.ID, perr.Error(), s.Now().Add(min(wait, s.MaxBackoff)))
}

func (s *Sender) post(ctx context.Context, d hedui.WebhookDelivery) error {
	signer, err := online.NewHMACSigner(d.KeyID, d.Secret)
	if err != nil {
		return err
	}
	signer.Now = s.Now
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.URL, bytes.NewReader(d.Payload))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set(HeaderEvent, d.Event)
	req.Header.Set(HeaderDelivery, strconv.FormatInt(d.ID, 10))
	signer.SignRequest(req, d.Payload)
	res, err := s.Client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return fmt.Errorf("推送地址返回 HTTP %d", res.StatusCode)
	}
	return nil
}
