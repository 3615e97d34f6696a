package http

import (
	"fmt"
	"slices"

	"hedui"
)

// decideCase confirms a concluded case's latest conclusion as its
// county's verifier, or overrides it when it is incomplete, which cannot
// be confirmed.
func (e *env) decideCase(c caseRef) caseRef {
	e.t.Helper()
	v := e.as(c.place.verifier)
	r := e.call(v, "POST", c.path("/decision"), map[string]any{"conclusion_id": c.conclusionID, "action": "confirm"})
	if r.status == 422 {
		e.must(200, v, "POST", c.path("/decision"), map[string]any{"conclusion_id": c.conclusionID, "action": "override",
			"overall": "clear", "category": "dibao", "benefit_fen": 20000, "reason": "入户调查核实无异常"}, nil)
	} else if r.status != 200 {
		e.t.Fatalf("deciding case %d: %v", c.id, r)
	}
	return c
}

// report issues the report on a decided case as its county's verifier.
func (e *env) report(c caseRef) caseRef {
	e.t.Helper()
	var rep reportJSON
	e.must(201, e.as(c.place.verifier), "POST", c.path("/report"), nil, &rep)
	c.reportID, c.reportCode = rep.ID, rep.Code
	return c
}

// reportJSON is the API's report.
type reportJSON struct {
	hedui.Report
	KindLabel string `json:"kind_label"`
	PDFURL    string `json:"pdf_url"`
	HTMLURL   string `json:"html_url"`
}

// reportPath is a report's address.
func (c caseRef) reportPath(suffix string) string {
	return fmt.Sprintf("/api/v1/reports/%d%s", c.reportID, suffix)
}

// agencyOf is the demo agency of a county.
func agencyOf(county string) string {
	switch county {
	case xiaojin.county:
		return "agency.xifeng"
	case huancheng.county:
		return "agency.huanxian"
	}
	return ""
}

// reportReader: the case's verifiers and clerk see its reports (others of
// their role 404), and so does the agency of its county (another agency
// 404); every other role is refused.
func reportReader(ok int) func(string, caseRef) int {
	return func(acct string, c caseRef) int {
		switch roleOf(acct) {
		case hedui.RoleVerifier, hedui.RoleClerk:
			if inScope(acct, c) {
				return ok
			}
			return 404
		case hedui.RoleAgency:
			if acct == agencyOf(c.place.county) {
				return ok
			}
			return 404
		}
		return 403
	}
}

// caseAgency: only the agency of the case's county may act; another
// agency does not see the case (404), every other role is refused.
func caseAgency(ok int) func(string, caseRef) int {
	return func(acct string, c caseRef) int {
		switch {
		case roleOf(acct) != hedui.RoleAgency:
			return 403
		case acct == agencyOf(c.place.county):
			return ok
		}
		return 404
	}
}

// reportRows are the access-matrix rows of the report, agency and
// webhook routes.
func reportRows(m map[string]matrixRow) {
	const app = "/api/v1/applications/{id}"
	m["POST "+app+"/report"] = matrixRow{
		fixture: stage("decided"),
		req:     func(_ *env, _ string, c caseRef) cell { return cell{path: c.path("/report")} },
		want:    caseVerifier(201),
	}
	m["GET "+app+"/reports"] = matrixRow{
		shared: "reported",
		req:    func(_ *env, _ string, c caseRef) cell { return cell{path: c.path("/reports")} },
		want:   reportReader(200),
	}
	m["POST "+app+"/agency-decision"] = matrixRow{
		fixture: stage("reported"),
		req: func(_ *env, _ string, c caseRef) cell {
			return cell{path: c.path("/agency-decision"), body: map[string]any{"decision": "approve"}}
		},
		want: caseAgency(200),
	}
	m["POST "+app+"/objection"] = matrixRow{
		fixture: stage("reported"),
		req: func(e *env, _ string, c caseRef) cell {
			return cell{path: c.path("/objection"), body: map[string]any{"department_ids": []int64{e.dept(c.place.county + "-police").ID},
				"reason": "家庭称车辆已报废"}}
		},
		want: caseAgency(201),
	}
	m["GET /api/v1/reports/verify"] = matrixRow{
		shared: "reported",
		req: func(_ *env, _ string, c caseRef) cell {
			return cell{path: "/api/v1/reports/verify?code=" + c.reportCode}
		},
		want: always(200),
	}
	m["GET /api/v1/reports/{id}"] = matrixRow{
		shared: "reported",
		req:    func(_ *env, _ string, c caseRef) cell { return cell{path: c.reportPath("")} },
		want:   reportReader(200),
	}
	m["GET /api/v1/reports/{id}/pdf"] = matrixRow{
		shared: "reported",
		req:    func(_ *env, _ string, c caseRef) cell { return cell{path: c.reportPath("/pdf")} },
		want:   reportReader(200),
	}
	m["GET /api/v1/reports/{id}/html"] = matrixRow{
		shared: "reported",
		req:    func(_ *env, _ string, c caseRef) cell { return cell{path: c.reportPath("/html")} },
		want:   reportReader(200),
	}
	m["GET /api/v1/agency/inbox"] = matrixRow{req: fixed("/api/v1/agency/inbox"), want: onlyRole(hedui.RoleAgency, 200)}
	m["GET /api/v1/webhooks"] = matrixRow{req: fixed("/api/v1/webhooks"), want: onlyRole(hedui.RoleAdmin, 200)}
	m["POST /api/v1/webhooks"] = matrixRow{
		req: func(e *env, _ string, _ caseRef) cell {
			e.serial++
			return cell{path: "/api/v1/webhooks", body: map[string]any{"org_id": e.agencyOrg("agency.xifeng"),
				"url": fmt.Sprintf("https://dibao.example.gov.cn/hedui/%d", e.serial)}}
		},
		want: onlyRole(hedui.RoleAdmin, 201),
	}
}

// agencyOrg is the organisation id of a demo agency account.
func (e *env) agencyOrg(acct string) int64 {
	e.t.Helper()
	u, err := e.store.User(e.t.Context(), acct)
	if err != nil || !slices.Contains([]hedui.Role{hedui.RoleAgency}, u.Role) {
		e.t.Fatalf("agency %s: %v", acct, err)
	}
	return u.OrgID
}
