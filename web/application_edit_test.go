package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hedui"
)

// TestDraftEditing: the clerk comes back to his draft, adds a member (a
// wrong ID number first, marked in place with the form as typed), edits
// the declaration with a row for the new member, removes the member
// again; the declaration form shows what was saved. Another township's
// clerk and a withdrawn case are refused.
func TestDraftEditing(t *testing.T) {
	e := newEnv(t)
	app, _ := e.newApplication("clerk.xiaojin", "张伟")
	base := "/applications/" + itoa(app.ID)
	c := e.client()
	c.login("clerk.xiaojin")
	if p := c.get(base); !strings.Contains(p.body, `id="add-members"`) || !strings.Contains(p.body, `id="edit-declaration"`) {
		t.Fatalf("draft page without edit links: %s", excerpt(p.body))
	}
	p := c.get(base + "/members/new")
	if p.status != http.StatusOK || !strings.Contains(p.body, "data-idcheck") {
		t.Fatalf("members form: %d %s", p.status, excerpt(p.body))
	}
	spouse := e.newIDNumber("621002")
	bad := spouse[:17] + string(wrongCheck(spouse))
	member := func(id string) url.Values {
		return url.Values{"m_name": {"李娜"}, "m_id": {id}, "m_rel": {"spouse"}, "m_hukou": {""}, "m_disab": {"0"},
			"m_labour": {"full"}, "m_together": {"yes"}}
	}
	p = c.post(base+"/members", member(bad))
	if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "校验位") || !strings.Contains(p.body, `value="李娜"`) {
		t.Fatalf("bad member: %d %s", p.status, excerpt(p.body))
	}
	p = c.post(base+"/members", member(spouse))
	if p.status != http.StatusSeeOther {
		t.Fatalf("add member: %d %s", p.status, excerpt(p.body))
	}
	got, err := e.store.Application(context.Background(), e.actor("clerk.xiaojin"), app.ID)
	if err != nil || len(got.Members) != 2 {
		t.Fatalf("members after adding: %v %+v", err, got)
	}

	p = c.get(base + "/declaration")
	if p.status != http.StatusOK || !strings.Contains(p.body, "2. 李娜") {
		t.Fatalf("declaration form: %d %s", p.status, excerpt(p.body))
	}
	decl := url.Values{"inc_member": {"2"}, "inc_cat": {"wage"}, "inc_source": {"某超市"}, "inc_from": {"2025-01-01"},
		"inc_to": {"2025-03-31"}, "inc_amount": {"1,200.50"}, "inc_note": {"临时工，按月结算"},
		"as_member": {"1"}, "as_kind": {"deposit"}, "as_desc": {"活期"},
		"as_value": {"abc"}, "as_qty": {""}, "as_area": {""}}
	p = c.post(base+"/declaration", decl)
	if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, `value="某超市"`) {
		t.Fatalf("bad amount: %d %s", p.status, excerpt(p.body))
	}
	decl.Set("as_value", "3000")
	if p = c.post(base+"/declaration", decl); p.status != http.StatusSeeOther {
		t.Fatalf("save declaration: %d %s", p.status, excerpt(p.body))
	}
	got, _ = e.store.Application(context.Background(), e.actor("clerk.xiaojin"), app.ID)
	if len(got.Declaration.Incomes) != 1 || got.Declaration.Incomes[0].AmountFen != 120050 ||
		got.Declaration.Incomes[0].MemberID != got.Members[1].ID || len(got.Declaration.Assets) != 1 ||
		got.Declaration.Assets[0].ValueFen != 300000 || got.Declaration.Incomes[0].Note != "临时工，按月结算" {
		t.Fatalf("declaration %+v", got.Declaration)
	}
	// Shown again as saved, the note included, so that saving the form
	// again does not lose it.
	if p = c.get(base + "/declaration"); !strings.Contains(p.body, `value="1,200.50"`) || !strings.Contains(p.body, `value="3,000.00"`) ||
		!strings.Contains(p.body, `value="临时工，按月结算"`) {
		t.Errorf("declaration not shown as saved: %s", excerpt(p.body))
	}
	if p = c.get(base); !strings.Contains(p.body, "临时工，按月结算") {
		t.Errorf("the case page does not show the income's note: %s", excerpt(p.body))
	}

	// Remove the income first, then the spouse.
	delete(decl, "inc_cat")
	if p = c.post(base+"/declaration", decl); p.status != http.StatusSeeOther {
		t.Fatalf("drop the income: %d %s", p.status, excerpt(p.body))
	}
	p = c.get(base)
	if !strings.Contains(p.body, `id="remove-member-`+itoa(got.Members[1].ID)+`"`) || strings.Contains(p.body, `id="remove-member-`+itoa(got.Members[0].ID)+`"`) {
		t.Fatalf("remove buttons: %s", excerpt(p.body))
	}
	if p = c.post(base+"/members/"+itoa(got.Members[1].ID)+"/remove", nil); p.status != http.StatusSeeOther {
		t.Fatalf("remove member: %d %s", p.status, excerpt(p.body))
	}
	got, _ = e.store.Application(context.Background(), e.actor("clerk.xiaojin"), app.ID)
	if len(got.Members) != 1 {
		t.Fatalf("members after removing %+v", got.Members)
	}

	// Another township's clerk does not find the case.
	o := e.client()
	o.login("clerk.dongzhi")
	for _, path := range []string{base + "/members/new", base + "/declaration"} {
		if p := o.get(path); p.status != http.StatusNotFound {
			t.Errorf("other clerk %s: %d", path, p.status)
		}
	}
	if p := o.post(base+"/members", member(e.newIDNumber("621002"))); p.status != http.StatusNotFound {
		t.Errorf("other clerk adds a member: %d", p.status)
	}

	// A withdrawn case is no longer the clerk's to change.
	if _, err := e.store.Transition(context.Background(), e.actor("clerk.xiaojin"), app.ID, hedui.ActWithdraw, ""); err != nil {
		t.Fatal(err)
	}
	if p := c.get(base + "/declaration"); p.status != http.StatusConflict {
		t.Errorf("declaration of a withdrawn case: %d", p.status)
	}
	if p := c.post(base+"/members", member(e.newIDNumber("621002"))); p.status != http.StatusConflict {
		t.Errorf("member added to a withdrawn case: %d", p.status)
	}
}
