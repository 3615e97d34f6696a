package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"hedui"
	"hedui/casework"
	"hedui/exchange"
)

// verifyPanel is the verifier's part of the case page: launching the
// queries, the machine's conclusion with the comparison, the decision
// and the report.
type verifyPanel struct {
	CanDispatch bool
	CanEvaluate bool
	CanDecide   bool
	CanIssue    bool
	Dispatch    *dispatchResult // what a dispatch just did
	Conclusion  *hedui.StoredConclusion
	Rows        []compareRow
	Decision    *decisionRow
	Form        decideForm
	Overalls    []option
	Categories  []option
	Reports     []hedui.Report
}

// option is one entry of a select.
type option struct{ Value, Label string }

// dispatchResult is a dispatch's outcome as the page shows it.
type dispatchResult struct {
	Created  bool
	Queries  []queryRow
	Excluded []hedui.Exclusion
	Skipped  string
}

// compareRow is one row of the comparison; Alert marks the rows the
// verifier must look at (不一致, 未申报但查到, 申报但未查到).
type compareRow struct {
	Member   string
	Label    string
	Flag     hedui.ItemFlag
	Declared string
	Found    string
	Diff     string
	Alert    bool
}

// decisionRow is a recorded decision as shown.
type decisionRow struct {
	Action   string
	Overall  string
	Category string
	Benefit  string
	Reason   string
	By       string
	At       string
}

// decideForm is the 确认 / 改判 form with what was typed and its error.
type decideForm struct {
	Action   string
	Overall  string
	Category string
	Benefit  string
	Reason   string
	Error    string
}

// verifyExtra is what a POST hands the page beside the case.
type verifyExtra struct {
	dispatch *dispatchResult
	form     *decideForm
}

// verifyPanelFor builds the panel for a verifier; nil for other roles.
func (s *Server) verifyPanelFor(ctx context.Context, sess *session, app *hedui.Application, x *verifyExtra) (*verifyPanel, error) {
	if sess.by.Role != hedui.RoleVerifier {
		return nil, nil
	}
	can := func(a hedui.Action) bool { _, err := hedui.FindRule(app.Status, a, sess.by.Role); return err == nil }
	p := &verifyPanel{
		CanDispatch: can(hedui.ActDispatch), CanEvaluate: can(hedui.ActConclude),
		CanDecide: can(hedui.ActDecide), CanIssue: can(hedui.ActIssue),
	}
	if x != nil {
		p.Dispatch = x.dispatch
		if x.form != nil {
			p.Form = *x.form
		}
	}
	if p.Form.Action == "" {
		p.Form.Action = string(hedui.DecisionConfirm)
	}
	for _, o := range []hedui.Overall{hedui.OverallClear, hedui.OverallVisit, hedui.OverallExceeds, hedui.OverallIncomplete} {
		p.Overalls = append(p.Overalls, option{string(o), o.Label()})
	}
	for _, c := range []hedui.Category{hedui.CategoryDibao, hedui.CategoryNearPoor, hedui.CategoryTekun, hedui.CategoryNone} {
		p.Categories = append(p.Categories, option{string(c), c.Label()})
	}
	switch app.Status {
	case hedui.StatusConcluded, hedui.StatusDecided, hedui.StatusReported, hedui.StatusObjected, hedui.StatusClosed:
		cs, err := s.store.Conclusions(ctx, sess.by, app.ID)
		if err != nil {
			return nil, err
		}
		for i := range cs {
			if p.Conclusion == nil || cs[i].Version > p.Conclusion.Version {
				p.Conclusion = &cs[i]
			}
		}
	}
	if c := p.Conclusion; c != nil {
		names := map[int64]string{}
		for _, m := range app.Members {
			names[m.ID] = m.Name
		}
		for _, row := range c.Rows {
			cr := compareRow{Member: names[row.MemberID], Label: row.Label, Flag: row.Flag,
				Declared: formatYuan(row.DeclaredFen), Found: formatYuan(row.FoundFen), Diff: formatYuan(row.DiffFen)}
			switch row.Flag {
			case hedui.FlagMismatch, hedui.FlagUndeclared, hedui.FlagNotFound:
				cr.Alert = true
			}
			p.Rows = append(p.Rows, cr)
		}
		if d := c.Decision; d != nil {
			dr := &decisionRow{Action: s.text.get("verify.decision.confirm"), Reason: d.Reason, By: d.By, At: formatDateTime(d.At)}
			if d.Action == hedui.DecisionOverride {
				dr.Action = s.text.get("verify.decision.override")
				dr.Overall, dr.Category, dr.Benefit = d.Overall.Label(), d.Category.Label(), formatYuan(d.BenefitFen)
			}
			p.Decision = dr
		}
		if p.Form.Overall == "" {
			p.Form.Overall, p.Form.Category = string(c.Overall), string(c.Category)
		}
	}
	switch app.Status {
	case hedui.StatusReported, hedui.StatusObjected, hedui.StatusClosed:
		rs, err := s.store.Reports(ctx, sess.by, app.ID)
		if err != nil {
			return nil, err
		}
		p.Reports = rs
	}
	return p, nil
}

// refusal reports whether err is a refusal to show on the case page
// (its message is for users), rather than an error page.
func refusal(err error) bool {
	switch hedui.KindOf(err) {
	case hedui.KindInvalid, hedui.KindConflict, hedui.KindPermission, hedui.KindMalformed:
		return true
	}
	return false
}

