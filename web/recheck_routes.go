package web

import (
	"context"
	"net/http"
	"strconv"

	"hedui"
)

// Pages of periodic re-verification (复核, issue #7): rounds and their
// progress, the warning list (预警名单) with its actions, the schedules,
// and the agency's inbox of 清退 recommendations. The store enforces the
// region scope; these handlers only choose what to ask and how to show it.

// recheckRoutes are the verifiers' re-verification pages and the agency's
// exit inbox.
func (s *Server) recheckRoutes() []route {
	verifierOnly := []hedui.Role{hedui.RoleVerifier}
	agencyOnly := []hedui.Role{hedui.RoleAgency}
	// A round's files are exchanged by the department's liaisons and the
	// verifiers of its scope; the store checks which.
	roundFileRoles := []hedui.Role{hedui.RoleVerifier, hedui.RoleLiaison}
	const round, warning = "/rechecks/rounds/{id}", "/rechecks/warnings/{id}"
	const roundDept = round + "/departments/{deptID}"
	return []route{
		{method: "GET", pattern: "/rechecks/rounds", purpose: "复核轮次", roles: verifierOnly, h: s.handleRounds},
		{method: "POST", pattern: "/rechecks/rounds", purpose: "发起复核", roles: verifierOnly, h: s.handleRoundStart},
		{method: "GET", pattern: "/rechecks/rounds/preview", purpose: "预览复核", roles: verifierOnly, h: s.handleRoundPreview},
		{method: "GET", pattern: round, purpose: "复核轮次", roles: verifierOnly, h: s.handleRound},
		{method: "GET", pattern: round + "/progress", purpose: "复核轮次", roles: verifierOnly, h: s.handleRoundProgress},
		{method: "GET", pattern: roundDept + "/request-file", purpose: "下载复核请求文件", roles: roundFileRoles, h: s.handleRoundRequestFile},
		{method: "POST", pattern: roundDept + "/answer-file", purpose: "上传复核反馈文件", roles: roundFileRoles, upload: true, h: s.handleRoundAnswerFile},
		{method: "GET", pattern: "/rechecks/warnings", purpose: "预警名单", roles: verifierOnly, h: s.handleWarnings},
		{method: "GET", pattern: warning, purpose: "查看预警", roles: verifierOnly, h: s.handleWarning},
		{method: "POST", pattern: warning + "/dismiss", purpose: "忽略预警", roles: verifierOnly, h: s.handleWarningDismiss},
		{method: "POST", pattern: warning + "/exit", purpose: "建议清退", roles: verifierOnly, h: s.handleWarningExit},
		{method: "GET", pattern: "/rechecks/schedules", purpose: "复核周期", roles: verifierOnly, h: s.handleSchedules},
		{method: "POST", pattern: "/rechecks/schedules", purpose: "设置复核周期", roles: verifierOnly, h: s.handleSchedulePut},
		{method: "GET", pattern: "/agency/exits", purpose: "清退建议", roles: agencyOnly, h: s.handleExits},
		{method: "POST", pattern: "/agency/exits/{id}/decision", purpose: "清退决定", roles: agencyOnly, h: s.handleExitDecide},
	}
}

// pathID reads the {id} of the path; a malformed one is a 404 like an
// unknown one.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, hedui.Errorf("web.pathID", hedui.KindNotFound, "not_found", "没有找到该记录")
	}
	return id, nil
}

// countyChoice is a county the user may pick in a filter or a form.
type countyChoice struct {
	Code, Name string
}

// countiesOf lists the counties of a verifier's region: his own county,
// or every county of his city. names maps every division code to its
// name, for tables.
func (s *Server) countiesOf(ctx context.Context, by hedui.Actor) (list []countyChoice, names map[string]string, err error) {
	names, divs, err := s.divisionNames(ctx)
	if err != nil {
		return nil, nil, err
	}
	for _, d := range divs {
		if d.Level == hedui.LevelCounty && (d.Code == by.Division || d.ParentCode == by.Division) {
			list = append(list, countyChoice{Code: d.Code, Name: d.Name})
		}
	}
	return list, names, nil
}
