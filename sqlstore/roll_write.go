package sqlstore

import (
	"context"
	"runtime"
	"slices"
	"sync"
	"time"

	"hedui"
	"hedui/crypt"
	"hedui/idcard"
)

// writeRoll stages the added and updated households with their members,
// rejects those with a person who is on another household of the roll,
// and applies the rest with set-based statements.
func (db *DB) writeRoll(ctx context.Context, tx *bulkTx, county string, importID int64, p *rollPlan, now time.Time) error {
	if len(p.add)+len(p.update) == 0 {
		return nil
	}
	for _, t := range []stageTable{stageHouseholds, stageMembers} {
		if err := t.create(ctx, tx.Tx); err != nil {
			return err
		}
	}
	members := db.stagedMembers(append(append([]*hedui.RollHousehold(nil), p.add...), p.update...), p.ids)
	if err := tx.load(ctx, stageMembers, members); err != nil {
		return err
	}
	// Fresh temporary tables have no statistics; without them the planner
	// may pick nested loops over hundreds of thousands of rows, or (for
	// rejectTaken) scan every member of the roll for each import, so that
	// importing a city county by county grew with the roll already there.
	if err := db.analyze(ctx, tx, stageMembers); err != nil {
		return err
	}
	// From here to the commit, one import at a time (see ImportRoll).
	if err := db.xactLock(ctx, tx, rollPersonLock, ""); err != nil {
		return err
	}
	if err := db.rejectTaken(ctx, tx, county, p); err != nil {
		return err
	}
	var households [][]any
	for _, hs := range [][]*hedui.RollHousehold{p.add, p.update} {
		for _, h := range hs {
			households = append(households, db.householdRow(h, p.ids[h.Number], p.hashes[h.Number]))
		}
	}
	if err := tx.load(ctx, stageHouseholds, households); err != nil {
		return err
	}
	if err := db.analyze(ctx, tx, stageHouseholds); err != nil {
		return err
	}
	ts := db.d.ts(now)
	steps := []struct {
		query string
		args  []any
	}{
		{`INSERT INTO roll_households (city_code, county_code, township_code, region_code, number, category, hukou_type,
			stable, benefit_fen, income_fen, since, address_enc, letter_number, letter_until, status, content_sha256,
			import_id, created_at, updated_at)
			SELECT $1, $2, township_code, region_code, number, category, hukou_type, stable, benefit_fen, income_fen,
			since, address_enc, letter_number, letter_until, 'active', content_sha256, $3, $4, $4
			FROM roll_stage_h WHERE hh_id IS NULL`, []any{county[:4] + "00", county, importID, ts}},
		{`UPDATE roll_households AS h SET township_code = s.township_code, region_code = s.region_code,
			category = s.category, hukou_type = s.hukou_type, stable = s.stable, benefit_fen = s.benefit_fen,
			income_fen = s.income_fen, since = s.since, address_enc = s.address_enc, letter_number = s.letter_number,
			letter_until = s.letter_until, status = 'active', content_sha256 = s.content_sha256, import_id = $1,
			updated_at = $2
			FROM roll_stage_h AS s WHERE h.id = s.hh_id`, []any{importID, ts}},
		{`UPDATE roll_stage_m AS s SET hh_id = h.id FROM roll_households AS h
			WHERE s.fresh AND h.county_code = $1 AND h.number = s.number`, []any{county}},
		// SQLite joins by nested loops: it needs the index that
		// PostgreSQL's hash joins do without.
		{db.d.sqliteOnly(`CREATE INDEX roll_stage_m_person ON roll_stage_m (hh_id, id_index)`), nil},
		// Members keep their ids across imports (later work refers to
		// them): those still listed are updated, the others removed.
		{`UPDATE roll_members SET status = 'removed' WHERE status = 'active'
			AND roll_household_id IN (SELECT hh_id FROM roll_stage_h WHERE hh_id IS NOT NULL)`, nil},
		{`UPDATE roll_members AS m SET seq = s.seq, name_enc = s.name_enc, id_enc = s.id_enc, gender = s.gender,
			birth_date = s.birth_date, relationship = s.relationship, disability_grade = s.disability_grade,
			labour_capacity = s.labour_capacity, lives_together = s.lives_together, status = 'active'
			FROM roll_stage_m AS s WHERE NOT s.fresh AND m.roll_household_id = s.hh_id AND m.id_index = s.id_index`, nil},
		// A new household's members are all new; only an updated one's
		// need the check.
		{`INSERT INTO roll_members (` + memberCols + `) SELECT ` + stagedMember + ` FROM roll_stage_m AS s WHERE s.fresh`, nil},
		{`INSERT INTO roll_members (` + memberCols + `) SELECT ` + stagedMember + ` FROM roll_stage_m AS s
			WHERE NOT s.fresh AND NOT EXISTS (SELECT 1 FROM roll_members m
			WHERE m.roll_household_id = s.hh_id AND m.id_index = s.id_index)`, nil},
	}
	for _, s := range steps {
		if s.query == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, s.query, s.args...); err != nil {
			return err
		}
	}
	for _, t := range []stageTable{stageHouseholds, stageMembers} {
		if err := t.drop(ctx, tx.Tx); err != nil {
			return err
		}
	}
	return nil
}

