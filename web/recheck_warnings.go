package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"hedui"
)

// warningPageSize is how many warnings one page of the list shows.
const warningPageSize = 50

// warningsPage is the warning list (预警名单), largest gap first.
type warningsPage struct {
	County, Status, Round string
	Counties              []countyChoice
	Names                 map[string]string
	Statuses              []hedui.WarningStatus
	Items                 []hedui.RecheckWarning
	Total, PageNo, Pages  int
	First                 int // the rank of the page's first row
	Prev, Next            string
}

// handleWarnings serves GET /rechecks/warnings?county=&status=&round=&page=.
// Open warnings are shown unless another status is asked for.
func (s *Server) handleWarnings(w http.ResponseWriter, r *http.Request, sess *session) error {
	q := r.URL.Query()
	p := warningsPage{County: q.Get("county"), Status: q.Get("status"), Round: q.Get("round"), PageNo: 1,
		Statuses: []hedui.WarningStatus{hedui.WarningOpen, hedui.WarningDismissed, hedui.WarningRecommended}}
	if _, ok := q["status"]; !ok {
		p.Status = string(hedui.WarningOpen)
	}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 && n < 1e6 {
		p.PageNo = n
	}
	var err error
	if p.Counties, p.Names, err = s.countiesOf(r.Context(), sess.by); err != nil {
		return err
	}
	f := hedui.WarningFilter{County: p.County, Status: hedui.WarningStatus(p.Status), Limit: warningPageSize,
		Offset: (p.PageNo - 1) * warningPageSize}
	if p.Round != "" {
		if f.RoundID, err = strconv.ParseInt(p.Round, 10, 64); err != nil || f.RoundID <= 0 {
			p.Round, f.RoundID = "", 0
		}
	}
	list, err := s.store.Warnings(r.Context(), sess.by, f)
	if err != nil {
		return err
	}
	p.Items, p.Total, p.First = list.Items, list.Total, f.Offset+1
	p.Pages = (list.Total + warningPageSize - 1) / warningPageSize
	link := func(n int) string {
		v := url.Values{"county": {p.County}, "status": {p.Status}, "round": {p.Round}, "page": {strconv.Itoa(n)}}
		return "/rechecks/warnings?" + v.Encode()
	}
	p.Prev, p.Next = pageLinks(p.PageNo, p.Pages, link)
	s.render(w, r, http.StatusOK, "recheck_warnings", view{Title: s.text.get("recheck.warnings.title"), Nav: "warnings", Sess: sess, Page: p})
	return nil
}

// warningPage is one warning opened: its changes, the department rows
// behind them and the two actions while it is open.
type warningPage struct {
	W                    hedui.RecheckWarning
	Names                map[string]string
	Note, Reason         string
	NoteError, ReasonErr string
}

// handleWarning serves GET /rechecks/warnings/{id}; the store audits the
// view, since it shows the department rows about named persons.
func (s *Server) handleWarning(w http.ResponseWriter, r *http.Request, sess *session) error {
	v, err := s.warningView(r, sess, warningPage{})
	if err != nil {
		return err
	}
	switch r.URL.Query().Get("done") {
	case "dismissed":
		v.Flash = s.text.get("recheck.warning.dismissed")
	case "exit":
		v.Flash = s.text.get("recheck.warning.recommended")
	}
	s.render(w, r, http.StatusOK, "recheck_warning", v)
	return nil
}

func (s *Server) warningView(r *http.Request, sess *session, p warningPage) (view, error) {
	id, err := pathID(r)
	if err != nil {
		return view{}, err
	}
	if p.W, err = s.store.Warning(r.Context(), sess.by, id); err != nil {
		return view{}, err
	}
	if _, p.Names, err = s.countiesOf(r.Context(), sess.by); err != nil {
		return view{}, err
	}
	return view{Title: s.text.get("recheck.warning.title", p.W.Number), Nav: "warnings", Sess: sess, Page: p}, nil
}

// handleWarningDismiss serves POST /rechecks/warnings/{id}/dismiss (忽略).
func (s *Server) handleWarningDismiss(w http.ResponseWriter, r *http.Request, sess *session) error {
	note := strings.TrimSpace(r.PostFormValue("note"))
	return s.warningAction(w, r, sess, warningPage{Note: note}, "dismissed", func(id int64) error {
		_, err := s.store.DismissWarning(r.Context(), sess.by, id, note)
		return err
	})
}

// handleWarningExit serves POST /rechecks/warnings/{id}/exit (建议清退).
func (s *Server) handleWarningExit(w http.ResponseWriter, r *http.Request, sess *session) error {
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	return s.warningAction(w, r, sess, warningPage{Reason: reason}, "exit", func(id int64) error {
		_, err := s.store.RecommendExit(r.Context(), sess.by, id, reason)
		return err
	})
}

// warningAction runs one of the two actions and returns to the warning; a
// refusal (a note missing, the warning already closed) shows the warning
// again with the message at the form that failed.
func (s *Server) warningAction(w http.ResponseWriter, r *http.Request, sess *session, p warningPage, done string, act func(int64) error) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	err = act(id)
	if err == nil {
		http.Redirect(w, r, fmt.Sprintf("/rechecks/warnings/%d?done=%s", id, done), http.StatusSeeOther)
		return nil
	}
	switch hedui.KindOf(err) {
	case hedui.KindInvalid, hedui.KindConflict:
		if done == "exit" {
			p.ReasonErr = hedui.MessageOf(err)
		} else {
			p.NoteError = hedui.MessageOf(err)
		}
		v, verr := s.warningView(r, sess, p)
		if verr != nil {
			return verr
		}
		v.Alert = hedui.MessageOf(err)
		s.render(w, r, http.StatusUnprocessableEntity, "recheck_warning", v)
		return nil
	}
	return err
}
