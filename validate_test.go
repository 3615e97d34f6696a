package hedui

import (
	"strings"
	"testing"
	"time"

	"hedui/idcard"
)

var (
	now    = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	headID = idcard.Make("621002", time.Date(1968, 3, 12, 0, 0, 0, 0, time.UTC), 11)
	wifeID = idcard.Make("621002", time.Date(1970, 7, 2, 0, 0, 0, 0, time.UTC), 22)
	kidID  = idcard.Make("621002", time.Date(2012, 9, 18, 0, 0, 0, 0, time.UTC), 31)
)

func family() []NewMember {
	return []NewMember{
		{Name: " 王建国 ", IDNumber: headID, Relationship: RelHead, Hukou: HukouRural},
		{Name: "李秀兰", IDNumber: wifeID, Relationship: RelSpouse, Hukou: HukouRural},
		{Name: "王小明", IDNumber: strings.ToLower(kidID), Relationship: RelChild, Hukou: HukouRural, Labour: LabourNone},
	}
}

func TestCheckMembers(t *testing.T) {
	ms, err := CheckMembers("t", family(), nil, now)
	if err != nil {
		t.Fatal(err)
	}
	if ms[0].Name != "王建国" || ms[0].Gender != "male" || ms[1].Gender != "female" || ms[0].BirthDate.String() != "1968-03-12" || !ms[0].LivesTogether || ms[0].Labour != LabourFull {
		t.Fatalf("derived fields wrong: %+v", ms[0])
	}
	bad := func(mut func([]NewMember) []NewMember) error {
		_, err := CheckMembers("t", mut(family()), nil, now)
		return err
	}
	tests := []struct {
		name, code string
		mut        func([]NewMember) []NewMember
	}{
		{"bad check digit", "invalid_id_number", func(m []NewMember) []NewMember { m[1].IDNumber = wifeID[:17] + "0"; return m }},
		{"no name", "missing_name", func(m []NewMember) []NewMember { m[0].Name = "  "; return m }},
		{"listed twice", "duplicate_member", func(m []NewMember) []NewMember { m[2].IDNumber = headID; return m }},
		{"two heads", "two_heads", func(m []NewMember) []NewMember { m[1].Relationship = RelHead; return m }},
		{"bad relationship", "invalid_relationship", func(m []NewMember) []NewMember { m[1].Relationship = "cousin"; return m }},
		{"bad disability", "invalid_disability_grade", func(m []NewMember) []NewMember { m[1].DisabilityGrade = 5; return m }},
		{"bad hukou", "invalid_hukou_type", func(m []NewMember) []NewMember { m[1].Hukou = ""; return m }},
	}
	for _, tc := range tests {
		err := bad(tc.mut)
		if KindOf(err) != KindInvalid || CodeOf(err) != tc.code {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.code)
		}
		if strings.Contains(MessageOf(err), headID) || strings.Contains(MessageOf(err), wifeID) {
			t.Errorf("%s: message leaks an ID number: %s", tc.name, MessageOf(err))
		}
	}
	existing := []Member{{ID: 1, IDNumber: headID, Relationship: RelHead}}
	if _, err := CheckMembers("t", family()[:1], existing, now); CodeOf(err) != "duplicate_member" {
		t.Errorf("re-adding an existing member: %v", err)
	}
}

func TestCheckLetter(t *testing.T) {
	ms, _ := CheckMembers("t", family(), nil, now)
	for i := range ms {
		ms[i].ID = int64(i + 1)
	}
	letter := func() NewLetter {
		return NewLetter{Form: LetterPaper, SignedOn: DateOf(now), Signers: []Signer{
			{IDNumber: headID}, {IDNumber: wifeID, Method: SignFingerprint},
			{IDNumber: kidID, AgentName: "王建国", AgentIDNumber: headID, AgentRelation: "父亲"},
		}}
	}
	l := letter()
	if err := CheckLetter("t", &l, ms, now); err != nil {
		t.Fatal(err)
	}
	if l.Signers[2].MemberID != 3 || l.Signers[0].Method != SignSignature {
		t.Fatalf("signers not resolved: %+v", l.Signers)
	}
	tests := []struct {
		name, code string
		mut        func(*NewLetter)
	}{
		{"member missing", "member_not_signed", func(l *NewLetter) { l.Signers = l.Signers[:2] }},
		{"minor without guardian", "guardian_required", func(l *NewLetter) { l.Signers[2].AgentName = ""; l.Signers[2].AgentIDNumber = "" }},
		{"stranger", "signer_not_member", func(l *NewLetter) {
			l.Signers[1].IDNumber = idcard.Make("621022", time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), 1)
		}},
		{"signed twice", "duplicate_signer", func(l *NewLetter) { l.Signers[1].IDNumber = headID }},
		{"future", "signed_in_future", func(l *NewLetter) { l.SignedOn = DateOf(now.AddDate(0, 0, 1)) }},
		{"no form", "invalid_letter_form", func(l *NewLetter) { l.Form = "" }},
		{"bad agent id", "invalid_id_number", func(l *NewLetter) { l.Signers[2].AgentIDNumber = "123" }},
	}
	for _, tc := range tests {
		l := letter()
		tc.mut(&l)
		if err := CheckLetter("t", &l, ms, now); CodeOf(err) != tc.code {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.code)
		}
	}
}

