package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"hedui"
)

const partCols = `id, round_id, seq, households, status, claimed_by, lease_until`

func scanPart(row interface{ Scan(...any) error }, p *hedui.RecheckPart) error {
	return row.Scan(&p.ID, &p.RoundID, &p.Seq, &p.Households, &p.Status, &p.Node, timeCol{&p.LeaseUntil})
}

// ClaimRecheckParts leases parts to node in one short transaction. On
// PostgreSQL SKIP LOCKED lets nodes claim side by side without waiting on
// each other's rows; SQLite's single writer serialises the claims. The
// claim index on status keeps finished parts out of the scan.
func (db *DB) ClaimRecheckParts(ctx context.Context, node string, max int, lease time.Duration) ([]hedui.RecheckPart, error) {
	const op = "sqlstore.ClaimRecheckParts"
	if node == "" || max <= 0 || lease <= 0 {
		return nil, hedui.Errorf(op, hedui.KindInvalid, "bad_claim", "节点名、数量和租期必须给出")
	}
	var out []hedui.RecheckPart
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		out = out[:0]
		now := db.now()
		skip := ""
		if db.d.rowLocks {
			skip = " FOR UPDATE SKIP LOCKED"
		}
		rows, err := tx.QueryContext(ctx, `UPDATE recheck_parts SET status = 'running', claimed_by = $1, lease_until = $2,
			attempts = attempts + 1 WHERE id IN (SELECT id FROM recheck_parts
				WHERE status IN ('pending', 'ready') OR (status = 'running' AND lease_until < $3)
				ORDER BY id LIMIT $4`+skip+`)
			RETURNING `+partCols, node, db.d.ts(now.Add(lease)), db.d.ts(now), max)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p hedui.RecheckPart
			if err := scanPart(rows, &p); err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, err
}

// RecheckInput reads, for the parts, the round, the households with their
// members opened, their baselines, what was already asked and answered,
// and the departments, policies and schedules that apply: a fixed handful
// of queries whatever the number of households.
func (db *DB) RecheckInput(ctx context.Context, parts []hedui.RecheckPart) (hedui.RecheckInput, error) {
	const op = "sqlstore.RecheckInput"
	ri := hedui.RecheckInput{Parts: parts, Departments: map[string][]hedui.Department{},
		Policies: map[string]hedui.Policy{}, Schedules: map[string]hedui.RecheckSchedule{}}
	if len(parts) == 0 {
		return ri, nil
	}
	roundID := parts[0].RoundID
	var a args
	a.add(roundID)
	ids := make([]int64, len(parts))
	for i, p := range parts {
		if p.RoundID != roundID {
			return ri, hedui.Errorf(op, hedui.KindInvalid, "mixed_rounds", "一次只能处理同一轮次的任务分片")
		}
		ids[i] = p.ID
	}
	partIn := in(&a, ids)
	r, err := db.round(ctx, db.db, roundID)
	if err != nil {
		return ri, wrapDB(op, err)
	}
	ri.Round = r
	byID := map[int64]int{}
	if err := db.inputHouseholds(ctx, &ri, partIn, a, byID); err != nil {
		return ri, wrapDB(op, err)
	}
	if err := db.inputMembers(ctx, &ri, partIn, a, byID); err != nil {
		return ri, err
	}
	if err := db.inputBaselines(ctx, &ri, partIn, a, byID); err != nil {
		return ri, wrapDB(op, err)
	}
	if err := db.inputAsked(ctx, &ri, partIn, a, byID); err != nil {
		return ri, err
	}
	if err := db.inputReference(ctx, op, &ri); err != nil {
		return ri, err
	}
	return ri, nil
}

// inParts restricts col to the households of a list of parts; $1 is the
// round. It is written as IN (subquery) rather than a join so that both
// engines look the parts' households up by index: joined, SQLite's planner
// drove from the round's growing tables instead (every query of the round,
// for every claim), which made a city round quadratic.
func inParts(col, partIn string) string {
	return col + ` IN (SELECT rh.household_id FROM recheck_households rh WHERE rh.round_id = $1 AND rh.part_id IN ` +
		partIn + `)`
}

func (db *DB) inputHouseholds(ctx context.Context, in *hedui.RecheckInput, partIn string, a args, byID map[int64]int) error {
	rows, err := db.db.QueryContext(ctx, `SELECT h.id, h.county_code, h.region_code, h.number, h.category, h.hukou_type,
		h.stable, h.benefit_fen, h.income_fen, h.since, h.letter_number, h.letter_until, h.status
		FROM roll_households h WHERE `+inParts("h.id", partIn)+` ORDER BY h.id`, a...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var h hedui.RollHousehold
		if err := rows.Scan(&h.ID, &h.County, &h.Region, &h.Number, &h.Category, &h.Hukou, &h.Stable, &h.BenefitFen,
			&h.IncomeFen, dateCol{&h.Since}, &h.LetterNumber, dateCol{&h.LetterUntil}, &h.Status); err != nil {
			return err
		}
		byID[h.ID] = len(in.Households)
		in.Households = append(in.Households, hedui.RecheckHousehold{Roll: h,
			Baseline: hedui.RecheckBaseline{IncomeFen: h.IncomeFen}})
	}
	return rows.Err()
}

