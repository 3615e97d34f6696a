package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"hedui"
)

// MaxScanBytes is the largest scan accepted: a few pages at 300 dpi.
const MaxScanBytes = 20 << 20

// AddLetter registers a signed authorisation letter for the application's
// household. It replaces any letter still active; it is valid from the day
// it was signed.
func (db *DB) AddLetter(ctx context.Context, by hedui.Actor, appID int64, in hedui.NewLetter) (*hedui.Application, error) {
	const op = "sqlstore.AddLetter"
	now := db.now()
	today := hedui.Civil(now)
	return db.editCase(ctx, op, by, appID, func(tx *sql.Tx, app *hedui.Application) (event, error) {
		members, err := db.activeMembers(ctx, tx, op, app.Household.ID)
		if err != nil {
			return event{}, err
		}
		l := in
		l.Number = strings.TrimSpace(l.Number)
		l.Signers = append([]hedui.Signer(nil), in.Signers...)
		for i := range l.Signers {
			l.Signers[i].AgentRelation = strings.TrimSpace(l.Signers[i].AgentRelation)
		}
		if err := hedui.CheckLetter(op, &l, members, today); err != nil {
			return event{}, err
		}
		if l.Number == "" {
			seq, err := nextNumber(ctx, tx, "letter:"+app.Region.Township+":"+strconv.Itoa(today.Year()))
			if err != nil {
				return event{}, err
			}
			l.Number = letterNumber(app.Region.Township, today.Year(), seq)
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM letters WHERE number = $1`, l.Number).Scan(&n); err != nil {
			return event{}, err
		}
		if n > 0 {
			return event{}, hedui.FieldErrorf(op, hedui.KindConflict, "letter_number_taken", "number",
				"授权书编号“%s”已被使用，请核对编号", l.Number)
		}
		if err := db.supersedeLetters(ctx, tx, app.Household.ID, "已由新授权书（编号 "+l.Number+"）替代"); err != nil {
			return event{}, err
		}
		var letterID int64
		err = tx.QueryRowContext(ctx, `INSERT INTO letters (number, household_id, form, signed_on, valid_from, valid_until,
			status, status_note, created_at) VALUES ($1, $2, $3, $4, $4, $5, $6, '', $7) RETURNING id`,
			l.Number, app.Household.ID, string(l.Form), db.d.date(l.SignedOn), db.d.nullDate(l.ValidUntil),
			string(hedui.LetterActive), db.d.ts(now)).Scan(&letterID)
		if err != nil {
			return event{}, err
		}
		for _, s := range l.Signers {
			_, err := tx.ExecContext(ctx, `INSERT INTO letter_signers (letter_id, member_id, method, agent_name_enc,
				agent_id_enc, agent_relation) VALUES ($1, $2, $3, $4, $5, $6)`,
				letterID, s.MemberID, string(s.Method), db.seal(s.AgentName, adAgentName),
				db.seal(s.AgentIDNumber, adAgentID), s.AgentRelation)
			if err != nil {
				return event{}, err
			}
		}
		form := "电子"
		if l.Form == hedui.LetterPaper {
			form = "纸质"
		}
		return event{action: hedui.AuditLetterAdd, objectType: "letter", objectID: strconv.FormatInt(letterID, 10),
			caseID: app.ID, detail: fmt.Sprintf("登记%s授权书 %s，签字成员%d人", form, l.Number, len(l.Signers))}, nil
	})
}

// letterOf finds a letter of the household and its form.
func letterOf(ctx context.Context, tx *sql.Tx, op string, householdID, letterID int64) (number string, form hedui.LetterForm,
	status hedui.LetterStatus, err error) {
	err = tx.QueryRowContext(ctx, `SELECT number, form, status FROM letters WHERE id = $1 AND household_id = $2`,
		letterID, householdID).Scan(&number, &form, &status)
	if errors.Is(err, sql.ErrNoRows) {
		err = hedui.FieldErrorf(op, hedui.KindNotFound, "letter_not_found", "letter_id", "未找到该授权书")
	}
	return number, form, status, err
}

// PutLetterScan stores (or replaces) the scan of a paper letter, sealed.
// Its SHA-256 is of the file as uploaded, so a printout can be matched.
func (db *DB) PutLetterScan(ctx context.Context, by hedui.Actor, appID, letterID int64, scan hedui.Scan) (*hedui.Application, error) {
	const op = "sqlstore.PutLetterScan"
	name := path.Base(strings.ReplaceAll(strings.TrimSpace(scan.FileName), `\`, "/"))
	switch {
	case len(scan.Data) == 0:
		return nil, hedui.FieldErrorf(op, hedui.KindInvalid, "empty_scan", "file", "扫描件为空，请重新上传")
	case len(scan.Data) > MaxScanBytes:
		return nil, hedui.FieldErrorf(op, hedui.KindTooLarge, "scan_too_large", "file", "扫描件不能超过%dMB", MaxScanBytes>>20)
	case name == "." || name == "/" || utf8.RuneCountInString(name) > hedui.MaxAddressRunes:
		return nil, hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_file_name", "file", "扫描件文件名无效")
	}
	contentType := strings.TrimSpace(scan.ContentType)
	if contentType == "" {
		contentType = "application/octet-stream"
	}
	sum := sha256.Sum256(scan.Data)
	digest := hex.EncodeToString(sum[:])
	now := db.now()
	return db.editCase(ctx, op, by, appID, func(tx *sql.Tx, app *hedui.Application) (event, error) {
		number, form, status, err := letterOf(ctx, tx, op, app.Household.ID, letterID)
		if err != nil {
			return event{}, err
		}
		if form != hedui.LetterPaper {
			return event{}, hedui.Errorf(op, hedui.KindInvalid, "scan_not_needed", "电子授权书无需上传扫描件")
		}
		if status != hedui.LetterActive {
			return event{}, hedui.Errorf(op, hedui.KindConflict, "letter_not_active", "授权书 %s 已失效，请上传有效授权书的扫描件", number)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO letter_scans (letter_id, file_name_enc, content_type, size, sha256, data_enc, uploaded_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)
			ON CONFLICT (letter_id) DO UPDATE SET file_name_enc = excluded.file_name_enc, content_type = excluded.content_type,
				size = excluded.size, sha256 = excluded.sha256, data_enc = excluded.data_enc, uploaded_at = excluded.uploaded_at`,
			letterID, db.seal(name, adScanName), contentType, len(scan.Data), digest, db.kr.Seal(scan.Data, adScanData), db.d.ts(now))
		if err != nil {
			return event{}, err
		}
		return event{action: hedui.AuditLetterScanPut, objectType: "letter", objectID: strconv.FormatInt(letterID, 10),
			caseID: app.ID, detail: fmt.Sprintf("上传授权书 %s 扫描件，%d字节，SHA-256 %s", number, len(scan.Data), digest)}, nil
	})
}

