package http

import (
	"fmt"
	"slices"
	"testing"

	"hedui"
	"hedui/demo"
)

// cell is the request one matrix cell sends.
type cell struct {
	path    string
	body    any
	headers []string
}

// matrixRow says how to call one route and what each account must get.
type matrixRow struct {
	// fixture is the state of the case the cell acts on: nil shares the
	// read-only cases; otherwise a fresh case per cell in the stage named
	// (see env.caseAt), because the call changes it.
	fixture func(role hedui.Role) string
	// shared names the stage of the shared read-only case: "" is a
	// draft, "dispatched" a case whose queries the departments have.
	shared string
	// freshToken logs in anew for the cell, for calls that end the session.
	freshToken bool
	req        func(e *env, acct string, c caseRef) cell
	want       func(acct string, c caseRef) int
	// signedReq and wantSigned are required of a route that departments'
	// systems call with a signature instead of a bearer token: the route
	// is also called as each of signedCallers, without a token.
	signedReq  func(e *env, sc signedCaller, c caseRef) cell
	wantSigned func(sc signedCaller, c caseRef) int
}

// signedCaller is a department's system calling a signed route: it signs
// with the env's signer of that name ("" does not sign) and calls the
// address of dept.
type signedCaller struct {
	name, signer, dept string
}

// signedCallers are the callers of signed routes besides the accounts,
// which cannot sign. Only 西峰区's police and bank have keys (see
// newCallbackKeys).
var signedCallers = []signedCaller{
	{name: "unsigned", dept: "621002-police"},
	{name: "police", signer: "621002-police", dept: "621002-police"},
	{name: "bank", signer: "621002-bank", dept: "621002-bank"},
	{name: "bank at the police's address", signer: "621002-bank", dept: "621002-police"},
	{name: "impostor with the police's key id", signer: "impostor", dept: "621002-police"},
	{name: "环县 police, without keys", signer: "621002-police", dept: "621022-police"},
}

// sees is who may see which township's cases: the expectation written out
// by hand, not derived from the code under test.
var sees = map[string][]string{
	"clerk.xiaojin":     {xiaojin.township},
	"clerk.dongzhi":     {},
	"clerk.huanxian":    {huancheng.township},
	"verifier.xifeng":   {xiaojin.township},
	"verifier.huanxian": {huancheng.township},
	"verifier.city":     {xiaojin.township, huancheng.township},
	"admin":             {},
	"auditor":           {},
	"liaison.police":    {},
	"liaison.bank":      {},
	"agency.xifeng":     {},
	"agency.huanxian":   {},
}

// allAccounts are the demo logins the matrix calls as: the staff and the
// department liaisons.
func allAccounts() []demo.Account {
	return append(slices.Clone(demo.Accounts), demo.LiaisonAccounts...)
}

func roleOf(acct string) hedui.Role {
	for _, a := range allAccounts() {
		if a.Username == acct {
			return a.Role
		}
	}
	panic("unknown demo account " + acct)
}

func townshipOf(acct string) string {
	for _, a := range allAccounts() {
		if a.Username == acct {
			return a.Division
		}
	}
	panic("unknown demo account " + acct)
}

func inScope(acct string, c caseRef) bool { return slices.Contains(sees[acct], c.place.township) }

// Expectation policies.

func always(status int) func(string, caseRef) int {
	return func(string, caseRef) int { return status }
}

func onlyRole(role hedui.Role, ok int) func(string, caseRef) int {
	return func(acct string, _ caseRef) int {
		if roleOf(acct) == role {
			return ok
		}
		return 403
	}
}

// caseUser: clerks and verifiers get ok inside their region and 404
// outside (the case's existence is not revealed); other roles get 403.
func caseUser(ok int) func(string, caseRef) int {
	return func(acct string, c caseRef) int {
		switch {
		case !slices.Contains(caseRoles, roleOf(acct)):
			return 403
		case inScope(acct, c):
			return ok
		}
		return 404
	}
}

