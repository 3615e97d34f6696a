package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"hedui"
)

// warningCols read a warning with its roll household; the head's sealed
// name is read for the masked display only.
const warningCols = `w.id, w.round_id, w.household_id, w.county_code, h.number, h.category,
	COALESCE((SELECT m.name_enc FROM roll_members m WHERE m.roll_household_id = h.id AND m.status = 'active'
		ORDER BY CASE WHEN m.relationship = 'head' THEN 0 ELSE 1 END, m.seq LIMIT 1), ''),
	w.gap_fen, w.changes, w.status, w.note, w.created_at`

const warningFrom = ` FROM recheck_warnings w JOIN roll_households h ON h.id = w.household_id`

func (db *DB) scanWarning(row interface{ Scan(...any) error }, o *opener, w *hedui.RecheckWarning) error {
	var head, changes string
	if err := row.Scan(&w.ID, &w.RoundID, &w.HouseholdID, &w.County, &w.Number, &w.Category, &head, &w.GapFen,
		&changes, &w.Status, &w.Note, timeCol{&w.CreatedAt}); err != nil {
		return err
	}
	w.HeadMasked = hedui.MaskName(o.str(head, adRollName))
	return json.Unmarshal([]byte(changes), &w.Changes)
}

// Warnings lists the warning list of the verifier's scope, largest gap
// first. Masked names only, so the list is not audited; opening one is.
func (db *DB) Warnings(ctx context.Context, by hedui.Actor, f hedui.WarningFilter) (hedui.Page[hedui.RecheckWarning], error) {
	const op = "sqlstore.Warnings"
	page := hedui.Page[hedui.RecheckWarning]{Items: []hedui.RecheckWarning{}, Limit: f.Limit, Offset: f.Offset}
	scope, err := recheckScope(op, by)
	if err != nil {
		return page, err
	}
	if page.Limit <= 0 || page.Limit > 500 {
		page.Limit = 50
	}
	var a args
	where := countyCond(scope, "w.county_code", &a)
	if f.County != "" {
		where += " AND w.county_code = " + a.add(f.County)
	}
	if f.RoundID != 0 {
		where += " AND w.round_id = " + a.add(f.RoundID)
	}
	if f.Status != "" {
		where += " AND w.status = " + a.add(string(f.Status))
	}
	if err := db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM recheck_warnings w WHERE `+where, a...).Scan(&page.Total); err != nil {
		return page, wrapDB(op, err)
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+warningCols+warningFrom+` WHERE `+where+
		` ORDER BY w.gap_fen DESC, w.id LIMIT `+a.add(page.Limit)+` OFFSET `+a.add(page.Offset), a...)
	if err != nil {
		return page, wrapDB(op, err)
	}
	defer rows.Close()
	o := db.opener()
	for rows.Next() {
		var w hedui.RecheckWarning
		if err := db.scanWarning(rows, o, &w); err != nil {
			return page, wrapDB(op, err)
		}
		page.Items = append(page.Items, w)
	}
	if err := rows.Err(); err != nil {
		return page, wrapDB(op, err)
	}
	return page, o.done(op)
}

// warning reads one warning of the scope.
func (db *DB) warning(ctx context.Context, q queryer, op string, scope hedui.Scope, id int64, lock bool) (hedui.RecheckWarning, error) {
	var a args
	a.add(id)
	var w hedui.RecheckWarning
	o := db.opener()
	suffix := ""
	if lock {
		suffix = db.d.forUpdate("w")
	}
	err := db.scanWarning(q.QueryRowContext(ctx, `SELECT `+warningCols+warningFrom+` WHERE w.id = $1 AND `+
		countyCond(scope, "w.county_code", &a)+suffix, a...), o, &w)
	if errors.Is(err, sql.ErrNoRows) {
		return w, hedui.Errorf(op, hedui.KindNotFound, "warning_not_found", "没有找到该预警")
	}
	if err != nil {
		return w, wrapDB(op, err)
	}
	return w, o.done(op)
}

// Warning opens a warning with the department rows behind each change,
// and logs the view.
func (db *DB) Warning(ctx context.Context, by hedui.Actor, id int64) (hedui.RecheckWarning, error) {
	const op = "sqlstore.Warning"
	scope, err := recheckScope(op, by)
	if err != nil {
		return hedui.RecheckWarning{}, err
	}
	var w hedui.RecheckWarning
	err = db.inTx(ctx, op, func(tx *sql.Tx) error {
		if w, err = db.warning(ctx, tx, op, scope, id, false); err != nil {
			return err
		}
		if w.Evidence, err = db.evidence(ctx, tx, &w); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, by, event{action: "recheck.warning.view", objectType: "recheck_warning",
			objectID: idString(id), detail: "household=" + w.Number})
	})
	return w, err
}

// evidence reads the answers named by the warning's changes.
func (db *DB) evidence(ctx context.Context, tx *sql.Tx, w *hedui.RecheckWarning) ([]hedui.RecheckEvidence, error) {
	const op = "sqlstore.Warning"
	keys := map[hedui.AnswerKey]bool{}
	for _, c := range w.Changes {
		for _, k := range c.Evidence {
			keys[k] = true
		}
	}
	out := []hedui.RecheckEvidence{}
	if len(keys) == 0 {
		return out, nil
	}
	var a args
	a.add(w.RoundID)
	a.add(w.HouseholdID)
	answers, err := db.recheckAnswers(ctx, tx, `x.round_id = $1 AND x.household_id = $2`, a)
	if err != nil {
		return nil, err
	}
	names, err := db.memberNames(ctx, tx, w.HouseholdID)
	if err != nil {
		return nil, err
	}
	depts := map[int64]string{}
	for _, x := range answers {
		if !keys[hedui.AnswerKey{MemberID: x.MemberID, Item: x.Item}] {
			continue
		}
		if _, ok := depts[x.DepartmentID]; !ok {
			d, err := department(ctx, tx, x.DepartmentID)
			if err != nil {
				return nil, wrapDB(op, err)
			}
			depts[x.DepartmentID] = d.Name
		}
		out = append(out, hedui.RecheckEvidence{MemberID: x.MemberID, MemberMasked: names[x.MemberID],
			DepartmentID: x.DepartmentID, Department: depts[x.DepartmentID], Item: x.Item, Records: x.Records,
			AsOf: x.AsOf, ReceivedAt: x.ReceivedAt, PayloadSHA256: x.PayloadSHA256})
	}
	return out, nil
}

// memberNames are a roll household's members' masked names, by id.
func (db *DB) memberNames(ctx context.Context, q queryer, household int64) (map[int64]string, error) {
	const op = "sqlstore.memberNames"
	rows, err := q.QueryContext(ctx, `SELECT id, name_enc FROM roll_members WHERE roll_household_id = $1`, household)
	if err != nil {
		return nil, wrapDB(op, err)
	}
	defer rows.Close()
	o := db.opener()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, wrapDB(op, err)
		}
		out[id] = hedui.MaskName(o.str(name, adRollName))
	}
	if err := rows.Err(); err != nil {
		return nil, wrapDB(op, err)
	}
	return out, o.done(op)
}

// DismissWarning closes an open warning with the verifier's note.
func (db *DB) DismissWarning(ctx context.Context, by hedui.Actor, id int64, note string) (hedui.RecheckWarning, error) {
	const op = "sqlstore.DismissWarning"
	scope, err := recheckScope(op, by)
	if err != nil {
		return hedui.RecheckWarning{}, err
	}
	note = strings.TrimSpace(note)
	if note == "" {
		return hedui.RecheckWarning{}, hedui.Errorf(op, hedui.KindInvalid, "note_required", "请说明排除预警的理由")
	}
	var w hedui.RecheckWarning
	err = db.inTx(ctx, op, func(tx *sql.Tx) error {
		if w, err = db.openWarning(ctx, tx, op, scope, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE recheck_warnings SET status = 'dismissed', note = $1 WHERE id = $2`,
			note, id); err != nil {
			return err
		}
		w.Status, w.Note = hedui.WarningDismissed, note
		return db.appendAudit(ctx, tx, by, event{action: "recheck.warning.dismiss", objectType: "recheck_warning",
			objectID: idString(id), detail: "household=" + w.Number})
	})
	return w, err
}

