package http

import (
	"hedui"
)

// recheckRows are the access-matrix rows of re-verification. The demo has
// no roll, so a round cannot start (422) and ids name nothing (404):
// what the matrix checks is who gets past the role and region checks.
func recheckRows(m map[string]matrixRow) {
	const missing = "/999999"
	verifierSees := func(ok int) func(string, caseRef) int { return onlyRole(hedui.RoleVerifier, ok) }
	// Only the verifiers of 西峰区 and of the city may act on 西峰区.
	xifeng := func(ok int) func(string, caseRef) int {
		return func(acct string, _ caseRef) int {
			if roleOf(acct) == hedui.RoleVerifier && acct != "verifier.huanxian" {
				return ok
			}
			return 403
		}
	}
	rows := map[string]matrixRow{
		"GET /api/v1/rechecks": {req: fixed("/api/v1/rechecks"), want: verifierSees(200)},
		"POST /api/v1/rechecks": {req: func(*env, string, caseRef) cell {
			return cell{path: "/api/v1/rechecks", body: map[string]any{"scope_code": "621002"}}
		}, want: xifeng(422)},
		"GET /api/v1/rechecks/{id}":                  {req: fixed("/api/v1/rechecks" + missing), want: verifierSees(404)},
		"GET /api/v1/rechecks/{id}/excluded":         {req: fixed("/api/v1/rechecks" + missing + "/excluded"), want: verifierSees(404)},
		"GET /api/v1/recheck-warnings":               {req: fixed("/api/v1/recheck-warnings"), want: verifierSees(200)},
		"GET /api/v1/recheck-warnings/{id}":          {req: fixed("/api/v1/recheck-warnings" + missing), want: verifierSees(404)},
		"GET /api/v1/recheck-schedules":              {req: fixed("/api/v1/recheck-schedules"), want: verifierSees(200)},
		"GET /api/v1/recheck-coverage":               {req: fixed("/api/v1/recheck-coverage"), want: verifierSees(200)},
		"GET /api/v1/recheck-exits":                  {req: fixed("/api/v1/recheck-exits"), want: someRoles(200, hedui.RoleVerifier, hedui.RoleAgency)},
		"POST /api/v1/recheck-warnings/{id}/dismiss": {req: withBody("/api/v1/recheck-warnings"+missing+"/dismiss", map[string]any{"note": "已核实"}), want: verifierSees(404)},
		"POST /api/v1/recheck-warnings/{id}/exit":    {req: withBody("/api/v1/recheck-warnings"+missing+"/exit", map[string]any{"reason": "车辆"}), want: verifierSees(404)},
		"POST /api/v1/recheck-exits/{id}/decision":   {req: withBody("/api/v1/recheck-exits"+missing+"/decision", map[string]any{"approve": true}), want: onlyRole(hedui.RoleAgency, 404)},
		// A round's files: the verifiers and the liaisons get past the
		// role check, and the store finds no such round for them.
		"GET /api/v1/rechecks/{id}/departments/{deptID}/request-file": {
			req: fixed("/api/v1/rechecks" + missing + "/departments/1/request-file"), want: someRoles(404, hedui.RoleVerifier, hedui.RoleLiaison)},
		"POST /api/v1/rechecks/{id}/departments/{deptID}/answer-file": {req: func(*env, string, caseRef) cell {
			return cell{path: "/api/v1/rechecks" + missing + "/departments/1/answer-file", body: []byte("查询编号\r\n"),
				headers: []string{"Content-Type", "text/csv"}}
		}, want: someRoles(404, hedui.RoleVerifier, hedui.RoleLiaison)},
		"PUT /api/v1/recheck-schedules": {req: withBody("/api/v1/recheck-schedules",
			hedui.ExampleRecheckSchedule("621002", hedui.CategoryDibao, policyStart)), want: xifeng(200)},
	}
	for k, v := range rows {
		m[k] = v
	}
}

// withBody is a fixed path with a fixed body.
func withBody(path string, body any) func(*env, string, caseRef) cell {
	return func(*env, string, caseRef) cell { return cell{path: path, body: body} }
}
