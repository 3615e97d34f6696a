// Package http serves hedui's JSON API under /api/v1.
//
// Handlers are thin: they read the request, call one hedui.Store method
// with the caller's hedui.Actor, and write the result. Scope and audit
// belong to the store, so a handler cannot forget them; the role checks
// done here only stop obviously wrong callers early with a clear Chinese
// message. Every handler lives in its own file named after its route.
package http

import (
	"crypto/rand"
	"log/slog"
	stdhttp "net/http"
	"time"

	"hedui"
	"hedui/exchange/online"
	"hedui/password"
	"hedui/report"
)

// Config holds what the server needs. Zero fields take the defaults noted.
type Config struct {
	Store          hedui.Store
	Now            func() time.Time // default time.Now
	Logger         *slog.Logger     // default discards; never log full ID numbers
	MaxBodyBytes   int64            // JSON bodies, default 1 MiB
	MaxUploadBytes int64            // letter scans and answer files, default 10 MiB
	TokenTTL       time.Duration    // default 8h
	PasswordParams password.Params  // default password.Default
	// CallbackKeys verify the departments' callbacks with deferred online
	// answers (POST /api/v1/exchange/callback/{deptCode}); nil turns the
	// endpoint off (404).
	CallbackKeys online.CallbackKeys
	// ReportKey derives the verification codes printed on reports
	// (report.Seal), at least report.MinKeyLen bytes. Codes are checked
	// by looking them up, so a key that changes between restarts only
	// changes the codes of later reports; default a random key per
	// process.
	ReportKey []byte
	// ReportScheme is the scheme of report numbers; default
	// report.DefaultScheme. NewServer panics on a malformed scheme: check
	// it with Validate when reading configuration.
	ReportScheme report.NumberScheme
	// VerifyURL is printed on reports as where to check a code, e.g.
	// https://hedui.example.gov.cn/api/v1/reports/verify; default none.
	VerifyURL string
}

// Route is one registered method and path pattern.
type Route struct {
	Method  string
	Pattern string
}

// Server is the HTTP API. It holds no global state: two servers over two
// stores can run side by side, as the tests do.
type Server struct {
	store     hedui.Store
	now       func() time.Time
	log       *slog.Logger
	maxBody   int64
	maxUpload int64
	tokenTTL  time.Duration
	pwParams  password.Params
	// callbackKeys verify department callbacks; nil: none accepted.
	callbackKeys online.CallbackKeys
	reportKey    []byte
	reportScheme report.NumberScheme
	verifyURL    string
	// dummyHash is checked against when a username is unknown, so that the
	// login takes as long as for a real account and timing does not reveal
	// which usernames exist.
	dummyHash string
	endpoints []endpoint
	handler   stdhttp.Handler
}

// NewServer builds a server; it panics without a store, a wiring bug.
func NewServer(cfg Config) *Server {
	if cfg.Store == nil {
		panic("http.NewServer: no store")
	}
	s := &Server{
		store:     cfg.Store,
		now:       cfg.Now,
		log:       cfg.Logger,
		maxBody:   cfg.MaxBodyBytes,
		maxUpload: cfg.MaxUploadBytes,
		tokenTTL:  cfg.TokenTTL,
		pwParams:  cfg.PasswordParams,

		callbackKeys: cfg.CallbackKeys,
		reportKey:    cfg.ReportKey,
		reportScheme: cfg.ReportScheme,
		verifyURL:    cfg.VerifyURL,
	}
	if len(s.reportKey) < report.MinKeyLen {
		s.reportKey = make([]byte, 32)
		rand.Read(s.reportKey)
	}
	if s.reportScheme == "" {
		s.reportScheme = report.DefaultScheme
	}
	if err := s.reportScheme.Validate(); err != nil {
		panic("http.NewServer: " + err.Error())
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.maxBody <= 0 {
		s.maxBody = 1 << 20
	}
	if s.maxUpload <= 0 {
		s.maxUpload = 10 << 20
	}
	if s.tokenTTL <= 0 {
		s.tokenTTL = 8 * time.Hour
	}
	if s.pwParams == (password.Params{}) {
		s.pwParams = password.Default
	}
	s.dummyHash = password.Hash(rand.Text(), s.pwParams)
	s.endpoints = s.routes()
	s.handler = s.middleware(s.mux())
	return s
}

// Handler returns the complete handler, /healthz included.
func (s *Server) Handler() stdhttp.Handler { return s.handler }

// Routes lists every registered route in registration order.
func (s *Server) Routes() []Route {
	out := make([]Route, len(s.endpoints))
	for i, e := range s.endpoints {
		out[i] = Route{Method: e.method, Pattern: e.pattern}
	}
	return out
}
