package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"

	"hedui"
)

// A re-check opened by an objection asks only the departments the
// objection names. What the other departments answered about the objected
// case still holds, so a re-check's case file and report carry those
// answers, with their queries, beside its own: the evidence of each
// department comes from the latest case of the chain that asked it.

// chainOf returns the first application of the objection chain appID
// belongs to (itself unless it is a re-check).
func chainOf(ctx context.Context, q queryer, appID int64) (int64, error) {
	var chain int64
	err := q.QueryRowContext(ctx, `SELECT COALESCE(chain_id, id) FROM applications WHERE id = $1`, appID).Scan(&chain)
	return chain, err
}

// objectionParent returns the case a re-check re-checks, 0 for a case
// that is not a re-check.
func objectionParent(ctx context.Context, q queryer, appID int64) (int64, error) {
	var parent sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT objection_of FROM applications WHERE id = $1`, appID).Scan(&parent)
	return parent.Int64, err
}

// inheritEvidence adds to a re-check's queries and answers those of the
// case it re-checks (and, through it, of the cases before) for the
// departments the re-check did not ask. It does nothing for other cases.
func (db *DB) inheritEvidence(ctx context.Context, q queryer, op string, appID int64, queries *[]hedui.Query, answers *[]hedui.Answer) error {
	parent, err := objectionParent(ctx, q, appID)
	if err != nil || parent == 0 {
		return err
	}
	var a args
	pq, err := db.listQueries(ctx, q, op, "q.application_id = "+a.add(parent), a, "q.created_at, q.id", false)
	if err != nil {
		return err
	}
	pa, err := db.appAnswers(ctx, q, op, parent)
	if err != nil {
		return err
	}
	if err := db.inheritEvidence(ctx, q, op, parent, &pq, &pa); err != nil {
		return err
	}
	asked := map[int64]bool{}
	for _, x := range *queries {
		asked[x.DepartmentID] = true
	}
	kept := map[string]bool{}
	for _, x := range pq {
		if !asked[x.DepartmentID] {
			*queries = append(*queries, x)
			kept[x.ID] = true
		}
	}
	for _, x := range pa {
		if kept[x.QueryID] {
			*answers = append(*answers, x)
		}
	}
	return nil
}

// objectionDepartments narrows the departments a re-check's dispatch asks
// to those its objection named. For other cases it returns depts as they
// are. A named department that no longer serves (no agreement in force
// today, or inactive) is an error naming it, rather than a silent gap.
func objectionDepartments(ctx context.Context, tx *sql.Tx, op string, app *hedui.Application, depts []hedui.Department) ([]hedui.Department, error) {
	if app.Kind != hedui.KindObjection {
		return depts, nil
	}
	var list string
	err := tx.QueryRowContext(ctx, `SELECT department_ids FROM objections WHERE recheck_id = $1`, app.ID).Scan(&list)
	if errors.Is(err, sql.ErrNoRows) {
		return depts, nil // a re-check registered by hand: the usual departments
	}
	if err != nil {
		return nil, err
	}
	named := splitIDs(list)
	var out []hedui.Department
	for _, d := range depts {
		if slices.Contains(named, d.ID) {
			out = append(out, d)
		}
	}
	if len(out) != len(named) {
		return nil, hedui.Errorf(op, hedui.KindInvalid, "objection_department_unavailable",
			"异议复查指定的部门中有部门当前无有效的信息共享协议或已停用，请管理员续签协议后再发起复查")
	}
	return out, nil
}

// joinIDs and splitIDs store a short list of ids comma-separated.
func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return joinList(s)
}

func splitIDs(s string) []int64 {
	var out []int64
	for _, p := range splitList[string](s) {
		if id, err := strconv.ParseInt(p, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}
