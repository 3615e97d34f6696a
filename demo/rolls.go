package demo

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"hedui"
	"hedui/deptsim"
	"hedui/rolls"
	"hedui/sheet"
)

// RollHouseholds is how many households the demo's roll of each county
// has: enough for lists and re-verification rounds to have work.
const RollHouseholds = 40

// rollSeed seeds the roll population apart from the applicants'.
const rollSeed = SimSeed + 1

// RollPopulation is the demo's recipients: RollHouseholds households in
// one township of each county of divisions (the demo townships where
// there is one), generated as of epoch.
func RollPopulation(epoch time.Time, divisions []hedui.Division) *deptsim.Population {
	var towns []string
	for _, c := range divisions {
		if c.Level != hedui.LevelCounty {
			continue
		}
		var first string
		for _, d := range divisions {
			if d.Level == hedui.LevelTownship && d.ParentCode == c.Code && (first == "" || d.Code < first) {
				first = d.Code
			}
		}
		if _, demo := clerkOf[c.Code+"100"]; demo {
			first = c.Code + "100"
		}
		if first != "" {
			towns = append(towns, first)
		}
	}
	slices.Sort(towns)
	return deptsim.Generate(deptsim.Config{Seed: rollSeed, Households: RollHouseholds * len(towns), Now: epoch, Townships: towns})
}

// SeedRolls imports each county's roll of pop, as a county would: an XLSX
// file through the parser. A county that has imported a roll before is
// left alone. It returns how many households it added.
func SeedRolls(ctx context.Context, st hedui.Store, pop *deptsim.Population) (int, error) {
	by := hedui.SystemActor("演示数据：导入低保特困名册")
	counties := map[string]bool{}
	for _, h := range pop.Households {
		counties[h.Township[:6]] = true
	}
	added := 0
	for _, county := range slices.Sorted(maps.Keys(counties)) {
		done, err := st.RollImports(ctx, by, county)
		if err != nil {
			return added, err
		}
		if len(done) > 0 {
			continue
		}
		var buf bytes.Buffer
		if err := pop.WriteRoll(&buf, county, sheet.XLSX); err != nil {
			return added, err
		}
		up, err := rolls.Parse(fmt.Sprintf("%s低保特困名册（示例）.xlsx", county), &buf, county, hedui.RollFull, rolls.Options{})
		if err != nil {
			return added, fmt.Errorf("demo: roll of %s: %w", county, err)
		}
		imp, err := st.ImportRoll(ctx, by, up)
		if err != nil {
			return added, fmt.Errorf("demo: roll of %s: %w", county, err)
		}
		if len(imp.Problems) > 0 {
			return added, fmt.Errorf("demo: roll of %s: %s %s %s", county, imp.Problems[0].Source, imp.Problems[0].Column, imp.Problems[0].Message)
		}
		added += imp.Added
	}
	return added, nil
}
