package http

import (
	"hedui"
	"hedui/casework"
	"hedui/rules"
)

// conclusionView is a stored conclusion with the Chinese names of its
// codes, so that a client shows them without tables of its own.
type conclusionView struct {
	hedui.StoredConclusion
	OverallLabel  string        `json:"overall_label"`
	CategoryLabel string        `json:"category_label"`
	Rows          []rowView     `json:"rows"`
	Reasons       []reasonView  `json:"reasons"`
	Decision      *decisionView `json:"decision,omitempty"`
}

// rowView is one comparison row with its labels.
type rowView struct {
	hedui.ComparisonRow
	FlagLabel string `json:"flag_label"`
	ItemLabel string `json:"item_label"`
}

// reasonView is one reason with the label of its effect.
type reasonView struct {
	hedui.Reason
	EffectLabel string `json:"effect_label"`
}

// decisionView is the verifier's decision with its labels.
type decisionView struct {
	hedui.Decision
	ActionLabel   string `json:"action_label"`
	OverallLabel  string `json:"overall_label"`
	CategoryLabel string `json:"category_label"`
}

var decisionActionLabels = map[hedui.DecisionAction]string{hedui.DecisionConfirm: "确认", hedui.DecisionOverride: "改判"}

func viewConclusion(c hedui.StoredConclusion) conclusionView {
	v := conclusionView{
		StoredConclusion: c,
		OverallLabel:     c.Overall.Label(),
		CategoryLabel:    c.Category.Label(),
		Rows:             make([]rowView, 0, len(c.Rows)),
		Reasons:          viewReasons(c.Reasons),
	}
	for _, r := range c.Rows {
		r.Evidence = nonNil(r.Evidence)
		v.Rows = append(v.Rows, rowView{ComparisonRow: r, FlagLabel: r.Flag.Label(), ItemLabel: r.Item.Label()})
	}
	if c.Decision != nil {
		d := viewDecision(*c.Decision)
		v.Decision = &d
	}
	return v
}

func viewReasons(rs []hedui.Reason) []reasonView {
	out := make([]reasonView, 0, len(rs))
	for _, r := range rs {
		out = append(out, reasonView{Reason: r, EffectLabel: r.Effect.Label()})
	}
	return out
}

func viewDecision(d hedui.Decision) decisionView {
	return decisionView{Decision: d, ActionLabel: decisionActionLabels[d.Action], OverallLabel: d.Overall.Label(),
		CategoryLabel: d.Category.Label()}
}

// caseInput is a stored case as the rules take it (casework.Input).
func caseInput(f *hedui.CaseFile, today hedui.Date) rules.CaseInput {
	return casework.Input(f, today)
}

// policyRef names a policy version in other responses.
type policyRef struct {
	ID            int64           `json:"id"`
	County        string          `json:"county_code"`
	Hukou         hedui.HukouType `json:"hukou_type"`
	Version       int             `json:"version"`
	Name          string          `json:"name"`
	EffectiveFrom hedui.Date      `json:"effective_from"`
}

func refPolicy(p *hedui.Policy) policyRef {
	return policyRef{ID: p.ID, County: p.County, Hukou: p.Hukou, Version: p.Version, Name: p.Name, EffectiveFrom: p.EffectiveFrom}
}
