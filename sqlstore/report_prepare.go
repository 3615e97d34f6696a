package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"hedui"
)

// ObjectionDays is the objection window, in calendar days, of the reports
// of a county: one configured value for now (Options.ObjectionDays).
func (db *DB) ObjectionDays(county string) int { return db.objection }

// reportCounter names the per-county, per-year counter of report numbers.
func reportCounter(county string, year int) string { return fmt.Sprintf("report:%s:%d", county, year) }

// PrepareReport reads, for a verifier of its region, what the report on a
// decided (or, to correct it, reported) case shows, and the slot the
// report will take. Nothing is reserved: IssueReport checks the slot is
// still free, so that numbers have no gaps when a rendering fails.
func (db *DB) PrepareReport(ctx context.Context, by hedui.Actor, appID int64) (hedui.ReportDraft, error) {
	const op = "sqlstore.PrepareReport"
	if err := mayIssue(op, by); err != nil {
		return hedui.ReportDraft{}, err
	}
	today := hedui.Today(db.now())
	var d hedui.ReportDraft
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		d = hedui.ReportDraft{}
		app, err := db.findApp(ctx, tx, op, by, appID, false)
		if err != nil {
			return err
		}
		if _, err := hedui.FindRule(app.Status, hedui.ActIssue, by.Role); err != nil {
			return hedui.E(op, err)
		}
		if err := db.fillApp(ctx, tx, op, app); err != nil {
			return err
		}
		d.Application = app
		latest, err := db.conclusions(ctx, tx, op, appID, true)
		if err != nil {
			return err
		}
		if len(latest) == 0 || latest[0].Decision == nil {
			return hedui.Errorf(op, hedui.KindConflict, "not_decided", "核对结论尚未确认，不能出具报告")
		}
		d.Conclusion = latest[0]
		var a args
		if d.Queries, err = db.listQueries(ctx, tx, op, "q.application_id = "+a.add(appID), a, "q.created_at, q.id", false); err != nil {
			return err
		}
		if d.Answers, err = db.appAnswers(ctx, tx, op, appID); err != nil {
			return err
		}
		if err := db.inheritEvidence(ctx, tx, op, appID, &d.Queries, &d.Answers); err != nil {
			return err
		}
		if div, err := division(ctx, tx, app.Region.Township); err == nil {
			d.Township = div.Name
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT name FROM organisations WHERE id = $1`, by.OrgID).Scan(&d.Centre); err != nil {
			return err
		}
		d.ObjectionDays = db.ObjectionDays(app.Region.County)
		if d.Slot, d.ReplacesNumber, d.ReplacesVersion, err = nextSlot(ctx, tx, app, today); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, by, appEvent(hedui.AuditReportPrepare, appID,
			fmt.Sprintf("读取申请 %s 的家庭成员、部门反馈%d条和核对结论用于出具核对报告", app.Number, len(d.Answers))))
	})
	if err != nil {
		return hedui.ReportDraft{}, err
	}
	return d, nil
}

// mayIssue: reports are the verifiers' work.
func mayIssue(op string, by hedui.Actor) error {
	if by.Role == hedui.RoleVerifier {
		return nil
	}
	return hedui.Errorf(op, hedui.KindPermission, "verifier_only", "只有核对员可以出具核对报告")
}

// nextSlot is the slot the next report on app takes today, and the number
// and version of the current report it replaces.
func nextSlot(ctx context.Context, q queryer, app *hedui.Application, today hedui.Date) (hedui.ReportSlot, string, int, error) {
	s := hedui.ReportSlot{County: app.Region.County, Year: today.Year(), Date: today}
	var err error
	if s.Chain, err = chainOf(ctx, q, app.ID); err != nil {
		return s, "", 0, err
	}
	var last int64
	err = q.QueryRowContext(ctx, `SELECT value FROM counters WHERE name = $1`, reportCounter(s.County, s.Year)).Scan(&last)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return s, "", 0, err
	}
	s.Seq = last + 1
	if err := q.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM reports WHERE chain_id = $1`, s.Chain).
		Scan(&s.Version); err != nil {
		return s, "", 0, err
	}
	cur, ok, err := currentReport(ctx, q, s.Chain)
	if err != nil || !ok {
		return s, "", 0, err
	}
	s.Replaces = cur.ID
	return s, cur.Number, cur.Version, nil
}
