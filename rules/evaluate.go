package rules

import (
	"github.com/expr-lang/expr/vm"

	"hedui"
)

// Evaluate applies the built-in rules and the policy's county rules to a
// computed household and its comparison rows, and concludes: the overall
// conclusion, the recommended category, the 低保 benefit and the reasons,
// each citing its rule, the policy version and the evidence.
//
// Precedence: any 未反馈 → 信息不全 (no category, no benefit: a missing
// answer is never guessed); otherwise a failed limit or an excluding
// county rule → 超标不符合 (category 不符合); otherwise a discrepancy beyond
// tolerance, a deceased member still declared, an unknown record or a
// visiting county rule → 疑似超标需入户调查 with the category the figures
// give; otherwise 未发现异常.
func Evaluate(c *Compiled, m *Model, rows []hedui.ComparisonRow) hedui.Conclusion {
	var sc scratch
	return c.evaluate(&sc, m, rows)
}

// scratch is evaluation working space a Checker reuses.
type scratch struct {
	v       vm.VM
	persons []int32 // row → index in Model.Members, −1 none
	text    line
}

type evaluation struct {
	p    *hedui.Policy
	m    *Model
	rows []hedui.ComparisonRow
	sc   *scratch
	out  hedui.Conclusion
	// what the reasons so far call for
	incomplete, exclude, visit bool
}

func (c *Compiled) evaluate(sc *scratch, m *Model, rows []hedui.ComparisonRow) hedui.Conclusion {
	p := c.Policy
	e := &evaluation{p: p, m: m, rows: rows, sc: sc}
	e.indexRows()
	e.out = hedui.Conclusion{PolicyID: p.ID, PolicyVersion: p.Version, AsOf: m.asOf, Members: m.MemberCount, Months: m.Months,
		GrossIncomeFen: hedui.Fen(m.GrossIncomeFen), ExcludedIncomeFen: hedui.Fen(m.ExcludedIncomeFen),
		DeductionsFen: hedui.Fen(m.DeductionsFen), CountedIncomeFen: hedui.Fen(m.CountedIncomeFen),
		PerCapitaFen: hedui.Fen(m.PerCapitaFen), StandardFen: p.StandardMonthlyFen, NearPoorLineFen: hedui.Fen(m.NearPoorLineFen),
		Assets: hedui.AssetSummary{DepositsFen: hedui.Fen(m.DepositsFen), SecuritiesFen: hedui.Fen(m.SecuritiesFen),
			WealthFen: hedui.Fen(m.WealthFen), HousingFundFen: hedui.Fen(m.HousingFundFen),
			FinancialFen: hedui.Fen(m.FinancialAssetsFen), FinancialLimitFen: hedui.Fen(m.FinancialLimitFen),
			Vehicles: m.Vehicles, VehiclesExempt: m.VehiclesExempt, Homes: m.Homes, HomeAreaM2x100: m.HomeAreaM2x100,
			Businesses: m.Businesses},
		Rows: rows, Reasons: make([]hedui.Reason, 0, 8)}

	e.missing()
	e.anomalies()
	if e.incomplete {
		e.out.Overall = hedui.OverallIncomplete
		e.out.PerCapitaFen = 0 // provisional figures only: no per-capita income is stated
		return e.out
	}
	e.status()
	e.property()
	below, ev := e.income()
	for i, r := range p.Rules {
		e.county(&sc.v, c.rules[i], r)
	}
	e.conclude(below, ev)
	return e.out
}

// indexRows finds each row's member once (rows come member by member).
func (e *evaluation) indexRows() {
	ps := e.sc.persons[:0]
	last, at := int64(-1), int32(-1)
	for i := range e.rows {
		if id := e.rows[i].MemberID; id != last || at < 0 {
			last, at = id, -1
			for j := range e.m.Members {
				if e.m.Members[j].ID == id {
					at = int32(j)
					break
				}
			}
		}
		ps = append(ps, at)
	}
	e.sc.persons = ps
}

// reason records a finding and what it calls for.
func (e *evaluation) reason(id string, effect hedui.RuleEffect, text string, ev []hedui.EvidenceRef) {
	e.out.Reasons = append(e.out.Reasons, hedui.Reason{RuleID: id, RuleVersion: e.p.Version, PolicyID: e.p.ID,
		Effect: effect, Text: text, Evidence: ev})
	switch effect {
	case hedui.EffectIncomplete:
		e.incomplete = true
	case hedui.EffectExclude:
		e.exclude = true
	case hedui.EffectVisit:
		e.visit = true
	}
}

// evidence gathers the evidence of the rows of members living together
// that keep says to.
func (e *evaluation) evidence(keep func(r *hedui.ComparisonRow, p *Person) bool) []hedui.EvidenceRef {
	match := func(i int) bool {
		at := e.sc.persons[i]
		return at >= 0 && e.m.Members[at].LivesTogether && keep(&e.rows[i], &e.m.Members[at])
	}
	n := 0
	for i := range e.rows {
		if match(i) {
			n += len(e.rows[i].Evidence)
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]hedui.EvidenceRef, 0, n) // one allocation: this runs for every case
	for i := range e.rows {
		if match(i) {
			out = append(out, e.rows[i].Evidence...)
		}
	}
	return out
}
