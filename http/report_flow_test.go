package http

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
	"time"

	"hedui"
)

// reportListJSON is GET .../reports.
type reportListJSON struct {
	ApplicationID int64           `json:"application_id"`
	Items         []reportSummary `json:"items"`
}

// inboxJSON is GET /api/v1/agency/inbox.
type inboxJSON struct {
	Items []inboxItemView `json:"items"`
	Total int             `json:"total"`
}

// TestReportFlow drives a case from decided to a report, the agency's
// inbox, an objection, the re-check asking only the named department, and
// the re-check's report, which replaces the first as version 2.
func TestReportFlow(t *testing.T) {
	e := newEnv(t)
	verifier, agency := e.as("verifier.xifeng"), e.as("agency.xifeng")
	c := e.caseAt(xiaojin, "decided")

	var rep reportJSON
	r := e.must(201, verifier, "POST", c.path("/report"), nil, &rep)
	if rep.Version != 1 || !rep.Current || !strings.HasPrefix(rep.Number, "621002-2025-核-") || rep.Content.Applicant.Name != "张示例" ||
		len(rep.Content.Sources) != 2 || rep.PDFURL != fmt.Sprintf("/api/v1/reports/%d/pdf", rep.ID) ||
		r.header.Get("Location") != fmt.Sprintf("/api/v1/reports/%d", rep.ID) || rep.Content.ObjectDays != hedui.DefaultObjectionDays {
		t.Fatalf("report %v", r)
	}
	var a appView
	e.must(200, verifier, "GET", c.path(""), nil, &a)
	if a.Status != hedui.StatusReported || a.StatusLabel != "已出具报告" {
		t.Fatalf("status %s", a.Status)
	}

	// The PDF is the issued file, counted at each download.
	for i := 1; i <= 2; i++ {
		pdf := e.must(200, agency, "GET", rep.PDFURL, nil, nil)
		sum := sha256.Sum256(pdf.body)
		if !bytes.HasPrefix(pdf.body, []byte("%PDF")) || hex.EncodeToString(sum[:]) != rep.SHA256 ||
			pdf.header.Get("Content-Type") != "application/pdf" || pdf.header.Get("X-Hedui-Print-Count") != fmt.Sprint(i) ||
			!strings.HasPrefix(pdf.header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("download %d: %d bytes, headers %v", i, len(pdf.body), pdf.header)
		}
	}
	page := e.must(200, e.as("clerk.xiaojin"), "GET", rep.HTMLURL, nil, nil)
	if !strings.Contains(page.header.Get("Content-Type"), "text/html") || !strings.Contains(string(page.body), rep.Number) {
		t.Fatalf("html page %.200s", page.body)
	}
	var check hedui.ReportCheck
	e.must(200, "", "GET", "/api/v1/reports/verify?code="+strings.ToLower(rep.Code), nil, &check)
	if !check.Authentic || !check.Current || check.Number != rep.Number || check.Prints != 2 {
		t.Fatalf("verify %+v", check)
	}
	e.must(200, "", "GET", "/api/v1/reports/verify?sha256="+rep.SHA256, nil, &check)
	if !check.Authentic {
		t.Fatalf("verify by hash %+v", check)
	}
	e.must(200, "", "GET", "/api/v1/reports/verify?code=ZZZZ-ZZZZ", nil, &check)
	if check.Authentic || check.Message == "" {
		t.Fatalf("unknown code %+v", check)
	}
	if r := e.call("", "GET", "/api/v1/reports/verify?code=not-a-code!", nil); r.status != 422 {
		t.Errorf("malformed code: %v", r)
	}
	if r := e.call("", "GET", "/api/v1/reports/verify", nil); r.status != 400 {
		t.Errorf("no code: %v", r)
	}

	// The agency of 西峰区 has it in its inbox; 环县's does not.
	var inbox inboxJSON
	e.must(200, agency, "GET", "/api/v1/agency/inbox?pending=true", nil, &inbox)
	if len(inbox.Items) != 1 || inbox.Items[0].ReportID != rep.ID || inbox.Items[0].HeadName != "张**" || inbox.Items[0].StatusLabel != "已出具报告" {
		t.Fatalf("inbox %+v", inbox)
	}
	e.must(200, e.as("agency.huanxian"), "GET", "/api/v1/agency/inbox", nil, &inbox)
	if inbox.Total != 0 {
		t.Fatalf("环县's inbox %+v", inbox)
	}
	var me meResponse
	e.must(200, agency, "GET", "/api/v1/me", nil, &me)
	if !me.Can.AgencyInbox || !me.Can.ReadReports || me.Can.ReadCases || me.Can.IssueReports {
		t.Errorf("agency capabilities %+v", me.Can)
	}

	// The family objects through the agency: only 公安 is asked again.
	police := e.dept("621002-police")
	var o hedui.Objection
	e.must(201, agency, "POST", c.path("/objection"), map[string]any{"department_ids": []int64{police.ID},
		"reason": "家庭称名下车辆已报废注销", "objector": "family"}, &o)
	if o.RecheckID == 0 || o.ReportID != rep.ID || o.DepartmentNames[0] != "西峰区公安局" {
		t.Fatalf("objection %+v", o)
	}
	if r := e.call(agency, "POST", c.path("/agency-decision"), map[string]any{"decision": "approve"}); r.status != 409 ||
		r.errorCode() != "objection_pending" {
		t.Errorf("deciding the objected case: %v", r)
	}
	re := caseRef{place: xiaojin, id: o.RecheckID}
	e.must(200, verifier, "GET", re.path(""), nil, &a)
	if a.Kind != hedui.KindObjection || a.Status != hedui.StatusAccepted {
		t.Fatalf("re-check %s %s", a.Kind, a.Status)
	}
	re = e.dispatch(re)
	if len(re.queries) != 1 || re.queries["621002-police"] == "" {
		t.Fatalf("re-check asked %v", re.queries)
	}
	e.answerAll(re)
	re = e.decideCase(e.conclude(re))
	var rep2 reportJSON
	e.must(201, verifier, "POST", re.path("/report"), nil, &rep2)
	if rep2.Version != 2 || rep2.Replaces != rep.ID || rep2.Chain != c.id || rep2.Content.Kind != hedui.KindObjection ||
		len(rep2.Content.Sources) != 2 || !strings.Contains(rep2.Content.Replaces, rep.Number) {
		t.Fatalf("re-check report %+v", rep2.Report)
	}
	var list reportListJSON
	e.must(200, agency, "GET", c.path("/reports"), nil, &list)
	if len(list.Items) != 2 || list.Items[0].ID != rep2.ID || list.Items[1].Current || list.Items[1].Prints != 2 {
		t.Fatalf("versions %+v", list.Items)
	}
	e.must(200, "", "GET", "/api/v1/reports/verify?code="+rep.Code, nil, &check)
	if !check.Authentic || check.Current || check.CurrentVersion != 2 {
		t.Fatalf("old version %+v", check)
	}

	// The agency decides on the re-check; both cases close.
	var d agencyDecisionView
	e.must(200, agency, "POST", re.path("/agency-decision"), map[string]any{"decision": "approve"}, &d)
	if d.ReportID != rep2.ID || d.DecisionLabel != "批准" || d.Removal {
		t.Fatalf("decision %+v", d)
	}
	for _, id := range []int64{c.id, re.id} {
		e.must(200, verifier, "GET", fmt.Sprintf("/api/v1/applications/%d", id), nil, &a)
		if a.Status != hedui.StatusClosed {
			t.Errorf("case %d is %s", id, a.Status)
		}
	}
	if r := e.call(agency, "POST", re.path("/agency-decision"), map[string]any{"decision": "approve"}); r.status != 409 {
		t.Errorf("second decision: %v", r)
	}
}

