package web

import (
	"context"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"hedui"
	"hedui/demo"
)

// TestBrowserIntakeToAgencyPDF: one application from intake to the
// agency's download. The clerk registers it through the form (the
// authorisation letter is added through the store to keep the test
// short) and submits it; the verifier accepts it, dispatches it to the
// county's manual department, whose answers are recorded through the
// store as the exchange tests do, evaluates, overrides with a reason and
// issues the report; the agency of 西峰区 opens its inbox, the report, and
// downloads the PDF.
func TestBrowserIntakeToAgencyPDF(t *testing.T) {
	b := newBrowser(t)
	e := b.e
	ctx := context.Background()
	if err := demo.SeedPolicies(ctx, e.store); err != nil {
		t.Fatal(err)
	}
	today := hedui.Today(e.clock.Now())
	if _, err := e.store.CreateDepartment(ctx, hedui.SystemActor("测试"), hedui.Department{Code: "621002-bank-b", Name: "西峰区人民银行（浏览器测试）",
		Level: hedui.LevelCounty, Division: "621002", Items: []hedui.Item{hedui.ItemBank}, Channel: hedui.ChannelManual,
		ReplyDays: hedui.DefaultReplyDays, Active: true, Agreement: hedui.Agreement{Number: "测试协议",
			SignedOn: hedui.Date{Time: today.AddDate(-1, 0, 0)}, ValidFrom: hedui.Date{Time: today.AddDate(-1, 0, 0)}}}); err != nil {
		t.Fatal(err)
	}

	// The clerk registers the case through the form.
	b.login("clerk.xiaojin")
	id := e.newIDNumber("621002")
	b.do("register",
		chromedp.Navigate(b.url("/applications/new")),
		chromedp.WaitVisible(chromedp.CSS("#new-application")),
		chromedp.SendKeys(chromedp.CSS("#address"), "西峰区肖金镇米堡村5组（测试）"),
		chromedp.Click(chromedp.CSS(`input[name="hukou"][value="rural"]`)),
		chromedp.Click(chromedp.CSS(`input[name="aid"][value="dibao"]`)),
		chromedp.SendKeys(chromedp.CSS(`#rows-members tr:nth-child(1) input[name="m_name"]`), "赵春生"),
		chromedp.SendKeys(chromedp.CSS(`#rows-members tr:nth-child(1) input[name="m_id"]`), id),
		chromedp.Click(chromedp.CSS("#add-income")),
		chromedp.SetValue(chromedp.CSS(`#rows-incomes tr:last-child select[name="inc_member"]`), "1"),
		chromedp.SendKeys(chromedp.CSS(`#rows-incomes tr:last-child input[name="inc_source"]`), "务工收入"),
		chromedp.SetValue(chromedp.CSS(`#rows-incomes tr:last-child input[name="inc_from"]`), today.AddDate(0, -6, 0).Format("2006-01-02")),
		chromedp.SetValue(chromedp.CSS(`#rows-incomes tr:last-child input[name="inc_to"]`), today.AddDate(0, 0, -1).Format("2006-01-02")),
		chromedp.SendKeys(chromedp.CSS(`#rows-incomes tr:last-child input[name="inc_amount"]`), "3600"),
		chromedp.Click(chromedp.CSS("#save-application")),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok")),
	)
	caseURL := strings.SplitN(b.poll("the case URL", `location.href`), "?", 2)[0]
	m := regexp.MustCompile(`/applications/(\d+)$`).FindStringSubmatch(caseURL)
	if m == nil {
		b.fail("case URL", errors.New(caseURL))
	}
	appID, _ := strconv.ParseInt(m[1], 10, 64)
	if _, err := e.store.AddLetter(ctx, e.actor("clerk.xiaojin"), appID, hedui.NewLetter{Form: hedui.LetterElectronic, SignedOn: today,
		Signers: []hedui.Signer{{IDNumber: id, Method: hedui.SignElectronic}}}); err != nil {
		t.Fatal(err)
	}
	b.do("submit",
		chromedp.Navigate(caseURL),
		chromedp.Click(chromedp.CSS("#act-submit")),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok")),
	)

	// The verifier accepts, dispatches, evaluates, decides and issues.
	b.switchTo("verifier.xifeng")
	b.do("accept and dispatch",
		chromedp.Navigate(caseURL),
		chromedp.Click(chromedp.CSS("#act-accept")),
		chromedp.WaitVisible(chromedp.CSS("#verify-dispatch")),
		chromedp.Click(chromedp.CSS("#verify-dispatch")),
		chromedp.WaitVisible(chromedp.CSS("#dispatch-result")),
	)
	if got := b.text("#dispatch-result"); !strings.Contains(got, "西峰区人民银行（浏览器测试）") {
		b.fail("dispatch result", errors.New(got))
	}
	b.snap("dispatch-result")
	e.answerAll(appID)
	b.do("evaluate",
		chromedp.Navigate(caseURL),
		chromedp.Click(chromedp.CSS("#verify-evaluate")),
		chromedp.WaitVisible(chromedp.CSS("#conclusion")),
	)
	b.snap("conclusion")
	b.do("override without a reason",
		chromedp.Click(chromedp.CSS("#decide-override")),
		chromedp.Click(chromedp.CSS("#decide-submit")),
		chromedp.WaitVisible(chromedp.CSS("#decide-form .field-error")),
	)
	if got := b.text("#decide-form .field-error"); !strings.Contains(got, "改判须填写理由") {
		b.fail("override error", errors.New(got))
	}
	b.do("override with a reason",
		chromedp.Click(chromedp.CSS("#decide-override")),
		chromedp.SetValue(chromedp.CSS("#decide-overall"), "clear"),
		chromedp.SetValue(chromedp.CSS("#decide-category"), "dibao"),
		chromedp.SendKeys(chromedp.CSS("#decide-benefit"), "320.00"),
		chromedp.SendKeys(chromedp.CSS("#decide-reason"), "入户调查核实，家庭无其他收入"),
		chromedp.Click(chromedp.CSS("#decide-submit")),
		chromedp.WaitVisible(chromedp.CSS("#verify-issue")),
		chromedp.Click(chromedp.CSS("#verify-issue")),
		chromedp.WaitVisible(chromedp.CSS("#report-pdf")),
	)
	reportURL := strings.SplitN(b.poll("the report URL", `location.href`), "?", 2)[0]
	b.snap("report-verifier")

	// The agency finds it in its inbox and downloads the PDF.
	b.switchTo("agency.xifeng")
	b.do("open the inbox", chromedp.Navigate(b.url("/agency/inbox")), chromedp.WaitVisible(chromedp.CSS("#inbox-pending table")))
	b.snap("agency-inbox")
	path := strings.TrimPrefix(reportURL, b.e.srv.URL)
	b.do("open the report",
		chromedp.Click(chromedp.CSS(`#inbox-pending a[href="`+path+`"]`)),
		chromedp.WaitVisible(chromedp.CSS("#agency-decide")),
	)
	b.snap("report-agency")
	got := b.poll("download the PDF", `fetch(document.querySelector("#report-pdf").href)
		.then(r => r.arrayBuffer().then(buf => r.status + " " + r.headers.get("Content-Type") + " " +
			String.fromCharCode(...new Uint8Array(buf.slice(0, 5)))))`)
	if got != "200 application/pdf %PDF-" {
		b.fail("PDF download", errors.New(got))
	}
	if rep, err := e.store.Report(ctx, e.actor("agency.xifeng"), mustID(t, path)); err != nil || rep.Prints != 1 {
		b.fail("download count", errors.New(strconv.Itoa(rep.Prints)))
	}
}

func mustID(t *testing.T, path string) int64 {
	n, err := strconv.ParseInt(path[strings.LastIndex(path, "/")+1:], 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// switchTo logs the current user out and logs username in.
func (b *browser) switchTo(username string) {
	b.t.Helper()
	b.do("log out",
		chromedp.Click(chromedp.CSS(`.who button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#username")),
	)
	b.login(username)
}
