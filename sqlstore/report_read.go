package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"hedui"
)

// Report returns one report with its content, for the verifiers and
// clerks of its case's region and the agencies of its county or city; the
// view is audited.
func (db *DB) Report(ctx context.Context, by hedui.Actor, id int64) (hedui.Report, error) {
	const op = "sqlstore.Report"
	var out hedui.Report
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		var err error
		if out, err = db.findReport(ctx, tx, op, by, id, false, true); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, by, event{action: hedui.AuditReportView, objectType: "report",
			objectID: fmt.Sprint(id), caseID: out.ApplicationID, detail: fmt.Sprintf("查看核对报告 %s 第%d版", out.Number, out.Version)})
	})
	if err != nil {
		return hedui.Report{}, err
	}
	return out, nil
}

// Reports lists every version of the report chain of a case, newest
// first, without content: the original case and its re-checks share one
// list.
func (db *DB) Reports(ctx context.Context, by hedui.Actor, appID int64) ([]hedui.Report, error) {
	const op = "sqlstore.Reports"
	var out []hedui.Report
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		out = []hedui.Report{}
		app, err := db.reportApp(ctx, tx, op, by, appID, false)
		if err != nil {
			return err
		}
		chain, err := chainOf(ctx, tx, appID)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+reportCols+reportFrom+` WHERE r.chain_id = $1 ORDER BY r.version DESC`, chain)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r hedui.Report
			if err := scanReport(rows, &r); err != nil {
				return err
			}
			out = append(out, r)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		return db.appendAudit(ctx, tx, by, appEvent(hedui.AuditReportList, appID,
			fmt.Sprintf("查看申请 %s 的核对报告%d版", app.Number, len(out))))
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ReportPDF returns the PDF exactly as issued and counts the print: the
// count goes up and the download is audited in one transaction, so no
// copy leaves uncounted.
func (db *DB) ReportPDF(ctx context.Context, by hedui.Actor, id int64) (hedui.Report, []byte, error) {
	const op = "sqlstore.ReportPDF"
	var out hedui.Report
	var pdf []byte
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		var err error
		if out, err = db.findReport(ctx, tx, op, by, id, true, false); err != nil {
			return err
		}
		var sealed string
		if err := tx.QueryRowContext(ctx, `UPDATE reports SET prints = prints + 1 WHERE id = $1 RETURNING prints, pdf_enc`, id).
			Scan(&out.Prints, &sealed); err != nil {
			return err
		}
		o := db.opener()
		if pdf = o.bytes(sealed, adReportPDF); o.done(op) != nil {
			return o.done(op)
		}
		detail := fmt.Sprintf("下载打印核对报告 %s 第%d版（累计第%d次）", out.Number, out.Version, out.Prints)
		if !out.Current {
			detail += "，该版本已被替代"
		}
		return db.appendAudit(ctx, tx, by, event{action: hedui.AuditReportDownload, objectType: "report",
			objectID: fmt.Sprint(id), caseID: out.ApplicationID, detail: detail})
	})
	if err != nil {
		return hedui.Report{}, nil, err
	}
	return out, pdf, nil
}