// caseClerk: only the clerk of the case's township may write; other
// clerks get 404, every other role 403.
func caseClerk(ok int) func(string, caseRef) int {
	return func(acct string, c caseRef) int {
		switch {
		case roleOf(acct) != hedui.RoleClerk:
			return 403
		case inScope(acct, c):
			return ok
		}
		return 404
	}
}

func draft(hedui.Role) string { return "draft" }

func stage(name string) func(hedui.Role) string { return func(hedui.Role) string { return name } }

// someRoles: the listed roles get ok, every other 403.
func someRoles(ok int, roles ...hedui.Role) func(string, caseRef) int {
	return func(acct string, _ caseRef) int {
		if slices.Contains(roles, roleOf(acct)) {
			return ok
		}
		return 403
	}
}

// caseVerifier: verifiers get ok inside their region and 404 outside;
// every other role 403.
func caseVerifier(ok int) func(string, caseRef) int {
	return func(acct string, c caseRef) int {
		switch {
		case roleOf(acct) != hedui.RoleVerifier:
			return 403
		case inScope(acct, c):
			return ok
		}
		return 404
	}
}

// countyVerifier: only the verifier of the case's county may act; the
// verifier of another county does not see the case (404), the city
// centre's is refused (403), like every other role.
func countyVerifier(ok int) func(string, caseRef) int {
	return func(acct string, c caseRef) int {
		switch {
		case roleOf(acct) != hedui.RoleVerifier || townshipOf(acct) == demo.City:
			return 403
		case townshipOf(acct) == c.place.county:
			return ok
		}
		return 404
	}
}

// ownQuery: the query of the cell is the case's to 公安 of its county.
// Its liaison and the verifiers of the case see it; another liaison, or a
// verifier elsewhere, gets 404; other roles 403.
func ownQuery(liaisonOK, verifierOK int) func(string, caseRef) int {
	return func(acct string, c caseRef) int {
		switch roleOf(acct) {
		case hedui.RoleLiaison:
			if d := liaisonDept(acct); d != nil && d.code == c.place.county+"-police" {
				return liaisonOK
			}
			return 404
		case hedui.RoleVerifier:
			if verifierOK == 403 {
				return 403
			}
			if inScope(acct, c) {
				return verifierOK
			}
			return 404
		}
		return 403
	}
}

// signedRoute reports whether a route is authenticated by a department's
// signature.
func (s *Server) signedRoute(r Route) bool {
	for _, e := range s.endpoints {
		if e.method == r.Method && e.pattern == r.Pattern {
			return e.signed
		}
	}
	return false
}

// matrixCallback is a callback document answering the first subject's
// vehicles in the case's query to 公安 of its county.
func (e *env) matrixCallback(c caseRef) []byte {
	q := e.queryOf(c, c.place.county+"-police")
	return callbackBody(e.t, q, noRecordWire(q.Subjects[0].Ref, hedui.ItemVehicle))
}

// policeQuery is the case's query to 公安 of its county.
func policeQuery(c caseRef) string { return c.queries[c.place.county+"-police"] }

// departmentBody is the test department of code as a PUT body.
func departmentBody(t testDept) map[string]any {
	a := testAgreement(t.code)
	return map[string]any{"code": t.code, "name": t.name, "level": "county", "division_code": t.division,
		"items": t.items, "channel": "manual", "reply_days": 7,
		"agreement": map[string]any{"number": a.Number, "signed_on": a.SignedOn, "valid_from": a.ValidFrom}}
}

func testDeptOf(code string) testDept {
	for _, t := range testDepts {
		if t.code == code {
			return t
		}
	}
	panic("no test department " + code)
}

func fixed(path string) func(*env, string, caseRef) cell {
	return func(*env, string, caseRef) cell { return cell{path: path} }
}

// freshUser creates an account for a user-management cell to act on, so
// that cells do not depend on each other's order.
func (e *env) freshUser(disabled bool) string {
	e.t.Helper()
	e.serial++
	name := fmt.Sprintf("matrix.%d", e.serial)
	e.must(201, e.as("admin"), "POST", "/api/v1/users", e.newUserBody(name), nil)
	if disabled {
		e.must(204, e.as("admin"), "POST", "/api/v1/users/"+name+"/disable", nil, nil)
	}
	return name
}

