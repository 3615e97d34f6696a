package rules

import (
	"strconv"

	"hedui"
)

// status applies the rules about who the members are: paid from public
// funds, holding a registered business.
func (e *evaluation) status() {
	m := e.m
	if e.p.PublicPayrollDisqualifies && m.PublicPayrollMembers > 0 {
		for i := range m.Members {
			if pe := &m.Members[i]; pe.Counted && pe.PublicPayroll {
				ev := e.evidence(func(r *hedui.ComparisonRow, _ *Person) bool {
					return r.MemberID == pe.ID && r.Category == hedui.IncomeWage
				})
				e.reason(RulePublicPayroll, hedui.EffectExclude, m.who(pe.ID)+"为财政供养人员（查得财政工资发放记录）", ev)
			}
		}
	}
	if e.p.BusinessDisqualifies && m.Businesses > 0 {
		ev := e.evidence(func(r *hedui.ComparisonRow, _ *Person) bool {
			return r.Asset == hedui.AssetBusiness && r.FoundCount+r.DeclaredCount > 0
		})
		e.reason(RuleBusiness, hedui.EffectExclude, "家庭成员名下有工商登记"+strconv.Itoa(m.Businesses)+"户（认缴出资"+yuan(m.BusinessCapitalFen)+"元）", ev)
	}
}

func (e *evaluation) property() {
	m, p := e.m, e.p
	vehicles := func(r *hedui.ComparisonRow, _ *Person) bool {
		return r.Asset == hedui.AssetVehicle && r.FoundCount+r.DeclaredCount > 0
	}
	if m.VehiclesExempt > 0 {
		e.reason(RuleVehicles, hedui.EffectInfo, "家庭有"+strconv.Itoa(m.VehiclesExempt)+"辆车符合豁免条件（"+exemptions(p)+"），不计入车辆限制", e.evidence(vehicles))
	}
	if m.Vehicles > p.VehiclesAllowed {
		e.reason(RuleVehicles, hedui.EffectExclude, "家庭拥有非豁免机动车"+strconv.Itoa(m.Vehicles)+"辆，超过允许的"+strconv.Itoa(p.VehiclesAllowed)+"辆", e.evidence(vehicles))
	}
	homes := func(r *hedui.ComparisonRow, _ *Person) bool {
		return r.Asset == hedui.AssetHouse && r.FoundCount+r.DeclaredCount > 0
	}
	if m.Homes > p.HomesAllowed {
		e.reason(RuleHomesCount, hedui.EffectExclude, "家庭拥有住房"+strconv.Itoa(m.Homes)+"套，超过允许的"+strconv.Itoa(p.HomesAllowed)+"套", e.evidence(homes))
	}
	if limit := p.HomeAreaPerCapitaM2x100; limit > 0 && m.HomeAreaM2x100 > limit*int64(m.MemberCount) {
		e.reason(RuleHomesArea, hedui.EffectExclude, "家庭住房总面积"+area(m.HomeAreaM2x100)+"平方米，超过人均"+area(limit)+"平方米×"+
			strconv.Itoa(m.MemberCount)+"人＝"+area(limit*int64(m.MemberCount))+"平方米", e.evidence(homes))
	}
	financial := func(r *hedui.ComparisonRow, _ *Person) bool {
		switch r.Asset {
		case hedui.AssetDeposit, hedui.AssetSecurities, hedui.AssetWealth:
			return true
		case hedui.AssetHousingFund:
			return p.CountHousingFund
		}
		return false
	}
	t := &e.sc.text
	t.s("家庭金融资产").fen(m.FinancialAssetsFen).s("元，限额为年低保标准").fen(int64(p.StandardMonthlyFen) * 12).
		s("元×").s(multiple(p.FinancialAssetsBP)).s("倍×").n(int64(m.MemberCount)).s("人＝").fen(m.FinancialLimitFen).s("元")
	if m.FinancialAssetsFen > m.FinancialLimitFen {
		e.reason(RuleFinancial, hedui.EffectExclude, t.s("，超过限额").done(), e.evidence(financial))
	} else {
		e.reason(RuleFinancial, hedui.EffectInfo, t.s("，未超过限额").done(), e.evidence(financial))
	}
}

func exemptions(p *hedui.Policy) string {
	s := ""
	for i, x := range p.VehicleExemptions {
		if i > 0 {
			s += "、"
		}
		s += x.Label
	}
	return s
}
