package web

import (
	"net/http"
	"strings"

	"hedui"
)

// exitsPage is the agency's inbox of 清退 recommendations: pending ones
// with the decision form, decided ones below.
type exitsPage struct {
	Pending, Decided []hedui.ExitRecommendation
	Names            map[string]string
	Failed           int64 // the recommendation whose decision was refused
	Note, Error      string
}

// handleExits serves GET /agency/exits.
func (s *Server) handleExits(w http.ResponseWriter, r *http.Request, sess *session) error {
	v := view{}
	switch r.URL.Query().Get("done") {
	case "approved":
		v.Flash = s.text.get("agency.exits.approved")
	case "rejected":
		v.Flash = s.text.get("agency.exits.rejected")
	}
	return s.renderExits(w, r, sess, http.StatusOK, exitsPage{}, v)
}

func (s *Server) renderExits(w http.ResponseWriter, r *http.Request, sess *session, status int, p exitsPage, v view) error {
	all, err := s.store.ExitRecommendations(r.Context(), sess.by, "")
	if err != nil {
		return err
	}
	for _, x := range all {
		if x.Status == hedui.ExitPending {
			p.Pending = append(p.Pending, x)
		} else {
			p.Decided = append(p.Decided, x)
		}
	}
	if p.Names, _, err = s.divisionNames(r.Context()); err != nil {
		return err
	}
	v.Title, v.Nav, v.Sess, v.Page = s.text.get("agency.exits.title"), "agency-exits", sess, p
	s.render(w, r, status, "agency_exits", v)
	return nil
}

// handleExitDecide serves POST /agency/exits/{id}/decision: decision is
// "approve" or "reject"; a rejection needs a reason.
func (s *Server) handleExitDecide(w http.ResponseWriter, r *http.Request, sess *session) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	note := strings.TrimSpace(r.PostFormValue("note"))
	p := exitsPage{Failed: id, Note: note}
	fail := func(msg string) error {
		p.Error = msg
		return s.renderExits(w, r, sess, http.StatusUnprocessableEntity, p, view{Alert: msg})
	}
	var d hedui.ExitDecision
	switch r.PostFormValue("decision") {
	case "approve":
		d = hedui.ExitDecision{Approve: true, Note: note}
	case "reject":
		if note == "" {
			return fail(s.text.get("agency.exits.error.reason"))
		}
		d = hedui.ExitDecision{Note: note}
	default:
		return fail(s.text.get("agency.exits.error.decision"))
	}
	x, err := s.store.DecideExit(r.Context(), sess.by, id, d)
	if err != nil {
		if k := hedui.KindOf(err); k == hedui.KindInvalid || k == hedui.KindConflict {
			return fail(hedui.MessageOf(err))
		}
		return err
	}
	http.Redirect(w, r, "/agency/exits?done="+string(x.Status), http.StatusSeeOther)
	return nil
}
