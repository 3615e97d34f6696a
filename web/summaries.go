package web

import (
	"context"
	"strings"
	"time"

	"hedui"
)

// summaryRow is one application in a list, as the store gives it (names
// and ID numbers masked) with its labels.
type summaryRow struct {
	hedui.Summary
	Township string
	Aid      string
}

// divisionNames maps division codes to names, for labels.
func (s *Server) divisionNames(ctx context.Context) (map[string]string, []hedui.Division, error) {
	ds, err := s.store.Divisions(ctx)
	if err != nil {
		return nil, nil, err
	}
	m := make(map[string]string, len(ds))
	for _, d := range ds {
		m[d.Code] = d.Name
	}
	return m, ds, nil
}

func summaryRows(items []hedui.Summary, names map[string]string) []summaryRow {
	out := make([]summaryRow, len(items))
	for i, it := range items {
		out[i] = summaryRow{Summary: it, Township: names[it.Region.Township], Aid: aidLabels(it.Aid)}
	}
	return out
}

func aidLabels(aid []hedui.AssistanceType) string {
	ls := make([]string, len(aid))
	for i, a := range aid {
		ls[i] = a.Label()
	}
	return strings.Join(ls, "、")
}

// today is the civil date in China.
func (s *Server) today() hedui.Date { return hedui.Today(s.now()) }

// civilNow is the clock as the validation functions want it: the wall
// clock in China.
func (s *Server) civilNow() time.Time { return hedui.Civil(s.now()) }
