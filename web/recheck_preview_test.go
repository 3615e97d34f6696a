package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestRecheckRoundPreviewPage: the preview shows what a start would
// select, starts nothing, and carries the start button with its numbers.
func TestRecheckRoundPreviewPage(t *testing.T) {
	f := newRecheckEnv(t, 6)
	c := f.client()
	c.login("verifier.xifeng")
	persons := 0
	for _, h := range f.pop.Households[:5] {
		persons += len(h.Members)
	}
	p := c.get("/rechecks/rounds/preview?scope=621002&as_of=2026-07-01")
	if p.status != http.StatusOK {
		t.Fatalf("preview: %d %s", p.status, excerpt(p.body))
	}
	for _, want := range []string{`id="round-preview-result"`, fmt.Sprintf("开始复核（5 户，%d 人）", persons),
		"授权书已于 2026-03-31 过期：1 户", `name="as_of" value="2026-07-01"`, "还没有复核轮次"} {
		if !strings.Contains(p.body, want) {
			t.Errorf("preview page lacks %q", want)
		}
	}
	for _, c := range []struct {
		name, query, want string
	}{
		{"another county", "scope=621022&as_of=2026-07-01", "本辖区"},
		{"a bad day", "scope=621002&as_of=2026-13-01", "复核基准日"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := f.client()
			p.login("verifier.xifeng")
			got := p.get("/rechecks/rounds/preview?" + c.query)
			if got.status != http.StatusUnprocessableEntity || !strings.Contains(got.body, c.want) ||
				strings.Contains(got.body, `id="round-start"`) {
				t.Errorf("preview: %d %s", got.status, excerpt(got.body))
			}
		})
	}
	clerk := f.client()
	clerk.login("clerk.xiaojin")
	if p := clerk.get("/rechecks/rounds/preview?scope=621002&as_of=2026-07-01"); p.status != http.StatusForbidden {
		t.Errorf("clerk previews a round: %d, want 403", p.status)
	}
	// The start button of the preview starts the round it showed.
	c.startRound()
	if p := c.get("/rechecks/rounds/preview?scope=621002&as_of=2026-07-01"); !strings.Contains(p.body, "开始复核（0 户，0 人）") {
		t.Errorf("preview while the round runs: %s", excerpt(p.body))
	}
}
