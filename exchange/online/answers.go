package online

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"time"

	"hedui"
)

// SourceAPI is the hedui.Answer.Source of every answer from this channel.
const SourceAPI = "api"

// ToAnswers checks a response against the query it answers and returns its
// answers in the root vocabulary. raw is the body exactly as received: its
// hash is kept as evidence. A missing as_of is taken as the day of receipt.
//
// The response is rejected whole when its query id differs, its status is
// unknown, or an answer names a subject or item the query did not ask
// about, repeats a subject × item, or is neither no_record nor has records:
// a document that is wrong in one place cannot be trusted in the others.
// The error is a *hedui.Error of kind invalid with a Chinese message.
func (r *Response) ToAnswers(q hedui.Query, departmentID int64, raw []byte, receivedAt time.Time) ([]hedui.Answer, error) {
	const op = "online.Response.ToAnswers"
	if r.QueryID != q.ID {
		return nil, hedui.Errorf(op, hedui.KindInvalid, "query_id_mismatch", "应答的查询编号“%s”与查询“%s”不一致", clean(r.QueryID), q.ID)
	}
	if r.Status != StatusAnswered && r.Status != StatusAccepted {
		return nil, hedui.Errorf(op, hedui.KindInvalid, "invalid_status", "应答状态“%s”无效，应为 answered 或 accepted", clean(string(r.Status)))
	}
	members := make(map[string]int64, len(q.Subjects))
	for _, s := range q.Subjects {
		members[s.Ref] = s.MemberID
	}
	sum := sha256.Sum256(raw)
	digest := hex.EncodeToString(sum[:])
	seen := make(map[answerKey]bool, len(r.Answers))
	out := make([]hedui.Answer, 0, len(r.Answers))
	for i, a := range r.Answers {
		memberID, ok := members[a.SubjectRef]
		if !ok {
			return nil, hedui.Errorf(op, hedui.KindInvalid, "unknown_subject", "第%d条应答的核对对象“%s”不在查询中", i+1, clean(a.SubjectRef))
		}
		if !slices.Contains(q.Items, a.Item) {
			return nil, hedui.Errorf(op, hedui.KindInvalid, "unknown_item", "第%d条应答的核对项目“%s”不在查询中", i+1, clean(string(a.Item)))
		}
		k := answerKey{a.SubjectRef, a.Item}
		if seen[k] {
			return nil, hedui.Errorf(op, hedui.KindInvalid, "duplicate_answer", "核对对象 %s 的项目“%s”应答重复", k.ref, a.Item.Label())
		}
		seen[k] = true
		if a.NoRecord == (len(a.Records) > 0) {
			return nil, hedui.Errorf(op, hedui.KindInvalid, "contradictory_answer",
				"第%d条应答应当要么标明查无记录，要么至少有一条记录", i+1)
		}
		asOf := a.AsOf
		if asOf.IsZero() {
			asOf = hedui.DateOf(receivedAt)
		}
		out = append(out, hedui.Answer{
			QueryID: q.ID, SubjectRef: a.SubjectRef, MemberID: memberID, DepartmentID: departmentID,
			Item: a.Item, NoRecord: a.NoRecord, Records: a.Records, AsOf: asOf, ReceivedAt: receivedAt,
			Channel: hedui.ChannelOnline, Source: SourceAPI, PayloadSHA256: digest,
		})
	}
	return out, nil
}
