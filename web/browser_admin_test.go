package web

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hedui"
	"hedui/demo"
)

// TestBrowserAdminUserAndAgreement: the admin creates a verifier for
// 西峰区's centre through the form, sees him listed, and the new account
// logs in; then the admin renews a department's expired agreement and
// sees its badge turn from 已过期 to 在有效期内.
func TestBrowserAdminUserAndAgreement(t *testing.T) {
	b := newBrowser(t)
	ctx := context.Background()
	orgs, err := b.e.store.Organisations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var centre int64
	for _, o := range orgs {
		if o.Kind == hedui.OrgCentre && o.Division == "621002" {
			centre = o.ID
		}
	}
	today := hedui.Today(time.Now())
	expired := hedui.Agreement{Number: "XF-2023-07", SignedOn: hedui.DateOf(today.AddDate(-3, 0, 0)),
		ValidFrom: hedui.DateOf(today.AddDate(-3, 0, 0)), ValidUntil: hedui.DateOf(today.AddDate(0, 0, -1))}
	dept, err := b.e.store.CreateDepartment(ctx, hedui.SystemActor("测试"), hedui.Department{Code: "621002-civil", Name: "西峰区民政局",
		Level: hedui.LevelCounty, Division: "621002", Items: []hedui.Item{hedui.ItemAssistance}, Channel: hedui.ChannelManual,
		ReplyDays: hedui.DefaultReplyDays, Agreement: expired, Active: true})
	if err != nil {
		t.Fatal(err)
	}

	b.login("admin")
	b.do("create a verifier",
		chromedp.Navigate(b.url("/admin/users")),
		chromedp.WaitVisible(chromedp.CSS("#user-form")),
		chromedp.SendKeys(chromedp.CSS(`#user-form input[name="username"]`), "zhangmin"),
		chromedp.SendKeys(chromedp.CSS(`#user-form input[name="display_name"]`), "张敏"),
		chromedp.SetValue(chromedp.CSS(`#user-form select[name="role"]`), string(hedui.RoleVerifier)),
		chromedp.SetValue(chromedp.CSS(`#user-form select[name="org_id"]`), itoa(centre)),
		chromedp.SendKeys(chromedp.CSS(`#user-form input[name="password"]`), demo.Password),
		chromedp.Click(chromedp.CSS("#create-user")),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok")),
	)
	if row := b.text("#user-zhangmin"); !strings.Contains(row, "张敏") || !strings.Contains(row, "核对员") {
		b.fail("listed", errors.New(row))
	}
	b.snap("admin-users")

	b.do("open the departments", chromedp.Navigate(b.url("/admin/departments")), chromedp.WaitVisible(chromedp.CSS("#departments")))
	if list := b.text("#departments"); !strings.Contains(list, "已过期") {
		b.fail("expired badge", errors.New(list))
	}
	b.do("renew the agreement",
		chromedp.Navigate(b.url("/admin/departments/"+itoa(dept.ID))),
		chromedp.WaitVisible(chromedp.CSS("#department-form")),
		chromedp.SetValue(chromedp.CSS(`input[name="agreement_number"]`), "XF-2026-11"),
		chromedp.SetValue(chromedp.CSS(`input[name="agreement_signed_on"]`), today.String()),
		chromedp.SetValue(chromedp.CSS(`input[name="agreement_valid_from"]`), today.String()),
		chromedp.SetValue(chromedp.CSS(`input[name="agreement_valid_until"]`), today.AddDate(3, 0, 0).Format("2006-01-02")),
		chromedp.Click(chromedp.CSS("#save-department")),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok")),
	)
	if list := b.text("#departments"); !strings.Contains(list, "在有效期内") || !strings.Contains(list, "XF-2026-11") {
		b.fail("renewed badge", errors.New(list))
	}
	b.snap("admin-departments")
	d, err := b.e.store.Department(ctx, hedui.SystemActor("测试"), dept.ID)
	if err != nil || !d.Agreement.ActiveOn(today) {
		b.fail("stored", errors.New(d.Agreement.Number))
	}

	// The new account works.
	b.do("log out", chromedp.Click(chromedp.CSS(`.who button[type="submit"]`)), chromedp.WaitVisible(chromedp.CSS("#username")))
	b.login("zhangmin")
	if who := b.text(".who"); !strings.Contains(who, "张敏") {
		b.fail("new account", errors.New(who))
	}
}
