package sqlstore

import (
	"strings"
	"testing"

	"hedui"
)

// TestRecheckPreviewRound checks that the preview counts what the start
// then does, writes nothing, and follows the same scope rules.
func TestRecheckPreviewRound(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f := e.recheckFixture(10, false)
		persons := 0
		for _, h := range f.pop.Households[:9] {
			persons += len(h.Members)
		}
		audits := e.countWhere(`SELECT COUNT(*) FROM audit_log`)
		p, err := e.db.PreviewRound(e.ctx, e.verifier, hedui.NewRound{Scope: "621002", AsOf: today})
		must(t, err)
		if p.Households != 9 || p.Persons != persons || p.Excluded != 1 || len(p.Reasons) != 1 ||
			p.Reasons[0].Households != 1 || !strings.Contains(p.Reasons[0].Reason, "过期") {
			t.Fatalf("preview = %+v, want 9 households, %d persons, 1 excluded for an expired letter", p, persons)
		}
		if n := e.countWhere(`SELECT COUNT(*) FROM recheck_rounds`); n != 0 {
			t.Errorf("preview wrote %d rounds", n)
		}
		if n := e.countWhere(`SELECT COUNT(*) FROM audit_log`); n != audits {
			t.Errorf("preview wrote %d audit entries", n-audits)
		}
		r := f.startRound(today)
		if r.Households != p.Households || r.Excluded != p.Excluded {
			t.Errorf("round = %+v, preview promised %+v", r, p)
		}
		// The households of the running round are no longer due; the one
		// left out is still left out, also for the city verifier.
		for _, by := range []hedui.Actor{e.verifier, e.city} {
			p, err = e.db.PreviewRound(e.ctx, by, hedui.NewRound{Scope: by.Division, AsOf: today})
			must(t, err)
			if p.Households != 0 || p.Persons != 0 || p.Excluded != 1 {
				t.Errorf("%s: preview during the round = %+v, want only the excluded household", by.Username, p)
			}
		}

		for _, c := range []struct {
			name  string
			by    hedui.Actor
			scope string
			kind  hedui.Kind
		}{
			{"another county", e.verifier, "621021", hedui.KindPermission},
			{"the city for a county verifier", e.verifier, "621000", hedui.KindPermission},
			{"not a verifier", e.admin, "621002", hedui.KindPermission},
		} {
			t.Run(c.name, func(t *testing.T) {
				_, err := e.db.PreviewRound(e.ctx, c.by, hedui.NewRound{Scope: c.scope, AsOf: today})
				if hedui.KindOf(err) != c.kind {
					t.Errorf("err = %v, want kind %v", err, c.kind)
				}
			})
		}
	})
}
