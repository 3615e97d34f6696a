package rules

import (
	"slices"

	"hedui"
)

// Compare compares each declared item with the departments' answers,
// member by member: 一致 (equal, or within the policy's tolerance), 不一致
// (both amounts and the difference), 未申报但查到, 申报但未查到, 未反馈 (an
// expected answer has not arrived) and 未核查 (declared, but no department
// queried holds the item). Incomes are compared over the policy's
// look-back window ending before asOf's month, assets as of the answers.
// The newest answer per member × item counts.
func Compare(members []hedui.Member, decl hedui.Declaration, answers []hedui.Answer, expected []Expectation, p *hedui.Policy, asOf hedui.Date) []hedui.ComparisonRow {
	var s sheet
	s.reset(members, &decl, answers, expected, p, asOf)
	rows, _ := s.compare(nil, nil)
	return rows
}

// tolerance says whether found − declared is small enough to ignore.
type tolerance struct {
	fen, bp, area int64
}

func toleranceOf(p *hedui.Policy) tolerance {
	return tolerance{fen: int64(p.ToleranceFen), bp: int64(p.ToleranceBP), area: p.AreaToleranceM2x100}
}

// within: the difference is at most the absolute tolerance, or at most
// the relative tolerance of the larger amount.
func (t tolerance) within(declared, found int64) bool {
	diff := abs(found - declared)
	return diff <= t.fen || diff*hedui.BP <= t.bp*max(abs(declared), abs(found))
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// countedArea is the floor area the computation takes: the declared one,
// unless the registry found more beyond the area tolerance.
func countedArea(declared, found, tol int64) int64 {
	if found-declared > tol {
		return found
	}
	return declared
}

// compare builds the rows, member by member in the order given, subjects
// in a fixed order. Rows and evidence are freshly allocated: they go into
// the conclusion.
func (s *sheet) compare(rows []hedui.ComparisonRow, ev []hedui.EvidenceRef) ([]hedui.ComparisonRow, []hedui.EvidenceRef) {
	rows = slices.Grow(rows[:0], len(s.members)*14)
	ev = slices.Grow(ev[:0], len(s.members)*16)
	s.rowSubj = s.rowSubj[:0]
	tol := toleranceOf(s.p)
	for i := range s.members {
		ms := &s.members[i]
		ms.rows[0] = len(rows)
		for subj := range numSubjects {
			row, ok := s.row(ms, subj, tol)
			if !ok {
				continue
			}
			start := len(ev)
			ev = s.evidence(ev, ms, subj)
			row.Evidence = ev[start:len(ev):len(ev)]
			rows = append(rows, row)
			s.rowSubj = append(s.rowSubj, subj)
		}
		ms.rows[1] = len(rows)
	}
	return rows, ev
}

// status says whether a subject was checked for a member (a source item
// was queried or answered) and whether an owed answer is missing.
func (ms *memberSheet) status(subj subject) (checked, missing bool) {
	for _, it := range subjects[subj].sources {
		k := itemIndex(it)
		if ms.expected[k] || ms.newest[k] >= 0 {
			checked = true
		}
		if ms.expected[k] && ms.newest[k] < 0 {
			missing = true
		}
	}
	return checked, missing
}

func (s *sheet) row(ms *memberSheet, subj subject, tol tolerance) (hedui.ComparisonRow, bool) {
	info := &subjects[subj]
	d, f := &ms.decl[subj], &ms.found[subj]
	row := hedui.ComparisonRow{MemberID: ms.m.ID, Item: subj.item(), Category: info.category, Asset: info.asset,
		Label: subj.label(), DeclaredFen: hedui.Fen(d.fen), CountedFen: hedui.Fen(d.fen),
		DeclaredCount: d.count, DeclaredArea: d.area}
	checked, missing := ms.status(subj)
	switch {
	case !checked && (subj == subHukou || d.lines == 0):
		return row, false
	case !checked:
		row.Flag = hedui.FlagNotChecked
		return row, true
	case missing:
		row.Flag = hedui.FlagNoAnswer
		return row, true
	}
	row.FoundFen, row.DiffFen = hedui.Fen(f.fen), hedui.Fen(f.fen-d.fen)
	row.FoundCount, row.FoundArea, row.ExemptCount = f.count, f.area, 0
	switch {
	case subj == subHukou:
		s.hukouRow(ms, &row)
	case info.counts:
		countRow(ms, subj, &row, tol)
	default:
		amountRow(&row, d.fen, f.fen, tol)
	}
	return row, true
}

func (s *sheet) hukouRow(ms *memberSheet, row *hedui.ComparisonRow) {
	a := &s.answers[ms.newest[itemIndex(hedui.ItemHukou)]]
	switch {
	case ms.deceased:
		// Listed as a living member, registered dead: the declaration is
		// wrong, and the member leaves the 共同生活家庭.
		row.Flag, row.Understated, row.Deceased = hedui.FlagMismatch, true, true
	case a.NoRecord || len(a.Records) == 0:
		row.Flag = hedui.FlagNotFound
	default:
		row.Flag, row.WithinTolerance = hedui.FlagMatch, true
	}
}

func amountRow(row *hedui.ComparisonRow, d, f int64, tol tolerance) {
	row.WithinTolerance = tol.within(d, f)
	switch {
	case d == f || row.WithinTolerance:
		row.Flag = hedui.FlagMatch
	case d == 0:
		row.Flag = hedui.FlagUndeclared
	case f == 0:
		row.Flag = hedui.FlagNotFound
	default:
		row.Flag = hedui.FlagMismatch
	}
	if f > d && !row.WithinTolerance {
		row.Understated, row.CountedFen = true, hedui.Fen(f)
	}
}

// countRow compares vehicles, homes and registrations by number (and
// homes by area too). There is no tolerance on a number: the larger of the
// declared and found numbers counts.
func countRow(ms *memberSheet, subj subject, row *hedui.ComparisonRow, tol tolerance) {
	d, f := &ms.decl[subj], &ms.found[subj]
	areaOK := subj != subHouse || abs(f.area-d.area) <= tol.area
	if subj == subVehicle {
		row.ExemptCount = ms.exempt
	}
	switch {
	case d.count == f.count && areaOK:
		row.Flag = hedui.FlagMatch
	case d.count == 0:
		row.Flag = hedui.FlagUndeclared
	case f.count == 0:
		row.Flag = hedui.FlagNotFound
	default:
		row.Flag = hedui.FlagMismatch
	}
	row.WithinTolerance = row.Flag == hedui.FlagMatch
	row.Understated = f.count > d.count || (subj == subHouse && f.area-d.area > tol.area)
	if f.fen > d.fen {
		row.CountedFen = hedui.Fen(f.fen)
	}
}

// evidence adds what a row rests on: the newest answer of each source
// item (or, for an owed answer not received, the member and item without
// an answer id) and the declared lines that carry ids.
func (s *sheet) evidence(ev []hedui.EvidenceRef, ms *memberSheet, subj subject) []hedui.EvidenceRef {
	info := &subjects[subj]
	for _, it := range info.sources {
		k := itemIndex(it)
		switch n := ms.newest[k]; {
		case n >= 0:
			ev = append(ev, hedui.EvidenceRef{AnswerID: s.answers[n].ID, MemberID: ms.m.ID, Item: it,
				Category: info.category, Asset: info.asset})
		case ms.expected[k]:
			// The owed answer that has not come: no answer id.
			ev = append(ev, hedui.EvidenceRef{MemberID: ms.m.ID, Item: it, Category: info.category, Asset: info.asset})
		}
	}
	if ms.decl[subj].lines == 0 {
		return ev
	}
	for j := range s.decl.Incomes {
		in := &s.decl.Incomes[j]
		if in.ID != 0 && in.Category == info.category && info.category != "" && s.incomeOwner[j] == ms.pos {
			ev = append(ev, hedui.EvidenceRef{IncomeID: in.ID, MemberID: ms.m.ID, Category: in.Category})
		}
	}
	for j := range s.decl.Assets {
		as := &s.decl.Assets[j]
		if as.ID != 0 && as.Kind == info.asset && info.asset != "" && s.assetOwner[j] == ms.pos {
			ev = append(ev, hedui.EvidenceRef{AssetID: as.ID, MemberID: ms.m.ID, Asset: as.Kind})
		}
	}
	return ev
}
