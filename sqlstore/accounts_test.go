package sqlstore

import (
	"testing"
	"time"

	"hedui"
)

func TestCreateUser(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		nu := func(username string, role hedui.Role, org int64) hedui.NewUser {
			return hedui.NewUser{Username: username, DisplayName: "王五", Role: role, OrgID: org, PasswordHash: "h"}
		}
		for _, tc := range []struct {
			name string
			by   hedui.Actor
			in   hedui.NewUser
			want hedui.Kind
			msg  string
		}{
			{"duplicate", e.admin, nu("clerk", hedui.RoleClerk, e.clerk.OrgID), hedui.KindConflict, "用户名已存在"},
			{"by a clerk", e.clerk, nu("x1", hedui.RoleClerk, e.clerk.OrgID), hedui.KindPermission, ""},
			{"by an auditor", e.auditor, nu("x2", hedui.RoleClerk, e.clerk.OrgID), hedui.KindPermission, ""},
			{"unknown role", e.admin, nu("x3", hedui.RoleSystem, e.clerk.OrgID), hedui.KindInvalid, ""},
			{"unknown organisation", e.admin, nu("x4", hedui.RoleClerk, 9999), hedui.KindInvalid, ""},
			{"clerk at a centre", e.admin, nu("x5", hedui.RoleClerk, e.verifier.OrgID), hedui.KindInvalid, ""},
			{"verifier at a township", e.admin, nu("x6", hedui.RoleVerifier, e.clerk.OrgID), hedui.KindInvalid, ""},
			{"blank username", e.admin, nu(" ", hedui.RoleClerk, e.clerk.OrgID), hedui.KindInvalid, ""},
			{"space in username", e.admin, nu("a b", hedui.RoleClerk, e.clerk.OrgID), hedui.KindInvalid, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := e.db.CreateUser(e.ctx, tc.by, tc.in)
				wantKind(t, err, tc.want)
				if tc.msg != "" && hedui.MessageOf(err) != tc.msg {
					t.Fatalf("message %q", hedui.MessageOf(err))
				}
			})
		}
		u, err := e.db.CreateUser(e.ctx, e.admin, nu(" clerk9 ", hedui.RoleClerk, e.clerk.OrgID))
		must(t, err)
		if u.Username != "clerk9" || u.Division != townBeijie || u.Level != hedui.LevelTownship || u.OrgName != "北街社会救助窗口" {
			t.Fatalf("user %+v", u)
		}
		got, err := e.db.User(e.ctx, "clerk9")
		must(t, err)
		if got != u {
			t.Fatalf("User = %+v, want %+v", got, u)
		}
		users, err := e.db.Users(e.ctx, e.auditor)
		must(t, err)
		if len(users) != 9 {
			t.Fatalf("%d users", len(users))
		}
		_, err = e.db.Users(e.ctx, e.verifier)
		wantKind(t, err, hedui.KindPermission)
		_, err = e.db.User(e.ctx, "nobody")
		wantKind(t, err, hedui.KindNotFound)

		// Passwords: administrators, or the user himself.
		must(t, e.db.SetPassword(e.ctx, e.clerk, "clerk", "mine"))
		wantKind(t, e.db.SetPassword(e.ctx, e.clerk, "clerk2", "theirs"), hedui.KindPermission)
		wantKind(t, e.db.SetPassword(e.ctx, e.admin, "nobody", "h"), hedui.KindNotFound)
		li, err := e.db.LoginInfo(e.ctx, "clerk")
		must(t, err)
		if li.PasswordHash != "mine" {
			t.Fatalf("hash %q", li.PasswordHash)
		}
		wantKind(t, e.db.SetDisabled(e.ctx, e.admin, "admin", true), hedui.KindConflict)
		wantKind(t, e.db.SetDisabled(e.ctx, e.clerk, "clerk2", true), hedui.KindPermission)
	})
}

func TestLockout(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		at := start.Add(time.Hour)
		state := func() (int, time.Time) {
			li, err := e.db.LoginInfo(e.ctx, "clerk")
			must(t, err)
			return li.FailedLogins, li.LockedUntil
		}
		for i := 1; i <= 4; i++ {
			must(t, e.db.RecordLogin(e.ctx, "clerk", "192.0.2.7", false, at))
			if n, until := state(); n != i || !until.IsZero() {
				t.Fatalf("after %d failures: count %d, locked until %v", i, n, until)
			}
		}
		must(t, e.db.RecordLogin(e.ctx, "clerk", "192.0.2.7", false, at))
		if n, until := state(); n != 5 || !until.Equal(at.Add(15*time.Minute)) {
			t.Fatalf("at the threshold: count %d, locked until %v", n, until)
		}
		// After the lock runs out, a failure starts a new count.
		must(t, e.db.RecordLogin(e.ctx, "clerk", "192.0.2.7", false, at.Add(16*time.Minute)))
		if n, until := state(); n != 1 || !until.IsZero() {
			t.Fatalf("after the lock: count %d, locked until %v", n, until)
		}
		must(t, e.db.RecordLogin(e.ctx, "clerk", "192.0.2.7", true, at.Add(17*time.Minute)))
		if n, until := state(); n != 0 || !until.IsZero() {
			t.Fatalf("after success: count %d, locked until %v", n, until)
		}
		must(t, e.db.RecordLogin(e.ctx, "nobody", "192.0.2.7", false, at))
		if got := e.lastEntry(); got.Action != hedui.AuditLoginFail || got.Username != "nobody" || got.ClientAddr != "192.0.2.7" {
			t.Fatalf("unknown user entry %+v", got)
		}
	})
}

