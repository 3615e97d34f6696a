package sqlstore

import (
	"strconv"
	"testing"
	"time"

	"hedui"
)

// lastEntry returns the newest audit entry, read raw so that reading it
// does not append another.
func (e *env) lastEntry() hedui.AuditEntry {
	e.t.Helper()
	rows, err := e.db.SQL().QueryContext(e.ctx, `SELECT `+auditCols+` FROM audit_log ORDER BY seq DESC LIMIT 1`)
	must(e.t, err)
	defer rows.Close()
	var a hedui.AuditEntry
	if !rows.Next() {
		e.t.Fatal("audit log is empty")
	}
	must(e.t, scanAudit(rows, &a))
	return a
}

func TestEveryOperationIsAudited(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		app := e.create(e.clerk, e.family("张建国", "李秀英"))
		var letterID int64
		var grown *hedui.Application
		token := []byte("0123456789abcdef0123456789abcdef")
		must(t, e.db.CreateSession(e.ctx, hedui.Session{TokenHash: token, UserID: e.clerk.UserID, CreatedAt: start, ExpiresAt: start.Add(8 * 3600e9)}))
		ops := []struct {
			action string
			by     hedui.Actor
			caseID int64
			run    func() error
		}{
			{hedui.AuditAppCreate, e.clerk2, -1, func() error {
				_, _, err := e.db.CreateApplication(e.ctx, e.clerk2, e.family("王小明", "赵丽"))
				return err
			}},
			{hedui.AuditAppView, e.verifier, app.ID, func() error { _, err := e.db.Application(e.ctx, e.verifier, app.ID); return err }},
			{hedui.AuditAppList, e.city, 0, func() error { _, err := e.db.Applications(e.ctx, e.city, hedui.Filter{}); return err }},
			{hedui.AuditAppList, e.admin, 0, func() error { _, err := e.db.Applications(e.ctx, e.admin, hedui.Filter{}); return err }},
			{hedui.AuditMemberAdd, e.clerk, app.ID, func() error {
				var err error
				grown, err = e.db.AddMembers(e.ctx, e.clerk, app.ID, []hedui.NewMember{e.person("张小宝", hedui.RelChild, 20)})
				return err
			}},
			{hedui.AuditMemberRemove, e.clerk, app.ID, func() error {
				_, err := e.db.RemoveMember(e.ctx, e.clerk, app.ID, grown.Members[2].ID)
				return err
			}},
			{hedui.AuditDeclarationSet, e.clerk, app.ID, func() error {
				_, err := e.db.SetDeclaration(e.ctx, e.clerk, app.ID, *e.family("a", "b").Declaration)
				if isKind(err, hedui.KindInvalid) { // the family's member is not this household's
					_, err = e.db.SetDeclaration(e.ctx, e.clerk, app.ID, hedui.Declaration{Assets: []hedui.Asset{{Kind: hedui.AssetHouse, ValueFen: 1}}})
				}
				return err
			}},
			{hedui.AuditLetterAdd, e.clerk, app.ID, func() error {
				a := e.sign(e.clerk, app, hedui.LetterPaper)
				letterID = a.ActiveLetter().ID
				return nil
			}},
			{hedui.AuditLetterScanPut, e.clerk, app.ID, func() error {
				_, err := e.db.PutLetterScan(e.ctx, e.clerk, app.ID, letterID, hedui.Scan{FileName: "s.png", Data: []byte("png")})
				return err
			}},
			{hedui.AuditLetterScanGet, e.verifier, app.ID, func() error { _, err := e.db.LetterScan(e.ctx, e.verifier, app.ID, letterID); return err }},
			{hedui.AuditAppTransition, e.clerk, app.ID, func() error { _, err := e.db.Transition(e.ctx, e.clerk, app.ID, hedui.ActSubmit, ""); return err }},
			{hedui.AuditUserCreate, e.admin, 0, func() error {
				_, err := e.db.CreateUser(e.ctx, e.admin, hedui.NewUser{Username: "new", DisplayName: "新用户", Role: hedui.RoleAgency,
					OrgID: e.admin.OrgID, PasswordHash: "h"})
				return err
			}},
			{hedui.AuditUserPassword, e.admin, 0, func() error { return e.db.SetPassword(e.ctx, e.admin, "new", "h2") }},
			{hedui.AuditUserDisable, e.admin, 0, func() error { return e.db.SetDisabled(e.ctx, e.admin, "new", true) }},
			{hedui.AuditUserEnable, e.admin, 0, func() error { return e.db.SetDisabled(e.ctx, e.admin, "new", false) }},
			{hedui.AuditUserList, e.auditor, 0, func() error { _, err := e.db.Users(e.ctx, e.auditor); return err }},
			{hedui.AuditLogin, hedui.Actor{Username: "clerk", UserID: e.clerk.UserID}, 0, func() error { return e.db.RecordLogin(e.ctx, "clerk", "192.0.2.7", true, start) }},
			{hedui.AuditLoginFail, hedui.Actor{Username: "clerk", UserID: e.clerk.UserID}, 0, func() error { return e.db.RecordLogin(e.ctx, "clerk", "192.0.2.7", false, start) }},
			{hedui.AuditLoginFail, hedui.Actor{Username: "nobody"}, 0, func() error { return e.db.RecordLogin(e.ctx, "nobody", "192.0.2.7", false, start) }},
			{hedui.AuditLogout, e.clerk, 0, func() error { return e.db.DeleteSession(e.ctx, e.clerk, token) }},
			{hedui.AuditLogView, e.auditor, 0, func() error { _, err := e.db.AuditEntries(e.ctx, e.auditor, hedui.AuditFilter{}); return err }},
			{hedui.AuditLogVerify, e.auditor, 0, func() error { _, err := e.db.VerifyAudit(e.ctx, e.auditor); return err }},
		}
		for _, op := range ops {
			before := e.count("audit_log")
			if err := op.run(); err != nil {
				t.Fatalf("%s: %v", op.action, err)
			}
			if n := e.count("audit_log"); n != before+1 {
				t.Fatalf("%s: log grew by %d entries, want 1", op.action, n-before)
			}
			got := e.lastEntry()
			if got.Action != op.action || got.Username != op.by.Username || got.UserID != op.by.UserID ||
				(op.caseID >= 0 && got.CaseID != op.caseID) {
				t.Fatalf("%s: entry %+v", op.action, got)
			}
			if op.by.Role != "" && (got.Role != op.by.Role || got.ClientAddr != "192.0.2.1" || got.Purpose != "测试") {
				t.Fatalf("%s: actor not recorded: %+v", op.action, got)
			}
		}
		// The command line verifies without logging (it may run on a copy).
		before := e.count("audit_log")
		rep, err := e.db.VerifyAudit(e.ctx, hedui.SystemActor("verify"))
		must(t, err)
		if !rep.OK() || rep.Entries != int64(before) || rep.Head != e.lastEntry().Hash || e.count("audit_log") != before {
			t.Fatalf("report %+v with %d entries", rep, before)
		}
	})
}

