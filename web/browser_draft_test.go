package web

import (
	"errors"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserDraftEditing: the clerk returns to a saved draft, adds the
// spouse — the ID number is checked as he types — and records an income
// for her on the declaration page; the case page shows both.
func TestBrowserDraftEditing(t *testing.T) {
	b := newBrowser(t)
	app, _ := b.e.newApplication("clerk.xiaojin", "赵刚")
	b.login("clerk.xiaojin")
	base := b.url("/applications/" + itoa(app.ID))

	spouse := b.e.newIDNumber("621002")
	wrong := spouse[:17] + string(wrongCheck(spouse))
	b.do("open the draft and add a member",
		chromedp.Navigate(base),
		chromedp.WaitVisible(chromedp.CSS("#add-members")),
		chromedp.Click(chromedp.CSS("#add-members")),
		chromedp.WaitVisible(chromedp.CSS("#members-form")),
		chromedp.SendKeys(chromedp.CSS(`#rows-members tr:nth-child(1) input[name="m_name"]`), "钱芳"),
		chromedp.SendKeys(chromedp.CSS(`#rows-members tr:nth-child(1) input[name="m_id"]`), wrong),
	)
	msg := b.poll("the inline check-digit message",
		`(document.querySelector("#rows-members tr:nth-child(1) .id-hint.bad") || {}).textContent`)
	if !strings.Contains(msg, "校验位错误") {
		b.fail("inline message", errors.New(msg))
	}
	b.snap("draft-members-check-digit")
	b.do("fix the check character and save",
		chromedp.SendKeys(chromedp.CSS(`#rows-members tr:nth-child(1) input[name="m_id"]`), kb.Backspace+spouse[17:]),
	)
	b.poll("the number accepted", `(document.querySelector("#rows-members tr:nth-child(1) .id-hint.ok") || {}).textContent`)
	b.do("save the member",
		chromedp.Click(chromedp.CSS("#save-members")),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok")),
	)
	if members := b.text("#detail-members"); !strings.Contains(members, "钱芳") || !strings.Contains(members, spouse) {
		b.fail("members on the case page", errors.New(members))
	}

	b.do("declare an income for her",
		chromedp.Click(chromedp.CSS("#edit-declaration")),
		chromedp.WaitVisible(chromedp.CSS("#declaration-form")),
		addIncome("2", "保洁工资", "2025-01-01", "2025-06-30", "4800"),
	)
	b.snap("draft-declaration")
	b.do("save the declaration",
		chromedp.Click(chromedp.CSS("#save-declaration")),
		chromedp.WaitVisible(chromedp.CSS(".alert-ok")),
	)
	if main := b.text("main"); !strings.Contains(main, "保洁工资") || !strings.Contains(main, "4,800.00") {
		b.fail("declaration on the case page", errors.New(main))
	}
}
