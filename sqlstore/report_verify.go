package sqlstore

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"hedui"
)

// VerifyReport looks a report up by its verification code or by the
// SHA-256 of its PDF (64 hex digits) and says whether it is authentic
// and whether it is the current version. Anyone may ask; the answer holds
// no personal data and every check is audited with the caller's address.
func (db *DB) VerifyReport(ctx context.Context, by hedui.Actor, codeOrSHA string) (hedui.ReportCheck, error) {
	const op = "sqlstore.VerifyReport"
	s := strings.TrimSpace(codeOrSHA)
	col, key, shown := "code", normCode(s), ""
	if isSHA256(s) {
		col, key, shown = "sha256", strings.ToLower(s), "文件摘要 "+strings.ToLower(s)[:12]+"…"
	} else {
		shown = "验证码 " + formatCode(key)
	}
	if key == "" || len(key) > 64 {
		return hedui.ReportCheck{}, hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_code", "code",
			"请输入报告上印制的验证码（如 ABCD-2345），或报告PDF文件的SHA-256摘要")
	}
	var out hedui.ReportCheck
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		out = hedui.ReportCheck{}
		var r hedui.Report
		err := tx.QueryRowContext(ctx, `SELECT `+reportCols+reportFrom+` WHERE r.`+col+` = $1`, key).Scan(scanTargets(&r)...)
		ev := event{action: hedui.AuditReportVerify, objectType: "report"}
		switch {
		case errors.Is(err, sql.ErrNoRows):
			out.Message = "未找到与该" + map[string]string{"code": "验证码", "sha256": "文件摘要"}[col] + "对应的核对报告：该报告不是本系统出具的，或验证码输入有误"
		case err != nil:
			return err
		default:
			out = hedui.ReportCheck{Authentic: true, Current: r.Current, Number: r.Number, Version: r.Version,
				IssuedAt: r.IssuedAt, Centre: r.Centre, Prints: r.Prints}
			out.Message = fmt.Sprintf("该报告真实有效：%s出具的核对报告 %s 第%d版，为现行版本", r.Centre, r.Number, r.Version)
			if !r.Current {
				cur, ok, err := currentReport(ctx, tx, r.Chain)
				if err != nil {
					return err
				}
				if ok {
					out.CurrentVersion = cur.Version
				}
				out.Message = fmt.Sprintf("该报告确由%s出具（%s 第%d版），但已被第%d版替代，请以最新版本为准",
					r.Centre, r.Number, r.Version, out.CurrentVersion)
			}
			ev.objectID, ev.caseID = fmt.Sprint(r.ID), r.ApplicationID
		}
		ev.detail = "核验报告真伪（" + shown + "）：" + out.Message
		return db.appendAudit(ctx, tx, by, ev)
	})
	if err != nil {
		return hedui.ReportCheck{}, err
	}
	return out, nil
}

func isSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}
