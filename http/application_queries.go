package http

import (
	stdhttp "net/http"

	"hedui"
)

// applicationQueries is the exchange status of one case.
type applicationQueries struct {
	ApplicationID int64        `json:"application_id"`
	Summary       querySummary `json:"summary"`
	Items         []queryView  `json:"items"`
}

// querySummary counts the case's queries by where they stand. Pending
// counts every query that still owes answers (sent or waiting to be sent);
// overdue is the part of it past due today.
type querySummary struct {
	Total    int `json:"total"`
	Answered int `json:"answered"`
	Pending  int `json:"pending"`
	Overdue  int `json:"overdue"`
	Failed   int `json:"failed"`
}

// answerKey is one subject × item of a query.
type answerKey struct {
	query, ref string
	item       hedui.Item
}

// handleApplicationQueries serves GET /api/v1/applications/{id}/queries:
// for each department, where its query stands and, per item, how many of
// the people asked about it has answered. The store scopes and audits
// both reads.
func (s *Server) handleApplicationQueries(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	qs, err := s.store.Queries(r.Context(), by, id)
	if err != nil {
		return err
	}
	answered := map[answerKey]bool{}
	if len(qs) > 0 {
		as, err := s.store.Answers(r.Context(), by, id)
		if err != nil {
			return err
		}
		for _, a := range as {
			answered[answerKey{a.QueryID, a.SubjectRef, a.Item}] = true
		}
	}
	today := hedui.Today(s.now())
	out := applicationQueries{ApplicationID: id, Items: make([]queryView, 0, len(qs))}
	for _, q := range qs {
		v := viewQuery(q, by, today, false)
		v.Progress = make([]itemProgress, 0, len(q.Items))
		for _, it := range q.Items {
			p := itemProgress{Item: it, Label: it.Label()}
			for _, sub := range q.Subjects {
				if answered[answerKey{q.ID, sub.Ref, it}] {
					p.Answered++
				} else {
					p.Pending++
				}
			}
			v.Progress = append(v.Progress, p)
		}
		out.Items = append(out.Items, v)
		out.Summary.Total++
		switch {
		case q.Status == hedui.QueryAnswered:
			out.Summary.Answered++
		case q.Status == hedui.QueryFailed:
			out.Summary.Failed++
		case q.Status.Open():
			out.Summary.Pending++
			if v.Overdue {
				out.Summary.Overdue++
			}
		}
	}
	writeJSON(w, stdhttp.StatusOK, out)
	return nil
}