func TestSessions(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		token := []byte("0123456789abcdef0123456789abcdef")
		must(t, e.db.CreateSession(e.ctx, hedui.Session{TokenHash: token, UserID: e.clerk.UserID, CreatedAt: start,
			ExpiresAt: start.Add(time.Hour), Client: "Firefox"}))
		a, err := e.db.SessionActor(e.ctx, token, start.Add(time.Minute))
		must(t, err)
		want := e.clerk
		want.ClientAddr, want.Purpose = "", ""
		if a != want {
			t.Fatalf("actor %+v, want %+v", a, want)
		}
		_, err = e.db.SessionActor(e.ctx, token, start.Add(time.Hour))
		wantKind(t, err, hedui.KindUnauthenticated)
		_, err = e.db.SessionActor(e.ctx, []byte("unknown"), start)
		wantKind(t, err, hedui.KindUnauthenticated)

		must(t, e.db.SetDisabled(e.ctx, e.admin, "clerk2", true))
		token2 := []byte("fedcba9876543210fedcba9876543210")
		must(t, e.db.CreateSession(e.ctx, hedui.Session{TokenHash: token2, UserID: e.clerk2.UserID, CreatedAt: start,
			ExpiresAt: start.Add(time.Hour)}))
		_, err = e.db.SessionActor(e.ctx, token2, start.Add(time.Minute))
		wantKind(t, err, hedui.KindUnauthenticated)
		if hedui.CodeOf(err) != "user_disabled" {
			t.Fatalf("code %q", hedui.CodeOf(err))
		}

		must(t, e.db.DeleteSession(e.ctx, e.clerk, token))
		_, err = e.db.SessionActor(e.ctx, token, start.Add(time.Minute))
		wantKind(t, err, hedui.KindUnauthenticated)
		must(t, e.db.DeleteSession(e.ctx, e.clerk, token)) // twice is fine
	})
}

func TestDirectory(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ds, err := e.db.Divisions(e.ctx)
		must(t, err)
		if len(ds) != len(testDivisions) || ds[0].Code != "621000" {
			t.Fatalf("divisions %+v", ds)
		}
		must(t, e.db.PutDivisions(e.ctx, []hedui.Division{{Code: "621002", Name: "西峰区（新）", Level: hedui.LevelCounty, ParentCode: "621000"}}))
		d, err := e.db.Division(e.ctx, "621002")
		must(t, err)
		if d.Name != "西峰区（新）" {
			t.Fatalf("division %+v", d)
		}
		_, err = e.db.Division(e.ctx, "999999")
		wantKind(t, err, hedui.KindNotFound)
		for _, bad := range []hedui.Division{
			{Code: "62100", Name: "x", Level: hedui.LevelCounty},
			{Code: "621002001", Name: "x", Level: hedui.LevelCounty},
			{Code: "621002001", Name: "", Level: hedui.LevelTownship},
			{Code: "621002001", Name: "x", Level: "village"},
		} {
			wantKind(t, e.db.PutDivisions(e.ctx, []hedui.Division{bad}), hedui.KindInvalid)
		}
		o1, err := e.db.EnsureOrganisation(e.ctx, hedui.Organisation{Name: "西峰区民政局", Kind: hedui.OrgAgency, Division: "621002"})
		must(t, err)
		o2, err := e.db.EnsureOrganisation(e.ctx, hedui.Organisation{Name: "西峰区民政局", Kind: hedui.OrgAgency, Division: "621002"})
		must(t, err)
		if o1 != o2 || o1.Level != hedui.LevelCounty {
			t.Fatalf("%+v / %+v", o1, o2)
		}
		_, err = e.db.EnsureOrganisation(e.ctx, hedui.Organisation{Name: "x", Kind: hedui.OrgAgency, Division: "999999"})
		wantKind(t, err, hedui.KindInvalid)
		orgs, err := e.db.Organisations(e.ctx)
		must(t, err)
		if len(orgs) != 8 { // 7 from the fixture (admin shares the city centre) and this one
			t.Fatalf("%d organisations", len(orgs))
		}
	})
}
