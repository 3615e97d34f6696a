package main

import (
	"context"
	"encoding/base64"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"hedui"
	"hedui/exchange"
	"hedui/exchange/batchfile"
	"hedui/exchange/manual"
	"hedui/exchange/online"
	hhttp "hedui/http"
	"hedui/webhook"
)

// exchangeFlags say where the batch-file channel's folders are, how the
// centre signs online requests, and how departments call back with
// deferred online answers.
type exchangeFlags struct {
	dir          string
	secret       string
	interval     time.Duration
	callbackKeys string
	publicURL    string
	tls          online.TLSFiles // client certificate for online departments
}

func (f *exchangeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.dir, "exchange-dir", "", "batch-file channel folders outbox/ and inbox/ (default DATA/exchange)")
	fs.StringVar(&f.secret, "exchange-secret", os.Getenv("HEDUI_EXCHANGE_SECRET"), "base64 HMAC secret that signs online requests (env HEDUI_EXCHANGE_SECRET)")
	fs.DurationVar(&f.interval, "exchange-interval", 5*time.Second, "how often the outbox and inbox are worked")
	fs.StringVar(&f.callbackKeys, "callback-keys", os.Getenv("HEDUI_CALLBACK_KEYS"),
		"`file` of the keys departments sign callbacks with, one per line: <department code> ed25519:<name>|hmac:<name> <base64 key>; without it callbacks are refused (env HEDUI_CALLBACK_KEYS)")
	fs.StringVar(&f.tls.CertFile, "exchange-tls-cert", os.Getenv("HEDUI_EXCHANGE_TLS_CERT"), "PEM client certificate presented to online departments that require one (env HEDUI_EXCHANGE_TLS_CERT)")
	fs.StringVar(&f.tls.KeyFile, "exchange-tls-key", os.Getenv("HEDUI_EXCHANGE_TLS_KEY"), "PEM private key of -exchange-tls-cert (env HEDUI_EXCHANGE_TLS_KEY)")
	fs.StringVar(&f.tls.CAFile, "exchange-tls-ca", os.Getenv("HEDUI_EXCHANGE_TLS_CA"), "PEM CA bundle trusted for online departments' servers (default: the system's) (env HEDUI_EXCHANGE_TLS_CA)")
	fs.StringVar(&f.publicURL, "public-url", os.Getenv("HEDUI_PUBLIC_URL"),
		"`URL` departments reach this server at, e.g. https://hedui.example.gov.cn; online queries then ask for callbacks to <URL>"+hhttp.CallbackPathPrefix+"<department code>, and a proxy must pass that path unchanged (env HEDUI_PUBLIC_URL)")
}

// loadCallbackKeys checks the callback flags and reads the departments'
// callback keys, nil when there is no key file. Advertising a callback
// address without the keys to check callbacks would only have them
// refused, so that is an error.
func (f *exchangeFlags) loadCallbackKeys(log *slog.Logger) (online.CallbackKeys, error) {
	if f.publicURL != "" {
		if _, err := hhttp.CallbackURLs(f.publicURL); err != nil {
			return nil, fmt.Errorf("-public-url：%v", err)
		}
		if f.secret == "" {
			log.Warn("-public-url is unused without -exchange-secret: this node sends no online queries")
		}
	}
	if f.callbackKeys == "" {
		if f.publicURL != "" {
			return nil, fmt.Errorf("-public-url 让部门把结果回调到本系统，请同时用 -callback-keys 提供部门的回调密钥文件")
		}
		return nil, nil
	}
	keys, err := online.LoadCallbackKeys(f.callbackKeys)
	if err != nil {
		return nil, fmt.Errorf("部门回调密钥文件有误：%v", err)
	}
	if f.publicURL == "" {
		log.Warn("callback keys loaded without -public-url: queries carry no callback_url", "departments", keys.Departments())
	} else {
		log.Info("department callback keys loaded", "departments", keys.Departments())
	}
	return keys, nil
}

