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
// merging it into the queries' packed answer rows, so that importing a
// file again records nothing twice.

// roundDepartment checks that by may exchange the round's files with the
// department and returns the department: the system actor (the exchange
// job) any, a verifier those of the rounds of his scope, a liaison only
// his own department's, and only for a round that asked it something.
// Anything else is not found, so that nobody learns of others' rounds.
func (db *DB) roundDepartment(ctx context.Context, q queryer, op string, by hedui.Actor, roundID, deptID int64) (hedui.Department, error) {
	notFound := hedui.Errorf(op, hedui.KindNotFound, "round_not_found", "没有找到该复核轮次")
	switch by.Role {
	case hedui.RoleSystem, hedui.RoleLiaison:
		if _, err := db.round(ctx, q, roundID); errors.Is(err, sql.ErrNoRows) {
			return hedui.Department{}, notFound
		} else if err != nil {
			return hedui.Department{}, wrapDB(op, err)
		}
	default:
		if _, _, err := db.scopedRound(ctx, q, op, by, roundID); err != nil {
			return hedui.Department{}, err
		}
	}
	d, err := department(ctx, q, deptID)
	if errors.Is(err, sql.ErrNoRows) {
		return d, hedui.Errorf(op, hedui.KindNotFound, "department_not_found", "没有找到该部门")
	} else if err != nil {
		return d, wrapDB(op, err)
	}
	if by.Role != hedui.RoleLiaison {
		return d, nil
	}
	var n int
	err = q.QueryRowContext(ctx, `SELECT COUNT(*) FROM recheck_queries WHERE round_id = $1 AND department_id = $2`,
		roundID, deptID).Scan(&n)
	if err != nil {
		return d, wrapDB(op, err)
	}
	if d.OrgID != by.OrgID || n == 0 {
		return d, notFound
	}
	return d, nil
}

