package benchcity

import (
	"crypto/sha256"
	"fmt"
	"slices"

	"hedui"
)

// RollUploads is the city's roll as the counties would upload it: one full
// import per county, each household as deptsim's Population.Roll lists it.
func (c *City) RollUploads() ([]hedui.RollUpload, error) {
	var counties []string
	for _, h := range c.Pop.Households {
		if county := h.Township[:6]; !slices.Contains(counties, county) {
			counties = append(counties, county)
		}
	}
	slices.Sort(counties)
	out := make([]hedui.RollUpload, 0, len(counties))
	for _, county := range counties {
		up := hedui.RollUpload{County: county, Mode: hedui.RollFull, FileName: "benchcity-" + county + ".csv",
			Households: c.Pop.Roll(county)}
		for i := range up.Households {
			up.Households[i].Row = up.Rows + 2 // a header line, then one line per member
			up.Rows += len(up.Households[i].Members)
		}
		sum := sha256.Sum256(fmt.Appendf(nil, "benchcity %d %s %d %s", Seed, county, len(up.Households), c.Now.Format("2006-01-02")))
		up.SHA256 = fmt.Sprintf("%x", sum)
		out = append(out, up)
	}
	return out, nil
}