// newUserBody is a clerk of 肖金镇's office.
func (e *env) newUserBody(name string) map[string]any {
	return map[string]any{"username": name, "display_name": "测试账户", "role": "clerk", "org_id": e.orgID, "password": "matrix-pass-1"}
}

func accessMatrix() map[string]matrixRow {
	const app = "/api/v1/applications/{id}"
	m := map[string]matrixRow{
		"GET /healthz":             {req: fixed("/healthz"), want: always(200)},
		"GET /api/v1/openapi.json": {req: fixed("/api/v1/openapi.json"), want: always(200)},
		"POST /api/v1/login": {
			req: func(_ *env, acct string, _ caseRef) cell {
				return cell{path: "/api/v1/login", body: loginRequest{Username: acct, Password: demo.Password}}
			},
			want: always(200),
		},
		"POST /api/v1/logout":   {freshToken: true, req: fixed("/api/v1/logout"), want: always(204)},
		"GET /api/v1/me":        {req: fixed("/api/v1/me"), want: always(200)},
		"GET /api/v1/divisions": {req: fixed("/api/v1/divisions"), want: always(200)},
		"GET /api/v1/applications": {
			req: func(_ *env, _ string, c caseRef) cell {
				return cell{path: "/api/v1/applications?township=" + c.place.township}
			},
			want: func(acct string, _ caseRef) int {
				if slices.Contains(caseRoles, roleOf(acct)) {
					return 200
				}
				return 403
			},
		},
		"POST /api/v1/applications": {
			req: func(e *env, _ string, c caseRef) cell {
				return cell{path: "/api/v1/applications", body: e.newApplicationBody(c.place)}
			},
			want: func(acct string, c caseRef) int {
				switch {
				case roleOf(acct) != hedui.RoleClerk:
					return 403
				case townshipOf(acct) == c.place.township:
					return 201
				}
				return 403 // a clerk registers only in his own township
			},
		},
		"GET " + app: {
			req:  func(_ *env, _ string, c caseRef) cell { return cell{path: c.path("")} },
			want: caseUser(200),
		},
		"POST " + app + "/members": {
			fixture: draft,
			req: func(e *env, _ string, c caseRef) cell {
				m := map[string]any{"name": "王示例", "id_number": e.newIDNumber(c.place.county), "relationship": "child", "hukou_type": "rural"}
				return cell{path: c.path("/members"), body: map[string]any{"members": []any{m}}}
			},
			want: caseClerk(201),
		},
		"DELETE " + app + "/members/{memberID}": {
			fixture: draft,
			req: func(_ *env, _ string, c caseRef) cell {
				return cell{path: c.path(fmt.Sprintf("/members/%d", c.memberID))}
			},
			want: caseClerk(200),
		},
		"PUT " + app + "/declaration": {
			fixture: draft,
			req: func(_ *env, _ string, c caseRef) cell {
				d := map[string]any{"incomes": []any{}, "assets": []any{map[string]any{"kind": "deposit", "value_fen": 500000}}}
				return cell{path: c.path("/declaration"), body: d}
			},
			want: caseClerk(200),
		},
		"POST " + app + "/letters": {
			fixture: draft,
			req: func(_ *env, _ string, c caseRef) cell {
				return cell{path: c.path("/letters"), body: letterBody(c.idNumbers)}
			},
			want: caseClerk(201),
		},
		"PUT " + app + "/letters/{letterID}/scan": {
			fixture: draft,
			req: func(_ *env, _ string, c caseRef) cell {
				return cell{path: c.path(fmt.Sprintf("/letters/%d/scan", c.letterID)), body: minimalPDF,
					headers: []string{"Content-Type", "application/pdf"}}
			},
			want: caseClerk(200),
		},
		"GET " + app + "/letters/{letterID}/scan": {
			req: func(_ *env, _ string, c caseRef) cell {
				return cell{path: c.path(fmt.Sprintf("/letters/%d/scan", c.letterID))}
			},
			want: caseUser(200),
		},
		"POST " + app + "/transitions": {
			// Each role takes the step that is its own: the clerk submits a
			// complete draft, the verifier returns a submitted case.
			fixture: func(role hedui.Role) string {
				if role == hedui.RoleVerifier {
					return "submitted"
				}
				return "draft"
			},
			req: func(_ *env, acct string, c caseRef) cell {
				body := map[string]string{"action": "submit"}
				if roleOf(acct) == hedui.RoleVerifier {
					body = map[string]string{"action": "return", "comment": "请补充收入证明"}
				}
				return cell{path: c.path("/transitions"), body: body}
			},
			want: caseUser(200),
		},
		"POST " + app + "/dispatch": {
			fixture: stage("accepted"),
			req: func(_ *env, _ string, c caseRef) cell {
				return cell{path: c.path("/dispatch"), body: map[string]string{"level": "county"}}
			},
			want: caseVerifier(201),
		},
		"GET " + app + "/queries": {
			shared: "dispatched",
			req:    func(_ *env, _ string, c caseRef) cell { return cell{path: c.path("/queries")} },
			want:   caseUser(200),
		},
		"GET " + app + "/answers": {
			shared: "dispatched",
			req:    func(_ *env, _ string, c caseRef) cell { return cell{path: c.path("/answers")} },
			want:   caseUser(200),
		},
		"POST " + app + "/city-flag": {
			fixture: stage("accepted"),
			req: func(_ *env, _ string, c caseRef) cell {
				return cell{path: c.path("/city-flag"), body: map[string]any{"need": true, "reason": "户籍在外县区"}}
			},
			want: countyVerifier(204),
		},
		"POST " + app + "/evaluate": {
			fixture: stage("verified"),
			req:     func(_ *env, _ string, c caseRef) cell { return cell{path: c.path("/evaluate")} },
			want:    caseVerifier(201),
		},
		"GET " + app + "/conclusions": {
			req:  func(_ *env, _ string, c caseRef) cell { return cell{path: c.path("/conclusions")} },
			want: caseUser(200),
		},
		"POST " + app + "/decision": {
			fixture: stage("concluded"),
			req: func(_ *env, _ string, c caseRef) cell {
				return cell{path: c.path("/decision"), body: map[string]any{"conclusion_id": c.conclusionID, "action": "confirm"}}
			},
			want: caseVerifier(200),
		},
		"GET /api/v1/policies": {
			req:  fixed("/api/v1/policies"),
			want: someRoles(200, hedui.RoleAdmin, hedui.RoleVerifier, hedui.RoleAuditor),
		},
		"GET /api/v1/policies/{id}": {
			req: func(e *env, _ string, c caseRef) cell {
				return cell{path: fmt.Sprintf("/api/v1/policies/%d", e.policyOf(c.place.county).ID)}
			},
			want: policyReader,
		},
		"POST /api/v1/policies": {
			req: func(e *env, _ string, c caseRef) cell {
				return cell{path: "/api/v1/policies", body: examplePolicy(c.place.county, hedui.HukouRural)}
			},
			want: onlyRole(hedui.RoleAdmin, 201),
		},
		"POST /api/v1/policies/dry-run": {
			req: func(e *env, _ string, c caseRef) cell {
				e.ensurePolicies(c.place.county)
				draft := examplePolicy(c.place.county, hedui.HukouRural)
				draft.StandardMonthlyFen += 5000
				return cell{path: "/api/v1/policies/dry-run", body: draft}
			},
			want: policyTrier,
		},
		"GET /api/v1/departments": {
			req:  fixed("/api/v1/departments"),
			want: someRoles(200, hedui.RoleAdmin, hedui.RoleVerifier, hedui.RoleAuditor, hedui.RoleLiaison),
		},
		"POST /api/v1/departments": {
			req: func(e *env, _ string, _ caseRef) cell {
				e.serial++
				return cell{path: "/api/v1/departments", body: map[string]any{
					"code": fmt.Sprintf("621021-t%d", e.serial), "name": fmt.Sprintf("庆城县测试部门%d", e.serial), "level": "county",
					"division_code": "621021", "items": []string{"tax"}, "channel": "manual"}}
			},
			want: onlyRole(hedui.RoleAdmin, 201),
		},
		"GET /api/v1/departments/{id}": {
			req: func(e *env, _ string, c caseRef) cell {
				return cell{path: fmt.Sprintf("/api/v1/departments/%d", e.dept(c.place.county+"-police").ID)}
			},
			want: func(acct string, c caseRef) int {
				if roleOf(acct) == hedui.RoleLiaison {
					return ownQuery(200, 200)(acct, c)
				}
				return someRoles(200, hedui.RoleAdmin, hedui.RoleVerifier, hedui.RoleAuditor)(acct, c)
			},
		},
		"PUT /api/v1/departments/{id}": {
			req: func(e *env, _ string, c caseRef) cell {
				code := c.place.county + "-police"
				return cell{path: fmt.Sprintf("/api/v1/departments/%d", e.dept(code).ID), body: departmentBody(testDeptOf(code))}
			},
			want: onlyRole(hedui.RoleAdmin, 200),
		},
		"GET /api/v1/exchange/queries": {
			req:  fixed("/api/v1/exchange/queries"),
			want: someRoles(200, hedui.RoleVerifier, hedui.RoleLiaison),
		},
		"GET /api/v1/exchange/queries/{queryID}": {
			shared: "dispatched",
			req: func(_ *env, _ string, c caseRef) cell {
				return cell{path: "/api/v1/exchange/queries/" + policeQuery(c)}
			},
			want: ownQuery(200, 200),
		},
		"POST /api/v1/exchange/queries/{queryID}/answers": {
			shared: "dispatched",
			req: func(e *env, _ string, c caseRef) cell {
				q := e.queryOf(c, c.place.county+"-police")
				body := map[string]any{"answers": []any{map[string]any{"subject_ref": q.Subjects[0].Ref, "item": "hukou", "no_record": true}}}
				return cell{path: "/api/v1/exchange/queries/" + q.ID + "/answers", body: body}
			},
			want: ownQuery(200, 403),
		},
		"POST /api/v1/exchange/answer-files": {
			// A liaison may upload any file; answers to another
			// department's query come back as problems, not as a refusal.
			shared: "dispatched",
			req: func(e *env, _ string, c caseRef) cell {
				q := e.queryOf(c, c.place.county+"-police")
				csv := e.answerCSV(q, []hedui.Answer{noRecord(q, q.Subjects[1].Ref, hedui.ItemVehicle, "2025-06-16")})
				return cell{path: "/api/v1/exchange/answer-files?filename=反馈.csv", body: csv, headers: []string{"Content-Type", "text/csv"}}
			},
			want: onlyRole(hedui.RoleLiaison, 200),
		},
		"GET /api/v1/exchange/request-file": {
			req:  fixed("/api/v1/exchange/request-file?format=csv"),
			want: onlyRole(hedui.RoleLiaison, 200),
		},
		"GET /api/v1/exchange/overdue": {
			req:  fixed("/api/v1/exchange/overdue"),
			want: someRoles(200, hedui.RoleVerifier, hedui.RoleLiaison),
		},
		"POST /api/v1/exchange/reminders": {req: fixed("/api/v1/exchange/reminders"), want: onlyRole(hedui.RoleVerifier, 200)},
		"POST /api/v1/exchange/callback/{deptCode}": {
			// The case's police query answered by callback. No account can
			// sign: a bearer token gets 401 like no token at all.
			shared: "dispatched",
			req: func(e *env, _ string, c caseRef) cell {
				return e.signedCell("", "621002-police", e.matrixCallback(c))
			},
			want: always(401),
			signedReq: func(e *env, sc signedCaller, c caseRef) cell {
				return e.signedCell(sc.signer, sc.dept, e.matrixCallback(c))
			},
			// Only the police of 西峰区 may answer, and only its own query:
			// 环县's goes to 环县's police.
			wantSigned: func(sc signedCaller, c caseRef) int {
				switch {
				case sc.signer == "" || sc.signer == "impostor" || sc.signer != sc.dept:
					return 401
				case sc.dept != c.place.county+"-police":
					return 403
				}
				return 200
			},
		},
		"GET /api/v1/exchange/share-ratios": {
			req:  fixed("/api/v1/exchange/share-ratios"),
			want: someRoles(200, hedui.RoleVerifier, hedui.RoleAdmin, hedui.RoleAuditor),
		},
		// Counts only: a county's staff get their county, the city's the city.
		"GET /api/v1/dashboard": {
			req:  fixed("/api/v1/dashboard"),
			want: someRoles(200, hedui.RoleVerifier, hedui.RoleAdmin, hedui.RoleAuditor),
		},
		"GET /api/v1/escalations": {req: fixed("/api/v1/escalations"), want: onlyRole(hedui.RoleVerifier, 200)},
		"POST /api/v1/escalations": {
			fixture: stage("flagged"),
			req: func(_ *env, _ string, c caseRef) cell {
				return cell{path: "/api/v1/escalations", body: map[string]any{"county_code": c.place.county}}
			},
			// A county's own centre sends its cases up; the city centre may
			// take them up itself for the counties it oversees.
			want: func(acct string, c caseRef) int {
				if roleOf(acct) == hedui.RoleVerifier && inScope(acct, c) {
					return 200
				}
				return 403
			},
		},
		"GET /api/v1/holidays/{year}": {req: fixed("/api/v1/holidays/2025"), want: always(200)},
		"PUT /api/v1/holidays/{year}": {
			req: func(*env, string, caseRef) cell {
				return cell{path: "/api/v1/holidays/2030", body: map[string]any{"days": []map[string]any{
					{"date": "2030-01-01", "workday": false, "name": "元旦"}}}}
			},
			want: onlyRole(hedui.RoleAdmin, 200),
		},
		"GET /api/v1/audit":         {req: fixed("/api/v1/audit?limit=5"), want: onlyRole(hedui.RoleAuditor, 200)},
		"POST /api/v1/audit/verify": {req: fixed("/api/v1/audit/verify"), want: onlyRole(hedui.RoleAuditor, 200)},
		"GET /api/v1/users":         {req: fixed("/api/v1/users"), want: onlyRole(hedui.RoleAdmin, 200)},
		"POST /api/v1/users": {
			req: func(e *env, _ string, _ caseRef) cell {
				e.serial++
				return cell{path: "/api/v1/users", body: e.newUserBody(fmt.Sprintf("made.%d", e.serial))}
			},
			want: onlyRole(hedui.RoleAdmin, 201),
		},
		"POST /api/v1/users/{username}/password": {
			req: func(e *env, _ string, _ caseRef) cell {
				return cell{path: "/api/v1/users/" + e.freshUser(false) + "/password", body: map[string]string{"password": "another-pass-2"}}
			},
			want: onlyRole(hedui.RoleAdmin, 204),
		},
		"POST /api/v1/users/{username}/disable": {
			req: func(e *env, _ string, _ caseRef) cell {
				return cell{path: "/api/v1/users/" + e.freshUser(false) + "/disable"}
			},
			want: onlyRole(hedui.RoleAdmin, 204),
		},
		"POST /api/v1/users/{username}/enable": {
			req: func(e *env, _ string, _ caseRef) cell {
				return cell{path: "/api/v1/users/" + e.freshUser(true) + "/enable"}
			},
			want: onlyRole(hedui.RoleAdmin, 204),
		},
	}
	reportRows(m)
	rollRows(m)
	recheckRows(m)
	return m
}

