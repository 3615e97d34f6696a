package web

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"hedui"
)

// TestBrowserLiaisonAnswerFile: the bank's liaison sees his open query,
// opens it, uploads an answer file with a wrong ID number and sees the
// row refused by line, then the corrected file recorded; the query
// leaves the open list.
func TestBrowserLiaisonAnswerFile(t *testing.T) {
	b := newBrowser(t)
	s := b.e.seedDispatched()
	b.login("liaison.bank")
	b.do("open the queries", chromedp.Navigate(b.url("/liaison/queries")), chromedp.WaitVisible(chromedp.CSS("#liaison-queries")))
	if list := b.text("#liaison-queries"); !strings.Contains(list, s.bank.ID) || strings.Contains(list, s.police.ID) {
		b.fail("list", errors.New(list))
	}
	b.snap("liaison-queries")
	b.do("open the query", chromedp.Click(chromedp.CSS(`#liaison-queries a`)), chromedp.WaitVisible(chromedp.CSS("#subjects")))
	if subj := b.text("#subjects"); !strings.Contains(subj, s.idNumber) {
		b.fail("subjects", errors.New(subj))
	}
	b.snap("liaison-query")

	dir := t.TempDir()
	bad := filepath.Join(dir, "反馈_有误.csv")
	good := filepath.Join(dir, "反馈.csv")
	if err := os.WriteFile(bad, answerFile(t, s.bank, map[string]string{s.bank.Subjects[0].Ref: b.e.newIDNumber("621002")}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(good, answerFile(t, s.bank, nil), 0o600); err != nil {
		t.Fatal(err)
	}
	upload := func(path string) {
		b.do("upload "+filepath.Base(path),
			chromedp.Navigate(b.url("/liaison/queries")),
			chromedp.WaitVisible(chromedp.CSS("#answer-file-form")),
			chromedp.SetUploadFiles(chromedp.CSS("#answer-file"), []string{path}),
			chromedp.Click(chromedp.CSS(`#answer-file-form button[type="submit"]`)),
			chromedp.WaitVisible(chromedp.CSS("#upload-result")),
		)
	}
	upload(bad)
	if probs := b.text("#upload-problems"); !strings.Contains(probs, "第2行") || !strings.Contains(probs, "身份证号码与核对请求不一致") {
		b.fail("refused row", errors.New(probs))
	}
	b.snap("liaison-upload-refused")
	upload(good)
	if n := b.text("#upload-recorded"); n != "1" {
		b.fail("recorded", errors.New(n))
	}
	if main := b.text("main"); strings.Contains(main, s.bank.ID) {
		b.fail("answered query still open", errors.New(main))
	}
	b.snap("liaison-upload-recorded")

	// The city centre's dashboard shows the bank's answer and the police's
	// open query, at 1366×768 without horizontal scrolling.
	b.do("log out", chromedp.Click(chromedp.CSS(`.who button[type="submit"]`)), chromedp.WaitVisible(chromedp.CSS("#username")))
	b.login("verifier.city")
	b.do("open the dashboard",
		chromedp.Click(chromedp.CSS(`.sidenav a[href="/dashboard"]`)),
		chromedp.WaitVisible(chromedp.CSS("#target-new_verified svg")),
	)
	if h := b.text("h1"); !strings.Contains(h, "统计看板") || !strings.Contains(h, "庆阳市") {
		b.fail("dashboard heading", errors.New(h))
	}
	layout := b.poll("the dashboard's layout", `(() => {
		const cards = [...document.querySelectorAll(".dash-card")].map(c => c.getBoundingClientRect());
		const svg = document.querySelector("#target-new_verified svg").getBoundingClientRect();
		return JSON.stringify({cards: cards.length, row: cards.every(c => Math.abs(c.top - cards[0].top) < 1),
			svgW: Math.round(svg.width), fits: document.documentElement.scrollWidth <= window.innerWidth,
			charts: document.querySelectorAll("svg.chart-svg").length});
	})()`)
	if layout != `{"cards":3,"row":true,"svgW":`+regexp.MustCompile(`"svgW":(\d+)`).FindStringSubmatch(layout)[1]+`,"fits":true,"charts":7}` ||
		!regexp.MustCompile(`"svgW":([3-9]\d\d)`).MatchString(layout) {
		b.fail("dashboard layout at 1366×768", errors.New(layout))
	}
	// The table under the charts is folded: read its text, not what shows.
	depts := b.poll("the department table", `document.querySelector("#dash-dept-table").textContent`)
	if !strings.Contains(depts, "西峰区人民银行支行") || !strings.Contains(depts, "西峰区公安局") {
		b.fail("department table", errors.New(depts))
	}
	b.snap("dashboard-city")
	// The old page has the same charts: wait for the navigation itself,
	// not for an element both pages show.
	b.do("choose 西峰区", chromedp.SetValue(chromedp.CSS("#dash-region-select"), "621002"))
	b.follow("show 西峰区", chromedp.Click(chromedp.CSS(`#dash-period button[type="submit"]`)))
	b.do("the county's charts", chromedp.WaitVisible(chromedp.CSS("#dash-conclusions svg")))
	if r := b.text("#dash-region"); r != "西峰区" {
		b.fail("region choice", errors.New(r))
	}
	b.snap("dashboard-county")
}

// TestBrowserAdminPolicy: the admin makes version 2 of 西峰区's rural
// policy with another standard, a vehicle exemption in a row the server
// adds, an income category counted again and another 特困 age, and sees
// it listed; a broken county rule is refused with the compiler's message
// in Chinese.
func TestBrowserAdminPolicy(t *testing.T) {
	b := newBrowser(t)
	b.e.seedPolicies()
	base := b.e.xifengRural()[0]
	b.login("admin")
	b.do("open the policies", chromedp.Navigate(b.url("/admin/policies")), chromedp.WaitVisible(chromedp.CSS("#policies")))
	b.snap("admin-policies")
	b.do("new version",
		chromedp.Navigate(b.url("/admin/policies/new?base="+itoa(base.ID))),
		chromedp.WaitVisible(chromedp.CSS("#policy-form")),
		chromedp.SetValue(chromedp.CSS(`input[name="standard"]`), "823.50"),
		chromedp.SetValue(chromedp.CSS(`#rules`), "bad_rule | 有误的规则 | visit | household.members >\n"),
		chromedp.Click(chromedp.CSS("#save-policy")),
		chromedp.WaitVisible(chromedp.CSS(".alert-error")),
	)
	if msg := b.text(".alert-error"); !strings.Contains(msg, "bad_rule") || !strings.Contains(msg, "规则") {
		b.fail("compile error", errors.New(msg))
	}
	b.snap("admin-policy-broken-rule")
	// The rest of the policy: a vehicle exemption in a row added by the
	// server, an income counted again, the 特困 age.
	rows := len(base.VehicleExemptions) + 1
	b.do("add an exemption row",
		chromedp.SetValue(chromedp.CSS(`#rules`), "\n"),
		chromedp.Click(chromedp.CSS("#add-exemption")),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`#vehicle-exemptions tbody tr:nth-child(%d)`, rows+1))),
	)
	last := fmt.Sprintf(`#vehicle-exemptions tbody tr:nth-child(%d) `, rows+1)
	b.do("fill in the rest and save",
		chromedp.SendKeys(chromedp.CSS(last+`input[name="ve_label"]`), "营运车辆"),
		chromedp.SendKeys(chromedp.CSS(last+`input[name="ve_field"]`), "使用性质"),
		chromedp.SendKeys(chromedp.CSS(last+`input[name="ve_contains"]`), "营运"),
		chromedp.Click(chromedp.CSS(`#excluded-income input[value="scholarship"]`)),
		chromedp.SetValue(chromedp.CSS(`input[name="tekun_min_age"]`), "65"),
		chromedp.Click(chromedp.CSS("#save-policy")),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok")),
	)
	list := b.text("#policies")
	if !strings.Contains(list, "823.50") {
		b.fail("listed", errors.New(list))
	}
	got := b.e.xifengRural()[0]
	if got.Version != base.Version+1 || got.StandardMonthlyFen != 82350 || got.Tekun.MinAge != 65 || got.Excludes(hedui.IncomeScholarship) ||
		len(got.VehicleExemptions) != rows || got.VehicleExemptions[rows-1].Contains != "营运" || len(got.Deductions) != len(base.Deductions) {
		b.fail("stored", fmt.Errorf("%+v", got))
	}
	b.snap("admin-policies-after")
}

