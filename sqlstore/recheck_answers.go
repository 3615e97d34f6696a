package sqlstore

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"time"

	"hedui"
)

// adRecheckAnswers seals a department's packed answers about a household.
const adRecheckAnswers = "recheck_answers.payload"

var recheckAnswersTable = stageTable{name: "recheck_answers",
	cols: []string{"round_id", "household_id", "department_id", "answers", "payload_enc", "received_at"}}

// A packed row is a JSON object: the as-of day, receipt time, channel and
// source shared by the query's answers ("a", "t", "c", "s"), and the
// answers ("x"), each with its member, item, 查无记录 flag, records and
// payload digest, and the shared fields only where they differ. It is
// written by hand (packRow): encoding/json's reflection was most of the
// cost of saving a round.
type packedRow struct {
	AsOf     hedui.Date     `json:"a"`
	Received time.Time      `json:"t"`
	Channel  hedui.Channel  `json:"c"`
	Source   string         `json:"s"`
	Answers  []packedAnswer `json:"x"`
}

// packedAnswer is one member × item answer inside a packed row.
type packedAnswer struct {
	Member   int64          `json:"m"`
	Item     hedui.Item     `json:"i"`
	NoRecord bool           `json:"n"`
	Records  []hedui.Record `json:"r"`
	Digest   string         `json:"h"`
	AsOf     hedui.Date     `json:"a"`
	Received time.Time      `json:"t"`
	Channel  hedui.Channel  `json:"c"`
	Source   *string        `json:"s"`
}

// queryKey names one query of a round: a household and a department.
type queryKey struct{ household, dept int64 }

// groupAnswers groups answers by query, in key order (the primary key's,
// so that inserts append to the index).
func groupAnswers(as []hedui.Answer, household func(*hedui.Answer) int64) ([]queryKey, map[queryKey][]hedui.Answer) {
	// A claim saves about 100,000 answers: they are ordered through a
	// permutation and copied once, each query's answers a slice of that
	// one copy, rather than appended group by group (a copy per growth
	// of every group, and as many allocations).
	ks := make([]queryKey, len(as))
	perm := make([]int32, len(as))
	for i := range as {
		ks[i] = queryKey{household(&as[i]), as[i].DepartmentID}
		perm[i] = int32(i)
	}
	slices.SortFunc(perm, func(a, b int32) int {
		if c := cmpKey(ks[a], ks[b]); c != 0 {
			return c
		}
		return int(a - b) // arrival order within a query
	})
	sorted := make([]hedui.Answer, len(as))
	for i, p := range perm {
		sorted[i] = as[p]
	}
	groups := map[queryKey][]hedui.Answer{}
	var keys []queryKey
	for lo := 0; lo < len(perm); {
		k := ks[perm[lo]]
		hi := lo + 1
		for hi < len(perm) && ks[perm[hi]] == k {
			hi++
		}
		keys = append(keys, k)
		groups[k] = sorted[lo:hi:hi] // capped: appending to a group must not overwrite the next
		lo = hi
	}
	return keys, groups
}

func cmpKey(a, b queryKey) int {
	if a.household != b.household {
		return cmpInt(a.household, b.household)
	}
	return cmpInt(a.dept, b.dept)
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

// packRow is one query's answers as recheck_answers stores them. The
// JSON is written into *scratch, which the caller keeps from row to row:
// only the sealed bytes are new for each row.
func (db *DB) packRow(scratch *[]byte, round int64, k queryKey, as []hedui.Answer) []any {
	first := &as[0]
	last := first.ReceivedAt
	b := (*scratch)[:0]
	b = append(b, `{"a":"`...)
	b = first.AsOf.AppendFormat(b, time.DateOnly)
	b = append(b, `","t":"`...)
	b = first.ReceivedAt.UTC().AppendFormat(b, time.RFC3339Nano)
	b = append(b, `","c":`...)
	b = hedui.AppendJSONString(b, string(first.Channel))
	b = append(b, `,"s":`...)
	b = hedui.AppendJSONString(b, first.Source)
	b = append(b, `,"x":[`...)
	for i := range as {
		a := &as[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"m":`...)
		b = strconv.AppendInt(b, a.MemberID, 10)
		b = append(b, `,"i":`...)
		b = hedui.AppendJSONString(b, string(a.Item))
		if a.NoRecord {
			b = append(b, `,"n":true`...)
		}
		if len(a.Records) > 0 {
			b = append(b, `,"r":`...)
			if a.RecordsJSON != nil {
				b = append(b, a.RecordsJSON...)
			} else {
				b = hedui.AppendRecordsJSON(b, a.Records)
			}
		}
		b = append(b, `,"h":`...)
		b = hedui.AppendJSONString(b, a.PayloadSHA256)
		if !a.AsOf.Equal(first.AsOf.Time) {
			b = append(b, `,"a":"`...)
			b = a.AsOf.AppendFormat(b, time.DateOnly)
			b = append(b, '"')
		}
		if !a.ReceivedAt.Equal(first.ReceivedAt) {
			b = append(b, `,"t":"`...)
			b = a.ReceivedAt.UTC().AppendFormat(b, time.RFC3339Nano)
			b = append(b, '"')
		}
		if a.Channel != first.Channel {
			b = append(b, `,"c":`...)
			b = hedui.AppendJSONString(b, string(a.Channel))
		}
		if a.Source != first.Source {
			b = append(b, `,"s":`...)
			b = hedui.AppendJSONString(b, a.Source)
		}
		b = append(b, '}')
		if a.ReceivedAt.After(last) {
			last = a.ReceivedAt
		}
	}
	b = append(b, "]}"...)
	*scratch = b
	return []any{round, k.household, k.dept, len(as), db.kr.SealBinary(b, adRecheckAnswers), db.d.ts(last)}
}

// unpackRow reads a packed row back into answers.
func unpackRow(round, hh, dept int64, b []byte) ([]hedui.Answer, error) {
	if len(b) == 0 {
		return nil, nil
	}
	var p packedRow
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, err
	}
	qid := hedui.RecheckQueryID(round, hh, dept)
	out := make([]hedui.Answer, 0, len(p.Answers))
	for _, x := range p.Answers {
		a := hedui.Answer{QueryID: qid, SubjectRef: hedui.RecheckSubjectRef(qid, x.Member), MemberID: x.Member,
			DepartmentID: dept, Item: x.Item, NoRecord: x.NoRecord, Records: x.Records, AsOf: p.AsOf,
			ReceivedAt: p.Received, Channel: p.Channel, Source: p.Source, PayloadSHA256: x.Digest}
		if !x.AsOf.IsZero() {
			a.AsOf = x.AsOf
		}
		if !x.Received.IsZero() {
			a.ReceivedAt = x.Received
		}
		if x.Channel != "" {
			a.Channel = x.Channel
		}
		if x.Source != nil {
			a.Source = *x.Source
		}
		out = append(out, a)
	}
	return out, nil
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
		var payload []byte
		if err := rows.Scan(&round, &hh, &dept, &payload); err != nil {
			return nil, wrapDB(op, err)
		}
		as, err := unpackRow(round, hh, dept, o.binary(payload, adRecheckAnswers))
		if err != nil {
			return nil, hedui.E(op, hedui.KindInternal, "bad_answer_payload", err)
		}
		for _, a := range as {
			out = append(out, roundAnswer{household: hh, Answer: a})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, wrapDB(op, err)
	}
	return out, o.done(op)
}
