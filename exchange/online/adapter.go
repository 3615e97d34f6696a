package online

import (
	"context"
	"crypto/tls"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"hedui"
	"hedui/exchange"
)

// Defaults for Config.
const (
	DefaultTimeout          = 30 * time.Second
	DefaultMaxAttempts      = 5
	DefaultBaseBackoff      = 500 * time.Millisecond
	DefaultMaxBackoff       = 30 * time.Second
	DefaultJitter           = 0.2
	DefaultConcurrency      = 4
	DefaultMaxResponseBytes = 8 << 20
)

// Config configures the adapter. Zero fields take the defaults above.
type Config struct {
	// HTTPClient sends the requests. When nil, a client is built from the
	// default transport with TLS as its client TLS configuration; when set,
	// TLS is ignored. Either way a redirect is never followed: the
	// signature covers the path, and a redirected POST is not a delivery.
	HTTPClient *http.Client
	TLS        *tls.Config // client certificate and trusted CAs; see LoadTLS

	Signer   *Signer   // the centre's key; required
	Verifier *Verifier // departments' keys; when set, responses must be signed

	Timeout     time.Duration // per attempt
	MaxAttempts int           // per query and Send
	BaseBackoff time.Duration // before the second attempt; doubles each time
	MaxBackoff  time.Duration // cap on one wait, and on an honoured Retry-After
	// Jitter is the share of each wait drawn at random, so that queries
	// that failed together do not retry together: the wait is between
	// (1-Jitter)×d and d. Zero means DefaultJitter; negative means none.
	Jitter           float64
	Concurrency      int   // queries posted at once
	MaxResponseBytes int64 // longer bodies count as garbage

	Now func() time.Time
	// CallbackURL gives the URL a department should post deferred answers
	// to; nil or "" sends no callback_url. A URL per department lets the
	// callback endpoint pick that department's verifier.
	CallbackURL func(dept hedui.Department) string
	// Sleep waits between attempts; tests inject one that does not wait.
	Sleep  func(ctx context.Context, d time.Duration) error
	Logger *slog.Logger
}

// Adapter is the online channel. It is safe for concurrent use.
type Adapter struct {
	cfg Config
}

var _ exchange.Adapter = (*Adapter)(nil)

// New applies the defaults to cfg and returns the adapter.
func New(cfg Config) *Adapter {
	if cfg.HTTPClient == nil {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.TLSClientConfig = cfg.TLS
		cfg.HTTPClient = &http.Client{Transport: tr}
	}
	// A copy, so that the caller's client keeps its own redirect policy.
	client := *cfg.HTTPClient
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	cfg.HTTPClient = &client
	setDefault(&cfg.Timeout, DefaultTimeout)
	setDefault(&cfg.MaxAttempts, DefaultMaxAttempts)
	setDefault(&cfg.BaseBackoff, DefaultBaseBackoff)
	setDefault(&cfg.MaxBackoff, DefaultMaxBackoff)
	setDefault(&cfg.Concurrency, DefaultConcurrency)
	setDefault(&cfg.MaxResponseBytes, DefaultMaxResponseBytes)
	switch {
	case cfg.Jitter == 0:
		cfg.Jitter = DefaultJitter
	case cfg.Jitter < 0:
		cfg.Jitter = 0
	case cfg.Jitter > 1:
		cfg.Jitter = 1
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleep
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return &Adapter{cfg: cfg}
}

func setDefault[T int | int64 | time.Duration](v *T, def T) {
	if *v <= 0 {
		*v = def
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Channel implements exchange.Adapter.
func (a *Adapter) Channel() hedui.Channel { return hedui.ChannelOnline }

// Send posts each query to dept and waits for all of them. The Result is
// complete even when the error is not nil; the error only says that the
// call could not run (no signer) or that ctx ended, in which case the
// queries still in flight are left undelivered.
func (a *Adapter) Send(ctx context.Context, dept hedui.Department, qs []hedui.Query) (exchange.Result, error) {
	res := exchange.Result{Failed: map[string]string{}}
	if a.cfg.Signer == nil {
		return res, errors.New("online: no signer configured for the centre")
	}
	target, reason := queriesURL(dept.Endpoint)
	if reason != "" {
		for _, q := range qs {
			res.Failed[q.ID] = reason
		}
		return res, nil
	}
	callback := ""
	if a.cfg.CallbackURL != nil {
		callback = a.cfg.CallbackURL(dept)
	}
	outcomes := make([]outcome, len(qs))
	sem := make(chan struct{}, a.cfg.Concurrency)
	var wg sync.WaitGroup
	for i := range qs {
		wg.Go(func() {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			defer func() { <-sem }()
			outcomes[i] = a.deliver(ctx, dept, target, callback, qs[i])
		})
	}
	wg.Wait()
	for i, o := range outcomes {
		switch {
		case o.delivered:
			res.Delivered = append(res.Delivered, qs[i].ID)
			res.Answers = append(res.Answers, o.answers...)
		case o.failed != "":
			res.Failed[qs[i].ID] = o.failed
		}
	}
	return res, ctx.Err()
}

// queriesURL checks a department's endpoint and returns the URL to post
// queries to, or a Chinese reason why there is none.
func queriesURL(endpoint string) (*url.URL, string) {
	if strings.TrimSpace(endpoint) == "" {
		return nil, "部门未配置在线接口地址"
	}
	u, err := url.Parse(strings.TrimSpace(endpoint))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, "部门在线接口地址无效，应为 https:// 开头的完整地址"
	}
	return u.JoinPath(QueriesPath), ""
}
