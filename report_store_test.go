package hedui

import (
	"testing"
	"time"
)

func TestReportRules(t *testing.T) {
	tests := []struct {
		from   Status
		action Action
		role   Role
		to     Status
		kind   Kind // KindOther: allowed
	}{
		{StatusDecided, ActIssue, RoleVerifier, StatusReported, KindOther},
		{StatusReported, ActIssue, RoleVerifier, StatusReported, KindOther}, // a correction
		{StatusConcluded, ActIssue, RoleVerifier, "", KindConflict},
		{StatusDecided, ActIssue, RoleClerk, "", KindPermission},
		{StatusReported, ActObject, RoleAgency, StatusObjected, KindOther},
		{StatusDecided, ActObject, RoleAgency, "", KindConflict},
		{StatusReported, ActObject, RoleVerifier, "", KindPermission},
		{StatusReported, ActAgencyDecide, RoleAgency, StatusClosed, KindOther},
		{StatusReported, ActAgencyDecide, RoleVerifier, "", KindPermission},
		{StatusClosed, ActAgencyDecide, RoleAgency, "", KindConflict},
		{StatusClosed, ActIssue, RoleVerifier, "", KindConflict},
	}
	for _, tc := range tests {
		r, err := FindRule(tc.from, tc.action, tc.role)
		if tc.kind == KindOther {
			if err != nil || r.To != tc.to || !r.Internal {
				t.Errorf("%s %s by %s = %v, %v; want internal to %s", tc.from, tc.action, tc.role, r.To, err, tc.to)
			}
			continue
		}
		if KindOf(err) != tc.kind {
			t.Errorf("%s %s by %s: err %v, want kind %s", tc.from, tc.action, tc.role, err, tc.kind)
		}
	}
	if !StatusClosed.Terminal() || StatusObjected.Terminal() || StatusReported.Terminal() {
		t.Error("closed must be terminal, objected and reported not")
	}
	if got := ActionsFor(StatusReported, RoleAgency); len(got) != 0 {
		t.Errorf("plain actions on a reported case: %v", got)
	}
}

func TestObjectionDeadline(t *testing.T) {
	issued := Date{time.Date(2026, 2, 26, 0, 0, 0, 0, time.UTC)}
	if got := ObjectionDeadline(issued, 5).String(); got != "2026-03-03" {
		t.Errorf("deadline %s, want 2026-03-03 (calendar days across the month end)", got)
	}
}

func TestReportScope(t *testing.T) {
	for _, tc := range []struct {
		a    Actor
		want Scope
	}{
		{Actor{Role: RoleAgency, Level: LevelCounty, Division: "621002"}, Scope{LevelCounty, "621002"}},
		{Actor{Role: RoleAgency, Level: LevelCity, Division: "621000"}, Scope{LevelCity, "621000"}},
		{Actor{Role: RoleAgency, Level: LevelTownship, Division: "621002100"}, Scope{}},
		{Actor{Role: RoleClerk, Level: LevelTownship, Division: "621002100"}, Scope{LevelTownship, "621002100"}},
		{Actor{Role: RoleVerifier, Level: LevelCounty, Division: "621002"}, Scope{LevelCounty, "621002"}},
		{Actor{Role: RoleAdmin, Level: LevelCity, Division: "621000"}, Scope{}},
	} {
		if got := tc.a.ReportScope(); got != tc.want {
			t.Errorf("%s at %s: %v, want %v", tc.a.Role, tc.a.Division, got, tc.want)
		}
	}
}

func TestNewReportContent(t *testing.T) {
	d := &ReportDraft{
		Slot:        ReportSlot{Date: Date{time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)}},
		Application: &Application{Kind: KindNew, Aid: []AssistanceType{AidDibao}, Household: Household{Address: "某村1组", Hukou: HukouRural}},
		Queries: []Query{{ID: "Q1", Department: "公安局", Items: []Item{ItemHukou}, Status: QueryAnswered},
			{ID: "Q2", Department: "银行", Items: []Item{ItemBank}, Status: QuerySent}},
		Answers:         []Answer{{QueryID: "Q1", MemberID: 1, Item: ItemHukou}, {QueryID: "Q1", MemberID: 9, Item: ItemHukou}},
		Township:        "肖金镇",
		Centre:          "西峰区核对中心",
		ObjectionDays:   5,
		ReplacesNumber:  "N-1",
		ReplacesVersion: 1,
	}
	d.Application.Members = []Member{{ID: 2, Name: "李四", Relationship: RelSpouse, LivesTogether: true}, {ID: 1, Name: "张三", Relationship: RelHead, LivesTogether: true}}
	c := NewReportContent(d, "N-2")
	switch {
	case c.Number != "N-2" || c.Applicant.Name != "张三" || len(c.Members) != 2 || c.Members[1].HukouPlace != "肖金镇（农村）":
		t.Fatalf("people %+v", c)
	case len(c.Sources) != 2 || !c.Sources[0].Answered || c.Sources[1].Answered || len(c.Sources[0].Rows) != 2 || len(c.Sources[1].Rows) != 0:
		t.Fatalf("sources %+v", c.Sources)
	case c.Sources[0].Rows[0].Member != "张三" || c.Sources[0].Rows[1].Member != "（已不在户成员）":
		t.Fatalf("rows %+v", c.Sources[0].Rows)
	case c.Replaces != "N-1（第1版）" || c.Restriction != DefaultRestriction || c.ObjectDays != 5 || c.Centre != "西峰区核对中心":
		t.Fatalf("footer %+v", c)
	case c.MemberNames()[2] != "李四":
		t.Fatalf("names %v", c.MemberNames())
	}
}

func TestReportContentSupporters(t *testing.T) {
	d := &ReportDraft{Application: &Application{Members: []Member{
		{ID: 1, Name: "王建国", Relationship: RelHead, LivesTogether: true},
		{ID: 2, Name: "王小红", Relationship: RelChild, LivesTogether: false},
		{ID: 3, Name: "王二叔", Relationship: RelSibling, LivesTogether: false},
	}}}
	c := NewReportContent(d, "621002-2026-核-000001")
	if len(c.Members) != 2 || len(c.Supporters) != 1 || c.Supporters[0].Name != "王小红" || c.Applicant.Name != "王建国" {
		t.Fatalf("members %v supporters %v", c.Members, c.Supporters)
	}
}
