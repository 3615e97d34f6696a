package web

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"hedui"
)

// gatedStore holds every Dispatch until the test opens the gate, so that
// the browser sees a background job running before it ends.
type gatedStore struct {
	hedui.Store
	gate chan struct{}
}

func (g gatedStore) Dispatch(ctx context.Context, by hedui.Actor, appID int64, level hedui.Level, due hedui.DueFunc) (hedui.Dispatched, error) {
	select {
	case <-g.gate:
	case <-ctx.Done():
		return hedui.Dispatched{}, ctx.Err()
	}
	return g.Store.Dispatch(ctx, by, appID, level, due)
}

// TestBrowserCityBatch: the city verifier lands on the counties'
// overview, pulls 西峰区's flagged cases into the quarter's batch, launches
// the city-level dispatch and watches its progress: running at 0 of 2,
// then, once the work may go on, the bar full, one case refused with the
// store's reason and the link back to the batch.
func TestBrowserCityBatch(t *testing.T) {
	gate := make(chan struct{})
	var once sync.Once
	open := func() { once.Do(func() { close(gate) }) }
	b := newBrowserWith(t, func(c *Config) { c.Store = gatedStore{Store: c.Store, gate: gate} })
	t.Cleanup(func() { open(); b.e.server.jobs.wait() })
	f := b.e.cityCases()

	b.login("verifier.city")
	b.do("open the city page", chromedp.WaitVisible(chromedp.CSS("#city-oversight")))
	if row := b.text(`#city-oversight tr[data-county="621002"]`); !strings.Contains(row, "西峰区") {
		b.fail("西峰区 row", errors.New(row))
	}
	b.snap("city")
	b.do("escalate 西峰区",
		chromedp.Click(chromedp.CSS(`#city-oversight tr[data-county="621002"] button`)),
		chromedp.WaitVisible(chromedp.CSS("#batch-cases")))
	if cases := b.text("#batch-cases"); !strings.Contains(cases, f.verifying.Number) || !strings.Contains(cases, f.accepted.Number) {
		b.fail("batch cases", errors.New(cases))
	}
	b.snap("city-batch")
	b.do("dispatch the batch",
		chromedp.Click(chromedp.CSS(`#batch-dispatch button`)),
		chromedp.WaitVisible(chromedp.CSS(".progress-box")))
	if st := b.text("[data-progress-state]"); st != "进行中" {
		b.fail("running state", errors.New(st))
	}
	if done := b.text("[data-progress-done]"); done != "0" {
		b.fail("nothing done yet", errors.New(done))
	}
	b.snap("city-job-running")
	open()
	b.do("the job ends and the page reloads", chromedp.WaitVisible(chromedp.CSS("#job-result")))
	if v := b.poll("the bar is full", `(function(){var p=document.querySelector("progress");return p.value===p.max&&p.max===2?"full":"";})()`); v != "full" {
		b.fail("bar", errors.New(v))
	}
	if st := b.text("[data-progress-state]"); st != "已完成" {
		b.fail("done state", errors.New(st))
	}
	if probs := b.text("#job-problems"); !strings.Contains(probs, f.accepted.Number) {
		b.fail("refused case", errors.New(probs))
	}
	b.snap("city-job-done")
	b.do("back to the batch", chromedp.Click(chromedp.CSS("#job-result")), chromedp.WaitVisible(chromedp.CSS("#batch-cases")))
}
