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
// as for the round's files (roundDepartment). A query not saved yet,
// because the worker asking it has not committed its save, is a
// transient error (query_not_saved_yet) while the household's part is
// claimed, so that a department quicker than the save calls back again;
// otherwise it is not found.
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
		var asking int
		if err := db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM recheck_households rh
			JOIN recheck_parts p ON p.id = rh.part_id AND p.status = 'running'
			WHERE rh.round_id = $1 AND rh.household_id = $2`, round, hh).Scan(&asking); err != nil {
			return hedui.Query{}, wrapDB(op, err)
		}
		if asking > 0 {
			return hedui.Query{}, hedui.Errorf(op, hedui.KindTransient, "query_not_saved_yet",
				"该查询正在登记，尚未保存完毕，请稍后重新回调")
		}
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
