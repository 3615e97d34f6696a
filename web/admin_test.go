package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"hedui"
	"hedui/password"
)

// TestAdminUsers: the admin creates an account through the form, with
// the same checks and messages as the API, disables it (which ends its
// session), enables it and resets its password; the new password works.
func TestAdminUsers(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	orgs, err := e.store.Organisations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var township int64
	for _, o := range orgs {
		if o.Level == hedui.LevelTownship {
			township = o.ID
		}
	}
	c := e.client()
	c.login("admin")
	if p := c.get("/admin/users"); p.status != http.StatusOK || !strings.Contains(p.body, "clerk.xiaojin") {
		t.Fatalf("list = %d %s", p.status, excerpt(p.body))
	}
	form := func(username, name, role string, org int64, pw string) url.Values {
		return url.Values{"username": {username}, "display_name": {name}, "role": {role}, "org_id": {itoa(org)}, "password": {pw}}
	}
	// Refusals carry hedui.CheckNewUser's messages, shown at the field.
	for _, tc := range []struct {
		name string
		form url.Values
		want string
	}{
		{"bad username", form("A B", "王五", "clerk", township, "secret-password"), "用户名应为3到32位小写字母"},
		{"ID number as username", form(strings.ToLower(e.newIDNumber("621002")), "王五", "clerk", township, "secret-password"), "用户名不能使用身份证号码"},
		{"no name", form("wang.wu", "", "clerk", township, "secret-password"), "请填写姓名"},
		{"no organisation", form("wang.wu", "王五", "clerk", 0, "secret-password"), "请选择所属单位"},
		{"weak password", form("wang.wu", "王五", "clerk", township, "123"), "密码至少需要"},
		{"taken", form("clerk.xiaojin", "王五", "clerk", township, "secret-password"), "用户名已存在"},
	} {
		p := c.post("/admin/users", tc.form)
		if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, tc.want) || !strings.Contains(p.body, "field-error") {
			t.Errorf("%s: %d %s", tc.name, p.status, excerpt(p.body))
		}
	}
	p := c.post("/admin/users", form("wang.wu", "王五", "clerk", township, "first-password"))
	if p.status != http.StatusSeeOther {
		t.Fatalf("create = %d %s", p.status, excerpt(p.body))
	}
	if p = c.get(p.header.Get("Location")); !strings.Contains(p.body, "账户 wang.wu 已创建") {
		t.Fatalf("flash: %s", excerpt(p.body))
	}
	u, err := e.store.User(ctx, "wang.wu")
	if err != nil || u.Role != hedui.RoleClerk || u.OrgID != township {
		t.Fatalf("stored %+v %v", u, err)
	}

	w := e.client()
	w.get("/login")
	if p := w.post("/login", url.Values{"username": {"wang.wu"}, "password": {"first-password"}}); p.status != http.StatusSeeOther {
		t.Fatalf("new user login = %d", p.status)
	}
	if p := c.post("/admin/users/wang.wu/disable", nil); p.status != http.StatusSeeOther {
		t.Fatalf("disable = %d %s", p.status, excerpt(p.body))
	}
	if p := w.get("/applications"); p.status != http.StatusSeeOther {
		t.Fatalf("disabled user's session still works: %d", p.status)
	}
	if p := c.post("/admin/users/admin/disable", nil); p.status != http.StatusConflict || !strings.Contains(p.body, "不能停用自己") {
		t.Fatalf("disable self = %d %s", p.status, excerpt(p.body))
	}
	if p := c.post("/admin/users/wang.wu/enable", nil); p.status != http.StatusSeeOther {
		t.Fatalf("enable = %d", p.status)
	}
	if p := c.post("/admin/users/wang.wu/password", url.Values{"password": {"x"}}); p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "密码至少需要") {
		t.Fatalf("weak reset = %d %s", p.status, excerpt(p.body))
	}
	if p := c.post("/admin/users/wang.wu/password", url.Values{"password": {"second-password"}}); p.status != http.StatusSeeOther {
		t.Fatalf("reset = %d %s", p.status, excerpt(p.body))
	}
	info, err := e.store.LoginInfo(ctx, "wang.wu")
	if err != nil || password.Check("second-password", info.PasswordHash) != nil || info.User.Disabled {
		t.Fatalf("after reset: %+v %v", info.User, err)
	}
	// Other roles cannot reach the page.
	clerk := e.client()
	clerk.login("clerk.xiaojin")
	if p := clerk.get("/admin/users"); p.status != http.StatusForbidden {
		t.Fatalf("clerk on /admin/users = %d", p.status)
	}
}

