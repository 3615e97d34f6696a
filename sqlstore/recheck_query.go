package sqlstore

import (
	"context"

	"hedui"
)

// RecheckQuery reads one saved query of a round for the check of an
// online department's callback: its items and its subjects' references
// and member ids. Names and ID numbers are not read, so that checking a
// callback opens nothing personal; recording its answers
// (RecordRecheckAnswers) is what is audited. Who may read it is decided
// as for the round's files (roundDepartment); a query not saved yet (the
// worker's save has not committed) is not found, and the department
// calls back again.
func (db *DB) RecheckQuery(ctx context.Context, by hedui.Actor, id string) (hedui.Query, error) {
	const op = "sqlstore.RecheckQuery"
	notFound := hedui.Errorf(op, hedui.KindNotFound, "query_not_found", "未找到该查询")
	round, hh, deptID, ok := hedui.ParseRecheckQueryID(id)
	if !ok {
		return hedui.Query{}, notFound
	}
	d, err := db.roundDepartment(ctx, db.db, op, by, round, deptID)
	if err != nil {
		return hedui.Query{}, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT q.items, m.id FROM recheck_queries q
		JOIN roll_members m ON m.roll_household_id = q.household_id AND m.status = 'active'
		WHERE q.round_id = $1 AND q.household_id = $2 AND q.department_id = $3 ORDER BY m.seq`, round, hh, deptID)
	if err != nil {
		return hedui.Query{}, wrapDB(op, err)
	}
	defer rows.Close()
	q := hedui.Query{ID: id, DepartmentID: d.ID, Department: d.Name, Status: hedui.QuerySent}
	for rows.Next() {
		var items string
		var member int64
		if err := rows.Scan(&items, &member); err != nil {
			return hedui.Query{}, wrapDB(op, err)
		}
		q.Items = splitList[hedui.Item](items)
		q.Subjects = append(q.Subjects, hedui.Subject{Ref: hedui.RecheckSubjectRef(id, member), MemberID: member})
	}
	if err := rows.Err(); err != nil {
		return hedui.Query{}, wrapDB(op, err)
	}
	if len(q.Subjects) == 0 {
		return hedui.Query{}, notFound
	}
	return q, nil
}

// answerHouseholds lists the households that answers name by their query
// ids, so that recording an online department's callback (a query or a
// few) reads those queries and not the whole round's to the department,
// which would make a round of callbacks quadratic. Nil, for reading them
// all, when the answers name more households than one IN list takes (an
// answer file); an answer naming no round query is a problem either way.
func answerHouseholds(answers []hedui.Answer) []int64 {
	seen := map[int64]bool{}
	hs := []int64{}
	for i := range answers {
		_, hh, _, ok := hedui.ParseRecheckQueryID(answers[i].QueryID)
		if !ok || seen[hh] {
			continue
		}
		if len(hs) == chunkSize {
			return nil
		}
		seen[hh] = true
		hs = append(hs, hh)
	}
	return hs
}
