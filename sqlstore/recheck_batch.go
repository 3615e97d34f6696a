package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"hedui"
)

// Departments on the batch-file channel get one request file per round,
// not one per household: RecheckRequests lists every query of the round
// to the department, and RecordRecheckAnswers takes its whole answer file,
// loading it through a staging table (COPY on PostgreSQL) and inserting
// what is new with ON CONFLICT DO NOTHING, so that importing a file again
// records nothing twice.

var recheckStageAnswers = stageTable{name: "recheck_stage_a", cols: recheckAnswersTable.cols,
	defs: []string{"BIGINT", "BIGINT", "BIGINT", "BIGINT", "TEXT", "BOOLEAN", "TEXT", "DATE", "TIMESTAMPTZ", "TEXT",
		"TEXT", "TEXT"}}

// exchangeRound reads a round for the exchange of files: the system actor
// (the exchange job) reads any, a verifier those of his scope.
func (db *DB) exchangeRound(ctx context.Context, q queryer, op string, by hedui.Actor, id int64) (hedui.Round, error) {
	if by.Role == hedui.RoleSystem {
		r, err := db.round(ctx, q, id)
		if errors.Is(err, sql.ErrNoRows) {
			return r, hedui.Errorf(op, hedui.KindNotFound, "round_not_found", "没有找到该复核轮次")
		}
		return r, wrapDB(op, err)
	}
	r, _, err := db.scopedRound(ctx, q, op, by, id)
	return r, err
}

// RecheckRequests lists the round's queries to one department with their
// subjects, ID numbers opened: the request file's content. The read is
// audited once for the file.
func (db *DB) RecheckRequests(ctx context.Context, by hedui.Actor, roundID, deptID int64) ([]hedui.Query, error) {
	const op = "sqlstore.RecheckRequests"
	var out []hedui.Query
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		out = out[:0]
		if _, err := db.exchangeRound(ctx, tx, op, by, roundID); err != nil {
			return err
		}
		d, err := department(ctx, tx, deptID)
		if errors.Is(err, sql.ErrNoRows) {
			return hedui.Errorf(op, hedui.KindNotFound, "department_not_found", "没有找到该部门")
		} else if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT q.id, q.household_id, q.items, q.created_at, m.id, m.name_enc, m.id_enc
			FROM recheck_queries q JOIN roll_members m ON m.roll_household_id = q.household_id AND m.status = 'active'
			WHERE q.round_id = $1 AND q.department_id = $2 ORDER BY q.household_id, m.seq`, roundID, deptID)
		if err != nil {
			return err
		}
		defer rows.Close()
		o := db.opener()
		for rows.Next() {
			var id, items, name, idn string
			var hh, member int64
			var created hedui.Query
			if err := rows.Scan(&id, &hh, &items, timeCol{&created.CreatedAt}, &member, &name, &idn); err != nil {
				return err
			}
			if len(out) == 0 || out[len(out)-1].ID != id {
				out = append(out, hedui.Query{ID: id, DepartmentID: deptID, Department: d.Name,
					Items: splitList[hedui.Item](items), Status: hedui.QuerySent, CreatedAt: created.CreatedAt})
			}
			q := &out[len(out)-1]
			q.Subjects = append(q.Subjects, hedui.Subject{Ref: hedui.RecheckSubjectRef(id, member), MemberID: member,
				Name: o.str(name, adRollName), IDNumber: o.str(idn, adRollID)})
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if err := o.done(op); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, by, event{action: "recheck.requests", objectType: "recheck_round",
			objectID: strconv.FormatInt(roundID, 10), detail: fmt.Sprintf("department=%s queries=%d", d.Code, len(out))})
	})
	return out, err
}

// roundQuery is what checking an answer needs of its query.
type roundQuery struct {
	household int64
	items     map[hedui.Item]bool
	members   map[int64]bool
}

// RecordRecheckAnswers stores a department's answers to a round; answers
// that name no query of the round to that department, another member or
// an item not asked are problems, and the others are kept. The parts that
// were waiting for them become ready for a worker to evaluate.
func (db *DB) RecordRecheckAnswers(ctx context.Context, by hedui.Actor, roundID, deptID int64, answers []hedui.Answer) (hedui.IngestReport, error) {
	const op = "sqlstore.RecordRecheckAnswers"
	var rep hedui.IngestReport
	err := db.inBulkTx(ctx, op, func(tx *bulkTx) error {
		rep = hedui.IngestReport{Problems: []hedui.Problem{}}
		if _, err := db.exchangeRound(ctx, tx, op, by, roundID); err != nil {
			return err
		}
		queries, err := roundQueries(ctx, tx, roundID, deptID)
		if err != nil {
			return err
		}
		var rows [][]any
		for i := range answers {
			a := answers[i]
			q, member, problem := checkRoundAnswer(queries, &a)
			if problem != "" {
				rep.Problems = append(rep.Problems, hedui.Problem{Source: a.QueryID + " " + a.SubjectRef, Message: problem})
				continue
			}
			a.DepartmentID, a.MemberID = deptID, member
			row, err := db.answerRow(&a, roundID, q.household)
			if err != nil {
				return err
			}
			rows = append(rows, row)
		}
		if err := recheckStageAnswers.create(ctx, tx.Tx); err != nil {
			return err
		}
		if err := tx.load(ctx, recheckStageAnswers, rows); err != nil {
			return err
		}
		cols := strings.Join(recheckAnswersTable.cols, ", ")
		res, err := tx.ExecContext(ctx, `INSERT INTO recheck_answers (`+cols+`) SELECT `+cols+` FROM recheck_stage_a
			WHERE true ON CONFLICT DO NOTHING`) // WHERE: SQLite would read ON as a join
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		rep.Recorded, rep.Duplicates = int(n), len(rows)-int(n)
		if _, err := tx.ExecContext(ctx, `UPDATE recheck_queries SET answered_at = $1
			WHERE round_id = $2 AND department_id = $3 AND answered_at IS NULL
			AND household_id IN (SELECT household_id FROM recheck_stage_a)
			AND expected <= (SELECT COUNT(*) FROM recheck_answers a WHERE a.round_id = recheck_queries.round_id
				AND a.household_id = recheck_queries.household_id AND a.department_id = recheck_queries.department_id)`,
			db.d.ts(db.now()), roundID, deptID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE recheck_parts SET status = 'ready' WHERE status = 'waiting'
			AND id IN (SELECT rh.part_id FROM recheck_households rh WHERE rh.round_id = $1
				AND rh.household_id IN (SELECT household_id FROM recheck_stage_a))`, roundID); err != nil {
			return err
		}
		if err := recheckStageAnswers.drop(ctx, tx.Tx); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx.Tx, by, event{action: "recheck.answers", objectType: "recheck_round",
			objectID: strconv.FormatInt(roundID, 10), detail: fmt.Sprintf("department=%d recorded=%d duplicates=%d problems=%d",
				deptID, rep.Recorded, rep.Duplicates, len(rep.Problems))})
	})
	return rep, err
}

