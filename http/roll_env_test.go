package http

import (
	"bytes"
	"fmt"
	"sync"

	"hedui"
	"hedui/rolls"
	"hedui/sheet"
)

// rollFile is a roll of one new household of n members in p's township,
// as a file in format f.
func (e *env) rollFile(p place, number string, n int, f sheet.Format) []byte {
	e.t.Helper()
	since, _ := hedui.ParseDate("2023-05-01")
	h := hedui.RollHousehold{County: p.county, Region: p.township, Number: number, Category: hedui.CategoryDibao,
		Hukou: hedui.HukouRural, BenefitFen: 80000, Since: since, Address: p.name + "示例村1组", Status: hedui.RollActive}
	for i := range n {
		rel := hedui.RelHead
		if i > 0 {
			rel = hedui.RelChild
		}
		h.Members = append(h.Members, hedui.Member{Name: fmt.Sprintf("名册%d", i), IDNumber: e.newIDNumber(p.county),
			Relationship: rel, Labour: hedui.LabourFull, LivesTogether: true})
	}
	var buf bytes.Buffer
	if err := rolls.Write(&buf, f, []hedui.RollHousehold{h}); err != nil {
		e.t.Fatal(err)
	}
	return buf.Bytes()
}

// rollHouseholds remembers, per env and place, the roll household the
// matrix reads.
var rollHouseholds sync.Map // *env → map[string]int64

// rollHouseholdOf imports a household in p's county once (as the city
// centre) and returns its id.
func (e *env) rollHouseholdOf(p place) int64 {
	e.t.Helper()
	v, _ := rollHouseholds.LoadOrStore(e, map[string]int64{})
	ids := v.(map[string]int64)
	if id, ok := ids[p.township]; ok {
		return id
	}
	number := "M-" + p.township
	e.must(200, e.as("verifier.city"), "POST", "/api/v1/rolls?mode=incremental&county="+p.county,
		e.rollFile(p, number, 2, sheet.CSV), nil)
	var page hedui.Page[hedui.RollSummary]
	e.must(200, e.as("verifier.city"), "GET", "/api/v1/rolls/households?number="+number, nil, &page)
	if len(page.Items) != 1 {
		e.t.Fatalf("roll household %s: %+v", number, page)
	}
	ids[p.township] = page.Items[0].ID
	return page.Items[0].ID
}

// rollRows adds the rolls' routes to the access matrix: verifiers only,
// each county's centre its own county, the city centre all.
func rollRows(m map[string]matrixRow) {
	countyOrCity := func(ok, elsewhere int) func(string, caseRef) int {
		return func(acct string, c caseRef) int {
			switch {
			case roleOf(acct) != hedui.RoleVerifier:
				return 403
			case townshipOf(acct) == "621000" || townshipOf(acct) == c.place.county:
				return ok
			}
			return elsewhere
		}
	}
	m["POST /api/v1/rolls"] = matrixRow{
		req: func(e *env, _ string, c caseRef) cell {
			e.serial++
			return cell{path: "/api/v1/rolls?mode=incremental&county=" + c.place.county,
				body: e.rollFile(c.place, fmt.Sprintf("A-%d", e.serial), 1, sheet.CSV)}
		},
		want: countyOrCity(200, 403),
	}
	m["GET /api/v1/rolls/imports"] = matrixRow{req: func(_ *env, _ string, c caseRef) cell {
		return cell{path: "/api/v1/rolls/imports?county=" + c.place.county}
	}, want: onlyRole(hedui.RoleVerifier, 200)}
	m["GET /api/v1/rolls/households"] = matrixRow{req: func(_ *env, _ string, c caseRef) cell {
		return cell{path: "/api/v1/rolls/households?county=" + c.place.county}
	}, want: onlyRole(hedui.RoleVerifier, 200)}
	m["GET /api/v1/rolls/households/{id}"] = matrixRow{req: func(e *env, _ string, c caseRef) cell {
		return cell{path: fmt.Sprintf("/api/v1/rolls/households/%d", e.rollHouseholdOf(c.place))}
	}, want: countyOrCity(200, 404)}
	m["GET /api/v1/rolls/template"] = matrixRow{req: fixed("/api/v1/rolls/template?format=csv"), want: always(200)}
}
