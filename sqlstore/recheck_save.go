package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"hedui"
)

var (
	recheckQueriesTable = stageTable{name: "recheck_queries",
		cols: []string{"round_id", "household_id", "department_id", "subjects", "items", "expected", "created_at", "answered_at",
			"refusal"}}
	recheckResultsTable = stageTable{name: "recheck_results",
		cols: []string{"round_id", "household_id", "county_code", "as_of", "members", "income_fen", "per_capita_fen",
			"standard_fen", "vehicles", "homes", "businesses", "employed", "deceased", "evaluated_at"}}
	recheckWarningsTable = stageTable{name: "recheck_warnings",
		cols: []string{"round_id", "household_id", "county_code", "gap_fen", "changes", "status", "created_at"}}
)

// SaveRecheckParts writes a node's work on its parts in one transaction:
// the lease is checked once, for all parts, by the statement that also
// locks them; queries, answers, results and warnings are bulk-loaded; the
// parts move to done or waiting, except those with a household to ask
// again (out.Retry), which stay claimed until their lease runs out
// (partsToClose); the round counts its finished parts; one
// audit entry names the counts. A unique key on every table makes a second
// save of the same work fail rather than duplicate it.
func (db *DB) SaveRecheckParts(ctx context.Context, node string, parts []hedui.RecheckPart, out hedui.RecheckOutput) error {
	const op = "sqlstore.SaveRecheckParts"
	if len(parts) == 0 {
		return nil
	}
	round := parts[0].RoundID
	owned := map[int64]string{} // household → county, for the parts' households only
	return db.inBulkTx(ctx, op, func(tx *bulkTx) error {
		now := db.now()
		ids := make([]int64, len(parts))
		for i, p := range parts {
			ids[i] = p.ID
		}
		a := args{round, node, db.d.ts(now)}
		res, err := tx.ExecContext(ctx, `UPDATE recheck_parts SET lease_until = lease_until WHERE round_id = $1
			AND claimed_by = $2 AND status = 'running' AND lease_until >= $3 AND id IN `+in(&a, ids), a...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n != int64(len(parts)) {
			return hedui.Errorf(op, hedui.KindConflict, "lease_lost", "任务分片的租约已失效，已由其他节点接手")
		}
		if err := db.partOwners(ctx, tx, round, ids, owned); err != nil {
			return err
		}
		if err := db.loadOutput(ctx, op, tx, round, owned, out, now); err != nil {
			return err
		}
		closing, err := db.partsToClose(ctx, tx, op, round, ids, out.Retry, owned)
		if err != nil {
			return err
		}
		done, err := db.closeParts(ctx, tx, round, closing)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE recheck_rounds SET parts_done = parts_done + CAST($1 AS INTEGER),
			status = CASE WHEN parts_done + CAST($1 AS INTEGER) >= parts THEN 'finished' ELSE status END,
			finished_at = CASE WHEN parts_done + CAST($1 AS INTEGER) >= parts THEN $2 ELSE finished_at END WHERE id = $3`,
			done, db.d.ts(now), round); err != nil {
			return err
		}
		by := hedui.SystemActor("复核轮次")
		by.Username = "node:" + node
		return db.appendAudit(ctx, tx.Tx, by, event{action: "recheck.save", objectType: "recheck_round",
			objectID: strconv.FormatInt(round, 10),
			detail: fmt.Sprintf("parts=%d done=%d households=%d queries=%d answers=%d evaluated=%d warnings=%d",
				len(parts), done, len(owned), len(out.Queries), len(out.Answers), len(out.Results), warnings(out.Results))})
	})
}

func warnings(rs []hedui.RecheckResult) int {
	n := 0
	for _, r := range rs {
		if r.Warning != nil {
			n++
		}
	}
	return n
}

// partOwners reads the households of the parts with their counties.
func (db *DB) partOwners(ctx context.Context, tx *bulkTx, round int64, ids []int64, owned map[int64]string) error {
	var a args
	a.add(round)
	rows, err := tx.QueryContext(ctx, `SELECT household_id, county_code FROM recheck_households
		WHERE round_id = $1 AND part_id IN `+in(&a, ids), a...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var hh int64
		var county string
		if err := rows.Scan(&hh, &county); err != nil {
			return err
		}
		owned[hh] = county
	}
	return rows.Err()
}

// loadOutput bulk-loads the output after checking that everything in it
// belongs to the parts: a worker cannot write outside what it holds.
func (db *DB) loadOutput(ctx context.Context, op string, tx *bulkTx, round int64, owned map[int64]string,
	out hedui.RecheckOutput, now time.Time) error {
	var asOf hedui.Date
	if err := tx.QueryRowContext(ctx, `SELECT as_of FROM recheck_rounds WHERE id = $1`, round).Scan(dateCol{&asOf}); err != nil {
		return err
	}
	foreign := func(hh int64) error { return notInParts(op, hh) }
	// The worker gathers queries per department; loaded in key order
	// instead, as the answers are (groupAnswers), they append to the
	// unique index on (round, household, department) rather than
	// sweeping it once per department.
	qs := slices.Clone(out.Queries)
	slices.SortFunc(qs, func(a, b hedui.RecheckQuery) int {
		return cmpKey(queryKey{a.HouseholdID, a.DepartmentID}, queryKey{b.HouseholdID, b.DepartmentID})
	})
	rows := make([][]any, 0, len(qs))
	for _, q := range qs {
		if _, ok := owned[q.HouseholdID]; !ok || q.RoundID != round {
			return foreign(q.HouseholdID)
		}
		rows = append(rows, []any{round, q.HouseholdID,
			q.DepartmentID, q.Subjects, joinList(q.Items), q.Subjects * len(q.Items), db.d.ts(now), db.d.nullTS(q.AnsweredAt),
			nullString(q.Refusal)})
	}
	if err := knownDepartments(ctx, op, tx, qs, out.Answers); err != nil {
		return err
	}
	if err := tx.load(ctx, recheckQueriesTable, rows); err != nil {
		return err
	}
	var bad error
	keys, groups := groupAnswers(out.Answers, func(a *hedui.Answer) int64 {
		r, hh, dept, ok := hedui.ParseRecheckQueryID(a.QueryID)
		if _, mine := owned[hh]; (!ok || !mine || r != round || dept != a.DepartmentID) && bad == nil {
			bad = foreign(hh)
		}
		return hh
	})
	if bad != nil {
		return bad
	}
	rows = make([][]any, 0, len(keys))
	var buf packBuf
	for i, k := range keys {
		rows = append(rows, db.packRow(&buf, round, k, groups[i]))
	}
	if err := tx.load(ctx, recheckAnswersTable, rows); err != nil {
		return err
	}
	rows = make([][]any, 0, len(out.Results))
	var warns [][]any
	for _, r := range out.Results {
		county, ok := owned[r.HouseholdID]
		if !ok {
			return foreign(r.HouseholdID)
		}
		f := r.Found
		rows = append(rows, []any{round, r.HouseholdID, county, db.d.date(asOf), r.Members, int64(f.IncomeFen),
			int64(r.PerCapitaFen), int64(r.StandardFen), f.Vehicles, f.Homes, f.Businesses, f.Employed, f.Deceased,
			db.d.ts(now)})
		if w := r.Warning; w != nil {
			b, err := json.Marshal(w.Changes)
			if err != nil {
				return err
			}
			warns = append(warns, []any{round, r.HouseholdID, county, int64(w.GapFen), string(b),
				string(hedui.WarningOpen), db.d.ts(now)})
		}
	}
	if err := tx.load(ctx, recheckResultsTable, rows); err != nil {
		return err
	}
	return tx.load(ctx, recheckWarningsTable, warns)
}

// notInParts is the error of a save naming a household outside the
// parts it holds: a worker cannot write outside what it holds.
func notInParts(op string, hh int64) error {
	return hedui.Errorf(op, hedui.KindInvalid, "not_in_parts", "家庭 %d 不属于所领取的任务分片", hh)
}

// knownDepartments checks that the departments of the queries and answers
// exist, as one set: the tables have no per-row foreign key to departments
// (migration 0009), so a save of 32,000 rows naming eight departments asks
// about eight, not 32,000 times.
func knownDepartments(ctx context.Context, op string, tx *bulkTx, qs []hedui.RecheckQuery, as []hedui.Answer) error {
	seen := map[int64]bool{}
	var ids []int64
	add := func(id int64) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for i := range qs {
		add(qs[i].DepartmentID)
	}
	for i := range as {
		add(as[i].DepartmentID)
	}
	if len(ids) == 0 {
		return nil
	}
	var a args
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM departments WHERE id IN `+in(&a, ids), a...).Scan(&n); err != nil {
		return err
	}
	if n != len(ids) {
		return hedui.Errorf(op, hedui.KindInvalid, "unknown_department", "复核结果中含有不存在的部门")
	}
	return nil
}

// closeParts marks the parts whose households all have a result done,
// releasing the leases, and returns how many are done. A part left with
// a household whose answers are all in but that has no result goes back
// to ready, not waiting: its last answers may have arrived while the part
// was running, and RecordRecheckAnswers only wakes waiting parts, so a
// waiting part in that state would never be claimed again. The statement
// returns the new statuses, so counting the done parts costs no second
// statement.
func (db *DB) closeParts(ctx context.Context, tx *bulkTx, round int64, ids []int64) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	var a args
	a.add(round)
	list := in(&a, ids)
	rows, err := tx.QueryContext(ctx, `UPDATE recheck_parts SET claimed_by = '', lease_until = NULL,
		status = CASE WHEN households = (SELECT COUNT(*) FROM recheck_households rh JOIN recheck_results r
			ON r.round_id = rh.round_id AND r.household_id = rh.household_id
			WHERE rh.round_id = $1 AND rh.part_id = recheck_parts.id) THEN 'done'
		WHEN EXISTS (SELECT 1 FROM recheck_households rh WHERE rh.round_id = $1 AND rh.part_id = recheck_parts.id
			AND EXISTS (SELECT 1 FROM recheck_queries q WHERE q.round_id = rh.round_id AND q.household_id = rh.household_id)
			AND NOT EXISTS (SELECT 1 FROM recheck_queries q WHERE q.round_id = rh.round_id
				AND q.household_id = rh.household_id AND q.answered_at IS NULL)
			AND NOT EXISTS (SELECT 1 FROM recheck_results r WHERE r.round_id = rh.round_id
				AND r.household_id = rh.household_id)) THEN 'ready'
		ELSE 'waiting' END
		WHERE id IN `+list+` RETURNING status`, a...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	done := 0
	for rows.Next() {
		var status string
		if err := rows.Scan(&status); err != nil {
			return 0, err
		}
		if status == "done" {
			done++
		}
	}
	return done, rows.Err()
}
