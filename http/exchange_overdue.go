package http

import (
	"cmp"
	stdhttp "net/http"
	"slices"

	"hedui"
	"hedui/exchange"
)

// overdueResponse lists the open queries past due today in the caller's
// view, with a count per department for the deadline board.
type overdueResponse struct {
	Day         hedui.Date      `json:"day"`
	Total       int             `json:"total"`
	Departments []overdueByDept `json:"departments"`
	Items       []queryView     `json:"items"`
}

type overdueByDept struct {
	DepartmentID int64  `json:"department_id"`
	Department   string `json:"department_name"`
	Count        int    `json:"count"`
}

// handleExchangeOverdue serves GET /api/v1/exchange/overdue: a verifier
// sees the overdue queries of his region's cases, a liaison those of his
// department. Working days overdue are counted on the holiday calendar
// where it covers the span.
func (s *Server) handleExchangeOverdue(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	var ds []hedui.Department
	if by.Role == hedui.RoleLiaison {
		var err error
		if ds, err = s.liaisonDepartments(r.Context(), by); err != nil {
			return err
		}
	}
	today := hedui.Today(s.now())
	qs, err := s.store.Overdue(r.Context(), by, today)
	if err != nil {
		return err
	}
	cal, err := exchange.LoadCalendar(r.Context(), s.store)
	if err != nil {
		return err
	}
	out := overdueResponse{Day: today, Departments: []overdueByDept{}, Items: make([]queryView, 0, len(qs))}
	index := map[int64]int{} // department id → position in out.Departments
	for _, q := range qs {
		if by.Role == hedui.RoleLiaison && !ownsQuery(ds, q) {
			continue
		}
		v := viewQuery(q, by, today, false)
		if n, err := cal.WorkdaysBetween(q.DueOn.Time, today.Time); err == nil && n > 0 && !q.DueOn.IsZero() {
			v.OverdueWorkdays = n
		}
		out.Items = append(out.Items, v)
		i, ok := index[q.DepartmentID]
		if !ok {
			i = len(out.Departments)
			index[q.DepartmentID] = i
			out.Departments = append(out.Departments, overdueByDept{DepartmentID: q.DepartmentID, Department: q.Department})
		}
		out.Departments[i].Count++
	}
	slices.SortStableFunc(out.Departments, func(a, b overdueByDept) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.DepartmentID, b.DepartmentID))
	})
	out.Total = len(out.Items)
	writeJSON(w, stdhttp.StatusOK, out)
	return nil
}
