package web

import (
	"crypto/rand"
	"log/slog"
	"net/http"
	"time"

	"hedui"
	"hedui/casework"
	"hedui/password"
	"hedui/report"
)

// Config holds what the web server needs. Zero fields take the defaults
// noted.
type Config struct {
	Store          hedui.Store
	Now            func() time.Time // default time.Now
	Logger         *slog.Logger     // default discards; never log full ID numbers
	MaxUploadBytes int64            // letter scans, default 10 MiB
	SessionTTL     time.Duration    // default 8h
	// IdleTimeout signs a session out after this long without a request
	// (default DefaultIdleTimeout), measured to within
	// hedui.SessionTouchEvery.
	IdleTimeout    time.Duration
	PasswordParams password.Params // default password.Default
	// Secure sets the Secure flag on cookies: on whenever the site is
	// reached over HTTPS, which is every deployment but a local demo.
	Secure bool
	// CSRFKey keys the CSRF tokens. Nodes that share a database must
	// share it (cmd/hedui derives it from the master key); nil makes a
	// random key for this process, which is enough for one node.
	CSRFKey []byte
	// ReportKey, ReportScheme and VerifyURL are the settings reports are
	// issued with, the API's (see hedui/http.Config): a key shorter than
	// report.MinKeyLen is replaced by a random one for this process, an
	// empty scheme is report.DefaultScheme.
	ReportKey    []byte
	ReportScheme report.NumberScheme
	VerifyURL    string
}

// DefaultIdleTimeout is how long a session may go without a request:
// office PCs are shared, and a page left open must not stay signed in.
const DefaultIdleTimeout = 30 * time.Minute

// Server is the web interface. It holds no global state: two servers over
// two stores can run side by side, as the tests do.
type Server struct {
	store      hedui.Store
	now        func() time.Time
	log        *slog.Logger
	maxUpload  int64
	sessionTTL time.Duration
	idle       time.Duration
	pwParams   password.Params
	secure     bool
	csrfKey    []byte
	issuer     casework.Issuer
	// dummyHash is checked when a username is unknown so that the login
	// takes as long as for a real account.
	dummyHash string
	text      catalogue
	pages     map[string]*pageTemplate
	assets    *assets
	jobs      *jobs // background work with its progress (progress.go)
	handler   http.Handler
}

// New builds a server; it panics without a store or with a broken
// template, both wiring bugs found by the first test.
func New(cfg Config) *Server {
	if cfg.Store == nil {
		panic("web.New: no store")
	}
	s := &Server{
		store:      cfg.Store,
		now:        cfg.Now,
		log:        cfg.Logger,
		maxUpload:  cfg.MaxUploadBytes,
		sessionTTL: cfg.SessionTTL,
		idle:       cfg.IdleTimeout,
		pwParams:   cfg.PasswordParams,
		secure:     cfg.Secure,
		csrfKey:    cfg.CSRFKey,
		jobs:       newJobs(),
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.maxUpload <= 0 {
		s.maxUpload = 10 << 20
	}
	if s.sessionTTL <= 0 {
		s.sessionTTL = 8 * time.Hour
	}
	if s.idle <= 0 {
		s.idle = DefaultIdleTimeout
	}
	if s.pwParams == (password.Params{}) {
		s.pwParams = password.Default
	}
	if len(s.csrfKey) == 0 {
		s.csrfKey = make([]byte, 32)
		_, _ = rand.Read(s.csrfKey)
	}
	s.issuer = casework.Issuer{Scheme: cfg.ReportScheme, VerifyURL: cfg.VerifyURL, Key: cfg.ReportKey}
	if len(s.issuer.Key) < report.MinKeyLen {
		s.issuer.Key = make([]byte, 32)
		_, _ = rand.Read(s.issuer.Key)
	}
	if s.issuer.Scheme == "" {
		s.issuer.Scheme = report.DefaultScheme
	}
	s.dummyHash = password.Hash(rand.Text(), s.pwParams)
	s.text = mustLoadCatalogue()
	s.assets = mustLoadAssets()
	s.pages = s.mustParsePages()
	s.handler = s.middleware(s.mux())
	return s
}

// Handler returns the complete handler for every path but the API's.
func (s *Server) Handler() http.Handler { return s.handler }