func TestAuditEntries(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		app := e.create(e.clerk, e.family("张建国", "李秀英"))
		for range 3 {
			_, err := e.db.Application(e.ctx, e.verifier, app.ID)
			must(t, err)
		}
		cut := e.lastEntry().At
		for _, by := range []hedui.Actor{e.clerk, e.verifier, e.admin} {
			_, err := e.db.AuditEntries(e.ctx, by, hedui.AuditFilter{})
			wantKind(t, err, hedui.KindPermission)
			_, err = e.db.VerifyAudit(e.ctx, by)
			wantKind(t, err, hedui.KindPermission)
		}
		for _, tc := range []struct {
			name  string
			f     hedui.AuditFilter
			total int
		}{
			{"by user", hedui.AuditFilter{Username: "verifier"}, 3},
			{"by action", hedui.AuditFilter{Action: hedui.AuditAppView}, 3},
			{"by case", hedui.AuditFilter{CaseID: app.ID}, 4},
			{"by time", hedui.AuditFilter{From: start, To: cut.Add(time.Microsecond)}, 12}, // 8 users, create, 3 views
			{"before the start", hedui.AuditFilter{To: start}, 0},
		} {
			t.Run(tc.name, func(t *testing.T) {
				page, err := e.db.AuditEntries(e.ctx, e.auditor, tc.f)
				must(t, err)
				if page.Total != tc.total {
					t.Fatalf("total %d, want %d", page.Total, tc.total)
				}
			})
		}
		page, err := e.db.AuditEntries(e.ctx, e.auditor, hedui.AuditFilter{CaseID: app.ID, Limit: 2})
		must(t, err)
		if len(page.Items) != 2 || page.Items[0].Seq <= page.Items[1].Seq || page.Items[0].Action != hedui.AuditAppView ||
			page.Items[0].ObjectID != strconv.FormatInt(app.ID, 10) {
			t.Fatalf("page %+v", page)
		}
	})
}

func TestAuditTamper(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		sql  []string
		seq  func(last int64) int64 // where the break is reported
	}{
		{"altered row", []string{`UPDATE audit_log SET detail = 'nothing to see' WHERE seq = 3`},
			func(int64) int64 { return 3 }},
		{"deleted middle row", []string{`DELETE FROM audit_log WHERE seq = 3`},
			func(int64) int64 { return 4 }},
		{"deleted last row", []string{`DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)`},
			func(last int64) int64 { return last }},
		{"inserted row", []string{
			`UPDATE audit_log SET seq = -seq WHERE seq >= 3`,
			`UPDATE audit_log SET seq = 1 - seq WHERE seq < 0`,
			`INSERT INTO audit_log (` + auditCols + `) SELECT 3, at, user_id, username, role, org_id, action, object_type,
				object_id, case_id, client_addr, purpose, detail, prev_hash, hash FROM audit_log WHERE seq = 2`},
			func(int64) int64 { return 3 }},
		{"reordered rows", []string{
			`UPDATE audit_log SET seq = -1 WHERE seq = 3`,
			`UPDATE audit_log SET seq = 3 WHERE seq = 4`,
			`UPDATE audit_log SET seq = 4 WHERE seq = -1`},
			func(int64) int64 { return 3 }},
		{"head moved back", []string{`UPDATE audit_head SET seq = seq - 1`},
			func(last int64) int64 { return last + 1 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			each(t, func(t *testing.T, e *env) {
				e.create(e.clerk, e.family("张建国", "李秀英"))
				rep, err := e.db.VerifyAudit(e.ctx, e.auditor)
				must(t, err)
				if !rep.OK() || rep.Entries < 9 {
					t.Fatalf("intact log: %+v", rep)
				}
				last := e.lastEntry().Seq
				for _, q := range tc.sql {
					if _, err := e.db.SQL().ExecContext(e.ctx, q); err != nil {
						t.Fatalf("%s: %v", q, err)
					}
				}
				rep, err = e.db.VerifyAudit(e.ctx, hedui.SystemActor("verify"))
				must(t, err)
				if rep.OK() {
					t.Fatalf("tampering not detected: %+v", rep)
				}
				if want := tc.seq(last); rep.Break.Seq != want {
					t.Fatalf("break at %d (%s), want %d", rep.Break.Seq, rep.Break.Reason, want)
				}
			})
		})
	}
}