// LetterScan returns the scan of a letter of an application in scope, and
// logs the download.
func (db *DB) LetterScan(ctx context.Context, by hedui.Actor, appID, letterID int64) (hedui.Scan, error) {
	const op = "sqlstore.LetterScan"
	var out hedui.Scan
	err := db.inTx(ctx, op, func(tx *sql.Tx) error {
		app, err := db.findApp(ctx, tx, op, by, appID, false)
		if err != nil {
			return err
		}
		number, _, _, err := letterOf(ctx, tx, op, app.Household.ID, letterID)
		if err != nil {
			return err
		}
		var name, data string
		err = tx.QueryRowContext(ctx, `SELECT file_name_enc, content_type, data_enc FROM letter_scans WHERE letter_id = $1`,
			letterID).Scan(&name, &out.ContentType, &data)
		if errors.Is(err, sql.ErrNoRows) {
			return hedui.Errorf(op, hedui.KindNotFound, "scan_not_found", "授权书 %s 尚未上传扫描件", number)
		}
		if err != nil {
			return err
		}
		o := db.opener()
		out.FileName, out.Data = o.str(name, adScanName), o.bytes(data, adScanData)
		if err := o.done(op); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, by, event{action: hedui.AuditLetterScanGet, objectType: "letter",
			objectID: strconv.FormatInt(letterID, 10), caseID: app.ID, detail: "下载授权书 " + number + " 扫描件"})
	})
	if err != nil {
		return hedui.Scan{}, err
	}
	return out, nil
}
