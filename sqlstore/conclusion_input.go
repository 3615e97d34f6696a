package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"hedui"
)

// mayEvaluate: conclusions are the verifiers' work.
func mayEvaluate(op string, by hedui.Actor) error {
	if by.Role == hedui.RoleVerifier {
		return nil
	}
	return hedui.Errorf(op, hedui.KindPermission, "verifier_only", "只有核对员可以出具和确认核对结论")
}

// CaseFile reads a case of the verifier's region as the rules need it,
// and logs the read.
func (db *DB) CaseFile(ctx context.Context, by hedui.Actor, appID int64) (hedui.CaseFile, error) {
	const op = "sqlstore.CaseFile"
	if err := mayEvaluate(op, by); err != nil {
		return hedui.CaseFile{}, err
	}
	var out hedui.CaseFile
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		app, err := db.findApp(ctx, tx, op, by, appID, false)
		if err != nil {
			return err
		}
		if out, err = db.caseFile(ctx, tx, op, app); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, by, appEvent(hedui.AuditCaseFileRead, appID,
			fmt.Sprintf("读取申请 %s 的申报信息和部门反馈%d条用于核对", app.Number, len(out.Answers))))
	})
	if err != nil {
		return hedui.CaseFile{}, err
	}
	return out, nil
}

// caseFile reads what the rules need about an application found in scope:
// members without their names and ID numbers, the declaration, the
// answers, and the queries with their subjects' member ids.
func (db *DB) caseFile(ctx context.Context, q queryer, op string, app *hedui.Application) (hedui.CaseFile, error) {
	f := hedui.CaseFile{ID: app.ID, Number: app.Number, Status: app.Status, Region: app.Region}
	err := q.QueryRowContext(ctx, `SELECT hukou_type FROM households WHERE id = $1`, app.Household.ID).Scan(&f.Hukou)
	if err != nil {
		return f, err
	}
	if f.Members, err = evalMembers(ctx, q, app.Household.ID); err != nil {
		return f, err
	}
	if f.Declaration, err = db.declaration(ctx, q, op, app.ID); err != nil {
		return f, err
	}
	if f.Answers, err = db.appAnswers(ctx, q, op, app.ID); err != nil {
		return f, err
	}
	var a args
	if f.Queries, err = db.listQueries(ctx, q, op, "q.application_id = "+a.add(app.ID), a, "q.created_at, q.id", false); err != nil {
		return f, err
	}
	// A re-check keeps the objected case's evidence from the departments
	// it did not ask again (objection_evidence.go).
	if err := db.inheritEvidence(ctx, q, op, app.ID, &f.Queries, &f.Answers); err != nil {
		return f, err
	}
	return f, subjectRefs(ctx, q, f.Queries)
}

// evalMembers reads the household's current members without opening
// their names and ID numbers.
func evalMembers(ctx context.Context, q queryer, householdID int64) ([]hedui.Member, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, gender, birth_date, relationship, hukou_type, disability_grade,
		labour_capacity, lives_together, added_at FROM members WHERE household_id = $1 AND status = 'active' ORDER BY id`, householdID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []hedui.Member{}
	for rows.Next() {
		m := hedui.Member{HouseholdID: householdID}
		if err := rows.Scan(&m.ID, &m.Gender, dateCol{&m.BirthDate}, &m.Relationship, &m.Hukou, &m.DisabilityGrade,
			&m.Labour, &m.LivesTogether, timeCol{&m.AddedAt}); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// subjectRefs fills the queries' subjects with their refs and member ids
// only.
func subjectRefs(ctx context.Context, q queryer, qs []hedui.Query) error {
	at := make(map[string]int, len(qs))
	ids := make([]string, len(qs))
	for i := range qs {
		at[qs[i].ID], ids[i] = i, qs[i].ID
	}
	for chunk := range slices.Chunk(ids, maxInList) {
		var a args
		rows, err := q.QueryContext(ctx, `SELECT query_id, ref, member_id FROM query_subjects
			WHERE query_id IN `+in(&a, chunk)+` ORDER BY query_id, seq`, a...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var qid string
			var s hedui.Subject
			if err := rows.Scan(&qid, &s.Ref, &s.MemberID); err != nil {
				rows.Close()
				return err
			}
			x := &qs[at[qid]]
			x.Subjects = append(x.Subjects, s)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return err
		}
	}
	return nil
}
