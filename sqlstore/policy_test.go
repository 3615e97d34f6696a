package sqlstore

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"hedui"
)

func TestPolicyVersions(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		v1 := e.createPolicy(testPolicy("621002", hedui.HukouUrban, "2026-01-01"))
		later := testPolicy("621002", hedui.HukouUrban, "2026-07-01")
		later.StandardMonthlyFen, later.Note = 82000, "年中调标"
		v2 := e.createPolicy(later)
		r1 := e.createPolicy(testPolicy("621002", hedui.HukouRural, "2026-01-01"))
		q1 := e.createPolicy(testPolicy("621021", hedui.HukouUrban, "2026-01-01"))
		for _, tc := range []struct {
			got  hedui.Policy
			want int
		}{{v1, 1}, {v2, 2}, {r1, 1}, {q1, 1}} {
			if tc.got.Version != tc.want || tc.got.ID == 0 || tc.got.CreatedBy != "admin" || tc.got.CreatedAt.IsZero() {
				t.Errorf("%s %s: version %d id %d by %q at %v, want version %d", tc.got.County, tc.got.Hukou,
					tc.got.Version, tc.got.ID, tc.got.CreatedBy, tc.got.CreatedAt, tc.want)
			}
		}
		stored, err := e.db.Policy(e.ctx, e.admin, v2.ID)
		must(t, err)
		if !reflect.DeepEqual(stored, v2) {
			t.Errorf("stored\n%+v\nreturned\n%+v", stored, v2)
		}

		// A correction of January's parameters: same date, next version.
		fix := testPolicy("621002", hedui.HukouUrban, "2026-01-01")
		fix.StandardMonthlyFen = 80000
		v3 := e.createPolicy(fix)
		for _, tc := range []struct {
			day  string
			want int64 // 0: none in force
		}{
			{"2025-12-31", 0},
			{"2026-01-01", v3.ID},
			{"2026-03-10", v3.ID},
			{"2026-06-30", v3.ID},
			{"2026-07-01", v2.ID},
			{"2027-01-01", v2.ID},
		} {
			p, err := e.db.PolicyAt(e.ctx, "621002", hedui.HukouUrban, date(tc.day))
			if tc.want == 0 {
				wantKind(t, err, hedui.KindInvalid)
				if msg := hedui.MessageOf(err); msg != "该县区尚未配置城镇低保政策参数，请管理员先录入" {
					t.Errorf("message %q", msg)
				}
				continue
			}
			must(t, err)
			if p.ID != tc.want {
				t.Errorf("PolicyAt(%s) = policy %d version %d, want policy %d", tc.day, p.ID, p.Version, tc.want)
			}
		}
		if _, err := e.db.PolicyAt(e.ctx, "621021", hedui.HukouRural, date("2026-03-10")); hedui.MessageOf(err) != "该县区尚未配置农村低保政策参数，请管理员先录入" {
			t.Errorf("rural of 庆城县: %v", err)
		}

		all, err := e.db.Policies(e.ctx, e.admin, "621002", hedui.HukouUrban)
		must(t, err)
		if got := versions(all); !reflect.DeepEqual(got, []int{3, 2, 1}) {
			t.Errorf("versions newest first = %v", got)
		}
		all, err = e.db.Policies(e.ctx, e.admin, "", "")
		must(t, err)
		if len(all) != 5 {
			t.Errorf("%d policies in all, want 5", len(all))
		}
		if e.auditCount(hedui.AuditPolicyCreate) != 5 {
			t.Errorf("%d policy.create entries, want 5", e.auditCount(hedui.AuditPolicyCreate))
		}
	})
}

func versions(ps []hedui.Policy) []int {
	var out []int
	for _, p := range ps {
		out = append(out, p.Version)
	}
	return out
}

// TestPolicyImmutable: a version given an id and a version number is still
// a new version; the old one is unchanged.
func TestPolicyImmutable(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		v1 := e.createPolicy(testPolicy("621002", hedui.HukouUrban, "2026-01-01"))
		again := v1
		again.StandardMonthlyFen, again.Name = 1, "篡改"
		v2 := e.createPolicy(again)
		if v2.ID == v1.ID || v2.Version != 2 {
			t.Fatalf("resubmitting version 1 made id %d version %d", v2.ID, v2.Version)
		}
		old, err := e.db.Policy(e.ctx, e.admin, v1.ID)
		must(t, err)
		if !reflect.DeepEqual(old, v1) {
			t.Errorf("version 1 changed:\n%+v\n%+v", old, v1)
		}
	})
}

