package web

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"hedui"
)

// TestRecheckWarningListFilters: the township and kind selects of the
// warning list keep exactly the warnings they name.
func TestRecheckWarningListFilters(t *testing.T) {
	f := newRecheckEnv(t, 8)
	c, _ := f.finishedRound(t)
	all, err := f.store.Warnings(t.Context(), f.actor("verifier.xifeng"), hedui.WarningFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	p := c.get("/rechecks/warnings")
	for _, want := range []string{`<select name="township"`, `<option value="621002100">`, `<option value="new_vehicle">新增车辆</option>`} {
		if !strings.Contains(p.body, want) {
			t.Errorf("warning list lacks %q", want)
		}
	}
	has := func(w hedui.RecheckWarning, k hedui.ChangeKind) bool {
		return slices.ContainsFunc(w.Changes, func(c hedui.Change) bool { return c.Kind == k })
	}
	w0 := all.Items[0]
	k0 := w0.Changes[0].Kind
	for _, c2 := range []struct {
		name           string
		township, kind string
		keep           func(hedui.RecheckWarning) bool
	}{
		{"township", w0.Township, "", func(w hedui.RecheckWarning) bool { return w.Township == w0.Township }},
		{"kind", "", string(k0), func(w hedui.RecheckWarning) bool { return has(w, k0) }},
		{"death", "", string(hedui.ChangeDeath), func(w hedui.RecheckWarning) bool { return has(w, hedui.ChangeDeath) }},
		{"both", w0.Township, string(k0), func(w hedui.RecheckWarning) bool { return w.Township == w0.Township && has(w, k0) }},
	} {
		t.Run(c2.name, func(t *testing.T) {
			q := url.Values{"status": {""}, "township": {c2.township}, "kind": {c2.kind}}
			got := map[string]bool{}
			for _, m := range warningLinkRe.FindAllStringSubmatch(c.get("/rechecks/warnings?"+q.Encode()).body, -1) {
				got[m[1]] = true
			}
			want := map[string]bool{}
			for _, w := range all.Items {
				if c2.keep(w) {
					want[fmt.Sprintf("/rechecks/warnings/%d", w.ID)] = true
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("listed %v, want %v", got, want)
			}
		})
	}
}
