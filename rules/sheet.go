package rules

import (
	"strings"

	"hedui"
)

// cell adds up one member × subject, declared or found.
type cell struct {
	fen   int64
	count int
	area  int64
	lines int // declared lines or found records
}

// memberSheet is the working of one member: which answers are owed and
// which arrived, what was declared and what was found.
type memberSheet struct {
	m         *hedui.Member
	age       int
	expected  [numItems]bool
	newest    [numItems]int32 // index in answers of the newest answer per item, −1 none
	decl      [numSubjects]cell
	found     [numSubjects]cell
	exempt    int // found vehicles a policy exemption covers
	flows     [numFlows][hedui.MaxLookbackMonths]int64
	deceased  bool
	deathDate hedui.Date
	payroll   bool   // a salary from public funds in the window
	unknown   int    // records of kinds the comparison does not know
	unknownIn uint16 // items (bits by itemIndex) whose answer holds such records
	pos       int32  // position in the member list
	rows      [2]int
}

// sheet is the working of one case. It is reused from case to case by a
// Checker, so nothing in it may escape into a result.
type sheet struct {
	p       *hedui.Policy
	asOf    hedui.Date
	w       window
	members []memberSheet
	answers []hedui.Answer
	decl    *hedui.Declaration
	rowSubj []subject
	// the member of each declared income and asset line, −1 none
	incomeOwner, assetOwner []int32
	last                    [2]int64 // the last id looked up and its index, for runs of one member
}

func (s *sheet) reset(members []hedui.Member, decl *hedui.Declaration, answers []hedui.Answer, expected []Expectation, p *hedui.Policy, asOf hedui.Date) {
	s.p, s.asOf, s.answers, s.decl = p, asOf, answers, decl
	s.w = lookback(asOf, min(max(p.LookbackMonths, 1), hedui.MaxLookbackMonths))
	if cap(s.members) < len(members) {
		s.members = make([]memberSheet, len(members))
	}
	s.members = s.members[:len(members)]
	for i := range members {
		ms := &s.members[i]
		*ms = memberSheet{m: &members[i], age: ageOn(members[i].BirthDate.Time, asOf.Time), pos: int32(i)}
		for k := range ms.newest {
			ms.newest[k] = -1
		}
	}
	s.last = [2]int64{-1, -1}
	for _, e := range expected {
		if i, k := s.index(e.MemberID), itemIndex(e.Item); i >= 0 && k >= 0 {
			s.members[i].expected[k] = true
		}
	}
	s.pickNewest()
	s.addFound()
	s.addDeclared()
}

// index is the position of the member with id, or −1. Expectations and
// answers come member by member, so the last lookup is remembered.
func (s *sheet) index(id int64) int {
	if id == s.last[0] && s.last[1] >= 0 {
		return int(s.last[1])
	}
	for i := range s.members {
		if s.members[i].m.ID == id {
			s.last = [2]int64{id, int64(i)}
			return i
		}
	}
	return -1
}

// owner finds a declared line's member: by id, or by ID number on input.
func (s *sheet) owner(memberID int64, idNumber string) int {
	if memberID != 0 {
		return s.index(memberID)
	}
	for i := range s.members {
		if idNumber != "" && strings.EqualFold(s.members[i].m.IDNumber, idNumber) {
			return i
		}
	}
	return -1
}

// pickNewest keeps, per member × item, the answer received last (the
// larger id on a tie): a department's later answer replaces its earlier one.
func (s *sheet) pickNewest() {
	for j := range s.answers {
		a := &s.answers[j]
		i, k := s.index(a.MemberID), itemIndex(a.Item)
		if i < 0 || k < 0 {
			continue
		}
		ms := &s.members[i]
		if n := ms.newest[k]; n >= 0 {
			b := &s.answers[n]
			if a.ReceivedAt.Before(b.ReceivedAt) || (a.ReceivedAt.Equal(b.ReceivedAt) && a.ID < b.ID) {
				continue
			}
		}
		ms.newest[k] = int32(j)
	}
}