func TestPolicyPermissions(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		xf := e.createPolicy(testPolicy("621002", hedui.HukouUrban, "2026-01-01"))
		qc := e.createPolicy(testPolicy("621021", hedui.HukouUrban, "2026-01-01"))
		f := e.departments()
		for _, by := range []hedui.Actor{e.clerk, e.verifier, e.city, e.auditor, f.liaison} {
			_, err := e.db.CreatePolicy(e.ctx, by, testPolicy("621002", hedui.HukouRural, "2026-01-01"))
			if !isKind(err, hedui.KindPermission) {
				t.Errorf("%s creates a policy: %v", by.Username, err)
			}
		}
		_, err := e.db.CreatePolicy(e.ctx, hedui.SystemActor("演示"), testPolicy("621002", hedui.HukouRural, "2026-01-01"))
		must(t, err)

		for _, tc := range []struct {
			name   string
			by     hedui.Actor
			county string
			want   int // policies listed; -1: refused
		}{
			{"admin, all", e.admin, "", 3},
			{"auditor, all", e.auditor, "", 3},
			{"city verifier, all", e.city, "", 3},
			{"county verifier, all he may see", e.verifier, "", 2},
			{"county verifier, own county", e.verifier, "621002", 2},
			{"county verifier, other county", e.verifier, "621021", -1},
			{"clerk", e.clerk, "", -1},
			{"liaison", f.liaison, "", -1},
		} {
			ps, err := e.db.Policies(e.ctx, tc.by, tc.county, "")
			switch {
			case tc.want < 0 && !isKind(err, hedui.KindPermission):
				t.Errorf("%s: %d policies, %v; want refused", tc.name, len(ps), err)
			case tc.want >= 0 && (err != nil || len(ps) != tc.want):
				t.Errorf("%s: %d policies, %v; want %d", tc.name, len(ps), err, tc.want)
			}
		}
		if _, err := e.db.Policy(e.ctx, e.verifier, qc.ID); !isKind(err, hedui.KindNotFound) {
			t.Errorf("西峰区 verifier reads 庆城县's policy: %v", err)
		}
		if _, err := e.db.Policy(e.ctx, e.verQC, xf.ID); !isKind(err, hedui.KindNotFound) {
			t.Errorf("庆城县 verifier reads 西峰区's policy: %v", err)
		}
		if _, err := e.db.Policy(e.ctx, e.city, qc.ID); err != nil {
			t.Errorf("city verifier: %v", err)
		}
	})
}

func TestCreatePolicyInvalid(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		for _, tc := range []struct {
			name  string
			edit  func(p *hedui.Policy)
			field string
		}{
			{"unknown county", func(p *hedui.Policy) { p.County = "621099" }, "county_code"},
			{"a township", func(p *hedui.Policy) { p.County = townBeijie }, "county_code"},
			{"no standard", func(p *hedui.Policy) { p.StandardMonthlyFen = 0 }, "standard_monthly_fen"},
			{"bad rule id", func(p *hedui.Policy) { p.Rules[0].ID = "No" }, "rules[0].id"},
			{"example not labelled", func(p *hedui.Policy) { p.Example = true }, "name"},
			{"long note", func(p *hedui.Policy) { p.Note = strings.Repeat("改", hedui.MaxNoteRunes+1) }, "note"},
		} {
			p := testPolicy("621002", hedui.HukouUrban, "2026-01-01")
			tc.edit(&p)
			_, err := e.db.CreatePolicy(e.ctx, e.admin, p)
			var he *hedui.Error
			if !isKind(err, hedui.KindInvalid) || !errors.As(err, &he) || he.Field != tc.field || he.Message == "" {
				t.Errorf("%s: %v, want invalid %s", tc.name, err, tc.field)
			}
		}
		if n := e.count("policies"); n != 0 {
			t.Errorf("%d policies stored by refused calls", n)
		}
	})
}
