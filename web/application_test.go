package web

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"hedui"
	"hedui/idcard"
)

func TestListMasksPersonalData(t *testing.T) {
	e := newEnv(t)
	app, id := e.newApplication("clerk.xiaojin", "欧阳娜娜")
	c := e.client()
	c.login("clerk.xiaojin")
	p := c.get("/applications")
	if p.status != http.StatusOK {
		t.Fatalf("list = %d", p.status)
	}
	if !strings.Contains(p.body, app.Number) || !strings.Contains(p.body, "欧***") || !strings.Contains(p.body, idcard.Mask(id)) {
		t.Errorf("list lacks the masked row: %s", excerpt(p.body))
	}
	if strings.Contains(p.body, "欧阳娜娜") || strings.Contains(p.body, id) {
		t.Error("list shows a full name or ID number")
	}
	// The home page lists the draft too, masked.
	p = c.get("/")
	if !strings.Contains(p.body, app.Number) || strings.Contains(p.body, id) {
		t.Errorf("home: %s", excerpt(p.body))
	}
	// The detail shows everything, and the store audits the view.
	p = c.get("/applications/" + itoa(app.ID))
	if p.status != http.StatusOK || !strings.Contains(p.body, "欧阳娜娜") || !strings.Contains(p.body, id) {
		t.Fatalf("detail = %d %s", p.status, excerpt(p.body))
	}
	entries, err := e.store.AuditEntries(t.Context(), hedui.SystemActor("test"), hedui.AuditFilter{Action: hedui.AuditAppView, CaseID: app.ID})
	if err != nil || entries.Total == 0 {
		t.Fatalf("detail view not audited: %v %d", err, entries.Total)
	}
}

func TestListFiltersAndSearch(t *testing.T) {
	e := newEnv(t)
	a1, id1 := e.newApplication("clerk.xiaojin", "李雷")
	a2, _ := e.newApplication("clerk.dongzhi", "王芳")
	c := e.client()
	c.login("verifier.xifeng")
	p := c.get("/applications")
	if !strings.Contains(p.body, a1.Number) || !strings.Contains(p.body, a2.Number) {
		t.Fatal("verifier misses a case of his county")
	}
	p = c.get("/applications?township=621002101")
	if strings.Contains(p.body, a1.Number) || !strings.Contains(p.body, a2.Number) {
		t.Error("township filter")
	}
	p = c.get("/applications?status=submitted")
	if strings.Contains(p.body, a1.Number) || strings.Contains(p.body, a2.Number) {
		t.Error("status filter")
	}
	// Search by ID number: by POST, so the number is in no URL.
	p = c.post("/applications/search", url.Values{"id_number": {id1}})
	if p.status != http.StatusOK || !strings.Contains(p.body, a1.Number) || strings.Contains(p.body, a2.Number) {
		t.Errorf("search = %d", p.status)
	}
	bad := id1[:17] + string(wrongCheck(id1))
	p = c.post("/applications/search", url.Values{"id_number": {bad}})
	if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "身份证号码校验位错误：最后一位应为") {
		t.Errorf("bad search = %d %s", p.status, excerpt(p.body))
	}
}

func TestCaseOutsideRegionIsNotFound(t *testing.T) {
	e := newEnv(t)
	app, id := e.newApplication("clerk.xiaojin", "李雷")
	for _, user := range []string{"clerk.dongzhi", "verifier.huanxian"} {
		c := e.client()
		c.login(user)
		p := c.get("/applications/" + itoa(app.ID))
		if p.status != http.StatusNotFound || !strings.Contains(p.body, "未找到该申请，或您无权查看") {
			t.Errorf("%s: detail = %d %s", user, p.status, excerpt(p.body))
		}
		if strings.Contains(p.body, "李雷") || strings.Contains(p.body, id) {
			t.Errorf("%s: the 404 page leaks the case", user)
		}
		if p := c.get("/applications"); strings.Contains(p.body, app.Number) {
			t.Errorf("%s: list shows a case outside the region", user)
		}
		p = c.post("/applications/"+itoa(app.ID)+"/transitions", url.Values{"action": {"accept"}})
		if p.status != http.StatusNotFound {
			t.Errorf("%s: transition = %d", user, p.status)
		}
	}
	// A malformed id reads the same as a missing one.
	c := e.client()
	c.login("clerk.xiaojin")
	if p := c.get("/applications/abc"); p.status != http.StatusNotFound {
		t.Errorf("/applications/abc = %d", p.status)
	}
	// Roles without case data are refused the pages.
	admin := e.client()
	admin.login("admin")
	if p := admin.get("/applications"); p.status != http.StatusForbidden || !strings.Contains(p.body, "系统管理员") {
		t.Errorf("admin list = %d", p.status)
	}
	if p := admin.get("/"); p.status != http.StatusSeeOther || p.header.Get("Location") != "/admin/policies" {
		t.Errorf("admin home = %d to %q", p.status, p.header.Get("Location"))
	}
	verifier := e.client()
	verifier.login("verifier.xifeng")
	if p := verifier.get("/applications/new"); p.status != http.StatusForbidden {
		t.Errorf("verifier new form = %d", p.status)
	}
}

