package web

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"hedui"
	"hedui/demo"
	hhttp "hedui/http"
)

// chromiumPath is where .ci/run installs the browser (Debian's chromium).
const chromiumPath = "/usr/bin/chromium"

// browser is one headless Chromium at 1366×768 with a fresh profile,
// driving the web pages and the API over the real store.
type browser struct {
	t   *testing.T
	e   *env
	ctx context.Context
}

// newBrowser starts the browser. Without Chromium the test is skipped on
// a developer's machine but fails in CI, where .ci/run installs it.
func newBrowser(t *testing.T) *browser { return newBrowserWith(t, nil) }

// newBrowserWith is newBrowser with the server's configuration adjusted
// by configure (nil for none), e.g. to wrap its store.
func newBrowserWith(t *testing.T, configure func(*Config)) *browser {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing in CI: .ci/run should have installed chromium", chromiumPath)
		}
		t.Skipf("%s not found; install chromium and fonts-noto-cjk (as .ci/run does) to run the browser tests", chromiumPath)
	}
	e := newEnvWith(t, envOptions{
		// Real time, so that the browser's idea of today agrees.
		start:     time.Now(),
		configure: configure,
		mount: func(st hedui.Store, now func() time.Time, pages http.Handler) http.Handler {
			api := hhttp.NewServer(hhttp.Config{Store: st, Now: now, PasswordParams: cheapParams})
			mux := http.NewServeMux()
			mux.Handle("/api/", api.Handler())
			mux.Handle("/healthz", api.Handler())
			mux.Handle("/", pages)
			return mux
		},
	})
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.NoSandbox,
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1366, 768),
		chromedp.Flag("lang", "zh-CN"),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	// The first run starts the browser; it must not carry a timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", chromiumPath, err)
	}
	return &browser{t: t, e: e, ctx: ctx}
}

// url is the address of a path on the server under test.
func (b *browser) url(path string) string { return b.e.srv.URL + path }

// do runs steps with a time limit. On failure it saves a full-page
// screenshot to testdata/screenshots/<test>.png and fails the test.
func (b *browser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.fail(what, err)
	}
}

// text returns the text of the first element matching sel.
func (b *browser) text(sel string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.fail("reading "+sel, err)
	}
	return s
}

// poll waits until a JavaScript expression is truthy and returns its
// string value.
func (b *browser) poll(what, expr string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Poll[string](expr, chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		b.fail(what, err)
	}
	return s
}

func (b *browser) fail(what string, err error) {
	b.t.Helper()
	b.t.Fatalf("%s: %v (screenshot: %s)", what, err, b.screenshot(b.t.Name()))
}

// screenshot saves the whole page as testdata/screenshots/<name>.png and
// returns the path, or why it could not.
func (b *browser) screenshot(name string) string {
	ctx, cancel := context.WithTimeout(b.ctx, 15*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		return "none: " + err.Error()
	}
	dir := filepath.Join("testdata", "screenshots")
	path := filepath.Join(dir, strings.NewReplacer("/", "_", " ", "_").Replace(name)+".png")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "none: " + err.Error()
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		return "none: " + err.Error()
	}
	abs, _ := filepath.Abs(path)
	return abs
}

// snap saves a screenshot of the page for a person to look at when
// HEDUI_SCREENSHOTS is set.
func (b *browser) snap(name string) {
	if os.Getenv("HEDUI_SCREENSHOTS") != "" {
		b.t.Logf("screenshot %s: %s", name, b.screenshot("review-"+name))
	}
}

// login signs in through the login form.
func (b *browser) login(username string) {
	b.t.Helper()
	b.do("login as "+username,
		chromedp.Navigate(b.url("/login")),
		chromedp.WaitVisible(chromedp.CSS("#username")),
		chromedp.SendKeys(chromedp.CSS("#username"), username),
		chromedp.SendKeys(chromedp.CSS("#password"), demo.Password),
		chromedp.Click(chromedp.CSS("#login-submit")),
		chromedp.WaitVisible(chromedp.CSS(".topbar")),
	)
}

// addIncome adds an income row to the form on the page and fills it in.
func addIncome(member, source, from, to, amount string) chromedp.Action[chromedp.Void] {
	const row = `#rows-incomes tr:last-child `
	return chromedp.Steps(
		chromedp.Click(chromedp.CSS("#add-income")),
		chromedp.SetValue(chromedp.CSS(row+`select[name="inc_member"]`), member),
		chromedp.SendKeys(chromedp.CSS(row+`input[name="inc_source"]`), source),
		chromedp.SetValue(chromedp.CSS(row+`input[name="inc_from"]`), from),
		chromedp.SetValue(chromedp.CSS(row+`input[name="inc_to"]`), to),
		chromedp.SendKeys(chromedp.CSS(row+`input[name="inc_amount"]`), amount),
	)
}

