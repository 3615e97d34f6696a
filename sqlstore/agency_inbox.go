package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"hedui"
)

// mustBeAgency: the inbox, decisions and objections are the assistance
// agencies' work.
func mustBeAgency(op string, by hedui.Actor, msg string) error {
	if by.Role == hedui.RoleAgency && !by.ReportScope().IsZero() {
		return nil
	}
	return hedui.Errorf(op, hedui.KindPermission, "agency_only", "%s", msg)
}

// inboxCols list a report with its case for the inbox; the head of
// household's sealed name is read for the page's rows only.
const inboxCols = `r.id, r.number, r.version, r.is_current, r.issued_at, r.centre, a.id, a.number, a.kind, a.status,
	a.city_code, a.county_code, a.township_code,
	COALESCE((SELECT m.name_enc FROM members m WHERE m.household_id = a.household_id AND m.status = 'active'
		AND m.relationship = 'head' ORDER BY m.id LIMIT 1), ''),
	r.overall, r.category, r.benefit_fen, r.objection_until, COALESCE(ad.decision, '')`

const inboxFrom = reportFrom + ` LEFT JOIN agency_decisions ad ON ad.report_id = r.id`

// AgencyInbox lists the reports of the cases of the agency's county (or
// city): every version, newest first, or with f.AfterID the newer ones
// oldest first, as a pull client syncs. Names are masked.
func (db *DB) AgencyInbox(ctx context.Context, by hedui.Actor, f hedui.InboxFilter) (hedui.Page[hedui.InboxItem], error) {
	const op = "sqlstore.AgencyInbox"
	limit, offset := pageBounds(f.Limit, f.Offset)
	page := hedui.Page[hedui.InboxItem]{Items: []hedui.InboxItem{}, Limit: limit, Offset: offset}
	if err := mustBeAgency(op, by, "只有经办机构可以查看报告收件箱"); err != nil {
		return page, err
	}
	var a args
	scope, _ := scopeCond(by.ReportScope(), &a)
	conds := []string{scope}
	if f.Pending {
		conds = append(conds, "r.is_current = "+a.add(true), "a.status = "+a.add(string(hedui.StatusReported)))
	}
	order := "r.id DESC"
	if f.AfterID > 0 {
		conds = append(conds, "r.id > "+a.add(f.AfterID))
		order = "r.id"
	}
	where := " WHERE " + strings.Join(conds, " AND ")
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		page.Items, page.Total = []hedui.InboxItem{}, 0
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*)`+reportFrom+where, a...).Scan(&page.Total); err != nil {
			return err
		}
		pa := append(args(nil), a...)
		rows, err := tx.QueryContext(ctx, `SELECT `+inboxCols+inboxFrom+where+` ORDER BY `+order+
			` LIMIT `+pa.add(limit)+` OFFSET `+pa.add(offset), pa...)
		if err != nil {
			return err
		}
		defer rows.Close()
		o := db.opener()
		for rows.Next() {
			var it hedui.InboxItem
			var name string
			if err := rows.Scan(&it.ReportID, &it.Number, &it.Version, &it.Current, timeCol{&it.IssuedAt}, &it.Centre,
				&it.ApplicationID, &it.ApplicationNumber, &it.Kind, &it.Status, &it.Region.City, &it.Region.County,
				&it.Region.Township, &name, &it.Overall, &it.Category, &it.BenefitFen, dateCol{&it.ObjectionUntil},
				&it.Decision); err != nil {
				return err
			}
			it.HeadName = hedui.MaskName(o.str(name, adMemberName))
			page.Items = append(page.Items, it)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if err := o.done(op); err != nil {
			return err
		}
		rows.Close()
		return db.appendAudit(ctx, tx, by, event{action: hedui.AuditAgencyInbox, objectType: "report",
			detail: fmt.Sprintf("查看经办机构收件箱，返回%d条，共%d条", len(page.Items), page.Total)})
	})
	return page, err
}
