package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"hedui"
	"hedui/idcard"
)

// mustBeClerk: only township clerks register and edit cases; their scope
// is their township, so the scope filter has already placed the case there.
func mustBeClerk(op string, by hedui.Actor, msg string) error {
	if by.Role == hedui.RoleClerk {
		return nil
	}
	return hedui.Errorf(op, hedui.KindPermission, "clerk_only", "%s", msg)
}

// editApp finds and locks an application the actor may edit: in scope, a
// clerk, and in an editable status.
func (db *DB) editApp(ctx context.Context, tx *sql.Tx, op string, by hedui.Actor, id int64) (*hedui.Application, error) {
	app, err := db.findApp(ctx, tx, op, by, id, true)
	if err != nil {
		return nil, err
	}
	if err := mustBeClerk(op, by, "只有本乡镇（街道）经办人员可以修改申请"); err != nil {
		return nil, err
	}
	if !app.Status.Editable() {
		return nil, hedui.Errorf(op, hedui.KindConflict, "not_editable", "申请当前状态为“%s”，不能修改", app.Status.Label())
	}
	return app, nil
}

// touchApp records that an application changed: a new version for
// optimistic readers and the update time for lists.
func (db *DB) touchApp(ctx context.Context, tx *sql.Tx, id int64, now time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE applications SET version = version + 1, updated_at = $1 WHERE id = $2`, db.d.ts(now), id)
	return err
}

// supersedeLetters retires the household's active letter: after a change of
// membership, or when a new letter replaces it.
func (db *DB) supersedeLetters(ctx context.Context, tx *sql.Tx, householdID int64, note string) error {
	_, err := tx.ExecContext(ctx, `UPDATE letters SET status = $1, status_note = $2 WHERE household_id = $3 AND status = $4`,
		string(hedui.LetterSuperseded), note, householdID, string(hedui.LetterActive))
	return err
}

// insertMembers stores new members of a household and sets their ids.
func (db *DB) insertMembers(ctx context.Context, tx *sql.Tx, householdID int64, ms []hedui.Member, now time.Time) error {
	for i := range ms {
		m := &ms[i]
		m.HouseholdID, m.AddedAt = householdID, now
		err := tx.QueryRowContext(ctx, `INSERT INTO members (household_id, name_enc, id_enc, id_index, gender, birth_date,
			relationship, hukou_type, disability_grade, labour_capacity, lives_together, status, added_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'active', $12) RETURNING id`,
			householdID, db.seal(m.Name, adMemberName), db.seal(m.IDNumber, adMemberID), db.kr.BlindIndex(m.IDNumber),
			m.Gender, db.d.date(m.BirthDate), string(m.Relationship), string(m.Hukou), m.DisabilityGrade,
			string(m.Labour), m.LivesTogether, db.d.ts(now)).Scan(&m.ID)
		if err != nil {
			return err
		}
	}
	return nil
}

// claimPersons enters members into active_persons for an application, the
// rule that a person is in at most one open application. The check comes
// first to name the other application; the primary key is the backstop
// when two transactions race (the loser retries and then fails the check).
func (db *DB) claimPersons(ctx context.Context, tx *sql.Tx, op string, appID int64, ms []hedui.Member) error {
	if len(ms) == 0 {
		return nil
	}
	byIndex := make(map[string]*hedui.Member, len(ms))
	idx := make([]string, len(ms))
	for i := range ms {
		idx[i] = db.kr.BlindIndex(ms[i].IDNumber)
		byIndex[idx[i]] = &ms[i]
	}
	var a args
	q := `SELECT p.id_index, ap.number FROM active_persons p JOIN applications ap ON ap.id = p.application_id
		WHERE p.id_index IN ` + in(&a, idx) + ` AND p.application_id <> ` + a.add(appID) + ` ORDER BY ap.id LIMIT 1`
	var index, number string
	switch err := tx.QueryRowContext(ctx, q, a...).Scan(&index, &number); {
	case err == nil:
		return hedui.Errorf(op, hedui.KindConflict, "person_in_open_application",
			"成员（身份证号 %s）已在另一件在办申请（编号 %s）中，同一人不能同时有两件在办申请",
			idcard.Mask(byIndex[index].IDNumber), number)
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	for i := range ms {
		if _, err := tx.ExecContext(ctx, `INSERT INTO active_persons (id_index, application_id, member_id) VALUES ($1, $2, $3)`,
			idx[i], appID, ms[i].ID); err != nil {
			return err
		}
	}
	return nil
}

// writeDeclaration replaces an application's declaration wholesale. Member
// ids must already be resolved by hedui.CheckDeclaration.
func (db *DB) writeDeclaration(ctx context.Context, tx *sql.Tx, appID int64, d *hedui.Declaration) error {
	for _, table := range []string{"declaration_incomes", "declaration_assets"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE application_id = $1`, appID); err != nil {
			return err
		}
	}
	for _, in := range d.Incomes {
		_, err := tx.ExecContext(ctx, `INSERT INTO declaration_incomes (application_id, member_id, category, source_enc,
			period_from, period_to, amount_fen, note_enc) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			appID, nullID(in.MemberID), string(in.Category), db.seal(in.Source, adIncomeSource),
			db.d.date(in.PeriodFrom), db.d.date(in.PeriodTo), int64(in.AmountFen), db.seal(in.Note, adIncomeNote))
		if err != nil {
			return err
		}
	}
	for _, as := range d.Assets {
		_, err := tx.ExecContext(ctx, `INSERT INTO declaration_assets (application_id, member_id, kind, description_enc,
			value_fen, quantity, area_m2x100) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			appID, nullID(as.MemberID), string(as.Kind), db.seal(as.Description, adAssetDesc),
			int64(as.ValueFen), as.Quantity, as.AreaM2x100)
		if err != nil {
			return err
		}
	}
	return nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// nullString stores "" as NULL.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// nextNumber issues the next value of a named counter. On PostgreSQL the
// upsert's row lock serialises issuers of the same counter; on SQLite the
// write transaction already does.
func nextNumber(ctx context.Context, tx *sql.Tx, name string) (int64, error) {
	var v int64
	err := tx.QueryRowContext(ctx, `INSERT INTO counters (name, value) VALUES ($1, 1)
		ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value`, name).Scan(&v)
	return v, err
}

// terminalStatuses lists the statuses that leave no open application.
func terminalStatuses() []string {
	var out []string
	for _, s := range hedui.Statuses {
		if s.Terminal() {
			out = append(out, string(s))
		}
	}
	return out
}

// openAppNumber returns the number of the household's open application, or
// "" if it has none.
func openAppNumber(ctx context.Context, tx *sql.Tx, householdID int64) (string, error) {
	var a args
	q := `SELECT number FROM applications WHERE household_id = ` + a.add(householdID)
	if ts := terminalStatuses(); len(ts) > 0 {
		q += ` AND status NOT IN ` + in(&a, ts)
	}
	q += ` ORDER BY id LIMIT 1`
	var n string
	err := tx.QueryRowContext(ctx, q, a...).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return n, err
}

// appNumber formats an application number: county, year, a sequence per
// county and year.
func appNumber(county string, year int, seq int64) string {
	return fmt.Sprintf("%s-%d-%06d", county, year, seq)
}

// letterNumber formats a letter number issued by the store.
func letterNumber(township string, year int, seq int64) string {
	return fmt.Sprintf("SQ%s-%d-%05d", township, year, seq)
}
