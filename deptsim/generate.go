package deptsim

import (
	"fmt"
	"math/rand/v2"
	"time"

	"hedui"
)

// generator holds what households share while a population is built: the
// clock, and the numbering that must stay unique across households.
type generator struct {
	now        time.Time
	rate       float64
	recipients bool
	sizes      []int // cumulative SizeWeights
	ids        *ids
	serial     serials
}

// person is a member while the household is being built.
type person struct {
	surname, name string
	age           int
	male          bool
	rel           hedui.Relationship
	hukou         hedui.HukouType
	disability    int
	labour        hedui.LabourCapacity
	together      bool
	area          string
	birth         time.Time
	id            string
}

// draft is a household being built.
type draft struct {
	town    township
	address string
	hukou   hedui.HukouType
	people  []*person
	truth   []PersonTruth // parallel to people
	// hide holds the keys (see hideKey) of true facts the declaration
	// leaves out; depositPercent, the share of a person's deposits declared.
	hide           map[string]bool
	depositPercent map[string]int
	involved       map[string]bool // people a discrepancy is about
}

func hideKey(kind, key string) string { return kind + ":" + key }

// qingyangCounties are where spouses from elsewhere in the city come from.
var qingyangCounties = []string{"621002", "621021", "621022", "621023", "621024", "621025", "621026", "621027"}

func (g *generator) household(r *rand.Rand, key string, t township) Household {
	d := &draft{town: t, hukou: householdHukou(r, t), hide: map[string]bool{}, depositPercent: map[string]int{}, involved: map[string]bool{}}
	d.address = address(r, t)
	d.people = g.people(r, d)
	for _, p := range d.people {
		p.id, p.birth = g.ids.next(p.area, p.birth, p.male)
	}
	d.truth = make([]PersonTruth, len(d.people))
	for i, p := range d.people {
		d.truth[i] = g.truth(r, d, p)
	}
	g.householdAid(r, d)
	h := Household{Key: key, Township: t.Code, Address: d.address, Hukou: d.hukou, Truth: make(map[string]PersonTruth, len(d.people))}
	if g.recipients {
		h.Declaration, h.Changes = g.recipient(r, d)
	} else {
		if r.Float64() < g.rate {
			h.Discrepancies = g.plant(r, d)
		}
		h.Declaration = g.declare(d)
	}
	for i, p := range d.people {
		together := p.together
		h.Members = append(h.Members, hedui.NewMember{
			Name: p.name, IDNumber: p.id, Relationship: p.rel, Hukou: p.hukou,
			DisabilityGrade: p.disability, Labour: p.labour, LivesTogether: &together,
		})
		h.Truth[p.id] = d.truth[i]
	}
	return h
}

func householdHukou(r *rand.Rand, t township) hedui.HukouType {
	urban := 0.25
	switch {
	case t.Street:
		urban = 0.9
	case t.Xiang:
		urban = 0.05
	}
	if r.Float64() < urban {
		return hedui.HukouUrban
	}
	return hedui.HukouRural
}

func address(r *rand.Rand, t township) string {
	if t.Street {
		return fmt.Sprintf("%s%s%s社区%d号楼%d单元%d室", t.CountyName, t.Name, pick(r, communities),
			1+r.IntN(30), 1+r.IntN(4), 100*(1+r.IntN(6))+1+r.IntN(4))
	}
	return fmt.Sprintf("%s%s%s%s村%d组%d号", t.CountyName, t.Name, pick(r, villagePrefix), pick(r, villageSuffix),
		1+r.IntN(9), 1+r.IntN(60))
}

// cumulate turns size weights into running totals.
func cumulate(weights []int) []int {
	out := make([]int, len(weights))
	sum := 0
	for i, w := range weights {
		sum += max(w, 0)
		out[i] = sum
	}
	return out
}

// householdSize draws a number of members from the cumulative weights.
func (g *generator) householdSize(r *rand.Rand) int {
	total := g.sizes[len(g.sizes)-1]
	if total <= 0 {
		return 1
	}
	x := r.IntN(total)
	for size, cum := range g.sizes {
		if x < cum {
			return size + 1
		}
	}
	return len(g.sizes)
}

