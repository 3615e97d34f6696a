package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"hedui"
)

// scopeCond restricts the applications aliased "a" to what the scope may
// see, as an equality on one indexed column. ok is false for a scope that
// sees nothing (administrators, auditors, liaisons, agencies). A province
// scope is never produced by Actor.CaseScope and is refused rather than
// served by a prefix match.
func scopeCond(s hedui.Scope, a *args) (cond string, ok bool) {
	if s.Code == "" {
		return "", false
	}
	switch s.Level {
	case hedui.LevelTownship:
		return "a.township_code = " + a.add(s.Code), true
	case hedui.LevelCounty:
		return "a.county_code = " + a.add(s.Code), true
	case hedui.LevelCity:
		return "a.city_code = " + a.add(s.Code), true
	}
	return "", false
}

const appCols = `a.id, a.number, a.kind, a.assistance_types, a.status, a.city_code, a.county_code, a.township_code,
	a.household_id, COALESCE(u.username, ''), a.created_at, a.updated_at, a.version`

const appFrom = ` FROM applications a LEFT JOIN users u ON u.id = a.created_by`

func scanApp(row interface{ Scan(...any) error }, app *hedui.Application) error {
	var aid string
	err := row.Scan(&app.ID, &app.Number, &app.Kind, &aid, &app.Status, &app.Region.City, &app.Region.County,
		&app.Region.Township, &app.Household.ID, &app.CreatedBy, timeCol{&app.CreatedAt}, timeCol{&app.UpdatedAt}, &app.Version)
	app.Aid = splitAid(aid)
	return err
}

// Assistance types are stored comma-separated: a short closed vocabulary
// that no query needs to search inside.
func joinAid(ts []hedui.AssistanceType) string { return joinList(ts) }

func splitAid(s string) []hedui.AssistanceType { return splitList[hedui.AssistanceType](s) }

// joinList stores a list of short vocabulary words comma-separated.
func joinList[T ~string](ts []T) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = string(t)
	}
	return strings.Join(s, ",")
}

// splitList reads a list stored by joinList; never nil.
func splitList[T ~string](s string) []T {
	out := []T{}
	for _, p := range strings.Split(s, ",") {
		if p != "" {
			out = append(out, T(p))
		}
	}
	return out
}

// findApp reads an application's own row if it lies in by's scope, locking
// it against concurrent writers when lock is set. Outside the scope and
// nonexistent look the same.
func (db *DB) findApp(ctx context.Context, q queryer, op string, by hedui.Actor, id int64, lock bool) (*hedui.Application, error) {
	return db.findAppIn(ctx, q, op, by.CaseScope(), id, lock)
}

// findAppIn is findApp for an explicit scope.
func (db *DB) findAppIn(ctx context.Context, q queryer, op string, scope hedui.Scope, id int64, lock bool) (*hedui.Application, error) {
	var a args
	cond, ok := scopeCond(scope, &a)
	if !ok {
		return nil, errAppNotFound(op)
	}
	query := `SELECT ` + appCols + appFrom + ` WHERE a.id = ` + a.add(id) + ` AND ` + cond
	if lock {
		query += db.d.forUpdate("a")
	}
	app := &hedui.Application{}
	err := scanApp(q.QueryRowContext(ctx, query, a...), app)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errAppNotFound(op)
	}
	if err != nil {
		return nil, err
	}
	return app, nil
}

// loadApp is findApp followed by everything the application shows.
func (db *DB) loadApp(ctx context.Context, q queryer, op string, by hedui.Actor, id int64) (*hedui.Application, error) {
	app, err := db.findApp(ctx, q, op, by, id, false)
	if err != nil {
		return nil, err
	}
	return app, db.fillApp(ctx, q, op, app)
}