// TestBrowserClerkIntake: a township clerk logs in, registers an
// application through the form — typing an ID number with a wrong check
// character first and seeing the inline message — and finds it in the
// list; a forged POST is refused; he logs out; the clerk of another
// township cannot open the case.
func TestBrowserClerkIntake(t *testing.T) {
	b := newBrowser(t)
	b.login("clerk.xiaojin")
	if who := b.text(".who"); !strings.Contains(who, "肖金镇经办员") || !strings.Contains(who, "乡镇经办人员") || !strings.Contains(who, "肖金镇社会救助经办窗口") {
		b.fail("top bar", errors.New(who))
	}

	id := b.e.newIDNumber("621002")
	wrong := id[:17] + string(wrongCheck(id))
	b.do("fill in the household",
		chromedp.Navigate(b.url("/applications/new")),
		chromedp.WaitVisible(chromedp.CSS("#new-application")),
		chromedp.SendKeys(chromedp.CSS("#address"), "西峰区肖金镇米堡村3组（测试）"),
		chromedp.Click(chromedp.CSS(`input[name="hukou"][value="rural"]`)),
		chromedp.Click(chromedp.CSS(`input[name="aid"][value="dibao"]`)),
		chromedp.SendKeys(chromedp.CSS(`#rows-members tr:nth-child(1) input[name="m_name"]`), "王建国"),
		chromedp.SendKeys(chromedp.CSS(`#rows-members tr:nth-child(1) input[name="m_id"]`), wrong),
	)
	msg := b.poll("the inline check-digit message",
		`(document.querySelector("#rows-members tr:nth-child(1) .id-hint.bad") || {}).textContent`)
	if want := "校验位错误，最后一位应为" + id[17:]; !strings.Contains(msg, want) {
		b.fail("inline message", errors.New(msg+" does not say "+want))
	}
	b.snap("new-application-check-digit")
	b.do("fix the check character",
		chromedp.SendKeys(chromedp.CSS(`#rows-members tr:nth-child(1) input[name="m_id"]`), kb.Backspace+id[17:]),
	)
	b.poll("the number accepted", `(document.querySelector("#rows-members tr:nth-child(1) .id-hint.ok") || {}).textContent`)

	// A second member, and a declared income for him.
	spouse := b.e.newIDNumber("621002")
	b.do("add a member and an income",
		chromedp.Click(chromedp.CSS("#add-member")),
		chromedp.SendKeys(chromedp.CSS(`#rows-members tr:nth-child(2) input[name="m_name"]`), "李秀兰"),
		chromedp.SendKeys(chromedp.CSS(`#rows-members tr:nth-child(2) input[name="m_id"]`), spouse),
		chromedp.SetValue(chromedp.CSS(`#rows-members tr:nth-child(2) select[name="m_rel"]`), "spouse"),
		addIncome("2", "务工收入", "2025-01-01", "2025-06-30", "7200"),
	)
	b.snap("new-application-filled")
	b.do("save",
		chromedp.Click(chromedp.CSS("#save-application")),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok")),
	)
	if flash := b.text(".alert-ok"); !strings.Contains(flash, "申请已登记") {
		b.fail("after saving", errors.New(flash))
	}
	number := b.text("h1 .mono")
	detailURL := b.poll("the detail URL", `location.href`)
	if !regexp.MustCompile(`/applications/\d+$`).MatchString(strings.SplitN(detailURL, "?", 2)[0]) {
		b.fail("detail URL", errors.New(detailURL))
	}
	main := b.text("main")
	for _, want := range []string{"王建国", "李秀兰", id, "7,200.00", "李秀兰"} {
		if !strings.Contains(main, want) {
			b.fail("detail page", errors.New("lacks "+want))
		}
	}
	b.snap("detail-draft")

	// The list shows it, masked.
	b.do("open the list", chromedp.Navigate(b.url("/applications")), chromedp.WaitVisible(chromedp.CSS("table.grid")))
	list := b.text("main")
	if !strings.Contains(list, number) || !strings.Contains(list, "王**") || strings.Contains(list, id) {
		b.fail("list", errors.New("does not show "+number+" masked"))
	}
	b.snap("list")

	// A POST without the form's token, as another page would send it.
	caseURL := strings.SplitN(detailURL, "?", 2)[0]
	status := b.poll("forged POST", `fetch("`+caseURL+`/transitions", {method: "POST",
		headers: {"Content-Type": "application/x-www-form-urlencoded"}, body: "action=withdraw"})
		.then(r => r.text().then(t => r.status + " " + t))`)
	if !strings.HasPrefix(status, "403 ") || !strings.Contains(status, "安全校验未通过") {
		b.fail("forged POST", errors.New(status[:min(len(status), 200)]))
	}

	// Logout ends the session.
	b.do("log out",
		chromedp.Click(chromedp.CSS(`.who button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#username")),
	)
	if notice := b.text(".alert-ok"); !strings.Contains(notice, "已安全退出") {
		b.fail("logout notice", errors.New(notice))
	}
	b.do("home after logout", chromedp.Navigate(b.url("/")), chromedp.WaitVisible(chromedp.CSS("#username")))

	// The clerk of 董志镇 cannot open 肖金镇's case.
	b.login("clerk.dongzhi")
	b.do("open the other township's case", chromedp.Navigate(caseURL), chromedp.WaitVisible(chromedp.CSS(".error-card")))
	if got := b.text(".error-card"); !strings.Contains(got, "未找到该申请，或您无权查看") || strings.Contains(got, "王建国") {
		b.fail("other township", errors.New(got))
	}
	b.snap("not-found")
}