func TestCheckComplete(t *testing.T) {
	ms, _ := CheckMembers("t", family(), nil, now)
	for i := range ms {
		ms[i].ID = int64(i + 1)
	}
	today := DateOf(now)
	complete := func() *Application {
		return &Application{
			Members:     append([]Member{}, ms...),
			Declaration: Declaration{Incomes: []Income{{Category: IncomeWage, AmountFen: 0}}},
			Letters: []Letter{{Status: LetterActive, Form: LetterPaper, ValidFrom: today, Scan: &ScanInfo{},
				Signers: []Signer{{MemberID: 1}, {MemberID: 2}, {MemberID: 3}}}},
		}
	}
	if err := CheckComplete("t", complete(), today); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, code string
		mut        func(*Application)
	}{
		{"no letter", "missing_letter", func(a *Application) { a.Letters = nil }},
		{"superseded", "missing_letter", func(a *Application) { a.Letters[0].Status = LetterSuperseded }},
		{"no scan", "missing_letter_scan", func(a *Application) { a.Letters[0].Scan = nil }},
		{"member added later", "member_not_authorised", func(a *Application) { a.Members = append(a.Members, Member{ID: 4, Name: "新成员"}) }},
		{"expired", "member_not_authorised", func(a *Application) { a.Letters[0].ValidUntil = DateOf(now.AddDate(0, 0, -1)) }},
		{"not yet valid", "member_not_authorised", func(a *Application) { a.Letters[0].ValidFrom = DateOf(now.AddDate(0, 0, 1)) }},
		{"no declaration", "missing_declaration", func(a *Application) { a.Declaration = Declaration{} }},
		{"no head", "missing_head", func(a *Application) { a.Members = a.Members[1:] }},
		{"no members", "missing_members", func(a *Application) { a.Members = nil }},
	}
	for _, tc := range tests {
		a := complete()
		tc.mut(a)
		if err := CheckComplete("t", a, today); CodeOf(err) != tc.code {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.code)
		}
	}
}

func TestCheckNewApplicationAndDeclaration(t *testing.T) {
	in := NewApplication{Aid: []AssistanceType{AidDibao}, Household: &NewHousehold{Address: "肖金镇米堡村", Hukou: HukouRural}, Members: family(),
		Declaration: &Declaration{Incomes: []Income{{IDNumber: headID, Category: IncomeWage, PeriodFrom: DateOf(now.AddDate(0, -6, 0)), PeriodTo: DateOf(now), AmountFen: 360000}}}}
	if _, err := CheckNewApplication("t", &in, now); err != nil || in.Kind != KindNew {
		t.Fatalf("valid application: %v", err)
	}
	tests := []struct {
		name, code string
		mut        func(*NewApplication)
	}{
		{"no aid", "missing_assistance_type", func(a *NewApplication) { a.Aid = nil }},
		{"bad aid", "invalid_assistance_type", func(a *NewApplication) { a.Aid = []AssistanceType{"money"} }},
		{"no household", "missing_household", func(a *NewApplication) { a.Household = nil }},
		{"no address", "missing_address", func(a *NewApplication) { a.Household.Address = " " }},
		{"no members", "missing_members", func(a *NewApplication) { a.Members = nil }},
		{"income of stranger", "unknown_member", func(a *NewApplication) {
			a.Declaration.Incomes[0].IDNumber = idcard.Make("621022", time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), 1)
		}},
		{"negative income", "negative_amount", func(a *NewApplication) { a.Declaration.Incomes[0].AmountFen = -1 }},
		{"reversed period", "invalid_period", func(a *NewApplication) {
			a.Declaration.Incomes[0].PeriodTo = DateOf(now.AddDate(-1, 0, 0))
		}},
		{"bad category", "invalid_income_category", func(a *NewApplication) { a.Declaration.Incomes[0].Category = "lottery" }},
	}
	for _, tc := range tests {
		a := in
		h := *in.Household
		a.Household = &h
		d := Declaration{Incomes: append([]Income{}, in.Declaration.Incomes...)}
		a.Declaration = &d
		tc.mut(&a)
		if _, err := CheckNewApplication("t", &a, now); CodeOf(err) != tc.code {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.code)
		}
	}
}

func TestMaskName(t *testing.T) {
	for in, want := range map[string]string{"张三": "张*", "欧阳娜娜": "欧***", "李": "李", "": ""} {
		if got := MaskName(in); got != want {
			t.Errorf("MaskName(%q) = %q, want %q", in, got, want)
		}
	}
}
