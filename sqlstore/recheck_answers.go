package sqlstore

import (
	"context"
	"encoding/json"

	"hedui"
)

// adRecheckRecords seals what a department found about a person in a round.
const adRecheckRecords = "recheck_answers.records"

var recheckAnswersTable = stageTable{name: "recheck_answers",
	cols: []string{"round_id", "household_id", "department_id", "member_id", "item", "no_record", "records_enc",
		"as_of", "received_at", "channel", "source", "payload_sha256"}}

// answerRow is an answer as recheck_answers stores it; the household and
// round come from its query ID.
func (db *DB) answerRow(a *hedui.Answer, round, household int64) ([]any, error) {
	records := ""
	if len(a.Records) > 0 {
		records = db.kr.Seal(hedui.AppendRecordsJSON(nil, a.Records), adRecheckRecords)
	}
	return []any{round, household, a.DepartmentID, a.MemberID, string(a.Item), a.NoRecord, records,
		db.d.date(a.AsOf), db.d.ts(a.ReceivedAt), string(a.Channel), a.Source, a.PayloadSHA256}, nil
}

// roundAnswer is a stored answer with its household.
type roundAnswer struct {
	hedui.Answer
	household int64
}

// recheckAnswers reads the answers matching where (on alias x) in one
// query, records opened.
func (db *DB) recheckAnswers(ctx context.Context, q queryer, where string, a args) ([]roundAnswer, error) {
	const op = "sqlstore.recheckAnswers"
	rows, err := q.QueryContext(ctx, `SELECT x.round_id, x.household_id, x.department_id, x.member_id, x.item, x.no_record,
		x.records_enc, x.as_of, x.received_at, x.channel, x.source, x.payload_sha256 FROM recheck_answers x
		WHERE `+where+` ORDER BY x.household_id, x.department_id, x.member_id, x.item`, a...)
	if err != nil {
		return nil, wrapDB(op, err)
	}
	defer rows.Close()
	o := db.opener()
	var out []roundAnswer
	for rows.Next() {
		var x roundAnswer
		var round int64
		var records string
		if err := rows.Scan(&round, &x.household, &x.DepartmentID, &x.MemberID, &x.Item, &x.NoRecord, &records,
			dateCol{&x.AsOf}, timeCol{&x.ReceivedAt}, &x.Channel, &x.Source, &x.PayloadSHA256); err != nil {
			return nil, wrapDB(op, err)
		}
		x.QueryID = hedui.RecheckQueryID(round, x.household, x.DepartmentID)
		x.SubjectRef = hedui.RecheckSubjectRef(x.QueryID, x.MemberID)
		if b := o.bytes(records, adRecheckRecords); len(b) > 0 {
			if err := json.Unmarshal(b, &x.Records); err != nil {
				return nil, hedui.E(op, hedui.KindInternal, "bad_answer_records", err)
			}
		}
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, wrapDB(op, err)
	}
	return out, o.done(op)
}