// wrongCheck returns a check character that is not the right one.
func wrongCheck(id string) byte {
	if id[17] == '1' {
		return '2'
	}
	return '1'
}

func newAppForm(key, address, id string) url.Values {
	return url.Values{
		"key": {key}, "kind": {"new"}, "aid": {"dibao", "medical"}, "address": {address}, "hukou": {"rural"},
		"m_name": {"张三", ""}, "m_id": {id, ""}, "m_rel": {"head", "spouse"}, "m_hukou": {"", ""}, "m_disab": {"0", "0"},
		"m_labour": {"full", "full"}, "m_together": {"yes", "yes"},
		"inc_member": {"1"}, "inc_cat": {"wage"}, "inc_source": {"务工"}, "inc_from": {"2025-01-01"}, "inc_to": {"2025-05-31"}, "inc_amount": {"1,234.5"},
		"as_member": {"1"}, "as_kind": {"deposit"}, "as_desc": {"活期"}, "as_value": {"3000"}, "as_qty": {""}, "as_area": {""},
	}
}

func TestCreateApplicationThroughTheForm(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.login("clerk.xiaojin")
	p := c.get("/applications/new")
	key := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(p.body)
	if p.status != http.StatusOK || key == nil {
		t.Fatalf("form = %d", p.status)
	}
	id := e.newIDNumber("621002")
	bad := id[:17] + string(wrongCheck(id))

	// Errors come back beside their fields, with what was typed kept.
	f := newAppForm(key[1], "", bad)
	f.Set("inc_amount", "12.345")
	p = c.post("/applications", f)
	if p.status != http.StatusUnprocessableEntity {
		t.Fatalf("bad form = %d", p.status)
	}
	for _, want := range []string{"请填写家庭住址", "校验位错误", "金额应为数字", `value="` + bad + `"`, `value="张三"`, `value="务工"`, key[1]} {
		if !strings.Contains(p.body, want) {
			t.Errorf("bad form lacks %q", want)
		}
	}

	// The store's own checks reach the form too: two heads.
	f = newAppForm(key[1], "肖金镇米堡村3组", id)
	f["m_name"] = []string{"张三", "李四"}
	f["m_id"] = []string{id, e.newIDNumber("621002")}
	f["m_rel"] = []string{"head", "head"}
	p = c.post("/applications", f)
	if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "一户只能有一名户主") {
		t.Fatalf("two heads = %d %s", p.status, excerpt(p.body))
	}

	// A correct form registers the case; sending it again (a double
	// click) returns the same case.
	f = newAppForm(key[1], "肖金镇米堡村3组", id)
	p = c.post("/applications", f)
	if p.status != http.StatusSeeOther {
		t.Fatalf("create = %d %s", p.status, excerpt(p.body))
	}
	loc := p.header.Get("Location")
	p2 := c.post("/applications", newAppForm(key[1], "肖金镇米堡村3组", id))
	if p2.header.Get("Location") != loc {
		t.Errorf("resent form → %q, first → %q", p2.header.Get("Location"), loc)
	}
	p = c.get(loc)
	if !strings.Contains(p.body, "申请已登记") || !strings.Contains(p.body, "1,234.50") || !strings.Contains(p.body, "3,000.00") || !strings.Contains(p.body, "张三") {
		t.Errorf("detail after create: %s", excerpt(p.body))
	}
	list, err := e.store.Applications(t.Context(), e.actor("clerk.xiaojin"), hedui.Filter{})
	if err != nil || list.Total != 1 {
		t.Fatalf("applications = %d, %v", list.Total, err)
	}
}

