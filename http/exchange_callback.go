package http

import (
	"fmt"
	stdhttp "net/http"
	"net/url"
	"strings"

	"hedui"
	"hedui/exchange/online"
	"hedui/internal/httpx"
)

// CallbackPathPrefix is where a department posts the answers to queries it
// accepted for later (online.StatusAccepted); its code follows.
const CallbackPathPrefix = "/api/v1/exchange/callback/"

// callbackPurpose is the audit purpose of what a callback does.
const callbackPurpose = "在线接口回调"

// CallbackURLs returns, for online.Config.CallbackURL, the function that
// gives each department its callback address under the centre's public
// base URL, such as https://hedui.example.gov.cn or, behind a proxy that
// forwards a prefix unchanged, https://gateway.example.gov.cn/hedui. The
// path that reaches this server must be the one the department posts to:
// its signature covers the path, so a proxy must not strip a prefix.
func CallbackURLs(publicURL string) (func(hedui.Department) string, error) {
	u, err := url.Parse(strings.TrimSpace(publicURL))
	switch {
	case err != nil:
		return nil, fmt.Errorf("公网地址 %q 无效：%v", publicURL, err)
	case (u.Scheme != "https" && u.Scheme != "http") || u.Host == "":
		return nil, fmt.Errorf("公网地址 %q 应为以 https:// 开头的完整地址，如 https://hedui.example.gov.cn", publicURL)
	case u.User != nil || u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return nil, fmt.Errorf("公网地址 %q 不能包含用户信息、查询参数或锚点", publicURL)
	}
	base := strings.TrimRight(u.String(), "/")
	return func(d hedui.Department) string { return base + CallbackPathPrefix + url.PathEscape(d.Code) }, nil
}

// handleExchangeCallback serves POST /api/v1/exchange/callback/{deptCode}:
// a department that accepted a query posts its answers here later, signed
// with its own key (online.ParseCallback). No bearer token: the signature,
// checked with the keys of the department the path names and no other,
// is the authentication, and nothing is read from the store before it
// holds. The answers are recorded as immutable evidence, so a replayed
// callback records nothing new (duplicates). A callback about a
// re-verification round's query goes to the round: one about a query the
// round's worker has not saved yet is answered 503 with Retry-After, and
// the department's next attempt finds it.
func (s *Server) handleExchangeCallback(w stdhttp.ResponseWriter, r *stdhttp.Request) error {
	const op = "http.exchangeCallback"
	if s.callbackKeys == nil {
		return hedui.Errorf(op, hedui.KindNotFound, "callbacks_not_configured", "本系统未配置部门回调密钥")
	}
	code := r.PathValue("deptCode")
	v, ok := s.callbackKeys.Verifier(code)
	if !ok {
		return signatureRefused(w, hedui.Errorf(op, hedui.KindUnauthenticated, "unknown_key",
			"回调签名验证未通过：本系统未登记该部门的回调验签密钥，请联系核对中心登记"))
	}
	resp, raw, err := online.ParseCallback(r, v, s.maxBody)
	if err != nil {
		return signatureRefused(w, err)
	}
	infoOf(r.Context()).user = "department:" + code
	by := hedui.SystemActor(callbackPurpose)
	by.ClientAddr = httpx.ClientAddr(r)
	dept, err := s.departmentByCode(r, by, code)
	if err != nil {
		return err
	}
	if !validQueryID(resp.QueryID) {
		return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_query_id", "query_id", "查询编号 query_id 格式不正确")
	}
	// A round's query (hedui.RecheckQueryID) is checked against the
	// round's saved query and recorded into the round, which wakes its
	// waiting part; any other is an application's.
	round, _, _, isRound := hedui.ParseRecheckQueryID(resp.QueryID)
	var q hedui.Query
	if isRound {
		q, err = s.store.RecheckQuery(r.Context(), by, resp.QueryID)
	} else {
		q, err = s.store.Query(r.Context(), by, resp.QueryID)
	}
	if hedui.KindOf(err) == hedui.KindNotFound {
		return hedui.E(op, hedui.KindNotFound, "query_not_found", fmt.Sprintf("未找到查询“%s”，请核对查询编号", resp.QueryID), err)
	}
	if hedui.CodeOf(err) == "query_not_saved_yet" {
		w.Header().Set("Retry-After", "5")
	}
	if err != nil {
		return err
	}
	if q.DepartmentID != dept.ID {
		return hedui.Errorf(op, hedui.KindPermission, "not_addressed", "查询“%s”不是发给本部门的，不能反馈", q.ID)
	}
	answers, err := resp.ToAnswers(q, dept.ID, raw, s.now())
	if err != nil {
		return err
	}
	var rep hedui.IngestReport
	if isRound {
		rep, err = s.store.RecordRecheckAnswers(r.Context(), by, round, dept.ID, answers)
	} else {
		rep, err = s.store.RecordAnswers(r.Context(), by, dept.ID, answers)
	}
	if err != nil {
		return err
	}
	out := ingestResponse{Recorded: rep.Recorded, Duplicates: rep.Duplicates, Problems: make([]problemView, 0, len(rep.Problems))}
	for _, p := range rep.Problems {
		out.Problems = append(out.Problems, problemView{Source: p.Source, Column: p.Column, Message: p.Message})
	}
	writeJSON(w, stdhttp.StatusOK, out)
	return nil
}

// signatureRefused passes err on, telling a refused caller how to
// authenticate: by signing, not with a bearer token.
func signatureRefused(w stdhttp.ResponseWriter, err error) error {
	if hedui.KindOf(err) == hedui.KindUnauthenticated {
		w.Header().Set("WWW-Authenticate", `Hedui-Signature realm="hedui", headers="`+
			online.HeaderKeyID+" "+online.HeaderTimestamp+" "+online.HeaderSignature+`"`)
	}
	return err
}

// departmentByCode finds the department a verified callback comes from.
// The key file may name a department the store does not know (yet).
func (s *Server) departmentByCode(r *stdhttp.Request, by hedui.Actor, code string) (hedui.Department, error) {
	ds, err := s.store.Departments(r.Context(), by)
	if err != nil {
		return hedui.Department{}, err
	}
	for _, d := range ds {
		if d.Code == code {
			return d, nil
		}
	}
	return hedui.Department{}, hedui.Errorf("http.departmentByCode", hedui.KindNotFound, "department_not_found",
		"本系统没有代码为“%s”的部门，请联系核对中心", code)
}
