package web

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"hedui"
	"hedui/report"
)

// inboxPage is the agency's 报告收件箱: the reports awaiting its decision
// first, then the others of its county.
type inboxPage struct {
	Pending      []inboxRow
	Others       []inboxRow
	PendingTotal int
	Total        int
}

// inboxRow is one report of the inbox, the head of household masked.
type inboxRow struct {
	hedui.InboxItem
	Township string
	Issued   string
	Overdue  bool // the objection window has closed
}

// inboxLimit is as many reports as the inbox shows in one page.
const inboxLimit = 200

// handleAgencyInbox serves GET /agency/inbox: the reports of the agency's
// county (or city), scoped by the store, pending decisions first.
func (s *Server) handleAgencyInbox(w http.ResponseWriter, r *http.Request, sess *session) error {
	ctx := r.Context()
	names, _, err := s.divisionNames(ctx)
	if err != nil {
		return err
	}
	pending, err := s.store.AgencyInbox(ctx, sess.by, hedui.InboxFilter{Pending: true, Limit: inboxLimit})
	if err != nil {
		return err
	}
	all, err := s.store.AgencyInbox(ctx, sess.by, hedui.InboxFilter{Limit: inboxLimit})
	if err != nil {
		return err
	}
	today := s.today()
	row := func(it hedui.InboxItem) inboxRow {
		return inboxRow{InboxItem: it, Township: names[it.Region.Township], Issued: formatDateTime(it.IssuedAt),
			Overdue: today.After(it.ObjectionUntil.Time)}
	}
	p := inboxPage{PendingTotal: pending.Total, Total: all.Total}
	seen := map[int64]bool{}
	for _, it := range pending.Items {
		seen[it.ReportID] = true
		p.Pending = append(p.Pending, row(it))
	}
	for _, it := range all.Items {
		if !seen[it.ReportID] {
			p.Others = append(p.Others, row(it))
		}
	}
	s.render(w, r, http.StatusOK, "agency_inbox", view{Title: s.text.get("agency.inbox.title"), Nav: "agency-inbox", Sess: sess, Page: p,
		Flash: s.reportFlash(r)})
	return nil
}

// reportPage is one report: its facts, the downloads and, for the
// agency while the case awaits it, the decision and objection forms.
type reportPage struct {
	Rep         hedui.Report
	Overall     string
	Category    string
	Benefit     string
	IsAgency    bool
	Pending     bool // the agency has still to decide
	CanObject   bool // within the objection window
	WindowShut  string
	Departments []option
	Decisions   []option
	Form        agencyForm
}

// agencyForm is what the agency typed, shown again with its error.
type agencyForm struct {
	Decision  string
	Note      string
	Reason    string
	Objector  string
	Depts     []string
	DecideErr string
	ObjectErr string
}

// chose reports whether the objection form had department id checked.
func (f agencyForm) Chose(id string) bool { return slices.Contains(f.Depts, id) }

// reportFlash is the success message a redirect to a report page asks for.
func (s *Server) reportFlash(r *http.Request) string {
	switch m := r.URL.Query().Get("msg"); m {
	case "report.issued", "agency.decided", "agency.objected":
		return s.text.get(m)
	}
	return ""
}

// handleReportShow serves GET /reports/{id}: the store scopes the report
// (a report outside the caller's region is "not found") and audits the
// view.
func (s *Server) handleReportShow(w http.ResponseWriter, r *http.Request, sess *session) error {
	id, err := s.reportID(r)
	if err != nil {
		return err
	}
	return s.renderReport(w, r, sess, id, http.StatusOK, s.reportFlash(r), "", agencyForm{})
}

func (s *Server) reportID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, hedui.Errorf("web.reportID", hedui.KindNotFound, "not_found", "%s", s.text.get("report.not_found"))
	}
	return id, nil
}