// TestBrowserAuditorLog: the auditor searches the log and checks the
// chain with the button.
func TestBrowserAuditorLog(t *testing.T) {
	b := newBrowser(t)
	b.login("auditor")
	b.do("open the log",
		chromedp.Navigate(b.url("/audit")),
		chromedp.WaitVisible(chromedp.CSS(`input[name="username"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name="username"]`), "auditor"),
	)
	// The log page already shows a table before the search: read the
	// table only once the search's page has loaded.
	res := b.follow("search the log", chromedp.Click(chromedp.CSS(`form.filters button[type="submit"]`)))
	if res.Status != 200 || !strings.Contains(res.URL, "username=auditor") {
		b.fail("search", fmt.Errorf("%d %s", res.Status, res.URL))
	}
	b.do("search results", chromedp.WaitVisible(chromedp.CSS("table.grid")))
	if main := b.text("table.grid"); !strings.Contains(main, "login") {
		b.fail("search", errors.New(main))
	}
	b.snap("auditor-log")
	b.do("verify the chain", chromedp.Click(chromedp.CSS("#audit-verify")), chromedp.WaitVisible(chromedp.CSS("#verify-result")))
	if msg := b.text("#verify-result"); !strings.Contains(msg, "日志链完整") {
		b.fail("verify", errors.New(msg))
	}
	b.snap("auditor-verified")
}

