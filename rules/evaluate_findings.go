package rules

import (
	"strconv"

	"hedui"
)

// missing reports the answers still owed: the case is 信息不全.
func (e *evaluation) missing() {
	for i := range e.rows {
		r := &e.rows[i]
		if r.Flag != hedui.FlagNoAnswer {
			continue
		}
		items := ""
		for _, x := range r.Evidence {
			if x.AnswerID == 0 && x.Item != "" {
				if items != "" {
					items += "、"
				}
				items += x.Item.Label()
			}
		}
		e.reason(RuleMissingAnswer, hedui.EffectIncomplete,
			e.m.who(r.MemberID)+"的"+r.Label+"：尚未收到"+items+"的反馈，无法得出结论", r.Evidence)
	}
	if e.m.MemberCount == 0 {
		var ev []hedui.EvidenceRef
		for i := range e.rows {
			if r := &e.rows[i]; rowSubject(r) == subHukou {
				ev = append(ev, r.Evidence...)
			}
		}
		e.reason(RuleNoMembers, hedui.EffectIncomplete, "没有计入共同生活家庭的成员（均未共同生活或已死亡），无法计算家庭人均收入", ev)
	}
}

// anomalies reports what the departments found that the declaration does
// not say: facts, reported even when the case is incomplete.
func (e *evaluation) anomalies() {
	for i := range e.rows {
		r := &e.rows[i]
		if !r.Understated {
			continue
		}
		p := e.m.person(r.MemberID)
		switch {
		case r.Deceased:
			e.reason(RuleDeceased, hedui.EffectVisit, e.m.who(r.MemberID)+"已登记死亡（户籍注销），仍列为家庭成员；不计入家庭人口和收入，需核实家庭成员", r.Evidence)
		case p != nil && p.LivesTogether:
			e.reason(RuleDiscrepancy, hedui.EffectVisit, e.m.who(r.MemberID)+r.Label+"："+amounts(r)+beyond(r), r.Evidence)
		default:
			e.reason(RuleDiscrepancy, hedui.EffectInfo, e.m.who(r.MemberID)+r.Label+"："+amounts(r)+"（非共同生活家庭成员，不影响结论）", r.Evidence)
		}
	}
	if n := e.m.UnknownRecords; n > 0 {
		e.reason(RuleUnknownRecord, hedui.EffectVisit, "部门反馈中有"+strconv.Itoa(n)+"条无法识别类型的记录，需人工核对", e.unknownEvidence())
	}
}

// unknownEvidence cites the answers that hold records of unknown kinds.
func (e *evaluation) unknownEvidence() []hedui.EvidenceRef {
	var out []hedui.EvidenceRef
	for i := range e.m.Members {
		pe := &e.m.Members[i]
		for _, it := range hedui.Items {
			if pe.unknownItems&(1<<itemIndex(it)) == 0 {
				continue
			}
			ref := hedui.EvidenceRef{MemberID: pe.ID, Item: it}
			for j := range e.rows {
				for _, x := range e.rows[j].Evidence {
					if x.MemberID == pe.ID && x.Item == it && x.AnswerID != 0 {
						ref.AnswerID = x.AnswerID
					}
				}
			}
			out = append(out, ref)
		}
	}
	return out
}