// analyze gathers PostgreSQL's statistics of a staging table. The planner
// needs its size and the rough spread of its keys, not fine histograms: a
// sample of 3,000 rows (statistics target 10, for this transaction) does,
// where the default 30,000 read nearly every row of a county's members
// and took a quarter of a city import.
func (db *DB) analyze(ctx context.Context, tx *bulkTx, t stageTable) error {
	if db.d.name != postgresDialect.name {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `SET LOCAL default_statistics_target = 10`); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `ANALYZE `+t.name)
	return err
}

// exitRoll takes the planned households off the roll and returns how many
// left.
func (db *DB) exitRoll(ctx context.Context, tx *bulkTx, importID int64, p *rollPlan, now time.Time) (int, error) {
	if len(p.exits) == 0 {
		return 0, nil
	}
	rows := make([][]any, 0, len(p.exits))
	for _, id := range p.exits {
		rows = append(rows, []any{id})
	}
	if err := stageExits.create(ctx, tx.Tx); err != nil {
		return 0, err
	}
	if err := tx.load(ctx, stageExits, rows); err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, `UPDATE roll_households AS h SET status = 'exited', import_id = $1, updated_at = $2
		FROM roll_stage_x AS x WHERE h.id = x.id AND h.status = 'active'`, importID, db.d.ts(now))
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	return int(n), stageExits.drop(ctx, tx.Tx)
}

// The columns of a member and where an INSERT … SELECT takes them from
// the staging table.
const (
	memberCols = `roll_household_id, seq, name_enc, id_enc, id_index, gender, birth_date, relationship,
		disability_grade, labour_capacity, lives_together, status`
	stagedMember = `s.hh_id, s.seq, s.name_enc, s.id_enc, s.id_index, s.gender, s.birth_date, s.relationship,
		s.disability_grade, s.labour_capacity, s.lives_together, 'active'`
)

// stagedMembers seals the members of hs into staging rows. Sealing and
// the blind index are most of an import's own work, so it is spread over
// the cores, each worker on a run of households and with its own HMAC.
func (db *DB) stagedMembers(hs []*hedui.RollHousehold, ids map[string]int64) [][]any {
	workers := min(runtime.GOMAXPROCS(0), max(1, len(hs)/1000))
	parts := make([][][]any, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(hs)/workers, (w+1)*len(hs)/workers
		wg.Go(func() {
			ix := db.kr.Indexer()
			var rows [][]any
			for _, h := range hs[lo:hi] {
				rows = db.memberRows(rows, ix, h, ids[h.Number])
			}
			parts[w] = rows
		})
	}
	wg.Wait()
	return slices.Concat(parts...)
}

