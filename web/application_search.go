package web

import (
	"net/http"
	"strings"

	"hedui"
)

// searchLimit bounds the result of a search by ID number: one person is
// in few applications.
const searchLimit = 50

// handleApplicationSearch serves POST /applications/search: the
// applications of the household a person is or was a member of, found by
// his ID number through the store's blind index (the store audits the
// search with the number masked). It is a POST so that the number appears
// in no URL, log or browser history.
func (s *Server) handleApplicationSearch(w http.ResponseWriter, r *http.Request, sess *session) error {
	const op = "web.applicationSearch"
	ctx := r.Context()
	names, divisions, err := s.divisionNames(ctx)
	if err != nil {
		return err
	}
	p := listPage{PageNo: 1, Pages: 1, Searched: true, Townships: townshipsInScope(sess.by, divisions)}
	for _, st := range hedui.Statuses {
		p.Statuses = append(p.Statuses, statusOption{Status: st})
	}
	p.IDNumber = strings.TrimSpace(r.PostFormValue("id_number"))
	status := http.StatusOK
	n, err := hedui.CheckIDNumber(op, "id_number", p.IDNumber, s.civilNow())
	if err != nil {
		p.IDError, status = hedui.MessageOf(err), http.StatusUnprocessableEntity
	} else {
		page, err := s.store.Applications(ctx, sess.by, hedui.Filter{IDNumber: n.Canonical, Limit: searchLimit})
		if err != nil {
			return err
		}
		p.Rows, p.Total = summaryRows(page.Items, names), page.Total
	}
	s.render(w, r, status, "applications", view{Title: s.text.get("list.title"), Nav: "applications", Sess: sess, Page: p})
	return nil
}