// openWarning locks a warning that must still be open.
func (db *DB) openWarning(ctx context.Context, tx *sql.Tx, op string, scope hedui.Scope, id int64) (hedui.RecheckWarning, error) {
	w, err := db.warning(ctx, tx, op, scope, id, true)
	if err == nil && w.Status != hedui.WarningOpen {
		err = hedui.Errorf(op, hedui.KindConflict, "warning_closed", "该预警已处理")
	}
	return w, err
}

const exitCols = `x.id, x.warning_id, w.round_id, w.household_id, x.county_code, h.number, w.gap_fen, x.reason, x.status,
	x.recommended_by, x.recommended_at, x.decided_by, x.decided_at, x.decision_note`

const exitFrom = ` FROM recheck_exits x JOIN recheck_warnings w ON w.id = x.warning_id
	JOIN roll_households h ON h.id = w.household_id`

func scanExit(row interface{ Scan(...any) error }, e *hedui.ExitRecommendation) error {
	return row.Scan(&e.ID, &e.WarningID, &e.RoundID, &e.HouseholdID, &e.County, &e.Number, &e.GapFen, &e.Reason,
		&e.Status, &e.RecommendedBy, timeCol{&e.RecommendedAt}, &e.DecidedBy, timeCol{&e.DecidedAt}, &e.DecisionNote)
}

