package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"hedui"
)

// auditPageSize is how many audit entries one page shows.
const auditPageSize = 50

// auditPage is the auditor's search of the audit log.
type auditPage struct {
	Username, Action, CaseID, From, To string
	Error                              string
	Entries                            []hedui.AuditEntry
	Total, PageNo, Pages               int
	Prev, Next                         string
	Verified                           *hedui.AuditReport
}

// auditorRoutes are the auditor's pages: the audit log, searchable, and
// the chain check, the only POST an auditor may make besides logging out.
func (s *Server) auditorRoutes() []route {
	auditorOnly := []hedui.Role{hedui.RoleAuditor}
	return []route{
		{method: "GET", pattern: "/audit", purpose: "审计检查", roles: auditorOnly, h: s.handleAuditList},
		{method: "POST", pattern: "/audit/verify", purpose: "审计日志完整性校验", roles: auditorOnly, h: s.handleAuditVerify},
	}
}

// handleAuditList serves GET /audit: entries newest first (as the store
// orders them), filtered by username, action, case and date range.
func (s *Server) handleAuditList(w http.ResponseWriter, r *http.Request, sess *session) error {
	p, status := s.auditSearch(r)
	if p.Error == "" {
		if err := s.fillAudit(r, sess, &p); err != nil {
			return err
		}
	}
	s.render(w, r, status, "auditor_log", view{Title: s.text.get("auditor.title"), Nav: "audit", Sess: sess, Page: p})
	return nil
}

// auditSearch reads the filters of the query string.
func (s *Server) auditSearch(r *http.Request) (auditPage, int) {
	q := r.URL.Query()
	p := auditPage{Username: strings.TrimSpace(q.Get("username")), Action: strings.TrimSpace(q.Get("action")),
		CaseID: strings.TrimSpace(q.Get("case_id")), From: q.Get("from"), To: q.Get("to"), PageNo: 1}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 && n < 1e6 {
		p.PageNo = n
	}
	if p.CaseID != "" {
		if id, err := strconv.ParseInt(p.CaseID, 10, 64); err != nil || id <= 0 {
			p.Error = s.text.get("auditor.error.case_id")
		}
	}
	for _, d := range []string{p.From, p.To} {
		if d == "" {
			continue
		}
		if _, err := time.ParseInLocation("2006-01-02", d, hedui.CST); err != nil {
			p.Error = s.text.get("auditor.error.date")
		}
	}
	if p.Error == "" && p.From != "" && p.To != "" && p.To < p.From {
		p.Error = s.text.get("auditor.error.range")
	}
	if p.Error != "" {
		return p, http.StatusUnprocessableEntity
	}
	return p, http.StatusOK
}

func (s *Server) fillAudit(r *http.Request, sess *session, p *auditPage) error {
	f := hedui.AuditFilter{Username: p.Username, Action: p.Action, Limit: auditPageSize, Offset: (p.PageNo - 1) * auditPageSize}
	f.CaseID, _ = strconv.ParseInt(p.CaseID, 10, 64)
	if p.From != "" {
		f.From, _ = time.ParseInLocation("2006-01-02", p.From, hedui.CST)
	}
	if p.To != "" {
		to, _ := time.ParseInLocation("2006-01-02", p.To, hedui.CST)
		f.To = to.AddDate(0, 0, 1).Add(-time.Nanosecond)
	}
	page, err := s.store.AuditEntries(r.Context(), sess.by, f)
	if err != nil {
		return err
	}
	p.Entries, p.Total = page.Items, page.Total
	p.Pages = (page.Total + auditPageSize - 1) / auditPageSize
	link := func(n int) string {
		v := url.Values{}
		for k, x := range map[string]string{"username": p.Username, "action": p.Action, "case_id": p.CaseID, "from": p.From, "to": p.To} {
			if x != "" {
				v.Set(k, x)
			}
		}
		v.Set("page", strconv.Itoa(n))
		return "/audit?" + v.Encode()
	}
	p.Prev, p.Next = pageLinks(p.PageNo, p.Pages, link)
	return nil
}

// handleAuditVerify serves POST /audit/verify: walks the whole chain and
// shows whether it is intact or the first bad entry, above the newest
// entries.
func (s *Server) handleAuditVerify(w http.ResponseWriter, r *http.Request, sess *session) error {
	rep, err := s.store.VerifyAudit(r.Context(), sess.by)
	if err != nil {
		return err
	}
	p := auditPage{PageNo: 1, Verified: &rep}
	if err := s.fillAudit(r, sess, &p); err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "auditor_log", view{Title: s.text.get("auditor.title"), Nav: "audit", Sess: sess, Page: p})
	return nil
}