// people composes a household around its head: a spouse, children, the
// head's parents, grandchildren once a child is grown, a child's spouse,
// and siblings when nobody else fits. Ages follow from the head's.
func (g *generator) people(r *rand.Rand, d *draft) []*person {
	size := g.householdSize(r)
	headAge := 25 + r.IntN(56)
	if size == 1 && r.IntN(2) == 0 {
		headAge = 60 + r.IntN(30) // many one-person applicants are old people living alone
	}
	head := g.newPerson(r, d, hedui.RelHead, headAge, r.Float64() < 0.72, surname(r))
	ps := []*person{head}
	family := head.surname // children take their father's surname
	spouseTried, inLaw := false, false
	children, parents, grandchildren, oldestChild := 0, 0, 0, -1
	for len(ps) < size {
		var p *person
		switch {
		case !spouseTried:
			spouseTried = true
			if r.Float64() < 0.8 {
				p = g.newPerson(r, d, hedui.RelSpouse, clamp(headAge+r.IntN(11)-5, 20, 95), !head.male, surname(r))
				if p.male {
					family = p.surname
				}
			}
		case headAge >= 22 && children < 3 && r.Float64() < 0.7:
			p = g.newPerson(r, d, hedui.RelChild, max(0, headAge-20-r.IntN(min(headAge-19, 20))), r.IntN(2) == 0, family)
			children++
			oldestChild = max(oldestChild, p.age)
		case headAge <= 62 && parents < 2 && r.Float64() < 0.5:
			father := parents == 0 && r.IntN(5) < 3
			name := head.surname
			if !father {
				name = surname(r)
			}
			p = g.newPerson(r, d, hedui.RelParent, min(95, headAge+22+r.IntN(12)), father, name)
			parents++
		case oldestChild >= 22 && grandchildren < 3 && r.Float64() < 0.7:
			p = g.newPerson(r, d, hedui.RelGrandchild, max(0, oldestChild-22-r.IntN(10)), r.IntN(2) == 0, family)
			grandchildren++
		case oldestChild >= 22 && !inLaw:
			p = g.newPerson(r, d, hedui.RelChildInLaw, clamp(oldestChild+r.IntN(7)-3, 20, 95), r.IntN(2) == 0, surname(r))
			inLaw = true
		default:
			p = g.newPerson(r, d, hedui.RelSibling, clamp(headAge+r.IntN(21)-10, 16, 95), r.IntN(2) == 0, head.surname)
		}
		if p != nil {
			ps = append(ps, p)
		}
	}
	return ps
}

func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }

// newPerson draws a member's name, birth date, origin and circumstances.
func (g *generator) newPerson(r *rand.Rand, d *draft, rel hedui.Relationship, age int, male bool, surname string) *person {
	p := &person{
		surname: surname, name: surname + givenName(r, male), age: age, male: male, rel: rel,
		hukou: d.hukou, area: d.town.County, together: true,
		birth: g.now.AddDate(-age, 0, -r.IntN(365)),
	}
	if rel == hedui.RelSpouse || rel == hedui.RelChildInLaw {
		// People marry in from elsewhere: another county, another hukou.
		if r.IntN(4) == 0 {
			p.area = pick(r, qingyangCounties)
		}
		if r.IntN(10) == 0 {
			p.hukou = other(d.hukou)
		}
	}
	switch x := r.IntN(100); {
	case x < 2:
		p.disability = 1 + r.IntN(2)
	case x < 6 || (age >= 80 && x < 15):
		p.disability = 3 + r.IntN(2)
	}
	switch {
	case age < 16 || age >= 60 || p.disability == 1 || p.disability == 2:
		p.labour = hedui.LabourNone
	case p.disability > 0 || age < 18 || r.IntN(20) == 0:
		p.labour = hedui.LabourPartial
	default:
		p.labour = hedui.LabourFull
	}
	if age >= 18 && age <= 30 && (rel == hedui.RelChild || rel == hedui.RelGrandchild) && r.IntN(7) == 0 {
		p.together = false // away at university or working in another city
	}
	return p
}

func other(h hedui.HukouType) hedui.HukouType {
	if h == hedui.HukouUrban {
		return hedui.HukouRural
	}
	return hedui.HukouUrban
}
