package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"hedui"
)

const listPageSize = 20

// listPage is the application list with its filters.
type listPage struct {
	Statuses  []statusOption
	Townships []hedui.Division // empty for a clerk, who has one
	Township  string
	IDNumber  string // as typed, shown back in the search box (never in a URL)
	IDError   string
	Searched  bool // the list is the result of a search by ID number
	Rows      []summaryRow
	Total     int
	PageNo    int
	Pages     int
	Prev      string
	Next      string
}

type statusOption struct {
	Status  hedui.Status
	Checked bool
}

// handleApplicationList serves GET /applications: the cases in the
// caller's region, filtered by status and township, newest first, with
// names and ID numbers masked by the store. The search by ID number is a
// POST (application_search.go) so that the number stays out of URLs and
// the browser's history.
func (s *Server) handleApplicationList(w http.ResponseWriter, r *http.Request, sess *session) error {
	ctx, q := r.Context(), r.URL.Query()
	names, divisions, err := s.divisionNames(ctx)
	if err != nil {
		return err
	}
	p := listPage{PageNo: 1}
	var f hedui.Filter
	for _, st := range hedui.Statuses {
		on := slices.Contains(q["status"], string(st))
		p.Statuses = append(p.Statuses, statusOption{Status: st, Checked: on})
		if on {
			f.Status = append(f.Status, st)
		}
	}
	p.Townships = townshipsInScope(sess.by, divisions)
	if t := q.Get("township"); t != "" && slices.ContainsFunc(p.Townships, func(d hedui.Division) bool { return d.Code == t }) {
		f.Township, p.Township = t, t
	}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 && n < 1_000_000 {
		p.PageNo = n
	}
	f.Limit, f.Offset = listPageSize, (p.PageNo-1)*listPageSize
	page, err := s.store.Applications(ctx, sess.by, f)
	if err != nil {
		return err
	}
	p.Rows, p.Total = summaryRows(page.Items, names), page.Total
	p.Pages = max(1, (p.Total+listPageSize-1)/listPageSize)
	link := func(n int) string {
		v := url.Values{}
		for _, st := range f.Status {
			v.Add("status", string(st))
		}
		if f.Township != "" {
			v.Set("township", f.Township)
		}
		v.Set("page", fmt.Sprint(n))
		return "/applications?" + v.Encode()
	}
	if p.PageNo > 1 {
		p.Prev = link(p.PageNo - 1)
	}
	if p.PageNo < p.Pages {
		p.Next = link(p.PageNo + 1)
	}
	s.render(w, r, http.StatusOK, "applications", view{Title: s.text.get("list.title"), Nav: "applications", Sess: sess, Page: p})
	return nil
}

// townshipsInScope lists the townships a verifier may filter by; a clerk
// has only his own, so none.
func townshipsInScope(by hedui.Actor, divisions []hedui.Division) []hedui.Division {
	scope := by.CaseScope()
	if scope.IsZero() || scope.Level == hedui.LevelTownship {
		return nil
	}
	var out []hedui.Division
	for _, d := range divisions {
		if d.Level == hedui.LevelTownship && scope.Contains(hedui.RegionOf(d.Code)) {
			out = append(out, d)
		}
	}
	return out
}
