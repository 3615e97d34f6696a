package sqlstore

import (
	"slices"
	"strings"

	"hedui"
)

// warningFilterCond adds the township and kind-of-change conditions of a
// warning filter (over warningFrom's w and h). A warning's changes are
// stored as the JSON json.Marshal writes, identical on both engines, so a
// kind is found by its exact `"kind":"…"` text; the kind is checked
// against the known ones and its underscores escaped, so that LIKE
// matches it literally.
func warningFilterCond(op string, f hedui.WarningFilter, a *args) (string, error) {
	cond := ""
	if f.Township != "" {
		cond += " AND h.township_code = " + a.add(f.Township)
	}
	if f.Kind != "" {
		if !slices.Contains(hedui.ChangeKinds(), f.Kind) {
			return "", hedui.Errorf(op, hedui.KindMalformed, "unknown_change_kind", "未知的变化类型：%s", f.Kind)
		}
		pattern := `%"kind":"` + strings.ReplaceAll(string(f.Kind), "_", `\_`) + `"%`
		cond += " AND w.changes LIKE " + a.add(pattern) + ` ESCAPE '\'`
	}
	return cond, nil
}