func (s *sheet) addFound() {
	for i := range s.members {
		ms := &s.members[i]
		for _, n := range ms.newest {
			if n < 0 {
				continue
			}
			a := &s.answers[n]
			for r := range a.Records {
				if !s.addRecord(ms, a.Item, &a.Records[r]) {
					ms.unknownIn |= 1 << itemIndex(a.Item)
				}
			}
		}
		// Wage is reported by the payroll and by tax withholding alike:
		// month by month, the larger of the two counts, never both.
		for m := 0; m < s.w.months; m++ {
			ms.found[subWage].fen += max(ms.flows[0][m], ms.flows[1][m])
			ms.found[subBusinessIncome].fen += ms.flows[2][m]
			ms.found[subPension].fen += ms.flows[3][m]
			ms.found[subTransfer].fen += ms.flows[4][m]
			ms.found[subAssistance].fen += ms.flows[5][m]
		}
	}
}

// addRecord adds one found record; it reports false for a kind it does
// not know.
func (s *sheet) addRecord(ms *memberSheet, item hedui.Item, r *hedui.Record) bool {
	subj, u := recordUse(item, r.Kind)
	c := &ms.found[subj]
	switch u {
	case useUnknown:
		ms.unknown++
		return false
	case useDeceased:
		if r.PeriodFrom.IsZero() || !r.PeriodFrom.After(s.asOf.Time) {
			ms.deceased, ms.deathDate = true, r.PeriodFrom
		}
	case useSalary, useTaxWage, useIncome:
		a, b := s.w.span(r.PeriodFrom, r.PeriodTo)
		lo, hi, ok := s.w.overlap(a, b)
		if !ok {
			return true
		}
		f, n, amount := &ms.flows[flow(subj, u)], int64(b-a+1), int64(r.AmountFen)
		for p := lo; p <= hi; p++ {
			f[a+p-s.w.first] += portion(amount, n, p, p)
		}
		c.lines++
		if u == useSalary {
			ms.payroll = true
		}
	case useAmount:
		c.fen += int64(r.AmountFen)
		c.lines++
	case useCount:
		q := max(r.Quantity, 1)
		c.count += q
		c.area += r.AreaM2x100
		c.fen += int64(r.AmountFen)
		c.lines++
		if subj == subVehicle && s.exempt(r) {
			ms.exempt += q
		}
	}
	return true
}

// exempt reports whether a policy exemption covers a found vehicle.
func (s *sheet) exempt(r *hedui.Record) bool {
	for _, e := range s.p.VehicleExemptions {
		if strings.Contains(r.Fields[e.Field], e.Contains) {
			return true
		}
	}
	return false
}

func (s *sheet) addDeclared() {
	s.incomeOwner, s.assetOwner = s.incomeOwner[:0], s.assetOwner[:0]
	for j := range s.decl.Incomes {
		in := &s.decl.Incomes[j]
		i := s.owner(in.MemberID, in.IDNumber)
		s.incomeOwner = append(s.incomeOwner, int32(i))
		subj, ok := incomeSubject(in.Category)
		if i < 0 || !ok {
			continue
		}
		a, b := s.w.span(in.PeriodFrom, in.PeriodTo)
		c := &s.members[i].decl[subj]
		c.fen += s.w.inWindow(int64(in.AmountFen), a, b)
		c.lines++
	}
	for j := range s.decl.Assets {
		as := &s.decl.Assets[j]
		i := s.owner(as.MemberID, as.IDNumber)
		s.assetOwner = append(s.assetOwner, int32(i))
		subj, ok := assetSubject(as.Kind)
		if i < 0 || !ok {
			continue
		}
		c := &s.members[i].decl[subj]
		c.fen += int64(as.ValueFen)
		c.area += as.AreaM2x100
		c.lines++
		if subjects[subj].counts {
			c.count += max(as.Quantity, 1)
		}
	}
}