// roundQueries reads a round's queries to a department with the members
// they asked about.
func roundQueries(ctx context.Context, tx *bulkTx, roundID, deptID int64) (map[string]*roundQuery, error) {
	rows, err := tx.QueryContext(ctx, `SELECT q.id, q.household_id, q.items, m.id FROM recheck_queries q
		JOIN roll_members m ON m.roll_household_id = q.household_id AND m.status = 'active'
		WHERE q.round_id = $1 AND q.department_id = $2`, roundID, deptID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]*roundQuery{}
	for rows.Next() {
		var id, items string
		var hh, member int64
		if err := rows.Scan(&id, &hh, &items, &member); err != nil {
			return nil, err
		}
		q := out[id]
		if q == nil {
			q = &roundQuery{household: hh, items: map[hedui.Item]bool{}, members: map[int64]bool{}}
			for _, it := range splitList[hedui.Item](items) {
				q.items[it] = true
			}
			out[id] = q
		}
		q.members[member] = true
	}
	return out, rows.Err()
}

// checkRoundAnswer finds an answer's query and member (from its subject
// reference when the file did not say), or says what is wrong.
func checkRoundAnswer(queries map[string]*roundQuery, a *hedui.Answer) (*roundQuery, int64, string) {
	q := queries[a.QueryID]
	if q == nil {
		return nil, 0, "本轮次没有发给该部门的此查询编号"
	}
	member := a.MemberID
	if ref, ok := strings.CutPrefix(a.SubjectRef, a.QueryID+"-"); ok && member == 0 {
		member, _ = strconv.ParseInt(ref, 10, 64)
	}
	switch {
	case !q.members[member]:
		return nil, 0, "查询对象编号不属于该查询"
	case !q.items[a.Item]:
		return nil, 0, "该查询未请求此核对项目"
	case a.AsOf.IsZero():
		return nil, 0, "缺少数据截止日期"
	}
	return q, member, ""
}
