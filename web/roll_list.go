package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"hedui"
)

const rollPageSize = 50

// rollListPage is the masked list of roll households with its filters.
type rollListPage struct {
	Counties []hedui.Division
	Filter   hedui.RollFilter
	Items    []hedui.RollSummary
	Names    map[string]string
	Total    int
	PageNo   int
	Pages    int
	Prev     string
	Next     string
}

// handleRollList serves GET /rolls: 名册, the households on the rolls in
// the verifier's scope, filtered by county, category, status and 户编号,
// with the head's name and ID number masked by the store.
func (s *Server) handleRollList(w http.ResponseWriter, r *http.Request, sess *session) error {
	ctx, q := r.Context(), r.URL.Query()
	names, divisions, err := s.divisionNames(ctx)
	if err != nil {
		return err
	}
	p := rollListPage{Counties: countiesInScope(sess.by, divisions), Names: names, PageNo: 1}
	f := &p.Filter
	if c := q.Get("county"); slices.ContainsFunc(p.Counties, func(d hedui.Division) bool { return d.Code == c }) {
		f.County = c
	}
	if c := hedui.Category(q.Get("category")); c == hedui.CategoryDibao || c == hedui.CategoryTekun {
		f.Category = c
	}
	f.Status = hedui.RollActive
	if st := hedui.RollStatus(q.Get("status")); st == hedui.RollExited {
		f.Status = st
	} else if q.Get("status") == "all" {
		f.Status = ""
	}
	f.Number = strings.TrimSpace(q.Get("number"))
	if len(f.Number) > 64 {
		f.Number = f.Number[:64]
	}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 && n < 1_000_000 {
		p.PageNo = n
	}
	f.Limit, f.Offset = rollPageSize, (p.PageNo-1)*rollPageSize
	page, err := s.store.RollHouseholds(ctx, sess.by, *f)
	if err != nil {
		return err
	}
	p.Items, p.Total = page.Items, page.Total
	p.Pages = max(1, (p.Total+rollPageSize-1)/rollPageSize)
	v := url.Values{"county": {f.County}, "category": {string(f.Category)}, "status": {q.Get("status")}, "number": {f.Number}}
	at := func(n int) string { v.Set("page", fmt.Sprint(n)); return "/rolls?" + v.Encode() }
	if p.PageNo > 1 {
		p.Prev = at(p.PageNo - 1)
	}
	if p.PageNo < p.Pages {
		p.Next = at(p.PageNo + 1)
	}
	s.render(w, r, http.StatusOK, "rolls", view{Title: s.text.get("roll.title"), Nav: "rolls", Sess: sess, Page: p})
	return nil
}