// reshow shows the case page again after a POST, with a message.
func (s *Server) reshow(w http.ResponseWriter, r *http.Request, sess *session, id int64, status int, flash, alert string, x *verifyExtra) error {
	app, err := s.store.Application(r.Context(), sess.by, id)
	if err != nil {
		return err
	}
	return s.renderDetailWith(w, r, sess, app, status, flash, alert, "", x)
}

// handleVerifyDispatch serves POST /applications/{id}/dispatch: the
// verifier launches the queries to the county's departments. Due dates
// follow the holiday calendar; a year without one is refused with the
// store's Chinese message. The page shows the due dates, the members
// left out and why, and the departments not asked.
func (s *Server) handleVerifyDispatch(w http.ResponseWriter, r *http.Request, sess *session) error {
	id, err := s.pathID(r, "id")
	if err != nil {
		return err
	}
	cal, err := exchange.LoadCalendar(r.Context(), s.store)
	if err != nil {
		return err
	}
	d, err := s.store.Dispatch(r.Context(), sess.by, id, hedui.LevelCounty, exchange.DueFunc(cal))
	if err != nil {
		if refusal(err) {
			return s.reshow(w, r, sess, id, http.StatusUnprocessableEntity, "", hedui.MessageOf(err), nil)
		}
		return err
	}
	res := &dispatchResult{Created: d.Created, Excluded: d.Excluded, Skipped: strings.Join(d.SkippedDepartments, "、")}
	res.Queries, _ = s.queryRows(d.Queries)
	flash := s.text.get("verify.flash.dispatched", len(d.Queries))
	if !d.Created {
		flash = s.text.get("verify.flash.dispatched_before")
	}
	return s.reshow(w, r, sess, id, http.StatusOK, flash, "", &verifyExtra{dispatch: res})
}

// handleVerifyEvaluate serves POST /applications/{id}/evaluate: the rules
// conclude on the answers (casework.Evaluate, as the API does).
func (s *Server) handleVerifyEvaluate(w http.ResponseWriter, r *http.Request, sess *session) error {
	id, err := s.pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := casework.Evaluate(r.Context(), s.store, sess.by, id, s.today()); err != nil {
		if refusal(err) {
			return s.reshow(w, r, sess, id, http.StatusUnprocessableEntity, "", hedui.MessageOf(err), nil)
		}
		return err
	}
	http.Redirect(w, r, "/applications/"+r.PathValue("id")+"?msg=verify.evaluated#conclusion", http.StatusSeeOther)
	return nil
}

// handleVerifyDecision serves POST /applications/{id}/decision: the
// verifier confirms the latest conclusion or overrides it with his own
// outcome and a reason.
func (s *Server) handleVerifyDecision(w http.ResponseWriter, r *http.Request, sess *session) error {
	id, err := s.pathID(r, "id")
	if err != nil {
		return err
	}
	f := decideForm{Action: r.PostFormValue("action"), Overall: r.PostFormValue("overall"), Category: r.PostFormValue("category"),
		Benefit: strings.TrimSpace(r.PostFormValue("benefit")), Reason: strings.TrimSpace(r.PostFormValue("reason"))}
	conclusionID, _ := strconv.ParseInt(r.PostFormValue("conclusion_id"), 10, 64)
	d := hedui.Decision{ConclusionID: conclusionID, Action: hedui.DecisionAction(f.Action), Reason: f.Reason}
	switch {
	case d.Action != hedui.DecisionConfirm && d.Action != hedui.DecisionOverride:
		f.Error = s.text.get("verify.error.action")
	case utf8.RuneCountInString(f.Reason) > hedui.MaxNoteRunes:
		f.Error = s.text.get("detail.error.comment_too_long", hedui.MaxNoteRunes)
	case d.Action == hedui.DecisionOverride && f.Reason == "":
		f.Error = s.text.get("verify.error.reason")
	case d.Action == hedui.DecisionOverride:
		d.Overall, d.Category = hedui.Overall(f.Overall), hedui.Category(f.Category)
		if f.Benefit != "" {
			fen, ok := parseFen(f.Benefit)
			if !ok {
				f.Error = s.text.get("verify.error.benefit")
				break
			}
			d.BenefitFen = hedui.Fen(fen)
		}
	}
	if f.Error == "" {
		_, err = s.store.Decide(r.Context(), sess.by, id, d)
		if err == nil {
			http.Redirect(w, r, "/applications/"+r.PathValue("id")+"?msg=verify.decided#conclusion", http.StatusSeeOther)
			return nil
		}
		if !refusal(err) {
			return err
		}
		f.Error = hedui.MessageOf(err)
	}
	return s.reshow(w, r, sess, id, http.StatusUnprocessableEntity, "", f.Error, &verifyExtra{form: &f})
}

// handleVerifyIssue serves POST /applications/{id}/report: the verifier
// issues the report of a decided case (or a corrected version), rendered
// and sealed as the API does (casework.Issuer), and lands on it.
func (s *Server) handleVerifyIssue(w http.ResponseWriter, r *http.Request, sess *session) error {
	id, err := s.pathID(r, "id")
	if err != nil {
		return err
	}
	rep, err := s.issuer.IssueReport(r.Context(), s.store, sess.by, id)
	if err != nil {
		if refusal(err) {
			return s.reshow(w, r, sess, id, http.StatusUnprocessableEntity, "", hedui.MessageOf(err), nil)
		}
		return err
	}
	http.Redirect(w, r, "/reports/"+strconv.FormatInt(rep.ID, 10)+"?msg=report.issued", http.StatusSeeOther)
	return nil
}
