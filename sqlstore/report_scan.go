package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"hedui"
)

// Associated data of the sealed columns of reports and what follows them.
const (
	adReportContent  = "reports.content"
	adReportPDF      = "reports.pdf"
	adAgencyNote     = "agency_decisions.note"
	adObjectionNote  = "objections.reason"
	adWebhookSecret  = "webhooks.secret"
	msgReportMissing = "未找到该核对报告，或您无权查看"
)

func errReportNotFound(op string) error {
	return hedui.Errorf(op, hedui.KindNotFound, "report_not_found", msgReportMissing)
}

// reportCols are a report's columns without its content and PDF; the
// report is aliased r and its application a.
const reportCols = `r.id, r.application_id, r.chain_id, r.version, COALESCE(r.replaces, 0), r.is_current, r.number,
	r.objection_until, r.centre, r.sha256, r.code, r.prints, r.username, r.issued_at`

const reportFrom = ` FROM reports r JOIN applications a ON a.id = r.application_id`

func scanReport(row interface{ Scan(...any) error }, r *hedui.Report) error {
	if err := row.Scan(scanTargets(r)...); err != nil {
		return err
	}
	r.Code = formatCode(r.Code)
	return nil
}

// findReport reads a report's row if its case lies in by's report scope,
// locking it when lock is set. Outside the scope and nonexistent look the
// same. withContent also opens the content.
func (db *DB) findReport(ctx context.Context, q queryer, op string, by hedui.Actor, id int64, lock, withContent bool) (hedui.Report, error) {
	var r hedui.Report
	var a args
	cond, ok := scopeCond(by.ReportScope(), &a)
	if !ok {
		return r, errReportNotFound(op)
	}
	cols := reportCols
	if withContent {
		cols += ", r.content_enc"
	}
	query := `SELECT ` + cols + reportFrom + ` WHERE r.id = ` + a.add(id) + ` AND ` + cond
	if lock {
		query += db.d.forUpdate("r")
	}
	var content string
	dest := scanTargets(&r)
	if withContent {
		dest = append(dest, &content)
	}
	err := q.QueryRowContext(ctx, query, a...).Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return r, errReportNotFound(op)
	}
	if err != nil {
		return r, err
	}
	r.Code = formatCode(r.Code)
	if withContent {
		return r, db.openContent(op, content, &r.Content)
	}
	return r, nil
}

// scanTargets are the destinations of reportCols.
func scanTargets(r *hedui.Report) []any {
	return []any{&r.ID, &r.ApplicationID, &r.Chain, &r.Version, &r.Replaces, &r.Current, &r.Number,
		dateCol{&r.ObjectionEnds}, &r.Centre, &r.SHA256, &r.Code, &r.Prints, &r.IssuedBy, timeCol{&r.IssuedAt}}
}

// openContent opens and decodes a sealed report content.
func (db *DB) openContent(op, sealed string, c *hedui.ReportContent) error {
	o := db.opener()
	b := o.bytes(sealed, adReportContent)
	if err := o.done(op); err != nil {
		return err
	}
	if err := json.Unmarshal(b, c); err != nil {
		return hedui.E(op, hedui.KindInternal, "bad_report_content", err)
	}
	return nil
}

// reportApp is findApp under the report scope, which also admits the
// agencies of the case's county or city.
func (db *DB) reportApp(ctx context.Context, q queryer, op string, by hedui.Actor, id int64, lock bool) (*hedui.Application, error) {
	return db.findAppIn(ctx, q, op, by.ReportScope(), id, lock)
}

// currentReport reads the current report of a chain, if any.
func currentReport(ctx context.Context, q queryer, chain int64) (hedui.Report, bool, error) {
	var r hedui.Report
	err := q.QueryRowContext(ctx, `SELECT `+reportCols+reportFrom+` WHERE r.chain_id = $1 AND r.is_current = $2`, chain, true).
		Scan(scanTargets(&r)...)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	r.Code = formatCode(r.Code)
	return r, err == nil, err
}

// normCode keeps the letters and digits of a verification code, upper
// case, so that "abcd-2345", "ABCD 2345" and "ABCD2345" are one code, and
// reads O, I and L as 0, 1 and 1, which the codes' Crockford alphabet
// never prints. The store keeps codes in this form.
func normCode(s string) string {
	var b strings.Builder
	for _, c := range strings.ToUpper(s) {
		switch {
		case c == 'O':
			b.WriteByte('0')
		case c == 'I' || c == 'L':
			b.WriteByte('1')
		case (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'):
			b.WriteRune(c)
		}
	}
	return b.String()
}

// formatCode shows a stored code as printed: groups of four joined by
// hyphens (XXXX-XXXX).
func formatCode(s string) string {
	var parts []string
	for len(s) > 4 {
		parts = append(parts, s[:4])
		s = s[4:]
	}
	return strings.Join(append(parts, s), "-")
}
