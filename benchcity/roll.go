package benchcity

import (
	"crypto/sha256"
	"fmt"
	"hash/fnv"
	"slices"

	"hedui"
	"hedui/deptsim"
	"hedui/idcard"
)

// RollUploads is the city's roll as the counties would upload it: one full
// import per county, households in the order of the population. What the
// roll records (income, benefit) is what the household declared when it
// was last reviewed, so that the round finds exactly what it hid.
func (c *City) RollUploads() ([]hedui.RollUpload, error) {
	byCounty := map[string]*hedui.RollUpload{}
	var counties []string
	for i := range c.Pop.Households {
		h := &c.Pop.Households[i]
		county := h.Township[:6]
		up := byCounty[county]
		if up == nil {
			up = &hedui.RollUpload{County: county, Mode: hedui.RollFull, FileName: "benchcity-" + county + ".csv"}
			byCounty[county] = up
			counties = append(counties, county)
		}
		rh, err := c.rollHousehold(i, h)
		if err != nil {
			return nil, err
		}
		rh.Row = up.Rows + 2 // a header line, then one line per member
		up.Rows += len(rh.Members)
		up.Households = append(up.Households, rh)
	}
	slices.Sort(counties)
	out := make([]hedui.RollUpload, 0, len(counties))
	for _, county := range counties {
		up := byCounty[county]
		sum := sha256.Sum256(fmt.Appendf(nil, "benchcity %d %s %d %s", Seed, county, len(up.Households), c.Now.Format("2006-01-02")))
		up.SHA256 = fmt.Sprintf("%x", sum)
		out = append(out, *up)
	}
	return out, nil
}

// rollHousehold is household i as its county's roll lists it.
func (c *City) rollHousehold(i int, h *deptsim.Household) (hedui.RollHousehold, error) {
	x := spread(h.Key)
	rh := hedui.RollHousehold{
		County: h.Township[:6], Region: h.Township, Number: fmt.Sprintf("%s%07d", h.Township, i),
		Category: hedui.CategoryDibao, Hukou: h.Hukou, Stable: true,
		IncomeFen: monthlyIncome(h.Declaration), Address: h.Address,
		Since:        hedui.DateOf(c.Now.AddDate(0, 0, -400-int(x%3000))), // over a year: due in a round
		LetterNumber: fmt.Sprintf("SQ%s%07d", h.Township[:6], i), LetterUntil: hedui.DateOf(c.Now.AddDate(1, 0, 0)),
		Status: hedui.RollActive,
	}
	for _, m := range h.Members {
		n, err := idcard.Parse(m.IDNumber, c.Now)
		if err != nil {
			return rh, fmt.Errorf("benchcity: household %s: %w", h.Key, err)
		}
		gender := "female"
		if n.Male {
			gender = "male"
		}
		together := m.LivesTogether == nil || *m.LivesTogether
		rh.Members = append(rh.Members, hedui.Member{Name: m.Name, IDNumber: n.Canonical, Gender: gender,
			BirthDate: hedui.DateOf(n.Birth), Relationship: m.Relationship, Hukou: m.Hukou,
			DisabilityGrade: m.DisabilityGrade, Labour: m.Labour, LivesTogether: together})
		if m.Labour != hedui.LabourNone {
			rh.Stable = false
		}
	}
	// 特困: people alone who cannot work, about two in five of them.
	if len(rh.Members) == 1 && rh.Stable && x%5 < 2 {
		rh.Category = hedui.CategoryTekun
	}
	rh.BenefitFen = hedui.Fen(30000 + 5000*len(rh.Members)) // 示例: a flat amount per household size
	return rh, nil
}

// monthlyIncome is a declaration's income per month: each line spread over
// the months of its period.
func monthlyIncome(d hedui.Declaration) hedui.Fen {
	var sum hedui.Fen
	for _, in := range d.Incomes {
		months := (in.PeriodTo.Year()-in.PeriodFrom.Year())*12 + int(in.PeriodTo.Month()) - int(in.PeriodFrom.Month()) + 1
		sum += in.AmountFen / hedui.Fen(max(months, 1))
	}
	return sum
}

// spread is a number drawn from a household's key: the same every run.
func spread(key string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(key))
	return h.Sum64()
}