func TestLetterUploadAndLifecycle(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	clerk := e.actor("clerk.xiaojin")
	app, id := e.newApplication("clerk.xiaojin", "李雷")
	if _, err := e.store.SetDeclaration(ctx, clerk, app.ID, hedui.Declaration{Assets: []hedui.Asset{{IDNumber: id, Kind: hedui.AssetDeposit, ValueFen: 100}}}); err != nil {
		t.Fatal(err)
	}
	c := e.client()
	c.login("clerk.xiaojin")
	base := "/applications/" + itoa(app.ID)
	if p := c.get(base + "/letters/new"); p.status != http.StatusOK || !strings.Contains(p.body, "李雷") {
		t.Fatalf("letter form = %d", p.status)
	}
	member := app.Members[0].ID
	fields := map[string]string{"form": "paper", "signed_on": "2025-06-15", "s_member": itoa(member), "s_method": "signature"}

	// A file that is not a scan is refused before anything is stored.
	p := c.upload(base+"/letters", fields, "scan", "letter.pdf", []byte("MZ not a pdf"))
	if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "PDF、JPEG或PNG") {
		t.Fatalf("bad scan = %d %s", p.status, excerpt(p.body))
	}
	// Paper without a file is refused.
	p = c.upload(base+"/letters", fields, "", "", nil)
	if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "须上传扫描件") {
		t.Fatalf("no scan = %d", p.status)
	}
	pdf := []byte("%PDF-1.4\n% test letter\n")
	p = c.upload(base+"/letters", fields, "scan", "授权书.pdf", pdf)
	if p.status != http.StatusSeeOther {
		t.Fatalf("letter = %d %s", p.status, excerpt(p.body))
	}
	p = c.get(base)
	if !strings.Contains(p.body, "授权书.pdf") {
		t.Fatalf("detail lacks the scan: %s", excerpt(p.body))
	}
	got, err := e.store.Application(ctx, clerk, app.ID)
	if err != nil || got.ActiveLetter() == nil || got.ActiveLetter().Scan == nil {
		t.Fatalf("letter not stored: %v", err)
	}
	scanURL := base + "/letters/" + itoa(got.ActiveLetter().ID) + "/scan"
	p = c.get(scanURL)
	if p.status != http.StatusOK || p.body != string(pdf) || !strings.HasPrefix(p.header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("scan download = %d %q", p.status, p.header.Get("Content-Disposition"))
	}

	// Submit; the verifier must give a reason to return it.
	if p = c.post(base+"/transitions", url.Values{"action": {"submit"}}); p.status != http.StatusSeeOther {
		t.Fatalf("submit = %d %s", p.status, excerpt(p.body))
	}
	v := e.client()
	v.login("verifier.xifeng")
	p = v.get(base)
	if !strings.Contains(p.body, `value="accept"`) || !strings.Contains(p.body, `value="return"`) || !strings.Contains(p.body, "退回原因") {
		t.Fatalf("verifier's actions missing: %s", excerpt(p.body))
	}
	p = v.post(base+"/transitions", url.Values{"action": {"return"}, "comment": {"  "}})
	if p.status != http.StatusUnprocessableEntity {
		t.Fatalf("return without reason = %d", p.status)
	}
	p = v.post(base+"/transitions", url.Values{"action": {"return"}, "comment": {"存款证明缺少银行盖章"}})
	if p.status != http.StatusSeeOther {
		t.Fatalf("return = %d %s", p.status, excerpt(p.body))
	}
	p = c.get(base)
	if !strings.Contains(p.body, "存款证明缺少银行盖章") || !strings.Contains(p.body, "已退回") {
		t.Errorf("clerk does not see the return: %s", excerpt(p.body))
	}
	// The clerk cannot accept.
	p = c.post(base+"/transitions", url.Values{"action": {"accept"}})
	if p.status != http.StatusUnprocessableEntity {
		t.Errorf("clerk accept = %d", p.status)
	}
}

// upload posts a multipart form with one optional file.
func (c *client) upload(path string, fields map[string]string, field, name string, data []byte) page {
	c.e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	_ = mw.WriteField("csrf", c.csrf)
	if field != "" {
		fw, err := mw.CreateFormFile(field, name)
		if err != nil {
			c.e.t.Fatal(err)
		}
		_, _ = fw.Write(data)
	}
	_ = mw.Close()
	req, err := http.NewRequest("POST", c.e.srv.URL+path, &buf)
	if err != nil {
		c.e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

func TestUploadOverLimit(t *testing.T) {
	e := newEnvWith(t, envOptions{configure: func(c *Config) { c.MaxUploadBytes = 1 << 10 }})
	app, _ := e.newApplication("clerk.xiaojin", "李雷")
	c := e.client()
	c.login("clerk.xiaojin")
	big := append([]byte("%PDF-"), bytes.Repeat([]byte("x"), 2<<20)...)
	p := c.upload("/applications/"+itoa(app.ID)+"/letters", map[string]string{"form": "paper"}, "scan", "big.pdf", big)
	if p.status != http.StatusRequestEntityTooLarge || !strings.Contains(p.body, "1KB") {
		t.Fatalf("big upload = %d %s", p.status, excerpt(p.body))
	}
}
