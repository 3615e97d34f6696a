package sqlstore

import (
	"testing"

	"hedui"
)

func TestDepartmentValidation(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		good := func() hedui.Department {
			return dept("621002-tax", "西峰区税务局", hedui.LevelCounty, "621002", hedui.ChannelManual, hedui.ItemTax)
		}
		for _, tc := range []struct {
			name   string
			change func(d *hedui.Department)
			code   string
		}{
			{"code with capitals", func(d *hedui.Department) { d.Code = "621002-Tax" }, "invalid_department_code"},
			{"code too short", func(d *hedui.Department) { d.Code = "t" }, "invalid_department_code"},
			{"no name", func(d *hedui.Department) { d.Name = " " }, "invalid_name"},
			{"township level", func(d *hedui.Department) { d.Level = hedui.LevelTownship }, "invalid_level"},
			{"no items", func(d *hedui.Department) { d.Items = nil }, "missing_items"},
			{"unknown item", func(d *hedui.Department) { d.Items = []hedui.Item{"salary"} }, "invalid_item"},
			{"item twice", func(d *hedui.Department) { d.Items = []hedui.Item{hedui.ItemTax, hedui.ItemTax} }, "duplicate_item"},
			{"unknown channel", func(d *hedui.Department) { d.Channel = "fax" }, "invalid_channel"},
			{"online without endpoint", func(d *hedui.Department) { d.Channel = hedui.ChannelOnline }, "invalid_endpoint"},
			{"reply days", func(d *hedui.Department) { d.ReplyDays = 61 }, "invalid_reply_days"},
			{"county with a city code", func(d *hedui.Department) { d.Division = "621000" }, "invalid_division"},
			{"unknown county", func(d *hedui.Department) { d.Division = "621099" }, "invalid_division"},
			{"city with a county code", func(d *hedui.Department) { d.Level = hedui.LevelCity }, "invalid_division"},
			{"agreement without start", func(d *hedui.Department) { d.Agreement.ValidFrom = hedui.Date{} }, "missing_agreement_valid_from"},
			{"agreement ends before start", func(d *hedui.Department) { d.Agreement.ValidUntil = date("2025-01-01") }, "invalid_agreement_valid_until"},
			{"organisation of another kind", func(d *hedui.Department) { d.OrgID = e.verifier.OrgID }, "invalid_org"},
		} {
			d := good()
			tc.change(&d)
			_, err := e.db.CreateDepartment(e.ctx, e.admin, d)
			if hedui.KindOf(err) != hedui.KindInvalid || hedui.CodeOf(err) != tc.code {
				t.Errorf("%s: got %v, want invalid %s", tc.name, err, tc.code)
			}
		}
		if n := e.count("departments"); n != 0 {
			t.Fatalf("%d departments stored by failed creates", n)
		}
		for _, by := range []hedui.Actor{e.clerk, e.verifier, e.auditor} {
			_, err := e.db.CreateDepartment(e.ctx, by, good())
			wantKind(t, err, hedui.KindPermission)
		}
	})
}

func TestDepartmentCRUD(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f := e.departments()
		if f.police.ID == 0 || f.police.OrgID == 0 || f.police.ReplyDays != hedui.DefaultReplyDays || !f.police.Active ||
			f.police.Agreement != agreement2026 || f.police.CreatedAt.IsZero() || len(f.police.Items) != 2 {
			t.Fatalf("created %+v", f.police)
		}
		if f.bank.ReplyDays != 10 {
			t.Fatalf("bank reply days %d", f.bank.ReplyDays)
		}
		orgs, err := e.db.Organisations(e.ctx)
		must(t, err)
		var org hedui.Organisation
		for _, o := range orgs {
			if o.ID == f.police.OrgID {
				org = o
			}
		}
		if org.Name != "西峰区公安局" || org.Kind != hedui.OrgDepartment || org.Division != "621002" || org.Level != hedui.LevelCounty {
			t.Fatalf("department organisation %+v", org)
		}

		_, err = e.db.CreateDepartment(e.ctx, e.admin, dept("621002-police", "另一个公安局", hedui.LevelCounty, "621002",
			hedui.ChannelManual, hedui.ItemHukou))
		wantKind(t, err, hedui.KindConflict)

		upd := f.police
		upd.Name, upd.Items, upd.Active = "西峰区公安分局", []hedui.Item{hedui.ItemHukou}, false
		upd.OrgID = 0 // keeps the organisation
		got, err := e.db.UpdateDepartment(e.ctx, e.admin, upd)
		must(t, err)
		if got.Name != "西峰区公安分局" || len(got.Items) != 1 || got.Active || got.OrgID != f.police.OrgID ||
			!got.CreatedAt.Equal(f.police.CreatedAt) {
			t.Fatalf("updated %+v", got)
		}
		if last := e.lastEntry(); last.Action != hedui.AuditDeptUpdate || last.ObjectID != "1" {
			t.Fatalf("audit %+v", last)
		}
		upd.Code = f.bank.Code
		_, err = e.db.UpdateDepartment(e.ctx, e.admin, upd)
		wantKind(t, err, hedui.KindConflict)
		upd.ID, upd.Code = 999, "621002-nobody"
		_, err = e.db.UpdateDepartment(e.ctx, e.admin, upd)
		wantKind(t, err, hedui.KindNotFound)
		if n := e.auditCount(hedui.AuditDeptCreate); n != 6 {
			t.Fatalf("%d department.create entries", n)
		}
	})
}

func TestDepartmentVisibility(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f := e.departments()
		sys := hedui.SystemActor("测试")
		for _, tc := range []struct {
			name string
			by   hedui.Actor
			want int
		}{
			{"admin", e.admin, 6}, {"verifier", e.verifier, 6}, {"auditor", e.auditor, 6}, {"system", sys, 6},
			{"liaison sees his own", f.liaison, 1},
		} {
			ds, err := e.db.Departments(e.ctx, tc.by)
			must(t, err)
			if len(ds) != tc.want {
				t.Errorf("%s sees %d departments, want %d", tc.name, len(ds), tc.want)
			}
		}
		ds, _ := e.db.Departments(e.ctx, f.liaison)
		if len(ds) != 1 || ds[0].ID != f.police.ID {
			t.Fatalf("liaison sees %+v", ds)
		}
		_, err := e.db.Departments(e.ctx, e.clerk)
		wantKind(t, err, hedui.KindPermission)

		for _, tc := range []struct {
			name string
			by   hedui.Actor
			id   int64
			want hedui.Kind // KindOther: found
		}{
			{"liaison, own", f.liaison, f.police.ID, hedui.KindOther},
			{"liaison, other", f.liaison, f.bank.ID, hedui.KindNotFound},
			{"system, any", sys, f.cityFund.ID, hedui.KindOther},
			{"verifier, any", e.verifier, f.qcPolice.ID, hedui.KindOther},
			{"unknown", e.admin, 999, hedui.KindNotFound},
			{"agency", hedui.Actor{Role: hedui.RoleAgency}, f.police.ID, hedui.KindPermission},
		} {
			d, err := e.db.Department(e.ctx, tc.by, tc.id)
			if tc.want == hedui.KindOther {
				if err != nil || d.ID != tc.id {
					t.Errorf("%s: %v, %+v", tc.name, err, d)
				}
				continue
			}
			if !isKind(err, tc.want) {
				t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
			}
		}
	})
}
