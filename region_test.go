package hedui

import "testing"

func TestScope(t *testing.T) {
	xiaojin := RegionOf("621002100")
	huan := RegionOf("621022100")
	if xiaojin != (Region{City: "621000", County: "621002", Township: "621002100"}) {
		t.Fatalf("RegionOf = %+v", xiaojin)
	}
	tests := []struct {
		actor  Actor
		in     Region
		inside bool
	}{
		{Actor{Role: RoleClerk, Level: LevelTownship, Division: "621002100"}, xiaojin, true},
		{Actor{Role: RoleClerk, Level: LevelTownship, Division: "621002101"}, xiaojin, false},
		{Actor{Role: RoleVerifier, Level: LevelCounty, Division: "621002"}, xiaojin, true},
		{Actor{Role: RoleVerifier, Level: LevelCounty, Division: "621002"}, huan, false},
		{Actor{Role: RoleVerifier, Level: LevelCity, Division: "621000"}, huan, true},
		{Actor{Role: RoleVerifier, Level: LevelCity, Division: "620100"}, huan, false},
		{Actor{Role: RoleClerk, Level: LevelCounty, Division: "621002"}, xiaojin, false}, // a clerk must sit at a township
		{Actor{Role: RoleAdmin, Level: LevelCity, Division: "621000"}, xiaojin, false},
		{Actor{Role: RoleAuditor, Level: LevelCity, Division: "621000"}, xiaojin, false},
		{Actor{Role: RoleSystem}, xiaojin, false},
	}
	for _, tc := range tests {
		if got := tc.actor.CaseScope().Contains(tc.in); got != tc.inside {
			t.Errorf("%s at %s sees %s: %v, want %v", tc.actor.Role, tc.actor.Division, tc.in.Township, got, tc.inside)
		}
	}
}

func TestErrors(t *testing.T) {
	inner := Errorf("idcheck", KindInvalid, "invalid_id_number", "身份证号码校验位错误")
	outer := E("sqlstore.CreateApplication", inner)
	if KindOf(outer) != KindInvalid || CodeOf(outer) != "invalid_id_number" || MessageOf(outer) != "身份证号码校验位错误" {
		t.Fatalf("wrapping lost kind/code/message: %v", outer)
	}
	if KindOf(E("op", KindNotFound, inner)) != KindNotFound {
		t.Fatal("explicit kind not kept")
	}
	plain := E("op", errString("disk on fire"))
	if KindOf(plain) != KindInternal || MessageOf(plain) != DefaultMessage(KindInternal) {
		t.Fatalf("plain cause: kind %v message %q", KindOf(plain), MessageOf(plain))
	}
	if KindOf(nil) != KindOther {
		t.Fatal("nil error has a kind")
	}
	for k := KindOther; k <= KindInternal; k++ {
		if DefaultMessage(k) == "" || k.String() == "" {
			t.Errorf("kind %d lacks a name or message", k)
		}
	}
}

type errString string

func (e errString) Error() string { return string(e) }
