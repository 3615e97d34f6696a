package rules

import (
	"strconv"

	"github.com/expr-lang/expr/vm"

	"hedui"
)

// income explains the counted income and tests it against the standard
// and the near-poor line. It reports whether per-capita income is below
// the standard. Both tests are strict: exactly at the standard is not
// below it. They compare the per-capita figure as rounded (the one the
// report prints) with the exact lines, in integers.
func (e *evaluation) income() (belowStandard bool, ev []hedui.EvidenceRef) {
	m, p := e.m, e.p
	incomeRows := func(excluded bool) func(r *hedui.ComparisonRow, pe *Person) bool {
		return func(r *hedui.ComparisonRow, pe *Person) bool {
			return pe.Counted && r.Category != "" && p.Excludes(r.Category) == excluded
		}
	}
	if m.ExcludedIncomeFen > 0 {
		text := ""
		for _, c := range p.ExcludedIncome {
			if v := m.Income.Of(c); v != 0 {
				if text != "" {
					text += "、"
				}
				text += c.Label() + yuan(v) + "元"
			}
		}
		e.reason(RuleIncomeExcluded, hedui.EffectInfo, "按政策不计入家庭收入："+text, e.evidence(incomeRows(true)))
	}
	if m.DeductionsFen > 0 {
		labels := ""
		for i, d := range p.Deductions {
			if i > 0 {
				labels += "、"
			}
			labels += d.Label
		}
		e.reason(RuleDeductions, hedui.EffectInfo, "按政策扣减（"+labels+"）共"+yuan(m.DeductionsFen)+"元", e.evidence(incomeRows(false)))
	}
	n, months := int64(m.MemberCount), int64(m.Months)
	std, pc := int64(p.StandardMonthlyFen), m.PerCapitaFen
	t := &e.sc.text
	t.s("计算期").n(months).s("个月，收入合计").fen(m.GrossIncomeFen).s("元，不计入").fen(m.ExcludedIncomeFen).
		s("元，扣减").fen(m.DeductionsFen).s("元，计入收入").fen(m.CountedIncomeFen).s("元；共同生活家庭").n(n).
		s("人，月人均收入").fen(pc).s("元（").fen(m.CountedIncomeFen).s("÷").n(months).s("÷").n(n).s("，四舍五入到分）")
	ev = e.evidence(incomeRows(false))
	switch {
	case pc < std:
		e.reason(RuleIncome, hedui.EffectInfo, t.s("，低于低保标准").fen(std).s("元").done(), ev)
		return true, ev
	case pc*hedui.BP < std*int64(p.NearPoorBP):
		t.s("，不低于低保标准").fen(std).s("元，低于低保边缘标准").fen(m.NearPoorLineFen).s("元（低保标准×").s(multiple(p.NearPoorBP)).s("）")
		e.reason(RuleIncome, hedui.EffectInfo, t.done(), ev)
	default:
		t.s("，不低于低保边缘标准").fen(m.NearPoorLineFen).s("元（低保标准×").s(multiple(p.NearPoorBP)).s("），超过收入条件")
		e.reason(RuleIncome, hedui.EffectExclude, t.done(), ev)
	}
	return false, ev
}

// county runs one county rule. A rule that fails at run time (say, an
// index out of range) is not guessed around: a person must look.
func (e *evaluation) county(v *vm.VM, prog *Program, r hedui.PolicyRule) {
	holds, err := prog.run(v, e.m)
	ev := func() []hedui.EvidenceRef {
		return e.evidence(func(row *hedui.ComparisonRow, pe *Person) bool {
			return prog.uses&(1<<rowSubject(row)) != 0
		})
	}
	switch {
	case err != nil:
		e.reason(r.ID, hedui.EffectVisit, "规则“"+r.Name+"”执行出错，需人工核对："+err.Error(), nil)
	case holds:
		e.reason(r.ID, r.Effect, r.Name, ev())
	}
}

// conclude picks the category and the overall conclusion.
func (e *evaluation) conclude(belowStandard bool, incomeEvidence []hedui.EvidenceRef) {
	m, p := e.m, e.p
	allUnable := m.MemberCount > 0
	for i := range m.Members {
		if pe := &m.Members[i]; pe.Counted && !pe.UnableToWork {
			allUnable = false
		}
	}
	switch {
	case e.exclude:
		e.out.Category = hedui.CategoryNone
	case belowStandard && allUnable && m.AbleSupporters == 0:
		e.out.Category = hedui.CategoryTekun
		e.reason(RuleTekun, hedui.EffectInfo, "共同生活家庭成员均无劳动能力（年满"+strconv.Itoa(p.Tekun.MinAge)+"周岁、未满"+
			strconv.Itoa(p.Tekun.ChildAge)+"周岁或残疾等级1至"+strconv.Itoa(p.Tekun.MaxDisabilityGrade)+"级），收入低于低保标准，"+
			"财产符合规定，且所列人员中无有能力的法定赡养、抚养、扶养义务人：符合特困人员认定条件，供养标准另行核定",
			e.evidence(func(r *hedui.ComparisonRow, pe *Person) bool {
				return r.Item == hedui.ItemHukou && r.Category == "" && r.Asset == ""
			}))
	case belowStandard:
		e.out.Category = hedui.CategoryDibao
		std, pc, n := int64(p.StandardMonthlyFen), m.PerCapitaFen, int64(m.MemberCount)
		e.out.BenefitFen = hedui.Fen((std - pc) * n)
		t := &e.sc.text
		t.s("低保金＝（低保标准").fen(std).s("元－月人均收入").fen(pc).s("元）×").n(n).s("人＝").fen(int64(e.out.BenefitFen)).s("元/月")
		e.reason(RuleBenefit, hedui.EffectInfo, t.done(), incomeEvidence)
	default:
		e.out.Category = hedui.CategoryNearPoor
	}
	switch {
	case e.exclude:
		e.out.Overall = hedui.OverallExceeds
	case e.visit:
		e.out.Overall = hedui.OverallVisit
	default:
		e.out.Overall = hedui.OverallClear
	}
}

// rowSubject is the subject of a row.
func rowSubject(r *hedui.ComparisonRow) subject {
	if s, ok := incomeSubject(r.Category); ok && r.Category != "" {
		return s
	}
	if s, ok := assetSubject(r.Asset); ok && r.Asset != "" {
		return s
	}
	return subHukou
}