// TestAccessMatrix calls every registered route as every demo account
// against a case in 肖金镇 (西峰区) and one in 环城镇 (环县). A route missing
// from the matrix fails the test, so a new endpoint cannot ship without a
// decision about who may call it.
func TestAccessMatrix(t *testing.T) {
	e := newEnv(t)
	accounts := allAccounts()
	if len(accounts) != len(sees) {
		t.Fatalf("demo has %d accounts, the matrix knows %d: add the new ones to sees", len(accounts), len(sees))
	}
	shared := map[string]map[string]caseRef{"": {}, "dispatched": {}, "reported": {}}
	for _, p := range []place{xiaojin, huancheng} {
		shared[""][p.township] = e.newCase(p, false)
		shared["dispatched"][p.township] = e.caseAt(p, "dispatched")
		shared["reported"][p.township] = e.caseAt(p, "reported")
	}
	matrix := accessMatrix()
	registered := map[string]bool{}
	for _, r := range e.server.Routes() {
		key := r.Method + " " + r.Pattern
		registered[key] = true
		row, ok := matrix[key]
		if !ok {
			t.Errorf("route %s is not in the access matrix; add a row saying who may call it", key)
			continue
		}
		for _, a := range accounts {
			for _, p := range []place{xiaojin, huancheng} {
				c := shared[row.shared][p.township]
				if row.fixture != nil {
					c = e.caseAt(p, row.fixture(a.Role))
				}
				tok := e.as(a.Username)
				if row.freshToken {
					tok = e.login(a.Username)
				}
				req := row.req(e, a.Username, c)
				got := e.call(tok, r.Method, req.path, req.body, req.headers...)
				if want := row.want(a.Username, c); got.status != want {
					t.Errorf("%s as %s on the %s case: got %v, want %d", key, a.Username, p.name, got, want)
				}
			}
		}
		switch signed, has := e.server.signedRoute(r), row.signedReq != nil && row.wantSigned != nil; {
		case signed && !has:
			t.Errorf("route %s is called with a department's signature; give its row signedReq and wantSigned", key)
			continue
		case !signed && (row.signedReq != nil || row.wantSigned != nil):
			t.Errorf("route %s takes a bearer token; its row must not have signed callers", key)
			continue
		}
		for _, sc := range signedCallers {
			if row.signedReq == nil {
				break
			}
			for _, p := range []place{xiaojin, huancheng} {
				c := shared[row.shared][p.township]
				if row.fixture != nil {
					c = e.caseAt(p, row.fixture(""))
				}
				req := row.signedReq(e, sc, c)
				got := e.call("", r.Method, req.path, req.body, req.headers...)
				if want := row.wantSigned(sc, c); got.status != want {
					t.Errorf("%s as %s on the %s case: got %v, want %d", key, sc.name, p.name, got, want)
				}
			}
		}
	}
	for key := range matrix {
		if !registered[key] {
			t.Errorf("matrix row %s has no registered route", key)
		}
	}
}

// TestListsStayInRegion checks every list an account can get: no case
// outside its region, and every case inside it.
func TestListsStayInRegion(t *testing.T) {
	e := newEnv(t)
	cases := []caseRef{e.newCase(xiaojin, false), e.newCase(xiaojin, true), e.newCase(huancheng, true)}
	for _, a := range demo.Accounts {
		if !slices.Contains(caseRoles, a.Role) {
			continue // refused outright, checked by the matrix
		}
		for _, query := range []string{"", "?status=submitted", "?township=" + xiaojin.township, "?township=" + huancheng.township} {
			page := e.list(e.as(a.Username), query)
			got := map[int64]bool{}
			for _, s := range page.Items {
				got[s.ID] = true
				if !slices.Contains(sees[a.Username], s.Region.Township) {
					t.Errorf("%s list%s shows case %d in %s, outside its region", a.Username, query, s.ID, s.Region.Township)
				}
			}
			if query != "" {
				continue
			}
			for _, c := range cases {
				if inScope(a.Username, c) && !got[c.id] {
					t.Errorf("%s list misses case %d in its region", a.Username, c.id)
				}
			}
		}
	}
}
