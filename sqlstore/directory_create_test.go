package sqlstore

import (
	"testing"

	"hedui"
)

func TestCreateOrganisation(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		o, err := e.db.CreateOrganisation(e.ctx, e.admin, hedui.Organisation{Name: " 西峰区残联 ", Kind: hedui.OrgDepartment, Division: "621002"})
		must(t, err)
		if o.ID == 0 || o.Name != "西峰区残联" || o.Level != hedui.LevelCounty {
			t.Fatalf("created %+v", o)
		}
		if got := e.lastEntry(); got.Action != hedui.AuditOrgCreate || got.Username != e.admin.Username {
			t.Fatalf("audit %+v", got)
		}
		for _, tc := range []struct {
			name string
			by   hedui.Actor
			o    hedui.Organisation
			want hedui.Kind
		}{
			{"twice", e.admin, hedui.Organisation{Name: "西峰区残联", Kind: hedui.OrgDepartment, Division: "621002"}, hedui.KindConflict},
			{"by a clerk", e.clerk, hedui.Organisation{Name: "x", Kind: hedui.OrgAgency, Division: "621002"}, hedui.KindPermission},
			{"no name", e.admin, hedui.Organisation{Name: " ", Kind: hedui.OrgAgency, Division: "621002"}, hedui.KindInvalid},
			{"unknown kind", e.admin, hedui.Organisation{Name: "x", Kind: "club", Division: "621002"}, hedui.KindInvalid},
			{"unknown division", e.admin, hedui.Organisation{Name: "x", Kind: hedui.OrgAgency, Division: "999999"}, hedui.KindInvalid},
		} {
			_, err := e.db.CreateOrganisation(e.ctx, tc.by, tc.o)
			if hedui.KindOf(err) != tc.want {
				t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
			}
		}
	})
}