func (db *DB) memberRows(rows [][]any, ix *crypt.Indexer, h *hedui.RollHousehold, id int64) [][]any {
	for i, m := range h.Members {
		rows = append(rows, []any{h.Number, nullID(id), id == 0, i + 1, db.seal(m.Name, adRollName),
			db.seal(m.IDNumber, adRollID), ix.Index(m.IDNumber), m.Gender, db.d.date(m.BirthDate),
			string(m.Relationship), m.DisabilityGrade, string(m.Labour), m.LivesTogether})
	}
	return rows
}

func (db *DB) householdRow(h *hedui.RollHousehold, id int64, hash string) []any {
	return []any{h.Number, nullID(id), h.Region[:9], h.Region, string(h.Category), string(h.Hukou), h.Stable,
		int64(h.BenefitFen), int64(h.IncomeFen), db.d.date(h.Since), db.seal(h.Address, adRollAddress),
		h.LetterNumber, db.d.date(h.LetterUntil), hash}
}

// rejectTaken finds the staged people who are active members of another
// active household of any county's roll, rejects their households, and
// takes them out of the plan and the staging table. A household the same
// import rewrites or removes does not count: the person is moving.
func (db *DB) rejectTaken(ctx context.Context, tx *bulkTx, county string, p *rollPlan) error {
	rows, err := tx.QueryContext(ctx, `SELECT s.number, h.county_code, h.number, s.id_enc FROM roll_stage_m s
		JOIN roll_members m ON m.id_index = s.id_index AND m.status = 'active'
		JOIN roll_households h ON h.id = m.roll_household_id AND h.status = 'active'
		WHERE NOT (h.county_code = $1 AND h.number = s.number)`, county)
	if err != nil {
		return err
	}
	type taken struct{ number, otherCounty, otherNumber, idEnc string }
	var found []taken
	for rows.Next() {
		var t taken
		if err := rows.Scan(&t.number, &t.otherCounty, &t.otherNumber, &t.idEnc); err != nil {
			rows.Close()
			return err
		}
		found = append(found, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	byNumber := map[string]*hedui.RollHousehold{}
	for _, hs := range [][]*hedui.RollHousehold{p.add, p.update} {
		for _, h := range hs {
			byNumber[h.Number] = h
		}
	}
	o := db.opener()
	var numbers []string
	for _, t := range found {
		if t.otherCounty == county && p.hashes[t.otherNumber] != "" {
			continue // the other household is in this file too
		}
		if _, leaving := p.exits[t.otherNumber]; t.otherCounty == county && leaving {
			continue
		}
		h := byNumber[t.number]
		if h == nil || p.rejected[h.Number] {
			continue
		}
		idn := o.str(t.idEnc, adRollID)
		p.reject(h, hedui.RollColIDNumber, "身份证号码 %s 已在名册中户编号为 %s 的家庭（县区代码 %s），同一人不能同时在两户；请先在原户办理退出后再导入",
			idcard.Mask(idn), t.otherNumber, t.otherCounty)
		numbers = append(numbers, h.Number)
	}
	if err := o.done("sqlstore.ImportRoll"); err != nil {
		return err
	}
	if len(numbers) == 0 {
		return nil
	}
	p.add = slicesDropRejected(p.add, p.rejected)
	p.update = slicesDropRejected(p.update, p.rejected)
	for lo := 0; lo < len(numbers); lo += 500 {
		var a args
		list := in(&a, numbers[lo:min(lo+500, len(numbers))])
		if _, err := tx.ExecContext(ctx, `DELETE FROM roll_stage_m WHERE number IN `+list, a...); err != nil {
			return err
		}
	}
	return nil
}

func slicesDropRejected(hs []*hedui.RollHousehold, rejected map[string]bool) []*hedui.RollHousehold {
	out := hs[:0]
	for _, h := range hs {
		if !rejected[h.Number] {
			out = append(out, h)
		}
	}
	return out
}