// RecheckRequests lists the round's queries to one department with their
// subjects, ID numbers opened: the request file's content. The read is
// audited once for the file.
func (db *DB) RecheckRequests(ctx context.Context, by hedui.Actor, roundID, deptID int64) ([]hedui.Query, error) {
	const op = "sqlstore.RecheckRequests"
	var out []hedui.Query
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		out = out[:0]
		d, err := db.roundDepartment(ctx, tx, op, by, roundID, deptID)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT q.household_id, q.items, q.created_at, m.id, m.name_enc, m.id_enc
			FROM recheck_queries q JOIN roll_members m ON m.roll_household_id = q.household_id AND m.status = 'active'
			WHERE q.round_id = $1 AND q.department_id = $2 ORDER BY q.household_id, m.seq`, roundID, deptID)
		if err != nil {
			return err
		}
		defer rows.Close()
		o := db.opener()
		for rows.Next() {
			var items, name, idn string
			var hh, member int64
			var created hedui.Query
			if err := rows.Scan(&hh, &items, timeCol{&created.CreatedAt}, &member, &name, &idn); err != nil {
				return err
			}
			id := hedui.RecheckQueryID(roundID, hh, deptID)
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
// an item not asked are problems, and the others are kept. Each query's
// packed row is merged with what is stored: an answer already there (same
// member, item and payload digest) is a duplicate. The parts that were
// waiting for the answers become ready for a worker to evaluate.
func (db *DB) RecordRecheckAnswers(ctx context.Context, by hedui.Actor, roundID, deptID int64, answers []hedui.Answer) (hedui.IngestReport, error) {
	const op = "sqlstore.RecordRecheckAnswers"
	var rep hedui.IngestReport
	err := db.inBulkTx(ctx, op, func(tx *bulkTx) error {
		rep = hedui.IngestReport{Problems: []hedui.Problem{}}
		if _, err := db.roundDepartment(ctx, tx, op, by, roundID, deptID); err != nil {
			return err
		}
		queries, err := roundQueries(ctx, tx, roundID, deptID, answerHouseholds(answers))
		if err != nil {
			return err
		}
		var good []hedui.Answer
		for i := range answers {
			a := answers[i]
			_, member, problem := checkRoundAnswer(queries, &a)
			if problem != "" {
				src := a.Source // the file's line when the answer came from one
				if src == "" {
					src = a.QueryID + " " + a.SubjectRef
				}
				rep.Problems = append(rep.Problems, hedui.Problem{Source: src, Message: problem})
				continue
			}
			a.DepartmentID, a.MemberID = deptID, member
			good = append(good, a)
		}
		keys, groups := groupAnswers(good, func(a *hedui.Answer) int64 { return queries[a.QueryID].household })
		stored, err := db.storedAnswers(ctx, tx, roundID, deptID, keys)
		if err != nil {
			return err
		}
		var rows [][]any
		var changed, answered []int64
		var buf packBuf
		for i, k := range keys {
			merged, added := mergeAnswers(stored[k], groups[i])
			rep.Recorded += added
			rep.Duplicates += len(groups[i]) - added
			if added == 0 {
				continue
			}
			rows = append(rows, db.packRow(&buf, roundID, k, answerPtrs(merged)))
			changed = append(changed, k.household)
			qid := hedui.RecheckQueryID(roundID, k.household, deptID)
			if q := queries[qid]; distinctAnswers(merged) >= len(q.members)*len(q.items) {
				answered = append(answered, k.household)
			}
		}
		if _, err := inChunks(ctx, tx, `DELETE FROM recheck_answers WHERE round_id = $1 AND department_id = $2
			AND household_id IN %s`, args{roundID, deptID}, changed); err != nil {
			return err
		}
		if err := tx.load(ctx, recheckAnswersTable, rows); err != nil {
			return err
		}
		if _, err := inChunks(ctx, tx, `UPDATE recheck_queries SET answered_at = $1 WHERE answered_at IS NULL
			AND round_id = $2 AND department_id = $3 AND household_id IN %s`,
			args{db.d.ts(db.now()), roundID, deptID}, answered); err != nil {
			return err
		}
		if _, err := inChunks(ctx, tx, `UPDATE recheck_parts SET status = 'ready' WHERE status = 'waiting'
			AND id IN (SELECT rh.part_id FROM recheck_households rh WHERE rh.round_id = $1 AND rh.household_id IN %s)`,
			args{roundID}, answered); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx.Tx, by, event{action: "recheck.answers", objectType: "recheck_round",
			objectID: strconv.FormatInt(roundID, 10), detail: fmt.Sprintf("department=%d recorded=%d duplicates=%d problems=%d",
				deptID, rep.Recorded, rep.Duplicates, len(rep.Problems))})
	})
	return rep, err
}

// storedAnswers reads the stored answers of the department's queries
// about the households of keys.
func (db *DB) storedAnswers(ctx context.Context, tx *bulkTx, roundID, deptID int64, keys []queryKey) (map[queryKey][]hedui.Answer, error) {
	out := map[queryKey][]hedui.Answer{}
	for lo := 0; lo < len(keys); lo += chunkSize {
		a := args{roundID, deptID}
		hs := make([]int64, 0, chunkSize)
		for _, k := range keys[lo:min(lo+chunkSize, len(keys))] {
			hs = append(hs, k.household)
		}
		got, err := db.recheckAnswers(ctx, tx, `x.round_id = $1 AND x.department_id = $2 AND x.household_id IN `+in(&a, hs), a)
		if err != nil {
			return nil, err
		}
		for _, x := range got {
			k := queryKey{x.household, deptID}
			out[k] = append(out[k], x.Answer)
		}
	}
	return out, nil
}

// mergeAnswers adds the new answers that are not already stored and
// returns the merged list and how many were added.
func mergeAnswers(stored []hedui.Answer, fresh []*hedui.Answer) ([]hedui.Answer, int) {
	type key struct {
		member int64
		item   hedui.Item
		digest string
	}
	seen := map[key]bool{}
	for _, a := range stored {
		seen[key{a.MemberID, a.Item, a.PayloadSHA256}] = true
	}
	added := 0
	for _, a := range fresh {
		k := key{a.MemberID, a.Item, a.PayloadSHA256}
		if seen[k] {
			continue
		}
		seen[k] = true
		stored = append(stored, *a)
		added++
	}
	return stored, added
}

// answerPtrs points at each of as.
func answerPtrs(as []hedui.Answer) []*hedui.Answer {
	out := make([]*hedui.Answer, len(as))
	for i := range as {
		out[i] = &as[i]
	}
	return out
}

// distinctAnswers counts the member × item pairs answered.
func distinctAnswers(as []hedui.Answer) int {
	type key struct {
		member int64
		item   hedui.Item
	}
	seen := map[key]bool{}
	for _, a := range as {
		seen[key{a.MemberID, a.Item}] = true
	}
	return len(seen)
}

// chunkSize bounds the placeholders of one IN list, well under every
// engine's limit.
const chunkSize = 500

// inChunks runs query, whose "%s" is a parenthesised placeholder list
// after the fixed arguments, over ids in chunks, and returns the rows
// affected.
func inChunks[T any](ctx context.Context, tx *bulkTx, query string, fixed args, ids []T) (int64, error) {
	var n int64
	for lo := 0; lo < len(ids); lo += chunkSize {
		a := append(args(nil), fixed...)
		list := in(&a, ids[lo:min(lo+chunkSize, len(ids))])
		res, err := tx.ExecContext(ctx, strings.Replace(query, "%s", list, 1), a...)
		if err != nil {
			return n, err
		}
		k, err := res.RowsAffected()
		if err != nil {
			return n, err
		}
		n += k
	}
	return n, nil
}

// roundQueries reads a round's queries to a department with the members
// they asked about: all of them, or those about the households hs when
// hs is not nil (answerHouseholds).
func roundQueries(ctx context.Context, tx *bulkTx, roundID, deptID int64, hs []int64) (map[string]*roundQuery, error) {
	a := args{roundID, deptID}
	only := ""
	switch {
	case hs != nil && len(hs) == 0:
		return map[string]*roundQuery{}, nil
	case hs != nil:
		only = " AND q.household_id IN " + in(&a, hs)
	}
	rows, err := tx.QueryContext(ctx, `SELECT q.household_id, q.items, m.id FROM recheck_queries q
		JOIN roll_members m ON m.roll_household_id = q.household_id AND m.status = 'active'
		WHERE q.round_id = $1 AND q.department_id = $2`+only, a...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]*roundQuery{}
	for rows.Next() {
		var items string
		var hh, member int64
		if err := rows.Scan(&hh, &items, &member); err != nil {
			return nil, err
		}
		id := hedui.RecheckQueryID(roundID, hh, deptID)
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
