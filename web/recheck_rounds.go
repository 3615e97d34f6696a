package web

import (
	"fmt"
	"net/http"
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
	// Preview, once asked for, is what a start with Scope and AsOf would
	// select; the start button comes with it.
	Preview *hedui.RoundPreview
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

// handleRoundPreview serves GET /rechecks/rounds/preview?scope=&as_of=:
// the rounds page with the counts a start would select, read without
// writing, and the button that starts the round with them.
func (s *Server) handleRoundPreview(w http.ResponseWriter, r *http.Request, sess *session) error {
	return s.roundForm(w, r, sess, func(in hedui.NewRound, p *roundsPage) error {
		preview, err := s.store.PreviewRound(r.Context(), sess.by, in)
		if err != nil {
			return err
		}
		p.Preview = &preview
		return s.renderRounds(w, r, sess, http.StatusOK, *p)
	})
}

// handleRoundStart serves POST /rechecks/rounds: starts a round and shows
// it.
func (s *Server) handleRoundStart(w http.ResponseWriter, r *http.Request, sess *session) error {
	return s.roundForm(w, r, sess, func(in hedui.NewRound, _ *roundsPage) error {
		round, err := s.store.StartRound(r.Context(), sess.by, in)
		if err != nil {
			return err
		}
		http.Redirect(w, r, fmt.Sprintf("/rechecks/rounds/%d?started=1", round.ID), http.StatusSeeOther)
		return nil
	})
}

// roundForm reads the scope and day of the round form and hands them to
// act. A malformed day, or a round the store refuses (nothing due, a
// schedule or policy missing, out of scope), comes back to the form with
// the reason.
func (s *Server) roundForm(w http.ResponseWriter, r *http.Request, sess *session,
	act func(in hedui.NewRound, p *roundsPage) error) error {
	p := roundsPage{Scope: strings.TrimSpace(r.FormValue("scope")), AsOf: strings.TrimSpace(r.FormValue("as_of"))}
	asOf, err := hedui.ParseDate(p.AsOf)
	if err != nil {
		p.Error = s.text.get("recheck.rounds.error.as_of")
		return s.renderRounds(w, r, sess, http.StatusUnprocessableEntity, p)
	}
	err = act(hedui.NewRound{Scope: p.Scope, AsOf: asOf}, &p)
	switch hedui.KindOf(err) {
	case hedui.KindInvalid, hedui.KindMalformed, hedui.KindPermission, hedui.KindConflict:
		p.Error = hedui.MessageOf(err)
		return s.renderRounds(w, r, sess, http.StatusUnprocessableEntity, p)
	}
	return err
}

// roundPage is one round: progress overall and per department, and the
// households left out with why.
type roundPage struct {
	P        hedui.RoundProgress
	State    progressState // the "progress" partial, polled at /rechecks/rounds/{id}/progress
	Names    map[string]string
	Reasons  []hedui.ExclusionCount
	Excluded []hedui.RoundExclusion // the first excludedShown
	More     int                    // excluded households not listed
	// Batch marks the departments on the batch-file channel, whose
	// request file and answer file the page offers.
	Batch  map[int64]bool
	Upload *uploadResult // the outcome of an answer file just uploaded
}

// excludedShown bounds the exclusion table; the counts by reason cover
// all of them.
const excludedShown = 200

// handleRound serves GET /rechecks/rounds/{id}. While the round runs,
// static/progress.js follows it through handleRoundProgress and reloads
// the page when it ends; without JavaScript the page refreshes itself.
func (s *Server) handleRound(w http.ResponseWriter, r *http.Request, sess *session) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return s.renderRound(w, r, sess, id, http.StatusOK, "")
}

// renderRound shows round id, with an alert when an upload to it was
// refused, or the outcome of the answer file of ?upload=.
func (s *Server) renderRound(w http.ResponseWriter, r *http.Request, sess *session, id int64, status int, alert string) error {
	prog, err := s.store.RoundProgress(r.Context(), sess.by, id)
	if err != nil {
		return err
	}
	ds, err := s.store.Departments(r.Context(), sess.by)
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
	p := roundPage{P: prog, State: s.roundState(prog), Names: names, Reasons: hedui.CountExclusions(ex),
		Batch: map[int64]bool{}, Upload: s.uploadOutcome(r, sess)}
	for _, d := range ds {
		p.Batch[d.ID] = d.Channel == hedui.ChannelBatchFile
	}
	p.Excluded = ex[:min(len(ex), excludedShown)]
	p.More = len(ex) - len(p.Excluded)
	v := view{Title: s.text.get("recheck.round.title", id), Nav: "rounds", Sess: sess, Page: p, Alert: alert}
	switch {
	case r.URL.Query().Get("started") != "":
		v.Flash = s.text.get("recheck.round.started", prog.Round.Households, prog.Round.Excluded)
	case p.Upload != nil:
		v.Flash = s.text.get("liaison.flash.file", p.Upload.Recorded, p.Upload.Duplicates, len(p.Upload.Problems))
	}
	s.render(w, r, status, "recheck_round", v)
	return nil
}

// handleRoundProgress serves GET /rechecks/rounds/{id}/progress: the
// round's state from the store, as the JSON static/progress.js polls.
func (s *Server) handleRoundProgress(w http.ResponseWriter, r *http.Request, sess *session) error {
	return s.progressJSON(func(r *http.Request, sess *session) (progressState, error) {
		prog, err := s.roundProgress(r, sess)
		if err != nil {
			return progressState{}, err
		}
		return s.roundState(prog), nil
	})(w, r, sess)
}

// roundProgress reads the round of the path; the store scopes it.
func (s *Server) roundProgress(r *http.Request, sess *session) (hedui.RoundProgress, error) {
	id, err := pathID(r)
	if err != nil {
		return hedui.RoundProgress{}, err
	}
	return s.store.RoundProgress(r.Context(), sess.by, id)
}

// roundState is a round's progress as the progress partial shows it:
// households evaluated out of those asked.
func (s *Server) roundState(p hedui.RoundProgress) progressState {
	r := p.Round
	st := progressState{ID: fmt.Sprintf("round-%d", r.ID), Title: s.text.get("recheck.round.title", r.ID),
		Total: r.Households, Done: p.Overall.Evaluated, Finished: r.Status == hedui.RoundFinished,
		Problems: []string{}, PollURL: fmt.Sprintf("/rechecks/rounds/%d/progress", r.ID)}
	st.Percent = percent(st.Done, st.Total, st.Finished)
	return st
}
