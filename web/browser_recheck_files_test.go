package web

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"hedui"
)

// TestBrowserRecheckRoundFiles: a round waits for the bank, on the
// batch-file channel. Its liaison finds the round on his page, fetches
// the round's request file through the page's CSV link, fills it in and
// uploads it with the row's form; the report shows what was recorded,
// and once the worker has finished the round it leaves his page.
func TestBrowserRecheckRoundFiles(t *testing.T) {
	b := newBrowser(t)
	f := newRecheckFixture(b.e, 4)
	bank := f.batchBank()
	ctx := context.Background()
	round, err := f.store.StartRound(ctx, f.actor("verifier.xifeng"), hedui.NewRound{Scope: "621002",
		AsOf: hedui.Today(f.clock.Now())})
	if err != nil {
		t.Fatal(err)
	}
	f.drain()
	row := fmt.Sprintf("#round-files-%d-%d", round.ID, bank.ID)

	b.login("liaison.bank")
	b.do("open the queries", chromedp.Navigate(b.url("/liaison/queries")), chromedp.WaitVisible(chromedp.CSS(row)))
	b.snap("liaison-rounds")
	// The download link, fetched in the liaison's session as a click
	// would download it.
	request := b.poll("the request file", `(window.__req ??= fetch(document.querySelector("`+row+` .request-csv").href)
		.then(r => r.ok ? r.text() : "").then(t => window.__reqText = t), window.__reqText)`)
	file := filepath.Join(t.TempDir(), "银行复核反馈.csv")
	if err := os.WriteFile(file, f.roundAnswerFile([]byte(request)), 0o600); err != nil {
		t.Fatal(err)
	}
	b.do("upload the answer file",
		chromedp.SetUploadFiles(chromedp.CSS(row+" input[type=file]"), []string{file}),
		chromedp.Click(chromedp.CSS(row+` button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#upload-result")),
	)
	if n, err := strconv.Atoi(b.text("#upload-recorded")); err != nil || n == 0 {
		b.fail("answers recorded", fmt.Errorf("%d %v", n, err))
	}
	if n := b.text("#upload-rejected"); n != "0" {
		b.fail("rows refused", errors.New(n))
	}
	b.snap("liaison-round-upload")

	f.drain()
	b.do("reload", chromedp.Navigate(b.url("/liaison/queries")), chromedp.WaitVisible(chromedp.CSS("#answer-file-form")))
	if gone := b.poll("the finished round", `document.querySelector("#liaison-rounds") === null ? "gone" : ""`); gone != "gone" {
		b.fail("finished round still listed", errors.New(gone))
	}
}
