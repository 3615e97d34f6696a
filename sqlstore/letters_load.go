package sqlstore

import (
	"context"

	"hedui"
)

// letters reads every letter of a household, oldest first, with signers
// and scan descriptions (not the scan itself).
func (db *DB) letters(ctx context.Context, q queryer, op string, householdID int64) ([]hedui.Letter, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, number, form, signed_on, valid_from, valid_until, status, status_note,
		created_at FROM letters WHERE household_id = $1 ORDER BY id`, householdID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []hedui.Letter{}
	byID := map[int64]int{}
	for rows.Next() {
		l := hedui.Letter{HouseholdID: householdID, Signers: []hedui.Signer{}}
		if err := rows.Scan(&l.ID, &l.Number, &l.Form, dateCol{&l.SignedOn}, dateCol{&l.ValidFrom}, dateCol{&l.ValidUntil},
			&l.Status, &l.StatusNote, timeCol{&l.CreatedAt}); err != nil {
			return nil, err
		}
		byID[l.ID] = len(out)
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if len(out) == 0 {
		return out, nil
	}

	o := db.opener()
	rows, err = q.QueryContext(ctx, `SELECT s.letter_id, s.member_id, s.method, s.agent_name_enc, s.agent_id_enc, s.agent_relation
		FROM letter_signers s JOIN letters l ON l.id = s.letter_id
		WHERE l.household_id = $1 ORDER BY s.letter_id, s.member_id`, householdID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var letterID int64
		var s hedui.Signer
		var name, idn string
		if err := rows.Scan(&letterID, &s.MemberID, &s.Method, &name, &idn, &s.AgentRelation); err != nil {
			return nil, err
		}
		s.AgentName, s.AgentIDNumber = o.str(name, adAgentName), o.str(idn, adAgentID)
		l := &out[byID[letterID]]
		l.Signers = append(l.Signers, s)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()

	rows, err = q.QueryContext(ctx, `SELECT c.letter_id, c.file_name_enc, c.content_type, c.size, c.sha256, c.uploaded_at
		FROM letter_scans c JOIN letters l ON l.id = c.letter_id WHERE l.household_id = $1`, householdID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var letterID int64
		var si hedui.ScanInfo
		var name string
		if err := rows.Scan(&letterID, &name, &si.ContentType, &si.Size, &si.SHA256, timeCol{&si.UploadedAt}); err != nil {
			return nil, err
		}
		si.FileName = o.str(name, adScanName)
		out[byID[letterID]].Scan = &si
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, o.done(op)
}
