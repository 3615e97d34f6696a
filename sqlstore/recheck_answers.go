package sqlstore

import (
	"context"
	"encoding/json"
	"slices"
	"time"

	"hedui"
)

// adRecheckAnswers seals a department's packed answers about a household.
const adRecheckAnswers = "recheck_answers.payload"

var recheckAnswersTable = stageTable{name: "recheck_answers",
	cols: []string{"round_id", "household_id", "department_id", "answers", "payload_enc", "received_at"}}

// packedAnswer is one member × item answer inside a packed row; the
// round, household and department are the row's.
type packedAnswer struct {
	Member   int64          `json:"m"`
	Item     hedui.Item     `json:"i"`
	NoRecord bool           `json:"n,omitempty"`
	Records  []hedui.Record `json:"r,omitempty"`
	AsOf     hedui.Date     `json:"a"`
	Received time.Time      `json:"t"`
	Channel  hedui.Channel  `json:"c"`
	Source   string         `json:"s,omitempty"`
	Digest   string         `json:"h"`
}

// queryKey names one query of a round: a household and a department.
type queryKey struct{ household, dept int64 }

// groupAnswers groups answers by query, in key order (the primary key's,
// so that inserts append to the index).
func groupAnswers(as []hedui.Answer, household func(*hedui.Answer) int64) ([]queryKey, map[queryKey][]hedui.Answer) {
	groups := map[queryKey][]hedui.Answer{}
	var keys []queryKey
	for i := range as {
		k := queryKey{household(&as[i]), as[i].DepartmentID}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], as[i])
	}
	slices.SortFunc(keys, func(a, b queryKey) int {
		if a.household != b.household {
			return cmpInt(a.household, b.household)
		}
		return cmpInt(a.dept, b.dept)
	})
	return keys, groups
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// packRow is one query's answers as recheck_answers stores them.
func (db *DB) packRow(round int64, k queryKey, as []hedui.Answer) ([]any, error) {
	ps := make([]packedAnswer, len(as))
	var last time.Time
	for i := range as {
		a := &as[i]
		ps[i] = packedAnswer{Member: a.MemberID, Item: a.Item, NoRecord: a.NoRecord, Records: a.Records, AsOf: a.AsOf,
			Received: a.ReceivedAt.UTC(), Channel: a.Channel, Source: a.Source, Digest: a.PayloadSHA256}
		if a.ReceivedAt.After(last) {
			last = a.ReceivedAt
		}
	}
	b, err := json.Marshal(ps)
	if err != nil {
		return nil, err
	}
	return []any{round, k.household, k.dept, len(ps), db.kr.Seal(b, adRecheckAnswers), db.d.ts(last)}, nil
}

// roundAnswer is a stored answer with its household.
type roundAnswer struct {
	hedui.Answer
	household int64
}

// recheckAnswers reads and unpacks the answer rows matching where (on
// alias x) in one query.
func (db *DB) recheckAnswers(ctx context.Context, q queryer, where string, a args) ([]roundAnswer, error) {
	const op = "sqlstore.recheckAnswers"
	rows, err := q.QueryContext(ctx, `SELECT x.round_id, x.household_id, x.department_id, x.payload_enc
		FROM recheck_answers x WHERE `+where+` ORDER BY x.household_id, x.department_id`, a...)
	if err != nil {
		return nil, wrapDB(op, err)
	}
	defer rows.Close()
	o := db.opener()
	var out []roundAnswer
	for rows.Next() {
		var round, hh, dept int64
		var payload string
		if err := rows.Scan(&round, &hh, &dept, &payload); err != nil {
			return nil, wrapDB(op, err)
		}
		var ps []packedAnswer
		if b := o.bytes(payload, adRecheckAnswers); len(b) > 0 {
			if err := json.Unmarshal(b, &ps); err != nil {
				return nil, hedui.E(op, hedui.KindInternal, "bad_answer_payload", err)
			}
		}
		qid := hedui.RecheckQueryID(round, hh, dept)
		for _, p := range ps {
			out = append(out, roundAnswer{household: hh, Answer: hedui.Answer{QueryID: qid,
				SubjectRef: hedui.RecheckSubjectRef(qid, p.Member), MemberID: p.Member, DepartmentID: dept, Item: p.Item,
				NoRecord: p.NoRecord, Records: p.Records, AsOf: p.AsOf, ReceivedAt: p.Received, Channel: p.Channel,
				Source: p.Source, PayloadSHA256: p.Digest}})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, wrapDB(op, err)
	}
	return out, o.done(op)
}
