package sqlstore

import (
	"context"

	"hedui"
)

// roundLevel checks that the actor may run a round over in.Scope — his
// county, or his whole city — and says which of the two it is; an empty
// AsOf becomes today. StartRound and PreviewRound share it so that a
// preview never promises a round the start would refuse.
func (db *DB) roundLevel(op string, by hedui.Actor, in *hedui.NewRound) (hedui.Level, error) {
	scope, err := recheckScope(op, by)
	if err != nil {
		return "", err
	}
	var level hedui.Level
	switch {
	case len(in.Scope) == 6 && in.Scope[4:] == "00" && scope.Level == hedui.LevelCity && in.Scope == scope.Code:
		level = hedui.LevelCity
	case len(in.Scope) == 6 && in.Scope[4:] != "00" && inScope(scope, in.Scope):
		level = hedui.LevelCounty
	default:
		return "", hedui.Errorf(op, hedui.KindPermission, "out_of_scope", "只能对本辖区（县区或全市）开展复核")
	}
	if in.AsOf.IsZero() {
		in.AsOf = hedui.Today(db.now())
	}
	return level, nil
}

// dueForRound is a round's selection: the roll households of the scope
// not in a running round, split into those due and asked and those due
// but left out.
func (db *DB) dueForRound(ctx context.Context, q queryer, op string, level hedui.Level, in hedui.NewRound) (
	[]dueHousehold, []hedui.RoundExclusion, error) {
	hs, err := db.rollForRound(ctx, q, level, in.Scope)
	if err != nil {
		return nil, nil, err
	}
	return db.selectDue(ctx, q, op, hs, in.AsOf)
}

// PreviewRound counts what StartRound would select now. It only reads
// counts (no personal data), so, like RoundProgress, it is not audited;
// a scope with nothing due is an empty preview rather than an error, and
// a missing schedule or policy is the same error the start would give.
func (db *DB) PreviewRound(ctx context.Context, by hedui.Actor, in hedui.NewRound) (hedui.RoundPreview, error) {
	const op = "sqlstore.PreviewRound"
	level, err := db.roundLevel(op, by, &in)
	if err != nil {
		return hedui.RoundPreview{}, err
	}
	p := hedui.RoundPreview{Scope: in.Scope, AsOf: in.AsOf, Reasons: []hedui.ExclusionCount{}}
	due, excluded, err := db.dueForRound(ctx, db.db, op, level, in)
	if err != nil {
		return p, wrapDB(op, err)
	}
	persons, err := db.membersPerHousehold(ctx, level, in.Scope)
	if err != nil {
		return p, wrapDB(op, err)
	}
	for _, h := range due {
		p.Persons += persons[h.id]
	}
	p.Households, p.Excluded, p.Reasons = len(due), len(excluded), hedui.CountExclusions(excluded)
	return p, nil
}

// membersPerHousehold counts the active members of every active roll household
// of a county or city, in one grouped query.
func (db *DB) membersPerHousehold(ctx context.Context, level hedui.Level, code string) (map[int64]int, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT h.id, COUNT(*) FROM roll_households h
		JOIN roll_members m ON m.roll_household_id = h.id AND m.status = 'active'
		WHERE `+scopeCol(level)+` = $1 AND h.status = 'active' GROUP BY h.id`, code)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}
