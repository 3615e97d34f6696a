package sqlstore

import (
	"slices"
	"testing"

	"hedui"
)

// TestRecheckWarningFilters checks the township and kind filters of the
// warning list against the unfiltered list.
func TestRecheckWarningFilters(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f := e.recheckFixture(12, false)
		r := f.startRound(today)
		drain(t, f, f.worker("a"))
		all, err := e.db.Warnings(e.ctx, e.verifier, hedui.WarningFilter{RoundID: r.ID, Limit: 500})
		must(t, err)
		if len(all.Items) < 2 {
			t.Fatalf("the round left %d warnings: too few to test the filters", len(all.Items))
		}
		ids := func(ws []hedui.RecheckWarning, keep func(hedui.RecheckWarning) bool) []int64 {
			out := []int64{}
			for _, w := range ws {
				if keep(w) {
					out = append(out, w.ID)
				}
			}
			return out
		}
		type filter struct {
			name string
			f    hedui.WarningFilter
			keep func(hedui.RecheckWarning) bool
		}
		var cases []filter
		for _, town := range []string{townBeijie, townXiaojin, townQingc} {
			cases = append(cases, filter{"township " + town, hedui.WarningFilter{Township: town},
				func(w hedui.RecheckWarning) bool { return w.Township == town }})
		}
		for _, k := range hedui.ChangeKinds() {
			cases = append(cases, filter{"kind " + string(k), hedui.WarningFilter{Kind: k}, func(w hedui.RecheckWarning) bool {
				for _, c := range w.Changes {
					if c.Kind == k {
						return true
					}
				}
				return false
			}})
		}
		w0 := all.Items[0]
		cases = append(cases, filter{"township and kind", hedui.WarningFilter{Township: w0.Township, Kind: w0.Changes[0].Kind},
			func(w hedui.RecheckWarning) bool {
				for _, c := range w.Changes {
					if c.Kind == w0.Changes[0].Kind {
						return w.Township == w0.Township
					}
				}
				return false
			}})
		matched := 0
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				c.f.RoundID, c.f.Limit = r.ID, 500
				got, err := e.db.Warnings(e.ctx, e.verifier, c.f)
				must(t, err)
				want := ids(all.Items, c.keep)
				if g := ids(got.Items, func(hedui.RecheckWarning) bool { return true }); got.Total != len(want) || !slices.Equal(g, want) {
					t.Errorf("got %v (total %d), want %v", g, got.Total, want)
				}
				matched += len(want)
			})
		}
		if matched == 0 {
			t.Error("no filter matched a warning: the test proves nothing")
		}
		if _, err := e.db.Warnings(e.ctx, e.verifier, hedui.WarningFilter{Kind: "new_%"}); hedui.KindOf(err) != hedui.KindMalformed {
			t.Errorf("unknown kind: err = %v, want malformed", err)
		}
	})
}
