package sqlstore

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"time"

	"hedui"

	"github.com/klauspost/compress/s2"
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
// so that inserts append to the index): keys[i]'s answers are groups[i],
// in arrival order.
func groupAnswers(as []hedui.Answer, household func(*hedui.Answer) int64) (keys []queryKey, groups [][]*hedui.Answer) {
	// A claim saves about 100,000 answers: they are ordered through a
	// permutation and grouped as pointers into as, each group a slice of
	// one array, rather than copied (a city round's answers are 700 MB of
	// structs) or appended group by group.
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
	sorted := make([]*hedui.Answer, len(as))
	for i, p := range perm {
		sorted[i] = &as[p]
	}
	for lo := 0; lo < len(perm); {
		k := ks[perm[lo]]
		hi := lo + 1
		for hi < len(perm) && ks[perm[hi]] == k {
			hi++
		}
		keys = append(keys, k)
		groups = append(groups, sorted[lo:hi:hi]) // capped: appending to a group must not overwrite the next
		lo = hi
	}
	return keys, groups
}

func cmpKey(a, b queryKey) int {
	return cmp.Or(cmp.Compare(a.household, b.household), cmp.Compare(a.dept, b.dept))
}

// packBuf is the working space of packRow, kept by the caller from row to
// row: only the sealed bytes are new for each row.
type packBuf struct{ json, packed []byte }

// packRow is one query's answers as recheck_answers stores them: the
// packed row's JSON, compressed (compressPacked), sealed.
func (db *DB) packRow(buf *packBuf, round int64, k queryKey, as []*hedui.Answer) []any {
	first := as[0]
	last := first.ReceivedAt
	b := buf.json[:0]
	b = append(b, `{"a":"`...)
	b = first.AsOf.AppendFormat(b, time.DateOnly)
	b = append(b, `","t":"`...)
	b = first.ReceivedAt.UTC().AppendFormat(b, time.RFC3339Nano)
	b = append(b, `","c":`...)
	b = hedui.AppendJSONString(b, string(first.Channel))
	b = append(b, `,"s":`...)
	b = hedui.AppendJSONString(b, first.Source)
	b = append(b, `,"x":[`...)
	for i, a := range as {
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
	buf.json = b
	buf.packed = compressPacked(buf.packed, b)
	return []any{round, k.household, k.dept, len(as), db.kr.SealBinary(buf.packed, adRecheckAnswers), db.d.ts(last)}
}

// packedS2 is the first byte of a packed row compressed with S2 (the
// rest is an S2 block). Rows stored before compression are the JSON
// itself, which starts with '{', and still read.
const packedS2 = 0x01

// compressPacked compresses a packed row's JSON into dst's array. Half the
// bytes are half of what a round's save sends to the database and writes
// to its log and tables; S2 is chosen over zstd because, on rows of about
// a kilobyte, it is ten times as fast for a ratio of 2.2 against 2.6.
func compressPacked(dst, b []byte) []byte {
	n := 1 + s2.MaxEncodedLen(len(b))
	dst = slices.Grow(dst[:0], n)[:n]
	dst[0] = packedS2
	return dst[:1+len(s2.Encode(dst[1:], b))]
}

// decompressPacked reverses compressPacked, and passes a row stored
// uncompressed through.
func decompressPacked(b []byte) ([]byte, error) {
	if len(b) == 0 || b[0] != packedS2 {
		return b, nil
	}
	return s2.Decode(nil, b[1:])
}

// unpackRow reads a packed row back into answers.
func unpackRow(round, hh, dept int64, b []byte) ([]hedui.Answer, error) {
	if len(b) == 0 {
		return nil, nil
	}
	b, err := decompressPacked(b)
	if err != nil {
		return nil, err
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