// fillApp reads the household, its active members, the declaration, the
// household's letters and the history of an application already found in
// scope.
func (db *DB) fillApp(ctx context.Context, q queryer, op string, app *hedui.Application) error {
	h := &app.Household
	var addr string
	err := q.QueryRowContext(ctx, `SELECT city_code, county_code, township_code, address_enc, hukou_type, created_at
		FROM households WHERE id = $1`, h.ID).
		Scan(&h.Region.City, &h.Region.County, &h.Region.Township, &addr, &h.Hukou, timeCol{&h.CreatedAt})
	if err != nil {
		return err
	}
	o := db.opener()
	h.Address = o.str(addr, adAddress)
	if err := o.done(op); err != nil {
		return err
	}
	if app.Members, err = db.activeMembers(ctx, q, op, h.ID); err != nil {
		return err
	}
	if app.Declaration, err = db.declaration(ctx, q, op, app.ID); err != nil {
		return err
	}
	if app.Letters, err = db.letters(ctx, q, op, h.ID); err != nil {
		return err
	}
	app.History, err = db.history(ctx, q, op, app.ID)
	return err
}

// activeMembers reads and opens the household's current members.
func (db *DB) activeMembers(ctx context.Context, q queryer, op string, householdID int64) ([]hedui.Member, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name_enc, id_enc, gender, birth_date, relationship, hukou_type,
		disability_grade, labour_capacity, lives_together, added_at
		FROM members WHERE household_id = $1 AND status = 'active' ORDER BY id`, householdID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	o := db.opener()
	out := []hedui.Member{}
	for rows.Next() {
		m := hedui.Member{HouseholdID: householdID}
		var name, idn string
		if err := rows.Scan(&m.ID, &name, &idn, &m.Gender, dateCol{&m.BirthDate}, &m.Relationship, &m.Hukou,
			&m.DisabilityGrade, &m.Labour, &m.LivesTogether, timeCol{&m.AddedAt}); err != nil {
			return nil, err
		}
		m.Name, m.IDNumber = o.str(name, adMemberName), o.str(idn, adMemberID)
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, o.done(op)
}

func (db *DB) declaration(ctx context.Context, q queryer, op string, appID int64) (hedui.Declaration, error) {
	d := hedui.Declaration{Incomes: []hedui.Income{}, Assets: []hedui.Asset{}}
	o := db.opener()
	rows, err := q.QueryContext(ctx, `SELECT id, COALESCE(member_id, 0), category, source_enc, period_from, period_to,
		amount_fen, note_enc FROM declaration_incomes WHERE application_id = $1 ORDER BY id`, appID)
	if err != nil {
		return d, err
	}
	defer rows.Close()
	for rows.Next() {
		var in hedui.Income
		var src, note string
		if err := rows.Scan(&in.ID, &in.MemberID, &in.Category, &src, dateCol{&in.PeriodFrom}, dateCol{&in.PeriodTo},
			&in.AmountFen, &note); err != nil {
			return d, err
		}
		in.Source, in.Note = o.str(src, adIncomeSource), o.str(note, adIncomeNote)
		d.Incomes = append(d.Incomes, in)
	}
	if err := rows.Err(); err != nil {
		return d, err
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, `SELECT id, COALESCE(member_id, 0), kind, description_enc, value_fen, quantity,
		area_m2x100 FROM declaration_assets WHERE application_id = $1 ORDER BY id`, appID)
	if err != nil {
		return d, err
	}
	defer rows.Close()
	for rows.Next() {
		var as hedui.Asset
		var desc string
		if err := rows.Scan(&as.ID, &as.MemberID, &as.Kind, &desc, &as.ValueFen, &as.Quantity, &as.AreaM2x100); err != nil {
			return d, err
		}
		as.Description = o.str(desc, adAssetDesc)
		d.Assets = append(d.Assets, as)
	}
	if err := rows.Err(); err != nil {
		return d, err
	}
	return d, o.done(op)
}

func (db *DB) history(ctx context.Context, q queryer, op string, appID int64) ([]hedui.Transition, error) {
	rows, err := q.QueryContext(ctx, `SELECT from_status, to_status, action, username, role, at, comment_enc
		FROM transitions WHERE application_id = $1 ORDER BY id`, appID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	o := db.opener()
	out := []hedui.Transition{}
	for rows.Next() {
		var t hedui.Transition
		var comment string
		if err := rows.Scan(&t.From, &t.To, &t.Action, &t.By, &t.Role, timeCol{&t.At}, &comment); err != nil {
			return nil, err
		}
		t.Comment = o.str(comment, adComment)
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, o.done(op)
}
