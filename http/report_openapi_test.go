package http

import (
	"encoding/json"
	"testing"
)

// TestOpenAPIDescribesReports checks the report, agency and webhook
// responses against their documented schemas, as
// TestOpenAPIDescribesResponses does for the others.
func TestOpenAPIDescribesReports(t *testing.T) {
	e := newEnv(t)
	var raw map[string]any
	if err := json.Unmarshal(openAPIDoc, &raw); err != nil {
		t.Fatal(err)
	}
	schemas := raw["components"].(map[string]any)["schemas"].(map[string]any)
	admin, agency := e.as("admin"), e.as("agency.xifeng")
	e.must(201, admin, "POST", "/api/v1/webhooks", map[string]any{"org_id": e.agencyOrg("agency.xifeng"), "url": "https://dibao.example.gov.cn/h"}, nil)
	c := e.caseAt(xiaojin, "reported")
	e.must(200, agency, "GET", c.reportPath("/pdf"), nil, nil)
	issued := e.call(e.as("verifier.xifeng"), "POST", c.path("/report"), nil) // a correction: version 2
	reported := e.caseAt(xiaojin, "reported")
	tests := []struct {
		schema string
		r      response
	}{
		{"Report", issued},
		{"Report", e.call(agency, "GET", c.reportPath(""), nil)},
		{"ReportList", e.call(e.as("clerk.xiaojin"), "GET", c.path("/reports"), nil)},
		{"ReportCheck", e.call("", "GET", "/api/v1/reports/verify?code="+c.reportCode, nil)},
		{"ReportCheck", e.call("", "GET", "/api/v1/reports/verify?code=ZZZZ-ZZZZ", nil)},
		{"InboxPage", e.call(agency, "GET", "/api/v1/agency/inbox", nil)},
		{"Objection", e.call(agency, "POST", reported.path("/objection"), map[string]any{
			"department_ids": []int64{e.dept("621002-police").ID}, "reason": "家庭称车辆已报废"})},
		{"AgencyDecision", e.call(agency, "POST", e.caseAt(xiaojin, "reported").path("/agency-decision"), map[string]any{
			"decision": "stop", "note": "核对超标停止救助"})},
		{"InboxPage", e.call(agency, "GET", "/api/v1/agency/inbox?after_id=1", nil)},
		{"WebhookList", e.call(admin, "GET", "/api/v1/webhooks", nil)},
		{"Webhook", e.call(admin, "POST", "/api/v1/webhooks", map[string]any{"org_id": e.agencyOrg("agency.huanxian"), "url": "https://x.example/h"})},
		{"Me", e.call(agency, "GET", "/api/v1/me", nil)},
	}
	for _, tt := range tests {
		t.Run(tt.schema, func(t *testing.T) {
			if tt.r.status >= 400 {
				t.Fatalf("%v", tt.r)
			}
			var v any
			if err := json.Unmarshal(tt.r.body, &v); err != nil {
				t.Fatalf("%v: %v", tt.r, err)
			}
			undocumented(t, schemas, map[string]any{"$ref": "#/components/schemas/" + tt.schema}, v, tt.schema)
		})
	}
}
