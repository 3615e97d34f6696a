package web

import (
	"context"

	"hedui"
)

// rollRoutes are the verifiers' 名册 pages: the masked list of the roll
// households in scope, the upload form with the validation report and the
// import history, one household (audited by the store), and the template.
func (s *Server) rollRoutes() []route {
	verifierOnly := []hedui.Role{hedui.RoleVerifier}
	return []route{
		{method: "GET", pattern: "/rolls", purpose: "低保特困名册管理", roles: verifierOnly, h: s.handleRollList},
		{method: "GET", pattern: "/rolls/imports", purpose: "低保特困名册管理", roles: verifierOnly, h: s.handleRollImports},
		{method: "POST", pattern: "/rolls/imports", purpose: "低保特困名册导入", roles: verifierOnly, upload: true, h: s.handleRollUpload},
		{method: "GET", pattern: "/rolls/households/{id}", purpose: "低保特困名册管理", roles: verifierOnly, h: s.handleRollHousehold},
		{method: "GET", pattern: "/rolls/template", purpose: "下载名册模板", roles: verifierOnly, h: s.handleRollTemplate},
	}
}

// countiesInScope are the counties whose rolls the verifier handles: his
// own, or every county of his city.
func countiesInScope(by hedui.Actor, divisions []hedui.Division) []hedui.Division {
	scope := by.CaseScope()
	var out []hedui.Division
	for _, d := range divisions {
		if d.Level == hedui.LevelCounty && scope.Contains(hedui.Region{City: d.ParentCode, County: d.Code}) {
			out = append(out, d)
		}
	}
	return out
}

// rollImportsPage is the upload form, the report of the upload just made,
// and the history.
type rollImportsPage struct {
	Counties []hedui.Division
	County   string
	Mode     hedui.RollMode
	Result   *hedui.RollImport
	Outcome  string
	History  []hedui.RollImport
	Names    map[string]string
}

// rollImportsPage fills the form and the history of the counties in scope.
func (s *Server) rollImportsPage(ctx context.Context, by hedui.Actor) (*rollImportsPage, error) {
	names, divisions, err := s.divisionNames(ctx)
	if err != nil {
		return nil, err
	}
	p := &rollImportsPage{Counties: countiesInScope(by, divisions), Mode: hedui.RollFull, Names: names}
	if by.Level == hedui.LevelCounty {
		p.County = by.Division
	}
	if p.History, err = s.store.RollImports(ctx, by, ""); err != nil {
		return nil, err
	}
	return p, nil
}