func (db *DB) inputMembers(ctx context.Context, in *hedui.RecheckInput, partIn string, a args, byID map[int64]int) error {
	const op = "sqlstore.RecheckInput"
	rows, err := db.db.QueryContext(ctx, `SELECT m.id, m.roll_household_id, m.name_enc, m.id_enc, m.gender, m.birth_date,
		m.relationship, m.disability_grade, m.labour_capacity, m.lives_together
		FROM roll_members m WHERE `+inParts("m.roll_household_id", partIn)+`
		AND m.status = 'active' ORDER BY m.roll_household_id, m.seq`, a...)
	if err != nil {
		return wrapDB(op, err)
	}
	defer rows.Close()
	o := db.opener()
	for rows.Next() {
		var m hedui.Member
		var name, id string
		if err := rows.Scan(&m.ID, &m.HouseholdID, &name, &id, &m.Gender, dateCol{&m.BirthDate}, &m.Relationship,
			&m.DisabilityGrade, &m.Labour, &m.LivesTogether); err != nil {
			return wrapDB(op, err)
		}
		m.Name, m.IDNumber = o.str(name, adRollName), o.str(id, adRollID)
		h := &in.Households[byID[m.HouseholdID]]
		m.Hukou = h.Roll.Hukou
		h.Roll.Members = append(h.Roll.Members, m)
	}
	if err := rows.Err(); err != nil {
		return wrapDB(op, err)
	}
	return o.done(op)
}

// inputBaselines takes each household's latest result of an earlier round,
// and notes those this round has already evaluated.
func (db *DB) inputBaselines(ctx context.Context, in *hedui.RecheckInput, partIn string, a args, byID map[int64]int) error {
	rows, err := db.db.QueryContext(ctx, `SELECT r.household_id, r.round_id, r.income_fen, r.vehicles, r.homes,
		r.businesses, r.employed, r.deceased
		FROM recheck_results r WHERE `+inParts("r.household_id", partIn)+`
		ORDER BY r.household_id, r.as_of, r.round_id`, a...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var hh int64
		var b hedui.RecheckBaseline
		if err := rows.Scan(&hh, &b.RoundID, &b.IncomeFen, &b.Vehicles, &b.Homes, &b.Businesses, &b.Employed,
			&b.Deceased); err != nil {
			return err
		}
		h := &in.Households[byID[hh]]
		if b.RoundID == in.Round.ID {
			h.Evaluated = true
			continue
		}
		h.Baseline = b // the latest comes last
	}
	return rows.Err()
}

// inputAsked reads the queries and answers already stored for the parts'
// households: none for a fresh part, the earlier work for a resumed one.
func (db *DB) inputAsked(ctx context.Context, in *hedui.RecheckInput, partIn string, a args, byID map[int64]int) error {
	const op = "sqlstore.RecheckInput"
	rows, err := db.db.QueryContext(ctx, `SELECT q.household_id, q.department_id FROM recheck_queries q
		WHERE q.round_id = $1 AND `+inParts("q.household_id", partIn), a...)
	if err != nil {
		return wrapDB(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		var hh, dept int64
		if err := rows.Scan(&hh, &dept); err != nil {
			return wrapDB(op, err)
		}
		h := &in.Households[byID[hh]]
		h.Asked = append(h.Asked, dept)
	}
	if err := rows.Err(); err != nil {
		return wrapDB(op, err)
	}
	rows.Close()
	answers, err := db.recheckAnswers(ctx, db.db, `x.round_id = $1 AND `+inParts("x.household_id", partIn), a)
	if err != nil {
		return err
	}
	for _, x := range answers {
		h := &in.Households[byID[x.household]]
		h.Answers = append(h.Answers, x.Answer)
	}
	return nil
}

// inputReference reads the departments, policies and schedules for the
// counties of the households.
func (db *DB) inputReference(ctx context.Context, op string, in *hedui.RecheckInput) error {
	counties := []string{}
	for _, h := range in.Households {
		c := h.Roll.County
		if _, ok := in.Departments[c]; !ok {
			ds, err := db.roundDepartments(ctx, c, in.Round.AsOf)
			if err != nil {
				return wrapDB(op, err)
			}
			in.Departments[c] = ds
			counties = append(counties, c)
		}
		key := hedui.PolicyKey(c, h.Roll.Hukou)
		if _, ok := in.Policies[key]; !ok {
			p, err := db.policyAt(ctx, db.db, op, c, h.Roll.Hukou, in.Round.AsOf)
			if err != nil {
				return err
			}
			in.Policies[key] = p
		}
	}
	s, err := db.schedulesAt(ctx, db.db, counties, in.Round.AsOf)
	if err != nil {
		return wrapDB(op, err)
	}
	in.Schedules = s
	return nil
}

// roundDepartments are the departments a round asks about a county's
// households: the county's own and the city's, active, with an agreement
// in force on the round's day.
func (db *DB) roundDepartments(ctx context.Context, county string, day hedui.Date) ([]hedui.Department, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+deptCols+` FROM departments d WHERE d.active = $1
		AND ((d.level = 'county' AND d.division_code = $2) OR (d.level = 'city' AND d.division_code = $3))
		ORDER BY d.id`, true, county, county[:4]+"00")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []hedui.Department{}
	for rows.Next() {
		var d hedui.Department
		if err := scanDept(rows, &d); err != nil {
			return nil, err
		}
		if d.Agreement.ActiveOn(day) {
			out = append(out, d)
		}
	}
	return out, rows.Err()
}
