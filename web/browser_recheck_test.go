package web

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserRecheckRound: 西峰区's verifier starts a re-verification
// round, watches it run to the end while the in-process worker asks the
// simulated departments, opens the largest warning (with its evidence)
// and recommends 清退; the county's agency finds the recommendation in
// its inbox and approves it.
func TestBrowserRecheckRound(t *testing.T) {
	b := newBrowser(t)
	f := newRecheckFixture(b.e, 8)
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.worker.Run(ctx) }()
	t.Cleanup(func() {
		stop()
		<-done
	})

	b.login("verifier.xifeng")
	b.do("open the rounds", chromedp.Navigate(b.url("/rechecks/rounds")), chromedp.WaitVisible(chromedp.CSS("#round-form")))
	b.snap("recheck-rounds")
	b.do("start a round",
		chromedp.Click(chromedp.CSS("#round-start")),
		chromedp.WaitVisible(chromedp.CSS("#round-progress")),
	)
	if msg := b.text(".alert-ok"); !strings.Contains(msg, "7 户到期并发起核对，1 户因授权书问题未发起") {
		b.fail("round started", errors.New(msg))
	}
	if ex := b.text("#excluded-reasons"); !strings.Contains(ex, "授权书已于 2026-03-31 过期") {
		b.fail("exclusion reasons", errors.New(ex))
	}
	b.snap("recheck-round-running")
	// The page reloads itself while the round runs (a Refresh header, no
	// script); wait for it to say the round is finished.
	// Reading while the page reloads can fail; such a read is retried.
	var status string
	for i := 0; i < 60 && status != "已完成"; i++ {
		ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
		status, _ = chromedp.Run(ctx, chromedp.Evaluate[string](
			`(document.querySelector("#round-status") || {}).textContent || ""`))
		cancel()
		if status != "已完成" {
			time.Sleep(500 * time.Millisecond)
		}
	}
	if status != "已完成" {
		b.fail("round finished", errors.New(status))
	}
	if n := b.text("#round-evaluated"); n != "7" {
		b.fail("households evaluated", errors.New(n))
	}
	b.snap("recheck-round-finished")

	b.do("open the warning list",
		chromedp.Navigate(b.url("/rechecks/warnings")),
		chromedp.WaitVisible(chromedp.CSS("#warnings")),
	)
	b.snap("recheck-warnings")
	b.do("open the first warning",
		chromedp.Click(chromedp.CSS("#warnings tbody tr:first-child a")),
		chromedp.WaitVisible(chromedp.CSS("#evidence")),
	)
	number := b.text("#warning-facts dd.mono")
	b.snap("recheck-warning")
	b.do("recommend exit",
		chromedp.SendKeys(chromedp.CSS("#exit-text"), "家庭收入明显增加，建议清退"),
		chromedp.Click(chromedp.CSS("#exit-submit")),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok")),
	)
	if st := b.text("#warning-status"); st != "已建议清退" {
		b.fail("warning status", errors.New(st))
	}

	b.switchTo("agency.xifeng")
	b.do("open the exit inbox",
		chromedp.Navigate(b.url("/agency/exits")),
		chromedp.WaitVisible(chromedp.CSS("#exits-pending")),
	)
	if row := b.text("#exits-pending tbody tr"); !strings.Contains(row, number) || !strings.Contains(row, "家庭收入明显增加，建议清退") {
		b.fail("inbox row", errors.New(row))
	}
	b.snap("agency-exits")
	b.do("approve",
		chromedp.SendKeys(chromedp.CSS("#exits-pending .exit-decision input[name=note]"), "同意清退"),
		chromedp.Click(chromedp.CSS("#exits-pending .exit-decision button")),
		chromedp.WaitVisible(chromedp.CSS("#exits-decided")),
	)
	if row := b.text("#exits-decided tbody tr"); !strings.Contains(row, number) || !strings.Contains(row, "已清退") {
		b.fail("decided row", errors.New(row))
	}
}
