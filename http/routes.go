package http

import (
	stdhttp "net/http"
	"slices"
	"strings"

	"hedui"
)

// handlerFunc is a public handler; a returned error becomes the JSON error
// response, so handlers never write errors themselves.
type handlerFunc func(w stdhttp.ResponseWriter, r *stdhttp.Request) error

// actorFunc is a handler that runs for an authenticated caller.
type actorFunc func(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error

// endpoint is one row of the route table. A nil roles list admits every
// authenticated role; public endpoints take no bearer token at all, and
// those also signed authenticate the caller by a department's signature
// instead (the handler checks it).
type endpoint struct {
	method  string
	pattern string
	public  bool
	signed  bool
	purpose string // the audit purpose when the X-Hedui-Purpose header is absent
	roles   []hedui.Role
	serve   handlerFunc
	act     actorFunc
}

// Role groups used by the table. Case data is for clerks and verifiers
// only; admins and auditors see none (hedui.Actor.CaseScope).
var (
	caseRoles    = []hedui.Role{hedui.RoleClerk, hedui.RoleVerifier}
	clerkOnly    = []hedui.Role{hedui.RoleClerk}
	verifierOnly = []hedui.Role{hedui.RoleVerifier}
	liaisonOnly  = []hedui.Role{hedui.RoleLiaison}
	adminOnly    = []hedui.Role{hedui.RoleAdmin}
	auditorsOnly = []hedui.Role{hedui.RoleAuditor}
	// Departments and agreements are read by those who work with them; a
	// liaison sees only his own (the store scopes it).
	departmentReaders = []hedui.Role{hedui.RoleAdmin, hedui.RoleVerifier, hedui.RoleAuditor, hedui.RoleLiaison}
	// Queries are seen by the centre's verifiers and the liaisons they are
	// addressed to.
	queryRoles = []hedui.Role{hedui.RoleVerifier, hedui.RoleLiaison}
	// The share ratio is a dashboard figure without personal data.
	ratioRoles = []hedui.Role{hedui.RoleVerifier, hedui.RoleAdmin, hedui.RoleAuditor}
	// Policy parameters are read by those who set, apply and check them;
	// a draft is tried by those who set or apply them.
	policyReaders = []hedui.Role{hedui.RoleAdmin, hedui.RoleVerifier, hedui.RoleAuditor}
	policyTriers  = []hedui.Role{hedui.RoleAdmin, hedui.RoleVerifier}
	// Reports are read by the centre that issues them, the township that
	// registered the case and the agency that decides on it; the store
	// scopes each to his region.
	reportReaders = []hedui.Role{hedui.RoleVerifier, hedui.RoleClerk, hedui.RoleAgency}
	agencyOnly    = []hedui.Role{hedui.RoleAgency}
	// 清退 recommendations are made by verifiers and decided by agencies.
	exitRoles = []hedui.Role{hedui.RoleVerifier, hedui.RoleAgency}
	// A round's files are exchanged by the department's liaisons and the
	// verifiers of its scope (the store checks which).
	roundFileRoles = []hedui.Role{hedui.RoleVerifier, hedui.RoleLiaison}
)

func public(method, pattern string, h handlerFunc) endpoint {
	return endpoint{method: method, pattern: pattern, public: true, serve: h}
}

// signed is a row for departments' systems: no bearer token, the handler
// verifies the department's signature.
func signed(method, pattern string, h handlerFunc) endpoint {
	return endpoint{method: method, pattern: pattern, public: true, signed: true, serve: h}
}

func authed(method, pattern, purpose string, roles []hedui.Role, h actorFunc) endpoint {
	return endpoint{method: method, pattern: pattern, purpose: purpose, roles: roles, act: h}
}

// routes is the route table: the single list that the mux, Routes, the
// OpenAPI test and the access-matrix test all read.
func (s *Server) routes() []endpoint {
	const (
		app = "/api/v1/applications/{id}"
		ex  = "/api/v1/exchange"
	)
	return []endpoint{
		public("GET", "/healthz", s.handleHealthz),
		public("GET", "/api/v1/openapi.json", s.handleOpenAPI),
		public("POST", "/api/v1/login", s.handleLogin),
		authed("POST", "/api/v1/logout", "退出登录", nil, s.handleLogout),
		authed("GET", "/api/v1/me", "查看本人账户", nil, s.handleMe),
		authed("GET", "/api/v1/divisions", "查看行政区划", nil, s.handleDivisionList),
		authed("GET", "/api/v1/applications", "受理审核", caseRoles, s.handleApplicationList),
		authed("POST", "/api/v1/applications", "受理登记", clerkOnly, s.handleApplicationCreate),
		authed("GET", app, "受理审核", caseRoles, s.handleApplicationGet),
		authed("POST", app+"/members", "受理登记", clerkOnly, s.handleMemberAdd),
		authed("DELETE", app+"/members/{memberID}", "受理登记", clerkOnly, s.handleMemberRemove),
		authed("PUT", app+"/declaration", "受理登记", clerkOnly, s.handleDeclarationPut),
		authed("POST", app+"/letters", "登记授权书", clerkOnly, s.handleLetterCreate),
		authed("PUT", app+"/letters/{letterID}/scan", "上传授权书扫描件", clerkOnly, s.handleLetterScanPut),
		authed("GET", app+"/letters/{letterID}/scan", "查看授权书扫描件", caseRoles, s.handleLetterScanGet),
		authed("POST", app+"/transitions", "受理审核", caseRoles, s.handleApplicationTransition),
		authed("POST", app+"/dispatch", "发起信息核对", verifierOnly, s.handleApplicationDispatch),
		authed("GET", app+"/queries", "查看核对进度", caseRoles, s.handleApplicationQueries),
		authed("GET", app+"/answers", "查看部门反馈", caseRoles, s.handleApplicationAnswers),
		authed("POST", app+"/city-flag", "市级协查标记", verifierOnly, s.handleApplicationCityFlag),
		authed("POST", app+"/evaluate", "出具核对结论", verifierOnly, s.handleApplicationEvaluate),
		authed("GET", app+"/conclusions", "查看核对结论", caseRoles, s.handleApplicationConclusions),
		authed("POST", app+"/decision", "确认核对结论", verifierOnly, s.handleApplicationDecision),
		authed("POST", app+"/report", "出具核对报告", verifierOnly, s.handleReportIssue),
		authed("GET", app+"/reports", "查看核对报告", reportReaders, s.handleReportList),
		authed("POST", app+"/agency-decision", "经办机构审批", agencyOnly, s.handleAgencyDecision),
		authed("POST", app+"/objection", "异议复查", agencyOnly, s.handleObjectionCreate),
		public("GET", "/api/v1/reports/verify", s.handleReportVerify),
		authed("GET", "/api/v1/reports/{id}", "查看核对报告", reportReaders, s.handleReportGet),
		authed("GET", "/api/v1/reports/{id}/pdf", "打印核对报告", reportReaders, s.handleReportPDF),
		authed("GET", "/api/v1/reports/{id}/html", "查看核对报告", reportReaders, s.handleReportHTML),
		authed("GET", "/api/v1/agency/inbox", "经办机构接收核对结果", agencyOnly, s.handleAgencyInbox),
		authed("GET", "/api/v1/webhooks", "推送地址管理", adminOnly, s.handleWebhookList),
		authed("POST", "/api/v1/webhooks", "推送地址管理", adminOnly, s.handleWebhookCreate),
		authed("GET", "/api/v1/departments", "查看成员单位", departmentReaders, s.handleDepartmentList),
		authed("POST", "/api/v1/departments", "成员单位管理", adminOnly, s.handleDepartmentCreate),
		authed("GET", "/api/v1/departments/{id}", "查看成员单位", departmentReaders, s.handleDepartmentGet),
		authed("PUT", "/api/v1/departments/{id}", "成员单位管理", adminOnly, s.handleDepartmentPut),
		authed("GET", ex+"/queries", "部门核对查询", queryRoles, s.handleExchangeQueryList),
		authed("GET", ex+"/queries/{queryID}", "部门核对查询", queryRoles, s.handleExchangeQueryGet),
		authed("POST", ex+"/queries/{queryID}/answers", "部门反馈", liaisonOnly, s.handleExchangeAnswerCreate),
		authed("POST", ex+"/answer-files", "部门反馈", liaisonOnly, s.handleExchangeAnswerFile),
		authed("GET", ex+"/request-file", "下载核对请求", liaisonOnly, s.handleExchangeRequestFile),
		authed("GET", ex+"/overdue", "反馈时限监督", queryRoles, s.handleExchangeOverdue),
		authed("POST", ex+"/reminders", "催办", verifierOnly, s.handleExchangeReminders),
		authed("GET", ex+"/share-ratios", "信息共享率统计", ratioRoles, s.handleExchangeShareRatios),
		authed("GET", "/api/v1/dashboard", "统计看板", ratioRoles, s.handleDashboard),
		signed("POST", CallbackPathPrefix+"{deptCode}", s.handleExchangeCallback),
		authed("GET", "/api/v1/policies", "查看政策参数", policyReaders, s.handlePolicyList),
		authed("POST", "/api/v1/policies", "政策参数管理", adminOnly, s.handlePolicyCreate),
		authed("GET", "/api/v1/policies/{id}", "查看政策参数", policyReaders, s.handlePolicyGet),
		authed("POST", "/api/v1/policies/dry-run", "政策参数试算", policyTriers, s.handlePolicyDryRun),
		authed("GET", "/api/v1/escalations", "市级协查", verifierOnly, s.handleEscalationList),
		authed("POST", "/api/v1/escalations", "市级协查", verifierOnly, s.handleEscalationCreate),
		authed("POST", "/api/v1/rolls", "低保特困名册导入", verifierOnly, s.handleRollImport),
		authed("GET", "/api/v1/rolls/imports", "低保特困名册管理", verifierOnly, s.handleRollImportList),
		authed("GET", "/api/v1/rolls/households", "低保特困名册管理", verifierOnly, s.handleRollHouseholdList),
		authed("GET", "/api/v1/rolls/households/{id}", "低保特困名册管理", verifierOnly, s.handleRollHouseholdGet),
		authed("GET", "/api/v1/rolls/template", "下载名册模板", nil, s.handleRollTemplate),
		authed("GET", "/api/v1/holidays/{year}", "查看节假日安排", nil, s.handleHolidayGet),
		authed("PUT", "/api/v1/holidays/{year}", "节假日安排管理", adminOnly, s.handleHolidayPut),
		authed("GET", "/api/v1/rechecks", "复核轮次", verifierOnly, s.handleRecheckList),
		authed("POST", "/api/v1/rechecks", "发起复核轮次", verifierOnly, s.handleRecheckStart),
		authed("GET", "/api/v1/rechecks/{id}", "复核轮次", verifierOnly, s.handleRecheckGet),
		authed("GET", "/api/v1/rechecks/{id}/excluded", "复核轮次", verifierOnly, s.handleRecheckExcluded),
		authed("GET", "/api/v1/rechecks/{id}/departments/{deptID}/request-file", "下载复核请求", roundFileRoles, s.handleRecheckRequestFile),
		authed("POST", "/api/v1/rechecks/{id}/departments/{deptID}/answer-file", "复核部门反馈", roundFileRoles, s.handleRecheckAnswerFile),
		authed("GET", "/api/v1/recheck-warnings", "复核预警", verifierOnly, s.handleRecheckWarningList),
		authed("GET", "/api/v1/recheck-warnings/{id}", "复核预警", verifierOnly, s.handleRecheckWarningGet),
		authed("POST", "/api/v1/recheck-warnings/{id}/dismiss", "复核预警处理", verifierOnly, s.handleRecheckWarningDismiss),
		authed("POST", "/api/v1/recheck-warnings/{id}/exit", "清退建议", verifierOnly, s.handleRecheckWarningExit),
		authed("GET", "/api/v1/recheck-schedules", "复核周期", verifierOnly, s.handleRecheckScheduleList),
		authed("PUT", "/api/v1/recheck-schedules", "复核周期设置", verifierOnly, s.handleRecheckSchedulePut),
		authed("GET", "/api/v1/recheck-exits", "清退建议", exitRoles, s.handleRecheckExitList),
		authed("POST", "/api/v1/recheck-exits/{id}/decision", "清退审批", agencyOnly, s.handleRecheckExitDecide),
		authed("GET", "/api/v1/recheck-coverage", "复核覆盖率统计", verifierOnly, s.handleRecheckCoverage),
		authed("GET", "/api/v1/audit", "审计检查", auditorsOnly, s.handleAuditList),
		authed("POST", "/api/v1/audit/verify", "审计日志完整性校验", auditorsOnly, s.handleAuditVerify),
		authed("GET", "/api/v1/users", "账户管理", adminOnly, s.handleUserList),
		authed("POST", "/api/v1/users", "账户管理", adminOnly, s.handleUserCreate),
		authed("POST", "/api/v1/users/{username}/password", "账户管理", adminOnly, s.handleUserPassword),
		authed("POST", "/api/v1/users/{username}/disable", "账户管理", adminOnly, s.userSetDisabled(true)),
		authed("POST", "/api/v1/users/{username}/enable", "账户管理", adminOnly, s.userSetDisabled(false)),
	}
}

// mux registers the table. Each path also gets a method-less fallback so
// that a wrong method yields a JSON 405 rather than the mux's plain text,
// and unknown paths get a JSON 404.
func (s *Server) mux() *stdhttp.ServeMux {
	mux := stdhttp.NewServeMux()
	allowed := map[string][]string{}
	var paths []string
	for _, e := range s.endpoints {
		mux.Handle(e.method+" "+e.pattern, s.wrap(e))
		if _, ok := allowed[e.pattern]; !ok {
			paths = append(paths, e.pattern)
		}
		allowed[e.pattern] = append(allowed[e.pattern], e.method)
	}
	for _, p := range paths {
		methods := allowed[p]
		if slices.Contains(methods, "GET") {
			methods = append(methods, "HEAD")
		}
		h := s.methodNotAllowed(strings.Join(methods, ", "))
		if !overlapsAny(p, paths) {
			mux.Handle(p, h)
			continue
		}
		// A method-less pattern would clash with a sibling such as
		// GET /policies/{id} beside POST /policies/dry-run (neither is
		// more specific), so the other common methods get one each.
		for _, m := range fallbackMethods {
			if !slices.Contains(methods, m) {
				mux.Handle(m+" "+p, h)
			}
		}
	}
	mux.Handle("/", s.notFound())
	return mux
}

// fallbackMethods are the methods answered with 405 on a path whose
// method-less fallback would clash with a sibling pattern.
var fallbackMethods = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"}

// overlapsAny reports whether some other path of the table matches a
// request that p matches too: same number of segments, each equal or a
// wildcard on either side.
func overlapsAny(p string, paths []string) bool {
	ps := strings.Split(p, "/")
	for _, q := range paths {
		qs := strings.Split(q, "/")
		if q == p || len(qs) != len(ps) {
			continue
		}
		same := true
		for i := range ps {
			if ps[i] != qs[i] && !strings.HasPrefix(ps[i], "{") && !strings.HasPrefix(qs[i], "{") {
				same = false
				break
			}
		}
		if same {
			return true
		}
	}
	return false
}

// wrap turns a table row into a handler: authentication and the role check
// for non-public rows, then the error response for a returned error.
func (s *Server) wrap(e endpoint) stdhttp.Handler {
	return stdhttp.HandlerFunc(func(w stdhttp.ResponseWriter, r *stdhttp.Request) {
		var err error
		if e.public {
			err = e.serve(w, r)
		} else {
			err = s.serveActor(w, r, e)
		}
		if err != nil {
			s.writeError(w, r, err)
		}
	})
}

func (s *Server) serveActor(w stdhttp.ResponseWriter, r *stdhttp.Request, e endpoint) error {
	by, err := s.authenticate(r, e.purpose)
	if err != nil {
		return err
	}
	if e.roles != nil && !slices.Contains(e.roles, by.Role) {
		return hedui.Errorf("http.authorize", hedui.KindPermission, "role_not_allowed",
			"%s无权执行此操作（%s）", by.Role.Label(), e.purpose)
	}
	return e.act(w, r, by)
}

func (s *Server) methodNotAllowed(allow string) stdhttp.Handler {
	return stdhttp.HandlerFunc(func(w stdhttp.ResponseWriter, r *stdhttp.Request) {
		w.Header().Set("Allow", allow)
		s.writeError(w, r, withStatus(stdhttp.StatusMethodNotAllowed,
			hedui.Errorf("http.route", hedui.KindMalformed, "method_not_allowed", "该地址不支持%s请求，可用的方法：%s", r.Method, allow)))
	})
}

func (s *Server) notFound() stdhttp.Handler {
	return stdhttp.HandlerFunc(func(w stdhttp.ResponseWriter, r *stdhttp.Request) {
		s.writeError(w, r, hedui.Errorf("http.route", hedui.KindNotFound, "no_such_route", "没有这个接口地址，请核对路径"))
	})
}

// roleMay reports whether the route table admits role to a route, so that
// what /me advertises cannot drift from what the routes enforce.
func (s *Server) roleMay(method, pattern string, role hedui.Role) bool {
	for _, e := range s.endpoints {
		if e.method == method && e.pattern == pattern {
			// A signed route is for departments' systems, not for accounts.
			return !e.signed && (e.public || e.roles == nil || slices.Contains(e.roles, role))
		}
	}
	return false
}