// TestAdminOrganisations: an organisation created through the form is
// listed with its level; a duplicate is refused at the name.
func TestAdminOrganisations(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.login("admin")
	f := url.Values{"name": {"西峰区残疾人联合会"}, "kind": {"department"}, "division": {"621002"}}
	if p := c.post("/admin/organisations", f); p.status != http.StatusSeeOther {
		t.Fatalf("create = %d %s", p.status, excerpt(p.body))
	}
	if p := c.get("/admin/organisations"); !strings.Contains(p.body, "西峰区残疾人联合会") || !strings.Contains(p.body, "县（区）级") {
		t.Fatalf("list: %s", excerpt(p.body))
	}
	if p := c.post("/admin/organisations", f); p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "已有同名机构") {
		t.Fatalf("duplicate = %d %s", p.status, excerpt(p.body))
	}
}

// TestAdminDepartmentAgreement: the agreement badge follows the dates,
// and editing the agreement through the form changes it.
func TestAdminDepartmentAgreement(t *testing.T) {
	e := newEnv(t) // today is 2025-06-16
	c := e.client()
	c.login("admin")
	base := url.Values{"code": {"621002-disabled"}, "name": {"西峰区残联"}, "level": {"county"}, "division": {"621002"},
		"org_id": {"0"}, "items": {"assistance"}, "channel": {"manual"}, "reply_days": {"7"}, "active": {"1"}}
	with := func(kv ...string) url.Values {
		v := url.Values{}
		for k, x := range base {
			v[k] = x
		}
		for i := 0; i < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	if p := c.post("/admin/departments", with("items", "")); p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "field-error") {
		t.Fatalf("no items = %d %s", p.status, excerpt(p.body))
	}
	if p := c.post("/admin/departments", base); p.status != http.StatusSeeOther {
		t.Fatalf("create = %d %s", p.status, excerpt(p.body))
	}
	ds, err := e.store.Departments(t.Context(), e.actor("admin"))
	if err != nil || len(ds) != 1 {
		t.Fatalf("departments %v %v", ds, err)
	}
	id := itoa(ds[0].ID)
	for _, tc := range []struct {
		name, from, until, want string
	}{
		{"none", "", "", "未签订"},
		{"active", "2025-01-01", "2026-12-31", "在有效期内"},
		{"expired", "2023-01-01", "2025-06-15", "已过期"},
		{"upcoming", "2025-07-01", "", "尚未生效"},
	} {
		f := with("agreement_number", "", "agreement_valid_from", tc.from, "agreement_valid_until", tc.until)
		if tc.from != "" {
			f.Set("agreement_number", "XF-2025-"+tc.name)
			f.Set("agreement_signed_on", "2022-12-01")
		}
		if p := c.post("/admin/departments/"+id, f); p.status != http.StatusSeeOther {
			t.Fatalf("%s: save = %d %s", tc.name, p.status, excerpt(p.body))
		}
		if p := c.get("/admin/departments"); !strings.Contains(p.body, tc.want) {
			t.Errorf("%s: list lacks %s: %s", tc.name, tc.want, excerpt(p.body))
		}
		if p := c.get("/admin/departments/" + id); !strings.Contains(p.body, `id="agreement-status">`+tc.want) {
			t.Errorf("%s: form lacks %s", tc.name, tc.want)
		}
	}
	d, _ := e.store.Department(t.Context(), e.actor("admin"), ds[0].ID)
	if d.Agreement.ValidFrom.Format(time.DateOnly) != "2025-07-01" {
		t.Fatalf("stored agreement %+v", d.Agreement)
	}
	if p := c.post("/admin/departments/"+id, with("agreement_valid_from", "2025-13-01")); p.status != http.StatusUnprocessableEntity {
		t.Fatalf("bad date = %d", p.status)
	}
}
