package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"

	"hedui"
)

// Tables that rounds load in bulk (COPY on PostgreSQL); stageTable's load
// needs only their names and columns.
var (
	recheckHouseholdsTable = stageTable{name: "recheck_households",
		cols: []string{"round_id", "household_id", "part_id", "county_code"}}
	recheckExcludedTable = stageTable{name: "recheck_excluded",
		cols: []string{"round_id", "household_id", "county_code", "reason"}}
)

// dueHousehold is a roll household as a round's selection sees it.
type dueHousehold struct {
	id               int64
	county, township string
	number           string
	category         hedui.Category
	hukou            hedui.HukouType
	stable           bool
	since, last      hedui.Date
	letter           string
	letterUntil      hedui.Date
}

// roundStartLock is the first key of the PostgreSQL advisory lock that
// serialises round starts; the second is derived from the schema, as
// migrateLock's is.
const roundStartLock = 0x7265_6368 // "rech"

// StartRound selects the due households of the scope and splits them into
// parts, in one transaction with one audit entry.
//
// Round starts are serialised, so that two verifiers starting rounds over
// the same or overlapping scopes at the same moment never put a household
// in both: on PostgreSQL by a transaction-scoped advisory lock taken
// before the selection reads anything (under READ COMMITTED the selection
// then sees the other start's committed households), on SQLite by the
// write transaction itself (BEGIN IMMEDIATE, sqlitePragmas). A household
// in a running round is never selected again; when every due household of
// the scope is in one, the later start is a conflict naming that round,
// which is what a verifier who clicked a moment after a colleague needs
// to hear, rather than that nothing is due or a round of none but the
// households without a valid letter.
func (db *DB) StartRound(ctx context.Context, by hedui.Actor, in hedui.NewRound) (hedui.Round, error) {
	const op = "sqlstore.StartRound"
	level, err := db.roundLevel(op, by, &in)
	if err != nil {
		return hedui.Round{}, err
	}
	now := db.now()
	r := hedui.Round{Scope: in.Scope, AsOf: in.AsOf, Status: hedui.RoundRunning, CreatedBy: by.Username, CreatedAt: now}
	err = db.inBulkTx(ctx, op, func(tx *bulkTx) error {
		if err := db.xactLock(ctx, tx, roundStartLock, ""); err != nil {
			return err
		}
		due, excluded, err := db.dueForRound(ctx, tx, op, level, in)
		if err != nil {
			return err
		}
		if len(due) == 0 {
			if err := db.roundRunning(ctx, tx, op, level, in.Scope); err != nil || len(excluded) == 0 {
				return cmp.Or(err, hedui.Errorf(op, hedui.KindInvalid, "nothing_due", "本辖区当前没有到期需要复核的家庭"))
			}
		}
		parts := (len(due) + db.partSize - 1) / db.partSize
		r.Households, r.Excluded, r.Parts = len(due), len(excluded), parts
		if parts == 0 {
			r.Status, r.FinishedAt = hedui.RoundFinished, now
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO recheck_rounds (scope_code, as_of, status, households, excluded,
			parts, parts_done, created_by, created_at, finished_at) VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, $9) RETURNING id`,
			r.Scope, db.d.date(r.AsOf), string(r.Status), r.Households, r.Excluded, r.Parts, r.CreatedBy, db.d.ts(now),
			db.d.nullTS(r.FinishedAt)).Scan(&r.ID); err != nil {
			return err
		}
		var rows [][]any
		for p := 0; p < parts; p++ {
			slice := due[p*db.partSize : min((p+1)*db.partSize, len(due))]
			var partID int64
			if err := tx.QueryRowContext(ctx, `INSERT INTO recheck_parts (round_id, seq, households, status)
				VALUES ($1, $2, $3, 'pending') RETURNING id`, r.ID, p+1, len(slice)).Scan(&partID); err != nil {
				return err
			}
			for _, h := range slice {
				rows = append(rows, []any{r.ID, h.id, partID, h.county})
			}
		}
		if err := tx.load(ctx, recheckHouseholdsTable, rows); err != nil {
			return err
		}
		rows = rows[:0]
		for _, x := range excluded {
			rows = append(rows, []any{r.ID, x.HouseholdID, x.County, x.Reason})
		}
		if err := tx.load(ctx, recheckExcludedTable, rows); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx.Tx, by, event{action: "recheck.start", objectType: "recheck_round",
			objectID: strconv.FormatInt(r.ID, 10),
			detail:   fmt.Sprintf("scope=%s as_of=%s households=%d excluded=%d parts=%d", r.Scope, r.AsOf, r.Households, r.Excluded, r.Parts)})
	})
	return r, err
}

// roundRunning is the error of a start that found nothing due while a
// running round holds households of the scope: a conflict naming it. It
// is nil when no running round does.
func (db *DB) roundRunning(ctx context.Context, q queryer, op string, level hedui.Level, code string) error {
	var running sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT MIN(rr.id) FROM recheck_rounds rr
		JOIN recheck_households rh ON rh.round_id = rr.id JOIN roll_households h ON h.id = rh.household_id
		WHERE rr.status = $1 AND `+scopeCol(level)+` = $2`, string(hedui.RoundRunning), code).Scan(&running); err != nil {
		return err
	}
	if running.Valid {
		return hedui.Errorf(op, hedui.KindConflict, "round_running",
			"本辖区到期的家庭已在进行中的第 %d 轮复核中，不会重复纳入；请等该轮完成后再发起", running.Int64)
	}
	return nil
}

// scopeCol is the roll_households column (alias h) a scope of level
// matches.
func scopeCol(level hedui.Level) string {
	if level == hedui.LevelCity {
		return "h.city_code"
	}
	return "h.county_code"
}

// rollForRound reads the active roll households of a county or city with
// the as-of day of their latest re-verification, leaving out those in a
// round still running.
func (db *DB) rollForRound(ctx context.Context, q queryer, level hedui.Level, code string) ([]dueHousehold, error) {
	rows, err := q.QueryContext(ctx, `SELECT h.id, h.county_code, h.township_code, h.number, h.category, h.hukou_type,
		h.stable, h.since, h.letter_number, h.letter_until,
		(SELECT MAX(r.as_of) FROM recheck_results r WHERE r.household_id = h.id)
		FROM roll_households h WHERE `+scopeCol(level)+` = $1 AND h.status = 'active'
		AND NOT EXISTS (SELECT 1 FROM recheck_households rh JOIN recheck_rounds rr ON rr.id = rh.round_id
			WHERE rh.household_id = h.id AND rr.status = 'running')
		ORDER BY h.county_code, h.township_code, h.id`, code)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []dueHousehold
	for rows.Next() {
		var h dueHousehold
		if err := rows.Scan(&h.id, &h.county, &h.township, &h.number, &h.category, &h.hukou, &h.stable,
			dateCol{&h.since}, &h.letter, dateCol{&h.letterUntil}, dateCol{&h.last}); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// selectDue keeps the households whose interval since their last
// re-verification (or since they joined the roll) has run out on asOf, and
// sets aside those without a letter valid on asOf. Every county and hukou
// type met needs a schedule and a policy, checked here so that a round
// never stalls half-way on a missing one.
func (db *DB) selectDue(ctx context.Context, q queryer, op string, hs []dueHousehold, asOf hedui.Date) (
	[]dueHousehold, []hedui.RoundExclusion, error) {
	counties := map[string]bool{}
	for _, h := range hs {
		counties[h.county] = true
	}
	list := make([]string, 0, len(counties))
	for c := range counties {
		list = append(list, c)
	}
	sort.Strings(list)
	schedules, err := db.schedulesAt(ctx, q, list, asOf)
	if err != nil {
		return nil, nil, err
	}
	policies := map[string]bool{}
	var due []dueHousehold
	var excluded []hedui.RoundExclusion
	for _, h := range hs {
		s, ok := schedules[hedui.ScheduleKey(h.county, h.category)]
		if !ok {
			return nil, nil, hedui.Errorf(op, hedui.KindInvalid, "no_schedule",
				"县区 %s 尚未设置%s的复核周期，请先设置", h.county, h.category.Label())
		}
		last := h.last
		if last.IsZero() {
			last = h.since
		}
		if last.AddDate(0, s.Interval(h.stable), 0).After(asOf.Time) {
			continue
		}
		switch {
		case h.letter == "" || h.letterUntil.IsZero():
			excluded = append(excluded, hedui.RoundExclusion{HouseholdID: h.id, County: h.county, Number: h.number,
				Reason: "无授权书"})
			continue
		case h.letterUntil.Before(asOf.Time):
			excluded = append(excluded, hedui.RoundExclusion{HouseholdID: h.id, County: h.county, Number: h.number,
				Reason: "授权书已于 " + h.letterUntil.String() + " 过期"})
			continue
		}
		key := hedui.PolicyKey(h.county, h.hukou)
		if !policies[key] {
			if _, err := db.policyAt(ctx, q, op, h.county, h.hukou, asOf); err != nil {
				return nil, nil, err
			}
			policies[key] = true
		}
		due = append(due, h)
	}
	return due, excluded, nil
}
