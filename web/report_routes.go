package web

import "hedui"

// reportRoutes are the verifier's conclusion and report steps on the
// case page (verify.go) and the reports with the agency's inbox,
// decision and objection (report_pages.go). The store scopes every one:
// a case or report outside the caller's region is "not found".
func (s *Server) reportRoutes() []route {
	const app = "/applications/{id}"
	verifierOnly := []hedui.Role{hedui.RoleVerifier}
	agencyOnly := []hedui.Role{hedui.RoleAgency}
	reportReaders := []hedui.Role{hedui.RoleClerk, hedui.RoleVerifier, hedui.RoleAgency}
	return []route{
		{method: "POST", pattern: app + "/dispatch", purpose: "发起核对", roles: verifierOnly, h: s.handleVerifyDispatch},
		{method: "POST", pattern: app + "/evaluate", purpose: "生成核对结论", roles: verifierOnly, h: s.handleVerifyEvaluate},
		{method: "POST", pattern: app + "/decision", purpose: "确认核对结论", roles: verifierOnly, h: s.handleVerifyDecision},
		{method: "POST", pattern: app + "/report", purpose: "出具核对报告", roles: verifierOnly, h: s.handleVerifyIssue},
		{method: "GET", pattern: "/agency/inbox", purpose: "报告收件箱", roles: agencyOnly, h: s.handleAgencyInbox},
		{method: "GET", pattern: "/reports/{id}", purpose: "查看核对报告", roles: reportReaders, h: s.handleReportShow},
		{method: "GET", pattern: "/reports/{id}/pdf", purpose: "下载核对报告", roles: reportReaders, h: s.handleReportPDF},
		{method: "GET", pattern: "/reports/{id}/html", purpose: "查看核对报告", roles: reportReaders, h: s.handleReportHTML},
		{method: "POST", pattern: "/reports/{id}/decision", purpose: "经办机构决定", roles: agencyOnly, h: s.handleAgencyDecision},
		{method: "POST", pattern: "/reports/{id}/objection", purpose: "提出异议", roles: agencyOnly, h: s.handleAgencyObjection},
	}
}
