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
// there is one), generated as of epoch. About a tenth changed since their
// last review (deptsim.DefaultChangeRate: a new job, a business, a
// pension, a death), and a re-verification round puts those, and only
// those, on the warning list.
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
	return deptsim.Generate(deptsim.Config{Seed: rollSeed, Households: RollHouseholds * len(towns), Now: epoch, Townships: towns,
		Recipients: true, SizeWeights: deptsim.RecipientSizeWeights})
}

// SeedRolls imports each county's roll of pop, as a county would: an XLSX
// file through the parser. A county that has imported a roll before is
// left alone. It returns how many households it added.
func SeedRolls(ctx context.Context, st hedui.Store, pop *deptsim.Population) (int, error) {
	by := hedui.SystemActor("演示数据：导入低保特困名册")
	added := 0
	for _, county := range rollCounties(pop) {
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

// SeedSchedules gives every county of the rolls the example
// re-verification schedules (示例: yearly for stable households, half-yearly
// for the others) from the start of epoch's year, set by the city centre,
// so that a round can be started at once. A county with a schedule of its
// own is left alone.
func SeedSchedules(ctx context.Context, st hedui.Store, pop *deptsim.Population, epoch time.Time) error {
	by, err := Actor(ctx, st, "verifier.city")
	if err != nil {
		return err
	}
	from := hedui.DateOf(time.Date(epoch.Year(), 1, 1, 0, 0, 0, 0, hedui.CST))
	for _, county := range rollCounties(pop) {
		have, err := st.RecheckSchedules(ctx, by, county)
		if err != nil {
			return err
		}
		if len(have) > 0 {
			continue
		}
		for _, c := range []hedui.Category{hedui.CategoryDibao, hedui.CategoryTekun} {
			if _, err := st.PutRecheckSchedule(ctx, by, hedui.ExampleRecheckSchedule(county, c, from)); err != nil {
				return fmt.Errorf("demo: schedule of %s: %w", county, err)
			}
		}
	}
	return nil
}

// rollCounties are the counties of pop's households, in order.
func rollCounties(pop *deptsim.Population) []string {
	counties := map[string]bool{}
	for _, h := range pop.Households {
		counties[h.Township[:6]] = true
	}
	return slices.Sorted(maps.Keys(counties))
}
