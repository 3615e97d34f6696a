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
	var w answerWriter
	return w.appendAnswers(p, make([]hedui.Answer, 0, len(q.Subjects)*len(q.Items)), q, asOf, now)
}

// answerWriter is the working space of answering, kept from query to
// query of one batch (Adapter.Send): the wire form being hashed, and the slab the
// answers' records JSON is kept in.
type answerWriter struct {
	scratch []byte
	// The records' JSON of every answer, in slabs: storing the answers
	// reuses it (hedui.Answer.RecordsJSON). A full slab is left to the
	// answers that point into it and a new one started, rather than
	// grown (a copy of everything so far, each time).
	slab []byte
}

// slabSize is the size of a records slab: room for a few dozen answers.
const slabSize = 64 << 10

// appendAnswers appends what Answer returns to out.
func (w *answerWriter) appendAnswers(p *Population, out []hedui.Answer, q hedui.Query, asOf hedui.Date, now time.Time) []hedui.Answer {
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
			a.PayloadSHA256, recsJSON = payloadSHA256(&w.scratch, online.AnswerOf(a))
			if len(recs) > 0 {
				if len(w.slab)+len(recsJSON) > cap(w.slab) {
					w.slab = make([]byte, 0, max(slabSize, len(recsJSON)))
				}
				at := len(w.slab)
				w.slab = append(w.slab, recsJSON...)
				a.RecordsJSON = w.slab[at:len(w.slab):len(w.slab)]
			}
			out = append(out, a)
		}
	}
	return out
}
