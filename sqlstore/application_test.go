package sqlstore

import (
	"testing"

	"hedui"
)

func TestCreateAndRead(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		in := e.family("张建国", "李秀英")
		app := e.create(e.clerk, in)
		if app.Number != "621002-2026-000001" || app.Status != hedui.StatusDraft || app.Version != 1 {
			t.Fatalf("new application: number %q status %q version %d", app.Number, app.Status, app.Version)
		}
		if app.Region != hedui.RegionOf(townBeijie) || app.Household.Region != app.Region {
			t.Fatalf("region %+v, household region %+v", app.Region, app.Household.Region)
		}
		if app.CreatedBy != "clerk" || app.Household.Address != in.Household.Address {
			t.Fatalf("created by %q, address %q", app.CreatedBy, app.Household.Address)
		}
		if len(app.Members) != 2 || app.Members[0].Name != "张建国" || app.Members[0].IDNumber != in.Members[0].IDNumber ||
			app.Members[0].Gender != "male" || app.Members[0].BirthDate.IsZero() || !app.Members[0].LivesTogether {
			t.Fatalf("members %+v", app.Members)
		}
		inc := app.Declaration.Incomes
		if len(inc) != 1 || inc[0].MemberID != app.Members[0].ID || inc[0].AmountFen != 1200000 ||
			inc[0].Source != "某建筑公司" || inc[0].PeriodTo != date("2026-02-28") {
			t.Fatalf("declaration %+v", app.Declaration)
		}
		second := e.create(e.clerk, e.family("王小明", "赵丽"))
		if second.Number != "621002-2026-000002" {
			t.Fatalf("second number %q", second.Number)
		}

		// Round trip through a fresh read: the same values on both engines.
		got, err := e.db.Application(e.ctx, e.verifier, app.ID)
		must(t, err)
		if !got.CreatedAt.Equal(app.CreatedAt) || got.CreatedAt.Location() != app.CreatedAt.Location() ||
			!got.Members[0].AddedAt.Equal(app.Members[0].AddedAt) || got.Members[0].BirthDate != app.Members[0].BirthDate {
			t.Fatalf("round trip: %v / %v", got.CreatedAt, app.CreatedAt)
		}
	})
}

func TestScope(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		app := e.create(e.clerk, e.family("张建国", "李秀英"))
		qc := e.create(e.clerkQC, e.family("刘德华", "陈美玲"))
		for _, tc := range []struct {
			name  string
			by    hedui.Actor
			sees  bool // app (西峰区北街)
			count int  // applications listed
		}{
			{"own township clerk", e.clerk, true, 1},
			{"other township clerk", e.clerk2, false, 0},
			{"other county clerk", e.clerkQC, false, 1},
			{"county verifier", e.verifier, true, 1},
			{"other county verifier", e.verQC, false, 1},
			{"city verifier", e.city, true, 2},
			{"admin", e.admin, false, 0},
			{"auditor", e.auditor, false, 0},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got, err := e.db.Application(e.ctx, tc.by, app.ID)
				if tc.sees {
					must(t, err)
					if got.Number != app.Number {
						t.Fatalf("got %q", got.Number)
					}
				} else {
					wantKind(t, err, hedui.KindNotFound)
					if hedui.MessageOf(err) != msgAppNotFound {
						t.Fatalf("message %q", hedui.MessageOf(err))
					}
				}
				page, err := e.db.Applications(e.ctx, tc.by, hedui.Filter{})
				must(t, err)
				if page.Total != tc.count || len(page.Items) != tc.count {
					t.Fatalf("list: total %d, %d items; want %d", page.Total, len(page.Items), tc.count)
				}
			})
		}
		_, err := e.db.Application(e.ctx, e.city, qc.ID+1000)
		wantKind(t, err, hedui.KindNotFound)
	})
}

