package web

import (
	"fmt"
	"net/http"
	"sort"
	"strings"

	"hedui"
)

// roundsPage lists the rounds of the verifier's region with the form that
// starts one.
type roundsPage struct {
	Rounds []hedui.Round
	Names  map[string]string // division code → name
	Scopes []countyChoice    // where a round may run: the county, or the city and its counties
	Scope  string
	AsOf   string
	Error  string
}

// handleRounds serves GET /rechecks/rounds.
func (s *Server) handleRounds(w http.ResponseWriter, r *http.Request, sess *session) error {
	return s.renderRounds(w, r, sess, http.StatusOK, roundsPage{AsOf: hedui.Today(s.now()).String()})
}

func (s *Server) renderRounds(w http.ResponseWriter, r *http.Request, sess *session, status int, p roundsPage) error {
	rounds, err := s.store.Rounds(r.Context(), sess.by)
	if err != nil {
		return err
	}
	counties, names, err := s.countiesOf(r.Context(), sess.by)
	if err != nil {
		return err
	}
	p.Rounds, p.Names = rounds, names
	if len(counties) != 1 || counties[0].Code != sess.by.Division {
		// A city verifier: the whole city first, then each county.
		p.Scopes = append([]countyChoice{{Code: sess.by.Division, Name: names[sess.by.Division]}}, counties...)
	} else {
		p.Scopes = counties
	}
	if p.Scope == "" && len(p.Scopes) > 0 {
		p.Scope = p.Scopes[0].Code
	}
	v := view{Title: s.text.get("recheck.rounds.title"), Nav: "rounds", Sess: sess, Page: p}
	if p.Error != "" {
		v.Alert = p.Error
	}
	s.render(w, r, status, "recheck_rounds", v)
	return nil
}

// handleRoundStart serves POST /rechecks/rounds: starts a round and shows
// it; a round the store refuses (nothing due, a schedule or policy
// missing, out of scope) comes back to the form with the reason.
func (s *Server) handleRoundStart(w http.ResponseWriter, r *http.Request, sess *session) error {
	p := roundsPage{Scope: strings.TrimSpace(r.PostFormValue("scope")), AsOf: strings.TrimSpace(r.PostFormValue("as_of"))}
	asOf, err := hedui.ParseDate(p.AsOf)
	if err != nil {
		p.Error = s.text.get("recheck.rounds.error.as_of")
		return s.renderRounds(w, r, sess, http.StatusUnprocessableEntity, p)
	}
	round, err := s.store.StartRound(r.Context(), sess.by, hedui.NewRound{Scope: p.Scope, AsOf: asOf})
	if err != nil {
		switch hedui.KindOf(err) {
		case hedui.KindInvalid, hedui.KindMalformed, hedui.KindPermission, hedui.KindConflict:
			p.Error = hedui.MessageOf(err)
			return s.renderRounds(w, r, sess, http.StatusUnprocessableEntity, p)
		}
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/rechecks/rounds/%d?started=1", round.ID), http.StatusSeeOther)
	return nil
}

// roundPage is one round: progress overall and per department, and the
// households left out with why.
type roundPage struct {
	P        hedui.RoundProgress
	Names    map[string]string
	Reasons  []reasonCount
	Excluded []hedui.RoundExclusion // the first excludedShown
	More     int                    // excluded households not listed
	Refresh  int                    // seconds between reloads while running
}

// reasonCount is how many households were left out for one reason.
type reasonCount struct {
	Reason string
	N      int
}

// excludedShown bounds the exclusion table; the counts by reason cover
// all of them.
const excludedShown = 200

// roundRefresh is how often a running round's page reloads itself: an
// HTTP Refresh header, which needs no script and so passes the CSP.
const roundRefresh = 3

// handleRound serves GET /rechecks/rounds/{id}.
func (s *Server) handleRound(w http.ResponseWriter, r *http.Request, sess *session) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	prog, err := s.store.RoundProgress(r.Context(), sess.by, id)
	if err != nil {
		return err
	}
	ex, err := s.store.RoundExcluded(r.Context(), sess.by, id)
	if err != nil {
		return err
	}
	_, names, err := s.countiesOf(r.Context(), sess.by)
	if err != nil {
		return err
	}
	p := roundPage{P: prog, Names: names}
	byReason := map[string]int{}
	for _, x := range ex {
		byReason[x.Reason]++
	}
	for reason, n := range byReason {
		p.Reasons = append(p.Reasons, reasonCount{Reason: reason, N: n})
	}
	sort.Slice(p.Reasons, func(i, j int) bool {
		if p.Reasons[i].N != p.Reasons[j].N {
			return p.Reasons[i].N > p.Reasons[j].N
		}
		return p.Reasons[i].Reason < p.Reasons[j].Reason
	})
	p.Excluded = ex[:min(len(ex), excludedShown)]
	p.More = len(ex) - len(p.Excluded)
	if prog.Round.Status == hedui.RoundRunning {
		p.Refresh = roundRefresh
		w.Header().Set("Refresh", fmt.Sprintf("%d; url=/rechecks/rounds/%d", roundRefresh, id))
	}
	v := view{Title: s.text.get("recheck.round.title", prog.Round.ID), Nav: "rounds", Sess: sess, Page: p}
	if r.URL.Query().Get("started") != "" {
		v.Flash = s.text.get("recheck.round.started", prog.Round.Households, prog.Round.Excluded)
	}
	s.render(w, r, http.StatusOK, "recheck_round", v)
	return nil
}