func (s *Server) renderReport(w http.ResponseWriter, r *http.Request, sess *session, id int64, status int, flash, alert string, f agencyForm) error {
	ctx := r.Context()
	rep, err := s.store.Report(ctx, sess.by, id)
	if err != nil {
		return err
	}
	c := rep.Content.Conclusion
	p := reportPage{Rep: rep, Overall: c.Overall.Label(), Category: c.Category.Label(), Benefit: formatYuan(c.BenefitFen),
		IsAgency: sess.by.Role == hedui.RoleAgency, Form: f}
	if d := rep.Content.Decision; d != nil && d.Action == hedui.DecisionOverride {
		p.Overall, p.Category, p.Benefit = d.Overall.Label(), d.Category.Label(), formatYuan(d.BenefitFen)
	}
	if p.IsAgency && rep.Current {
		pending, err := s.store.AgencyInbox(ctx, sess.by, hedui.InboxFilter{Pending: true, Limit: 500})
		if err != nil {
			return err
		}
		for _, it := range pending.Items {
			if it.ReportID == rep.ID {
				p.Pending = true
			}
		}
	}
	if p.Pending {
		for _, k := range []hedui.AgencyDecisionKind{hedui.AgencyApprove, hedui.AgencyReject, hedui.AgencyStop} {
			p.Decisions = append(p.Decisions, option{string(k), k.Label()})
		}
		if s.today().After(rep.ObjectionEnds.Time) {
			p.WindowShut = s.text.get("agency.object.closed", rep.ObjectionEnds.String())
		} else {
			p.CanObject = true
			if p.Departments, err = s.reportDepartments(r, &rep); err != nil {
				return err
			}
		}
	}
	if p.Form.Objector == "" {
		p.Form.Objector = string(hedui.ObjectorAgency)
	}
	nav := "agency-inbox"
	if !p.IsAgency {
		nav = "applications"
	}
	s.render(w, r, status, "report", view{Title: s.text.get("report.title", rep.Number), Nav: nav, Sess: sess, Page: p,
		Flash: flash, Alert: alert})
	return nil
}

// reportDepartments lists the departments the report's sections name, for
// the objection form. The agency may not list departments itself; their
// names and ids are no personal data, and the store checks that the ones
// chosen were asked about the case.
func (s *Server) reportDepartments(r *http.Request, rep *hedui.Report) ([]option, error) {
	named := map[string]bool{}
	for _, src := range rep.Content.Sources {
		named[src.Department] = true
	}
	ds, err := s.store.Departments(r.Context(), hedui.SystemActor("异议选择部门"))
	if err != nil {
		return nil, err
	}
	var out []option
	for _, d := range ds {
		if named[d.Name] {
			out = append(out, option{strconv.FormatInt(d.ID, 10), d.Name})
		}
	}
	return out, nil
}

// handleReportPDF serves GET /reports/{id}/pdf: the PDF exactly as
// issued, counted and audited by the store; always an attachment.
func (s *Server) handleReportPDF(w http.ResponseWriter, r *http.Request, sess *session) error {
	id, err := s.reportID(r)
	if err != nil {
		return err
	}
	rep, pdf, err := s.store.ReportPDF(r.Context(), sess.by, id)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Length", strconv.Itoa(len(pdf)))
	disp := mime.FormatMediaType("attachment", map[string]string{"filename": fmt.Sprintf("核对报告-%s-第%d版.pdf", rep.Number, rep.Version)})
	if disp == "" {
		disp = "attachment"
	}
	h.Set("Content-Disposition", disp)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(pdf)
	return nil
}