// TestObjectionWindow: after the window an objection is a 409 that says
// until when it was possible.
func TestObjectionWindow(t *testing.T) {
	e := newEnv(t)
	c := e.caseAt(xiaojin, "reported")
	e.travel(time.Date(2025, 6, 22, 9, 0, 0, 0, hedui.CST)) // issued 06-16: the window ended on 06-21
	body := map[string]any{"department_ids": []int64{e.dept("621002-bank").ID}, "reason": "存款系代管亲属款项"}
	r := e.call(e.as("agency.xifeng"), "POST", c.path("/objection"), body)
	if d := r.errorDetail(); r.status != 409 || d.Code != "objection_window_closed" || !strings.Contains(d.Message, "2025-06-21") {
		t.Fatalf("late objection: %v", r)
	}
	r = e.call(e.as("agency.xifeng"), "POST", c.path("/objection"), map[string]any{"department_ids": []int64{}, "reason": "x"})
	if r.status != 422 {
		t.Errorf("objection without departments: %v", r)
	}
}

// TestWebhookAdmin: administrators register agencies' endpoints; the
// secret is shown once.
func TestWebhookAdmin(t *testing.T) {
	e := newEnv(t)
	admin := e.as("admin")
	var w hedui.Webhook
	e.must(201, admin, "POST", "/api/v1/webhooks", map[string]any{"org_id": e.agencyOrg("agency.xifeng"),
		"url": "https://dibao.example.gov.cn/hedui"}, &w)
	if w.Secret == "" || w.KeyID == "" || w.OrgName != "西峰区民政局低保中心" {
		t.Fatalf("webhook %+v", w)
	}
	var list webhookList
	e.must(200, admin, "GET", "/api/v1/webhooks", nil, &list)
	if len(list.Items) != 1 || list.Items[0].Secret != "" {
		t.Fatalf("list %+v", list)
	}
	if r := e.call(admin, "POST", "/api/v1/webhooks", map[string]any{"org_id": e.agencyOrg("agency.xifeng"),
		"url": "https://x.example/h", "secret": "c2hvcnQ="}); r.status != 422 {
		t.Errorf("short secret: %v", r)
	}
}