func TestCreatePermissions(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		other := e.family("张建国", "李秀英")
		other.Household.Township = townXiaojin
		unknown := e.family("王小明", "赵丽")
		unknown.Household.Township = "621002999"
		misplaced := e.clerk // as if his organisation sat on an unknown code
		misplaced.Division = "621002999"
		for _, tc := range []struct {
			name string
			by   hedui.Actor
			in   hedui.NewApplication
			want hedui.Kind
		}{
			{"verifier", e.verifier, e.family("甲", "乙"), hedui.KindPermission},
			{"admin", e.admin, e.family("甲", "乙"), hedui.KindPermission},
			{"other township", e.clerk, other, hedui.KindPermission},
			{"unknown township", misplaced, unknown, hedui.KindInvalid},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, _, err := e.db.CreateApplication(e.ctx, tc.by, tc.in)
				wantKind(t, err, tc.want)
			})
		}
		if n := e.count("applications") + e.count("households") + e.count("members"); n != 0 {
			t.Fatalf("%d rows written by refused creations", n)
		}
	})
}

func TestIdempotencyKey(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		in := e.family("张建国", "李秀英")
		in.IdempotencyKey = "form-7f3a"
		first := e.create(e.clerk, in)
		creates := func() int {
			page, err := e.db.AuditEntries(e.ctx, e.auditor, hedui.AuditFilter{Action: hedui.AuditAppCreate})
			must(t, err)
			return page.Total
		}
		again, created, err := e.db.CreateApplication(e.ctx, e.clerk, in)
		must(t, err)
		if created || again.ID != first.ID {
			t.Fatalf("repeat: created=%v id %d, want false and %d", created, again.ID, first.ID)
		}
		if n := e.count("applications"); n != 1 {
			t.Fatalf("%d applications after a repeat", n)
		}
		if n := creates(); n != 1 {
			t.Fatalf("%d create entries after a repeat", n)
		}
		// Another clerk with the same key is another request.
		in2 := e.family("王小明", "赵丽")
		in2.IdempotencyKey = in.IdempotencyKey
		if _, created, err := e.db.CreateApplication(e.ctx, e.clerk2, in2); err != nil || !created {
			t.Fatalf("same key, other clerk: created=%v err=%v", created, err)
		}
	})
}

func TestInvalidWritesNothing(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		badID := e.family("张建国", "李秀英")
		badID.Members[1].IDNumber = badID.Members[1].IDNumber[:17] + "0"
		if badID.Members[1].IDNumber == e.family("a", "b").Members[1].IDNumber {
			t.Fatal("test ID unexpectedly valid")
		}
		dup := e.family("张建国", "李秀英")
		dup.Members[1].IDNumber = dup.Members[0].IDNumber
		twoHeads := e.family("张建国", "李秀英")
		twoHeads.Members[1].Relationship = hedui.RelHead
		badDecl := e.family("张建国", "李秀英")
		badDecl.Declaration.Incomes[0].IDNumber = e.idNumber(30, false)
		audited := e.count("audit_log")
		for _, tc := range []struct {
			name string
			in   hedui.NewApplication
			code string
		}{
			{"invalid ID number", badID, "invalid_id_number"},
			{"duplicate member", dup, "duplicate_member"},
			{"two heads", twoHeads, "two_heads"},
			{"declaration of a stranger", badDecl, "unknown_member"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, _, err := e.db.CreateApplication(e.ctx, e.clerk, tc.in)
				wantKind(t, err, hedui.KindInvalid)
				if hedui.CodeOf(err) != tc.code {
					t.Fatalf("code %q, want %q", hedui.CodeOf(err), tc.code)
				}
			})
		}
		for _, table := range []string{"applications", "households", "members", "active_persons", "declaration_incomes"} {
			if n := e.count(table); n != 0 {
				t.Errorf("%s has %d rows after refused creations", table, n)
			}
		}
		if n := e.count("audit_log"); n != audited {
			t.Errorf("audit log grew from %d to %d entries", audited, n)
		}
	})
}