// TestBrowserAdminHolidays: the admin enters a year's notice and sees it.
func TestBrowserAdminHolidays(t *testing.T) {
	b := newBrowser(t)
	b.login("admin")
	b.do("enter 2031",
		chromedp.Navigate(b.url("/admin/holidays?year=2031")),
		chromedp.WaitVisible(chromedp.CSS("#holiday-form")),
		chromedp.SetValue(chromedp.CSS(`#holiday-form textarea`), "2031-01-01 休 元旦\n"),
		chromedp.Click(chromedp.CSS(`#holiday-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#holidays")),
	)
	if list := b.text("#holidays"); !strings.Contains(list, "2031-01-01") || !strings.Contains(list, "元旦") {
		b.fail("2031", errors.New(list))
	}
	b.snap("admin-holidays")
}

// TestBrowserLiaisonAnswerForm: the police liaison answers by form with
// two vehicles for one person, the second in a row the server adds.
func TestBrowserLiaisonAnswerForm(t *testing.T) {
	b := newBrowser(t)
	s := b.e.seedDispatched()
	b.login("liaison.police")
	row := func(n int) string { return fmt.Sprintf(`#records tbody tr:nth-child(%d) `, n) }
	b.do("first vehicle",
		chromedp.Navigate(b.url("/liaison/queries/"+s.police.ID)),
		chromedp.WaitVisible(chromedp.CSS("#answer-form")),
		chromedp.SetValue(chromedp.CSS(`#answer-form select[name="item"]`), string(hedui.ItemVehicle)),
		chromedp.SendKeys(chromedp.CSS(row(1)+`input[name="rec_kind"]`), "car"),
		chromedp.SendKeys(chromedp.CSS(row(1)+`input[name="rec_description"]`), "甘M 12345 小型轿车"),
		chromedp.Click(chromedp.CSS("#add-record")),
		chromedp.WaitVisible(chromedp.CSS(row(2)+`input[name="rec_kind"]`)),
	)
	b.do("second vehicle and submit",
		chromedp.SendKeys(chromedp.CSS(row(2)+`input[name="rec_kind"]`), "truck"),
		chromedp.SendKeys(chromedp.CSS(row(2)+`input[name="rec_description"]`), "甘M 67890 农用货车"),
		chromedp.SendKeys(chromedp.CSS(row(2)+`input[name="rec_fields"]`), "使用性质=农用"),
		chromedp.Click(chromedp.CSS("#submit-answer")),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok")),
	)
	if msg := b.text(".alert-ok"); !strings.Contains(msg, "共2条记录") {
		b.fail("recorded", errors.New(msg))
	}
	b.snap("liaison-answer-form")
	answers, err := b.e.store.Answers(t.Context(), b.e.actor("verifier.xifeng"), s.police.ApplicationID)
	if err != nil || len(answers) != 1 || len(answers[0].Records) != 2 || answers[0].Records[1].Fields["使用性质"] != "农用" {
		b.fail("stored", fmt.Errorf("%+v %v", answers, err))
	}
}
