package rules

import "hedui"

// Compute works out the household model of a case: counted income over the
// look-back period, per-capita monthly income, assets by kind, and the
// member facts the rules test. See the package documentation for the
// counting and rounding rules.
func Compute(members []hedui.Member, decl hedui.Declaration, answers []hedui.Answer, expected []Expectation, p *hedui.Policy, asOf hedui.Date) *Model {
	var k Checker
	return k.Compute(members, &decl, answers, expected, p, asOf)
}

// model fills m from the sheet and its rows, reusing m's slices.
func (s *sheet) model(m *Model, rows []hedui.ComparisonRow) {
	p := s.p
	*m = Model{Members: m.Members[:0], IncomeByMonth: m.IncomeByMonth[:0],
		County: p.County, Hukou: string(p.Hukou), Months: s.w.months, asOf: s.asOf,
		StandardFen: int64(p.StandardMonthlyFen), NearPoorLineFen: int64(p.NearPoorLineFen())}
	var excluded [numSubjects]bool
	for _, c := range p.ExcludedIncome {
		if subj, ok := incomeSubject(c); ok {
			excluded[subj] = true
		}
	}
	for range s.w.months {
		m.IncomeByMonth = append(m.IncomeByMonth, 0)
	}
	for i := range s.members {
		ms := &s.members[i]
		person := s.person(ms)
		for r := ms.rows[0]; r < ms.rows[1]; r++ {
			s.addRow(m, &person, &rows[r], s.rowSubj[r], excluded[s.rowSubj[r]])
		}
		if person.Counted {
			m.MemberCount++
			if person.PublicPayroll {
				m.PublicPayrollMembers++
			}
			s.addMonths(m, ms, &excluded)
		} else if ableSupporter(&person) {
			m.AbleSupporters++
		}
		if person.Deceased {
			m.Deceased++
		}
		m.UnknownRecords += ms.unknown
		m.Members = append(m.Members, person)
	}
	s.income(m)
	s.assets(m)
}

func (s *sheet) person(ms *memberSheet) Person {
	mb, t := ms.m, &s.p.Tekun
	p := Person{ID: mb.ID, Age: ms.age, Gender: mb.Gender, Relationship: string(mb.Relationship),
		DisabilityGrade: mb.DisabilityGrade, Labour: string(mb.Labour), LivesTogether: mb.LivesTogether,
		Deceased: ms.deceased, PublicPayroll: ms.payroll, unknownItems: ms.unknownIn}
	p.Counted = p.LivesTogether && !p.Deceased
	p.UnableToWork = p.Age >= t.MinAge || p.Age < t.ChildAge ||
		(p.DisabilityGrade >= 1 && p.DisabilityGrade <= t.MaxDisabilityGrade) ||
		(t.LabourNone && mb.Labour == hedui.LabourNone)
	return p
}

// ableSupporter: a listed member outside the 共同生活家庭 who is legally
// obliged (spouse, child, parent) and able: alive, adult, able to work.
func ableSupporter(p *Person) bool {
	switch hedui.Relationship(p.Relationship) {
	case hedui.RelSpouse, hedui.RelChild, hedui.RelParent:
		return !p.Deceased && p.Age >= 18 && !p.UnableToWork
	}
	return false
}

// addRow adds one row's counted figures: income for members of the
// 共同生活家庭, assets for every member living together (a deceased
// member's property stays with the family until the estate is settled).
func (s *sheet) addRow(m *Model, p *Person, row *hedui.ComparisonRow, subj subject, excluded bool) {
	if !p.LivesTogether {
		return
	}
	if row.Understated && subj != subHukou {
		m.Discrepancies++
	}
	if row.Flag == hedui.FlagNoAnswer {
		m.Missing++
	}
	counted := int64(row.CountedFen)
	switch {
	case subj.income() && p.Counted:
		m.Income.add(subj, counted)
		m.GrossIncomeFen += counted
		if excluded {
			m.ExcludedIncomeFen += counted
		} else {
			p.IncomeFen += counted
			if subj == subWage {
				p.WageFen += counted
			}
		}
	case subj == subDeposit:
		m.DepositsFen += counted
	case subj == subSecurities:
		m.SecuritiesFen += counted
	case subj == subWealth:
		m.WealthFen += counted
	case subj == subHousingFund:
		m.HousingFundFen += counted
	case subj == subLoan:
		m.LoansFen += counted
	case subj == subVehicle:
		n := max(row.DeclaredCount, row.FoundCount)
		exempt := min(row.ExemptCount, n)
		m.Vehicles += n - exempt
		m.VehiclesExempt += exempt
		p.Vehicles += n
	case subj == subHouse:
		n := max(row.DeclaredCount, row.FoundCount)
		m.Homes += n
		m.HomeAreaM2x100 += countedArea(row.DeclaredArea, row.FoundArea, s.p.AreaToleranceM2x100)
		p.Homes += n
	case subj == subBusiness:
		n := max(row.DeclaredCount, row.FoundCount)
		m.Businesses += n
		m.BusinessCapitalFen += counted
		p.Businesses += n
	}
}

// addMonths adds a counted member's department-found income of counted
// categories to the monthly series (wage: the larger source each month).
func (s *sheet) addMonths(m *Model, ms *memberSheet, excluded *[numSubjects]bool) {
	for k := range m.IncomeByMonth {
		var v int64
		if !excluded[subWage] {
			v += max(ms.flows[0][k], ms.flows[1][k])
		}
		for f := 2; f < numFlows; f++ {
			if !excluded[flowSubjects[f]] {
				v += ms.flows[f][k]
			}
		}
		m.IncomeByMonth[k] += v
	}
}

// income applies the deductions and divides. Per-capita monthly income is
// counted ÷ (months × members), rounded half up to the fen.
func (s *sheet) income(m *Model) {
	p := s.p
	var deductions int64
	months := int64(m.Months)
	for i := range m.Members {
		pe := &m.Members[i]
		if !pe.Counted {
			continue
		}
		for _, d := range p.Deductions {
			switch d.Basis {
			case hedui.DeductDisability:
				if pe.DisabilityGrade >= 1 && pe.DisabilityGrade <= d.MaxGrade {
					deductions += int64(d.MonthlyFen) * months
				}
			case hedui.DeductWork:
				x := pe.WageFen * int64(d.ShareBP) / hedui.BP
				if d.MonthlyFen > 0 {
					x = min(x, int64(d.MonthlyFen)*months)
				}
				deductions += max(x, 0)
			}
		}
	}
	base := max(m.GrossIncomeFen-m.ExcludedIncomeFen, 0)
	m.DeductionsFen = min(deductions, base)
	m.CountedIncomeFen = base - m.DeductionsFen
	if m.MemberCount > 0 {
		m.PerCapitaFen = roundDiv(m.CountedIncomeFen, months*int64(m.MemberCount))
	}
}

// assets adds up financial assets and the limit.
func (s *sheet) assets(m *Model) {
	m.FinancialAssetsFen = m.DepositsFen + m.SecuritiesFen + m.WealthFen
	if s.p.CountHousingFund {
		m.FinancialAssetsFen += m.HousingFundFen
	}
	m.FinancialLimitFen = int64(s.p.StandardMonthlyFen) * 12 * int64(m.MemberCount) * int64(s.p.FinancialAssetsBP) / hedui.BP
}