// adapters builds the channel adapters; extra adds or replaces some (the
// demo's simulator).
func (f *exchangeFlags) adapters(dataDir string, log *slog.Logger, extra ...exchange.Adapter) (map[hedui.Channel]exchange.Adapter, string, error) {
	dir := f.dir
	if dir == "" {
		dir = filepath.Join(dataDir, "exchange")
	}
	for _, sub := range []string{"outbox", "inbox"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o700); err != nil {
			return nil, "", err
		}
	}
	m := map[hedui.Channel]exchange.Adapter{
		hedui.ChannelManual:    manual.Adapter{},
		hedui.ChannelBatchFile: &batchfile.Adapter{Outbox: batchfile.Outbox{Dir: filepath.Join(dir, "outbox")}},
	}
	if f.secret != "" {
		key, err := base64.StdEncoding.DecodeString(f.secret)
		if err != nil {
			return nil, "", fmt.Errorf("-exchange-secret 不是有效的base64：%v", err)
		}
		signer, err := online.NewHMACSigner("centre", key)
		if err != nil {
			return nil, "", err
		}
		cfg := online.Config{Signer: signer, Logger: log}
		if f.tls != (online.TLSFiles{}) {
			if cfg.TLS, err = online.LoadTLS(f.tls); err != nil {
				return nil, "", fmt.Errorf("部门接口TLS证书：%v", err)
			}
		}
		if f.publicURL != "" {
			if cfg.CallbackURL, err = hhttp.CallbackURLs(f.publicURL); err != nil {
				return nil, "", fmt.Errorf("-public-url：%v", err)
			}
		}
		m[hedui.ChannelOnline] = online.New(cfg)
	}
	for _, a := range extra {
		m[a.Channel()] = a
	}
	return m, dir, nil
}

// workerStore is what the background workers need of the store.
type workerStore interface {
	exchange.OutboxStore
	batchfile.InboxStore
	Remind(ctx context.Context, by hedui.Actor, day hedui.Date) (int, error)
	Divisions(ctx context.Context) ([]hedui.Division, error)
	Escalate(ctx context.Context, by hedui.Actor, county string, quarter hedui.Quarter) (hedui.Batch, error)
	webhook.Store
}

// startWorkers runs the outbox sender, the inbox importer, the daily
// overdue reminder, the quarterly escalation and the agencies' report
// notifications (webhooks) until ctx ends; the returned function waits
// for them.
func startWorkers(ctx context.Context, st workerStore, adapters map[hedui.Channel]exchange.Adapter, dir string, every time.Duration, log *slog.Logger) func() {
	var wg sync.WaitGroup
	sender := &exchange.Sender{Store: st, Adapters: adapters, Logger: log}
	inbox := &batchfile.Inbox{Dir: filepath.Join(dir, "inbox"), Store: st, Logger: log}
	notifier := &webhook.Sender{Store: st, Logger: log}
	wg.Add(5)
	go func() { defer wg.Done(); sender.Run(ctx, every) }()
	go func() { defer wg.Done(); notifier.Run(ctx, every) }()
	go func() {
		defer wg.Done()
		tick(ctx, every, func() {
			if _, err := inbox.RunOnce(ctx); err != nil {
				log.Warn("inbox pass failed", "err", err)
			}
		})
	}()
	go func() {
		defer wg.Done()
		by := hedui.SystemActor("逾期催办")
		tick(ctx, time.Hour, func() {
			if n, err := st.Remind(ctx, by, hedui.Today(time.Now())); err != nil {
				log.Warn("reminders failed", "err", err)
			} else if n > 0 {
				log.Info("overdue queries reminded", "count", n)
			}
		})
	}()
	go func() {
		defer wg.Done()
		tick(ctx, time.Hour, func() { escalateQuarter(ctx, st, hedui.Today(time.Now()), log) })
	}()
	return wg.Wait
}

// escalateQuarter sends every county's cases flagged for city-level
// queries up to the city centre during the first month of each quarter
// (seed §三); counties may also escalate on demand. Escalating again in the
// same quarter only adds newly flagged cases to that quarter's batch.
func escalateQuarter(ctx context.Context, st workerStore, today hedui.Date, log *slog.Logger) {
	if !hedui.FirstMonth(today) {
		return
	}
	ds, err := st.Divisions(ctx)
	if err != nil {
		log.Warn("quarterly escalation: divisions", "err", err)
		return
	}
	by := hedui.SystemActor("季度首月报送市核对中心")
	for _, d := range ds {
		if d.Level != hedui.LevelCounty {
			continue
		}
		b, err := st.Escalate(ctx, by, d.Code, hedui.QuarterOf(today))
		switch {
		case err == nil:
			log.Info("cases escalated to the city", "county", d.Code, "batch", b.ID, "cases", len(b.CaseIDs))
		case hedui.CodeOf(err) != "nothing_to_escalate":
			log.Warn("quarterly escalation failed", "county", d.Code, "err", err)
		}
	}
}

// tick calls f now and then every d until ctx ends.
func tick(ctx context.Context, d time.Duration, f func()) {
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		f()
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
