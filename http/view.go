package http

import (
	"slices"

	"hedui"
)

// applicationView is an application as the API returns it: the stored
// fields plus what the caller may do next, so that a client shows only
// the buttons that will work.
type applicationView struct {
	*hedui.Application
	StatusLabel string       `json:"status_label"`
	Actions     []actionView `json:"actions"`
	Editable    bool         `json:"editable"`
}

type actionView struct {
	Action       hedui.Action `json:"action"`
	Label        string       `json:"label"`
	NeedsComment bool         `json:"needs_comment"`
}

func viewApplication(a *hedui.Application, by hedui.Actor) applicationView {
	v := applicationView{
		Application: a,
		StatusLabel: a.Status.Label(),
		Actions:     []actionView{},
		Editable:    a.Status.Editable() && by.Role == hedui.RoleClerk,
	}
	a.Aid = nonNil(a.Aid)
	a.Members = nonNil(a.Members)
	a.Declaration.Incomes = nonNil(a.Declaration.Incomes)
	a.Declaration.Assets = nonNil(a.Declaration.Assets)
	a.Letters = nonNil(a.Letters)
	a.History = nonNil(a.History)
	for _, act := range hedui.ActionsFor(a.Status, by.Role) {
		v.Actions = append(v.Actions, actionView{Action: act, Label: act.Label(), NeedsComment: needsComment(a.Status, act)})
	}
	return v
}

func needsComment(from hedui.Status, act hedui.Action) bool {
	for _, r := range hedui.Rules {
		if r.Action == act && slices.Contains(r.From, from) {
			return r.NeedsComment
		}
	}
	return false
}

// nonNil makes empty lists encode as [] rather than null, which clients
// would otherwise have to special-case.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