func TestOnePersonOneOpenApplication(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		first := e.create(e.clerk, e.family("张建国", "李秀英"))
		in := e.family("张建国", "王芳")
		in.Members[0].IDNumber = first.Members[0].IDNumber
		in.Declaration.Incomes[0].IDNumber = first.Members[0].IDNumber
		before := e.count("members")
		_, _, err := e.db.CreateApplication(e.ctx, e.clerk2, in)
		wantKind(t, err, hedui.KindConflict)
		msg := hedui.MessageOf(err)
		want := "成员（身份证号 " + first.Members[0].IDNumber[:6] + "********" + first.Members[0].IDNumber[14:] +
			"）已在另一件在办申请（编号 " + first.Number + "）中，同一人不能同时有两件在办申请"
		if msg != want {
			t.Fatalf("message\n%s\nwant\n%s", msg, want)
		}
		if n := e.count("members"); n != before {
			t.Fatalf("members %d → %d after a refused creation", before, n)
		}
		// Adding him to another open application is refused the same way.
		other := e.create(e.clerk, e.family("王小明", "赵丽"))
		again := in.Members[0]
		again.Relationship = hedui.RelSibling
		_, err = e.db.AddMembers(e.ctx, e.clerk, other.ID, []hedui.NewMember{again})
		wantKind(t, err, hedui.KindConflict)

		_, err = e.db.Transition(e.ctx, e.clerk, first.ID, hedui.ActWithdraw, "")
		must(t, err)
		e.create(e.clerk2, in)
	})
}

func TestFindByIDNumber(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		a := e.create(e.clerk, e.family("张建国", "李秀英"))
		e.create(e.clerk, e.family("王小明", "赵丽"))
		spouse := a.Members[1].IDNumber
		for _, tc := range []struct {
			name  string
			f     hedui.Filter
			total int
		}{
			{"spouse's number", hedui.Filter{IDNumber: spouse}, 1},
			{"lower-case and spaced", hedui.Filter{IDNumber: " " + spouse + " "}, 1},
			{"nobody", hedui.Filter{IDNumber: e.idNumber(20, true)}, 0},
			{"status draft", hedui.Filter{Status: []hedui.Status{hedui.StatusDraft}}, 2},
			{"status submitted", hedui.Filter{Status: []hedui.Status{hedui.StatusSubmitted}}, 0},
			{"kind new", hedui.Filter{Kind: hedui.KindNew}, 2},
			{"other township", hedui.Filter{Township: townXiaojin}, 0},
			{"page of one", hedui.Filter{Limit: 1}, 2},
		} {
			t.Run(tc.name, func(t *testing.T) {
				page, err := e.db.Applications(e.ctx, e.verifier, tc.f)
				must(t, err)
				if page.Total != tc.total {
					t.Fatalf("total %d, want %d", page.Total, tc.total)
				}
			})
		}
		page, err := e.db.Applications(e.ctx, e.verifier, hedui.Filter{IDNumber: spouse})
		must(t, err)
		s := page.Items[0]
		if s.ID != a.ID || s.HeadName != "张**" || s.HeadIDNumber != a.Members[0].IDNumber[:6]+"********"+a.Members[0].IDNumber[14:] ||
			s.MemberCount != 2 || s.CreatedBy != "clerk" || len(s.Aid) != 1 {
			t.Fatalf("summary %+v", s)
		}
		page, err = e.db.Applications(e.ctx, e.verifier, hedui.Filter{Limit: 1, Offset: 1})
		must(t, err)
		if len(page.Items) != 1 || page.Items[0].ID != a.ID {
			t.Fatalf("second page %+v: newest first, so the first application is second", page.Items)
		}
		_, err = e.db.Applications(e.ctx, e.verifier, hedui.Filter{IDNumber: "12345"})
		wantKind(t, err, hedui.KindInvalid)
	})
}
