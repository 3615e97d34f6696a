package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	stdhttp "net/http"
	"strings"
	"time"

	"hedui"
	"hedui/crypt"
	hhttp "hedui/http"
	"hedui/report"
	"hedui/web"
)

func runServe(ctx context.Context, args []string, e *env) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var sf storeFlags
	sf.register(fs, "./hedui-data")
	var xf exchangeFlags
	xf.register(fs)
	var lf limitFlags
	lf.register(fs)
	var rf recheckFlags
	rf.register(fs, "")
	addr := fs.String("addr", ":8080", "listen address")
	migrate := fs.Bool("migrate", true, "apply pending migrations at start (safe with several nodes)")
	secure := fs.Bool("secure-cookies", false, "mark session cookies Secure (set it whenever users reach the site over HTTPS)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	st, kr, err := sf.open(ctx, false, *migrate)
	if err != nil {
		return e.errorf("%v", err)
	}
	defer st.Close()
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	h, err := handler(st, kr, log, &xf, &lf, *secure)
	if err != nil {
		return e.errorf("%v", err)
	}
	adapters, dir, err := xf.adapters(sf.data, log)
	if err != nil {
		return e.errorf("%v", err)
	}
	wctx, stop := context.WithCancel(ctx)
	wait := startWorkers(wctx, st, adapters, dir, xf.interval, log)
	waitRecheck := startRecheck(wctx, st, rf, adapters, log)
	defer func() { stop(); wait(); waitRecheck() }()
	return listenAndServe(ctx, *addr, h, log, func(url string) {
		fmt.Fprintf(e.stdout, "hedui 已启动：%s\n", url)
	}, e)
}

// handler builds the API and the pages over st, as serve and demo run
// them: the callback keys, limits and report settings from the flags.
func handler(st hedui.Store, kr *crypt.Keyring, log *slog.Logger, xf *exchangeFlags, lf *limitFlags, secure bool) (stdhttp.Handler, error) {
	keys, err := xf.loadCallbackKeys(log)
	if err != nil {
		return nil, err
	}
	cfg, err := lf.apply(hhttp.Config{Store: st, Logger: log, CallbackKeys: keys}, kr, xf.publicURL)
	if err != nil {
		return nil, err
	}
	return routes(hhttp.NewServer(cfg).Handler(), webHandler(st, kr, log, *lf, cfg, secure)), nil
}

// routes sends the API's paths to the API and every other path to the
// web pages.
func routes(api, pages stdhttp.Handler) stdhttp.Handler {
	mux := stdhttp.NewServeMux()
	mux.Handle("/api/", api)
	mux.Handle("/healthz", api)
	mux.Handle("/", pages)
	return mux
}

// webHandler builds the web pages over the store. The CSRF key is derived
// from the master key, so that every node of a deployment accepts the
// forms of the others; reports are issued with the API's settings (api),
// so that a report issued from a page verifies like one from the API.
func webHandler(st hedui.Store, kr *crypt.Keyring, log *slog.Logger, lf limitFlags, api hhttp.Config, secure bool) stdhttp.Handler {
	return web.New(web.Config{Store: st, Logger: log, MaxUploadBytes: lf.upload, CSRFKey: kr.TokenKey(), Secure: secure,
		IdleTimeout: lf.idle, ReportKey: api.ReportKey, ReportScheme: api.ReportScheme, VerifyURL: api.VerifyURL}).Handler()
}

// listenAndServe serves until ctx ends, then drains requests for up to ten
// seconds. ready is told the URL once the port is bound.
func listenAndServe(ctx context.Context, addr string, h stdhttp.Handler, log *slog.Logger, ready func(url string), e *env) int {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return e.errorf("无法监听 %s：%v", addr, err)
	}
	hs := &stdhttp.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute, // large scan uploads over slow township links
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ready("http://" + ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return e.errorf("%v", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, stdhttp.ErrServerClosed) {
		return e.errorf("关闭服务：%v", err)
	}
	fmt.Fprintln(e.stdout, "hedui 已停止")
	return 0
}

// limitFlags are the API's request size limits and report settings.
type limitFlags struct {
	body, upload int64
	scheme       string
	idle         time.Duration
}

func (f *limitFlags) register(fs *flag.FlagSet) {
	fs.Int64Var(&f.body, "max-body", 1<<20, "largest JSON request body, bytes")
	fs.Int64Var(&f.upload, "max-upload", 10<<20, "largest upload (letter scan, answer file), bytes")
	fs.StringVar(&f.scheme, "report-number-scheme", string(report.DefaultScheme), "report numbers, from {county} {year} {seq:N}")
	fs.DurationVar(&f.idle, "idle-timeout", web.DefaultIdleTimeout, "sign a web session out after this long without activity")
}

// apply puts the limits and report settings into the API's configuration.
// The report verification codes are keyed from the master key, so every
// node prints the same code for a report and codes survive restarts; the
// verify address is printed on reports when the public URL is known.
func (f *limitFlags) apply(c hhttp.Config, kr *crypt.Keyring, publicURL string) (hhttp.Config, error) {
	scheme := report.NumberScheme(f.scheme)
	if err := scheme.Validate(); err != nil {
		return c, fmt.Errorf("-report-number-scheme：%v", hedui.MessageOf(err))
	}
	c.MaxBodyBytes, c.MaxUploadBytes, c.ReportScheme = f.body, f.upload, scheme
	m := hmac.New(sha256.New, kr.TokenKey())
	m.Write([]byte("hedui report verification codes"))
	c.ReportKey = m.Sum(nil)
	if publicURL != "" {
		c.VerifyURL = strings.TrimRight(publicURL, "/") + "/api/v1/reports/verify"
	}
	return c, nil
}