// handleReportHTML serves GET /reports/{id}/html: the report as a
// standalone page (网页版), a view and not a print. It embeds its styles
// and loads nothing, so the policy is relaxed for inline styles only.
func (s *Server) handleReportHTML(w http.ResponseWriter, r *http.Request, sess *session) error {
	id, err := s.reportID(r)
	if err != nil {
		return err
	}
	rep, err := s.store.Report(r.Context(), sess.by, id)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	opt := report.Options{Code: rep.Code, VerifyURL: s.issuer.VerifyURL, MemberNames: rep.Content.MemberNames()}
	if err := report.RenderHTML(&buf, &rep.Content, opt); err != nil {
		return hedui.E("web.reportHTML", hedui.KindInternal, "report_render", s.text.get("report.render_failed"), err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(buf.Bytes())
	return nil
}

// handleAgencyDecision serves POST /reports/{id}/decision: the agency
// decides on the case of a report of its county (approve, reject, stop).
func (s *Server) handleAgencyDecision(w http.ResponseWriter, r *http.Request, sess *session) error {
	id, err := s.reportID(r)
	if err != nil {
		return err
	}
	rep, err := s.store.Report(r.Context(), sess.by, id)
	if err != nil {
		return err
	}
	f := agencyForm{Decision: r.PostFormValue("decision"), Note: strings.TrimSpace(r.PostFormValue("note"))}
	switch {
	case !hedui.AgencyDecisionKind(f.Decision).Valid():
		f.DecideErr = s.text.get("agency.error.decision")
	case utf8.RuneCountInString(f.Note) > hedui.MaxNoteRunes:
		f.DecideErr = s.text.get("detail.error.comment_too_long", hedui.MaxNoteRunes)
	default:
		_, err := s.store.AgencyDecide(r.Context(), sess.by, rep.ApplicationID,
			hedui.AgencyDecisionInput{Decision: hedui.AgencyDecisionKind(f.Decision), Note: f.Note})
		if err == nil {
			http.Redirect(w, r, "/reports/"+r.PathValue("id")+"?msg=agency.decided", http.StatusSeeOther)
			return nil
		}
		if !refusal(err) {
			return err
		}
		f.DecideErr = hedui.MessageOf(err)
	}
	return s.renderReport(w, r, sess, id, http.StatusUnprocessableEntity, "", f.DecideErr, f)
}

// handleAgencyObjection serves POST /reports/{id}/objection: within the
// window, the agency (or the family through it) objects naming the
// departments to ask again; after it the store's Chinese refusal.
func (s *Server) handleAgencyObjection(w http.ResponseWriter, r *http.Request, sess *session) error {
	id, err := s.reportID(r)
	if err != nil {
		return err
	}
	rep, err := s.store.Report(r.Context(), sess.by, id)
	if err != nil {
		return err
	}
	f := agencyForm{Reason: strings.TrimSpace(r.PostFormValue("reason")), Objector: r.PostFormValue("objector"), Depts: r.PostForm["department"]}
	in := hedui.ObjectionInput{Reason: f.Reason, Objector: hedui.Objector(f.Objector)}
	for _, d := range f.Depts {
		n, err := strconv.ParseInt(d, 10, 64)
		if err != nil {
			f.ObjectErr = s.text.get("agency.error.department")
			break
		}
		in.Departments = append(in.Departments, n)
	}
	switch {
	case f.ObjectErr != "":
	case len(in.Departments) == 0:
		f.ObjectErr = s.text.get("agency.error.department")
	case f.Reason == "":
		f.ObjectErr = s.text.get("agency.error.reason")
	case utf8.RuneCountInString(f.Reason) > hedui.MaxNoteRunes:
		f.ObjectErr = s.text.get("detail.error.comment_too_long", hedui.MaxNoteRunes)
	default:
		_, err := s.store.Object(r.Context(), sess.by, rep.ApplicationID, in)
		if err == nil {
			http.Redirect(w, r, "/reports/"+r.PathValue("id")+"?msg=agency.objected", http.StatusSeeOther)
			return nil
		}
		if !refusal(err) {
			return err
		}
		f.ObjectErr = hedui.MessageOf(err)
	}
	return s.renderReport(w, r, sess, id, http.StatusUnprocessableEntity, "", f.ObjectErr, f)
}
