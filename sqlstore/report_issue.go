package sqlstore

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"hedui"
)

// IssueReport stores a rendered report in the slot PrepareReport gave and
// moves the case to reported. See hedui.Reports for what happens with it.
func (db *DB) IssueReport(ctx context.Context, by hedui.Actor, appID int64, in hedui.NewReport) (hedui.Report, error) {
	const op = "sqlstore.IssueReport"
	if err := mayIssue(op, by); err != nil {
		return hedui.Report{}, err
	}
	code, err := checkNewReport(op, &in)
	if err != nil {
		return hedui.Report{}, err
	}
	content, err := json.Marshal(in.Content)
	if err != nil {
		return hedui.Report{}, hedui.E(op, hedui.KindInternal, err)
	}
	now := db.now()
	today := hedui.Today(now)
	var out hedui.Report
	err = db.inTx(ctx, op, func(tx *sql.Tx) error {
		app, err := db.findApp(ctx, tx, op, by, appID, true)
		if err != nil {
			return err
		}
		rule, err := hedui.FindRule(app.Status, hedui.ActIssue, by.Role)
		if err != nil {
			return hedui.E(op, err)
		}
		slot, _, _, err := nextSlot(ctx, tx, app, today)
		if err != nil {
			return err
		}
		if !sameSlot(slot, in.Slot) {
			return slotTaken(op)
		}
		if seq, err := nextNumber(ctx, tx, reportCounter(slot.County, slot.Year)); err != nil {
			return err
		} else if seq != slot.Seq {
			return slotTaken(op)
		}
		latest, err := db.conclusions(ctx, tx, op, appID, true)
		if err != nil {
			return err
		}
		if len(latest) == 0 || latest[0].Decision == nil {
			return hedui.Errorf(op, hedui.KindConflict, "not_decided", "核对结论尚未确认，不能出具报告")
		}
		dec := latest[0].Decision
		until := hedui.ObjectionDeadline(slot.Date, in.Content.ObjectDays)
		if slot.Replaces != 0 {
			if _, err := tx.ExecContext(ctx, `UPDATE reports SET is_current = $1 WHERE id = $2`, false, slot.Replaces); err != nil {
				return err
			}
		}
		out = hedui.Report{ApplicationID: appID, Number: in.Content.Number, Version: slot.Version, Chain: slot.Chain,
			Replaces: slot.Replaces, Current: true, Centre: in.Content.Centre, ObjectionEnds: until, IssuedAt: now,
			IssuedBy: by.Username, SHA256: in.SHA256, Code: formatCode(code), Content: in.Content}
		err = tx.QueryRowContext(ctx, `INSERT INTO reports (application_id, chain_id, version, replaces, is_current, number,
			county_code, year, seq, issued_on, objection_days, objection_until, centre, conclusion_id, overall, category,
			benefit_fen, content_enc, pdf_enc, pdf_size, sha256, code, prints, user_id, username, issued_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, 0,
			$23, $24, $25) RETURNING id`,
			appID, slot.Chain, slot.Version, nullID(slot.Replaces), true, out.Number, slot.County, slot.Year, slot.Seq,
			db.d.date(slot.Date), in.Content.ObjectDays, db.d.date(until), out.Centre, latest[0].ID, string(dec.Overall),
			string(dec.Category), int64(dec.BenefitFen), db.kr.Seal(content, adReportContent), db.kr.Seal(in.PDF, adReportPDF),
			len(in.PDF), in.SHA256, code, by.UserID, by.Username, db.d.ts(now)).Scan(&out.ID)
		if err != nil {
			return err
		}
		if app.Status != rule.To {
			if err := db.recordTransition(ctx, tx, by, appID, app.Status, rule.To, rule.Action, "", now); err != nil {
				return err
			}
		}
		n, err := db.queueWebhooks(ctx, tx, app, &out, dec, now)
		if err != nil {
			return err
		}
		detail := fmt.Sprintf("出具核对报告 %s 第%d版", out.Number, out.Version)
		if slot.Replaces != 0 {
			detail += "（替代上一版）"
		}
		if app.Status != rule.To {
			detail += "；" + app.Status.Label() + " → " + rule.To.Label()
		}
		if n > 0 {
			detail += fmt.Sprintf("；推送经办机构%d处", n)
		}
		return db.appendAudit(ctx, tx, by, event{action: hedui.AuditReportIssue, objectType: "report",
			objectID: fmt.Sprint(out.ID), caseID: appID, detail: detail})
	})
	if err != nil {
		return hedui.Report{}, err
	}
	return out, nil
}

// sameSlot compares slots, the dates as civil dates.
func sameSlot(a, b hedui.ReportSlot) bool {
	return a.County == b.County && a.Year == b.Year && a.Seq == b.Seq && a.Chain == b.Chain &&
		a.Version == b.Version && a.Replaces == b.Replaces && a.Date.String() == b.Date.String()
}

func slotTaken(op string) error {
	return hedui.Errorf(op, hedui.KindConflict, "report_slot_taken", "报告编号或版本已被同时出具的另一份报告占用，请重新出具")
}

// checkNewReport refuses a report that the renderer did not make: not a
// PDF, a hash that is not the PDF's, no code or number, no objection
// window. It returns the code in its stored form.
func checkNewReport(op string, in *hedui.NewReport) (string, error) {
	bad := func(field, msg string) (string, error) {
		return "", hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_report", field, "%s", msg)
	}
	sum := sha256.Sum256(in.PDF)
	code := normCode(in.Code)
	switch {
	case !bytes.HasPrefix(in.PDF, []byte("%PDF-")):
		return bad("pdf", "报告文件不是PDF")
	case !strings.EqualFold(in.SHA256, hex.EncodeToString(sum[:])):
		return bad("sha256", "报告的SHA-256与文件不符")
	case len(code) < 8 || len(code) > 32:
		return bad("code", "报告验证码无效")
	case strings.TrimSpace(in.Content.Number) == "":
		return bad("number", "报告编号不能为空")
	case in.Content.ObjectDays <= 0:
		return bad("objection_days", "报告须注明异议期限")
	case in.Slot.Version <= 0 || in.Slot.Seq <= 0:
		return bad("slot", "报告编号和版本须由出具前的准备取得")
	}
	in.SHA256 = strings.ToLower(in.SHA256)
	return code, nil
}
