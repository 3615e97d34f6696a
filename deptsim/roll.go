package deptsim

import (
	"time"

	"hedui"
	"hedui/idcard"
)

// RollHousehold is the household as it would stand on its county's 低保
// roll: the members with the facts an ID number gives, the letter valid
// until letterUntil, benefit and recorded income as given. The township
// is the region; number is the roll's 户编号. It panics on an ID number
// the generator did not make valid, which cannot happen.
func (h *Household) RollHousehold(county, number, letter string, letterUntil, since hedui.Date, benefit, income hedui.Fen) hedui.RollHousehold {
	rh := hedui.RollHousehold{County: county, Region: h.Township, Number: number, Category: hedui.CategoryDibao,
		Hukou: h.Hukou, BenefitFen: benefit, IncomeFen: income, Since: since, Address: h.Address, LetterNumber: letter,
		LetterUntil: letterUntil, Status: hedui.RollActive}
	for _, m := range h.Members {
		n, err := idcard.Parse(m.IDNumber, time.Now())
		if err != nil {
			panic("deptsim: generated ID number is invalid: " + err.Error())
		}
		rh.Members = append(rh.Members, hedui.Member{Name: m.Name, IDNumber: n.Canonical, Gender: n.Gender(),
			BirthDate: hedui.DateOf(n.Birth), Relationship: m.Relationship, Hukou: h.Hukou, Labour: m.Labour,
			DisabilityGrade: m.DisabilityGrade, LivesTogether: m.LivesTogether == nil || *m.LivesTogether})
	}
	return rh
}
