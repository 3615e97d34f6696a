package web

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserRollImport: a county verifier uploads a roll with one bad
// row, reads the validation report, and opens a household from the list.
func TestBrowserRollImport(t *testing.T) {
	b := newBrowser(t)
	data, ids := b.e.rollCSV(3)
	path := filepath.Join(t.TempDir(), "肖金镇名册.csv")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	b.login("verifier.xifeng")
	b.do("upload the roll",
		chromedp.Navigate(b.url("/rolls/imports")),
		chromedp.WaitVisible(chromedp.CSS("#roll-upload-form")),
		chromedp.SetUploadFiles(chromedp.CSS("#roll-file"), []string{path}),
		chromedp.Click(chromedp.CSS(`#roll-upload-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#roll-result")),
	)
	if added := b.text("#roll-added"); added != "2" {
		b.fail("added", errors.New(added))
	}
	if report := b.text("#roll-result .roll-problems"); !strings.Contains(report, "第2行") || !strings.Contains(report, "与户主关系") {
		b.fail("validation report", errors.New(report))
	}
	b.snap("roll-import")
	b.do("open the roll",
		chromedp.Navigate(b.url("/rolls")),
		chromedp.WaitVisible(chromedp.CSS("#roll-households")),
		chromedp.Click(chromedp.CSS(`#roll-households a`)),
		chromedp.WaitVisible(chromedp.CSS("#roll-members")),
	)
	if members := b.text("#roll-members"); !strings.Contains(members, ids[1]) && !strings.Contains(members, ids[2]) {
		b.fail("household", errors.New(members))
	}
	b.snap("roll-household")
}
