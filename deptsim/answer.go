package deptsim

import (
	"time"

	"hedui"
	"hedui/exchange/online"
)

// SourceSimulator is the hedui.Answer.Source of in-process answers.
const SourceSimulator = "deptsim"

// Answer is what a simulated department would answer for every subject ×
// item of q, with its data as of asOf, received at now. Departments match
// on the ID number alone; a person unknown to the population gets 查无记录
// for every item, hukou included, as a register that never heard of them
// would answer. Each answer's PayloadSHA256 is the hash of its wire form
// (online.Answer), the evidence an in-process department leaves.
func (p *Population) Answer(q hedui.Query, asOf hedui.Date, now time.Time) []hedui.Answer {
	return p.AppendAnswers(make([]hedui.Answer, 0, len(q.Subjects)*len(q.Items)), q, asOf, now)
}

// AppendAnswers appends what Answer returns to out.
func (p *Population) AppendAnswers(out []hedui.Answer, q hedui.Query, asOf hedui.Date, now time.Time) []hedui.Answer {
	var scratch []byte
	// The records' JSON of every answer, in one growing slab: storing the
	// answers reuses it (hedui.Answer.RecordsJSON). A slab that grows
	// leaves the earlier answers' slices on the old array, unchanged.
	var slab []byte
	for _, s := range q.Subjects {
		truth, known := p.Find(s.IDNumber)
		for _, item := range q.Items {
			var recs []hedui.Record
			if known {
				recs = truth.Records(item, asOf)
			}
			a := hedui.Answer{
				QueryID: q.ID, SubjectRef: s.Ref, MemberID: s.MemberID, DepartmentID: q.DepartmentID,
				Item: item, NoRecord: len(recs) == 0, Records: recs, AsOf: asOf, ReceivedAt: now,
				Channel: hedui.ChannelSimulator, Source: SourceSimulator,
			}
			var recsJSON []byte
			a.PayloadSHA256, recsJSON = payloadSHA256(&scratch, online.AnswerOf(a))
			if len(recs) > 0 {
				at := len(slab)
				slab = append(slab, recsJSON...)
				a.RecordsJSON = slab[at:len(slab):len(slab)]
			}
			out = append(out, a)
		}
	}
	return out
}
