package http

import (
	"context"
	"slices"
	"strconv"

	"hedui"
)

// liaisonDepartments returns the departments a liaison answers for: those
// whose liaisons belong to his organisation. A liaison without one can do
// nothing in the portal, and is told why.
func (s *Server) liaisonDepartments(ctx context.Context, by hedui.Actor) ([]hedui.Department, error) {
	ds, err := s.store.Departments(ctx, by)
	if err != nil {
		return nil, err
	}
	// The store already scopes a liaison to his own; filter again so that
	// a mistake there cannot hand him another department's people.
	ds = slices.DeleteFunc(ds, func(d hedui.Department) bool { return d.OrgID != by.OrgID })
	if len(ds) == 0 {
		return nil, hedui.Errorf("http.liaisonDepartments", hedui.KindPermission, "no_department", "您的账户未关联部门，请联系管理员")
	}
	return ds, nil
}

// pickDepartment chooses the department a liaison acts for: the one named
// by the department_id parameter, or his only one.
func pickDepartment(ds []hedui.Department, param string) (hedui.Department, error) {
	const op = "http.pickDepartment"
	if param == "" {
		if len(ds) == 1 {
			return ds[0], nil
		}
		return hedui.Department{}, hedui.FieldErrorf(op, hedui.KindInvalid, "choose_department", "department_id",
			"您的账户关联了%d个部门，请用参数department_id选择部门", len(ds))
	}
	id, err := strconv.ParseInt(param, 10, 64)
	if err != nil || id <= 0 {
		return hedui.Department{}, hedui.FieldErrorf(op, hedui.KindMalformed, "invalid_query", "department_id", "参数department_id应为正整数")
	}
	for _, d := range ds {
		if d.ID == id {
			return d, nil
		}
	}
	return hedui.Department{}, hedui.FieldErrorf(op, hedui.KindPermission, "not_your_department", "department_id", "该部门不是您所在的部门")
}

// ownsQuery reports whether q is addressed to one of ds.
func ownsQuery(ds []hedui.Department, q hedui.Query) bool {
	return slices.ContainsFunc(ds, func(d hedui.Department) bool { return d.ID == q.DepartmentID })
}

// queryNotFound is the answer for a query outside the caller's view,
// the same as for one that does not exist.
func queryNotFound(op string) error {
	return hedui.E(op, hedui.KindNotFound, "not_found", "未找到该查询，或该查询不是发给您所在部门的")
}

// maxQueryIDBytes bounds query ids taken from paths and files.
const maxQueryIDBytes = 64

// pathQueryID reads the queryID path segment: query ids are printable
// ASCII; anything else names no query.
func pathQueryID(r interface{ PathValue(string) string }) (string, error) {
	id := r.PathValue("queryID")
	if !validQueryID(id) {
		return "", queryNotFound("http.pathQueryID")
	}
	return id, nil
}

// validQueryID reports whether id could be a query id: printable ASCII of
// a bounded length.
func validQueryID(id string) bool {
	if id == "" || len(id) > maxQueryIDBytes {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] < 0x21 || id[i] > 0x7e {
			return false
		}
	}
	return true
}