// RecommendExit sends a 清退 recommendation for an open warning to the
// agency of its county.
func (db *DB) RecommendExit(ctx context.Context, by hedui.Actor, warningID int64, reason string) (hedui.ExitRecommendation, error) {
	const op = "sqlstore.RecommendExit"
	scope, err := recheckScope(op, by)
	if err != nil {
		return hedui.ExitRecommendation{}, err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return hedui.ExitRecommendation{}, hedui.Errorf(op, hedui.KindInvalid, "reason_required", "请填写清退建议的理由")
	}
	var e hedui.ExitRecommendation
	err = db.inTx(ctx, op, func(tx *sql.Tx) error {
		w, err := db.openWarning(ctx, tx, op, scope, warningID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE recheck_warnings SET status = 'recommended' WHERE id = $1`, w.ID); err != nil {
			return err
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO recheck_exits (warning_id, county_code, reason, status,
			recommended_by, recommended_at) VALUES ($1, $2, $3, 'pending', $4, $5) RETURNING id`,
			w.ID, w.County, reason, by.Username, db.d.ts(db.now())).Scan(&id); err != nil {
			return err
		}
		if err := scanExit(tx.QueryRowContext(ctx, `SELECT `+exitCols+exitFrom+` WHERE x.id = $1`, id), &e); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, by, event{action: "recheck.exit.recommend", objectType: "recheck_exit",
			objectID: idString(id), detail: fmt.Sprintf("warning=%d household=%s", w.ID, w.Number)})
	})
	return e, err
}

// exitScope is where an actor may see recommendations: an agency its
// county or city, a verifier his scope.
func exitScope(op string, by hedui.Actor) (hedui.Scope, error) {
	if by.Role == hedui.RoleAgency {
		if s := by.ReportScope(); !s.IsZero() {
			return s, nil
		}
	}
	return recheckScope(op, by)
}

// ExitRecommendations lists recommendations of the actor's scope, newest
// first; status "" lists every status.
func (db *DB) ExitRecommendations(ctx context.Context, by hedui.Actor, status hedui.ExitStatus) ([]hedui.ExitRecommendation, error) {
	const op = "sqlstore.ExitRecommendations"
	scope, err := exitScope(op, by)
	if err != nil {
		return nil, err
	}
	var a args
	where := countyCond(scope, "x.county_code", &a)
	if status != "" {
		where += " AND x.status = " + a.add(string(status))
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+exitCols+exitFrom+` WHERE `+where+` ORDER BY x.id DESC`, a...)
	if err != nil {
		return nil, wrapDB(op, err)
	}
	defer rows.Close()
	out := []hedui.ExitRecommendation{}
	for rows.Next() {
		var e hedui.ExitRecommendation
		if err := scanExit(rows, &e); err != nil {
			return nil, wrapDB(op, err)
		}
		out = append(out, e)
	}
	return out, wrapDB(op, rows.Err())
}

// DecideExit records the agency's decision; an approval takes the
// household off the roll.
func (db *DB) DecideExit(ctx context.Context, by hedui.Actor, id int64, d hedui.ExitDecision) (hedui.ExitRecommendation, error) {
	const op = "sqlstore.DecideExit"
	if err := mustBeAgency(op, by, "只有经办机构可以决定是否清退"); err != nil {
		return hedui.ExitRecommendation{}, err
	}
	scope := by.ReportScope()
	var e hedui.ExitRecommendation
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		var a args
		a.add(id)
		err := scanExit(tx.QueryRowContext(ctx, `SELECT `+exitCols+exitFrom+` WHERE x.id = $1 AND `+
			countyCond(scope, "x.county_code", &a)+db.d.forUpdate("x"), a...), &e)
		if errors.Is(err, sql.ErrNoRows) {
			return hedui.Errorf(op, hedui.KindNotFound, "exit_not_found", "没有找到该清退建议")
		}
		if err != nil {
			return err
		}
		if e.Status != hedui.ExitPending {
			return hedui.Errorf(op, hedui.KindConflict, "exit_decided", "该清退建议已有决定")
		}
		e.Status, e.DecidedBy, e.DecidedAt, e.DecisionNote = hedui.ExitRejected, by.Username, db.now(), strings.TrimSpace(d.Note)
		if d.Approve {
			e.Status = hedui.ExitApproved
			if _, err := tx.ExecContext(ctx, `UPDATE roll_households SET status = 'exited', updated_at = $1 WHERE id = $2`,
				db.d.ts(e.DecidedAt), e.HouseholdID); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE recheck_exits SET status = $1, decided_by = $2, decided_at = $3,
			decision_note = $4 WHERE id = $5`, string(e.Status), e.DecidedBy, db.d.ts(e.DecidedAt), e.DecisionNote, id); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, by, event{action: "recheck.exit.decide", objectType: "recheck_exit",
			objectID: idString(id), detail: fmt.Sprintf("household=%s decision=%s", e.Number, e.Status)})
	})
	return e, err
}
