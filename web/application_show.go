package web

import (
	"net/http"
	"strconv"
	"strings"

	"hedui"
)

// detailPage is one application in full.
type detailPage struct {
	App         *hedui.Application
	Township    string
	County      string
	Aid         string
	Names       map[int64]string // member names by id, for declarations and letters
	Actions     []actionForm
	Editable    bool // the clerk may still change it
	NeedsScan   []int64
	ShowQueries bool
	Queries     []queryRow
	QueryCount  queryCount
	Comment     string       // a reason typed before an error, shown again
	Verify      *verifyPanel // the verifier's conclusion and report (verify.go)
}

// actionForm is a button posting one lifecycle action.
type actionForm struct {
	Action       hedui.Action
	Label        string
	NeedsComment bool
	Danger       bool
}

// queryRow is one department's query as a verifier follows it.
type queryRow struct {
	Department string
	Items      string
	State      string // answered, pending, overdue or failed: the badge
	StateLabel string
	SentAt     string
	DueOn      string
	AnsweredAt string // 反馈时间
	Subjects   int
}

type queryCount struct{ Total, Answered, Pending, Overdue, Failed int }

// handleApplicationShow serves GET /applications/{id}: every detail of
// the case with personal data in full. The store audits the view and
// answers "not found" for a case outside the caller's region, so that its
// existence is not revealed either.
func (s *Server) handleApplicationShow(w http.ResponseWriter, r *http.Request, sess *session) error {
	id, err := s.pathID(r, "id")
	if err != nil {
		return err
	}
	app, err := s.store.Application(r.Context(), sess.by, id)
	if err != nil {
		return err
	}
	return s.renderDetail(w, r, sess, app, http.StatusOK, s.flash(r), "", "")
}

// flash is the success message a redirect asks for. Only known keys are
// shown, never text from the URL.
func (s *Server) flash(r *http.Request) string {
	q := r.URL.Query()
	switch m := q.Get("msg"); m {
	case "created", "letter", "scan", "members", "member_removed", "declaration":
		return s.text.get("flash." + m)
	case "verify.evaluated", "verify.decided":
		return s.text.get(m)
	}
	if a := hedui.Action(q.Get("done")); a != "" {
		for _, rule := range hedui.Rules {
			if rule.Action == a {
				return s.text.get("flash.done", a.Label())
			}
		}
	}
	return ""
}

// renderDetail writes the detail page; the transition handler uses it to
// show a refused action's reason in place.
func (s *Server) renderDetail(w http.ResponseWriter, r *http.Request, sess *session, app *hedui.Application, status int, flash, alert, comment string) error {
	return s.renderDetailWith(w, r, sess, app, status, flash, alert, comment, nil)
}

// renderDetailWith is renderDetail with what a verifier's POST hands the
// page (verify.go).
func (s *Server) renderDetailWith(w http.ResponseWriter, r *http.Request, sess *session, app *hedui.Application, status int, flash, alert, comment string, x *verifyExtra) error {
	ctx := r.Context()
	names, _, err := s.divisionNames(ctx)
	if err != nil {
		return err
	}
	p := detailPage{
		App: app, Township: names[app.Region.Township], County: names[app.Region.County], Aid: aidLabels(app.Aid),
		Names:    map[int64]string{},
		Editable: sess.by.Role == hedui.RoleClerk && app.Status.Editable(),
		Comment:  comment,
	}
	for _, m := range app.Members {
		p.Names[m.ID] = m.Name
	}
	for _, a := range hedui.ActionsFor(app.Status, sess.by.Role) {
		p.Actions = append(p.Actions, actionForm{Action: a, Label: a.Label(),
			NeedsComment: needsComment(app.Status, a, sess.by.Role), Danger: a == hedui.ActReturn || a == hedui.ActWithdraw})
	}
	if p.Editable {
		for _, l := range app.Letters {
			if l.Status == hedui.LetterActive && l.Form == hedui.LetterPaper && l.Scan == nil {
				p.NeedsScan = append(p.NeedsScan, l.ID)
			}
		}
	}
	if sess.by.Role == hedui.RoleVerifier && dispatched(app.Status) {
		qs, err := s.store.Queries(ctx, sess.by, app.ID)
		if err != nil {
			return err
		}
		p.ShowQueries = true
		p.Queries, p.QueryCount = s.queryRows(qs)
	}
	if p.Verify, err = s.verifyPanelFor(ctx, sess, app, x); err != nil {
		return err
	}
	s.render(w, r, status, "application", view{
		Title: s.text.get("detail.title", app.Number), Nav: "applications", Sess: sess,
		Flash: flash, Alert: alert, Page: p,
	})
	return nil
}

// queryRows shapes the case's queries: answered, pending, or overdue when
// open past the due date; with the time the answers arrived (反馈时间).
func (s *Server) queryRows(qs []hedui.Query) ([]queryRow, queryCount) {
	today := s.today()
	var c queryCount
	rows := make([]queryRow, 0, len(qs))
	for _, q := range qs {
		items := make([]string, len(q.Items))
		for i, it := range q.Items {
			items[i] = it.Label()
		}
		row := queryRow{
			Department: q.Department, Items: strings.Join(items, "、"), Subjects: len(q.Subjects),
			SentAt: formatDateTime(q.SentAt), DueOn: q.DueOn.String(), AnsweredAt: formatDateTime(q.AnsweredAt),
		}
		c.Total++
		switch {
		case q.Status == hedui.QueryAnswered:
			row.State, row.StateLabel = "answered", s.text.get("query.answered")
			c.Answered++
		case q.Status == hedui.QueryFailed:
			row.State, row.StateLabel = "failed", q.Status.Label()
			c.Failed++
		case q.Overdue(today):
			row.State, row.StateLabel = "overdue", s.text.get("query.overdue")
			c.Overdue++
			c.Pending++
		default:
			row.State, row.StateLabel = "pending", s.text.get("query.pending")
			c.Pending++
		}
		rows = append(rows, row)
	}
	return rows, c
}

// needsComment reports whether taking act from status asks for a reason.
func needsComment(from hedui.Status, act hedui.Action, role hedui.Role) bool {
	r, err := hedui.FindRule(from, act, role)
	return err == nil && r.NeedsComment
}

// pathID reads a numeric path segment; anything else names no case, so
// it is the same "not found" as a case outside the caller's region.
func (s *Server) pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, hedui.Errorf("web.pathID", hedui.KindNotFound, "not_found", "%s", s.text.get("error.app_not_found"))
	}
	return id, nil
}

// dispatched reports whether an application in status s has been sent to
// the departments, so that it has queries to show.
func dispatched(s hedui.Status) bool {
	switch s {
	case hedui.StatusDraft, hedui.StatusSubmitted, hedui.StatusReturned, hedui.StatusAccepted, hedui.StatusWithdrawn:
		return false
	}
	return true
}
