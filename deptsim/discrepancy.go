package deptsim

import (
	"fmt"
	"math/rand/v2"

	"hedui"
)

// DiscrepancyKind is a way a declaration departs from the truth on purpose.
type DiscrepancyKind string

const (
	HiddenCar           DiscrepancyKind = "hidden_car"           // a vehicle not declared
	UnreportedSalary    DiscrepancyKind = "unreported_salary"    // a salary on the payroll or withheld, not declared
	UndeclaredCompany   DiscrepancyKind = "undeclared_company"   // a company role not declared
	SecondFlat          DiscrepancyKind = "second_flat"          // a second home not declared
	DeceasedMember      DiscrepancyKind = "deceased_member"      // a member whose death is registered still listed
	UnderstatedDeposits DiscrepancyKind = "understated_deposits" // deposits declared well below the balance
)

// DiscrepancyKinds lists every kind.
var DiscrepancyKinds = []DiscrepancyKind{HiddenCar, UnreportedSalary, UndeclaredCompany, SecondFlat, DeceasedMember, UnderstatedDeposits}

var discrepancyLabels = map[DiscrepancyKind]string{
	HiddenCar: "隐瞒机动车辆", UnreportedSalary: "隐瞒工资收入", UndeclaredCompany: "隐瞒工商登记",
	SecondFlat: "隐瞒第二套住房", DeceasedMember: "已死亡成员仍在申报", UnderstatedDeposits: "少报银行存款",
}

// Label is the Chinese name.
func (k DiscrepancyKind) Label() string { return label(discrepancyLabels, k) }

// label is k's name in labels, or k itself when it has none.
func label[K ~string](labels map[K]string, k K) string {
	if s, ok := labels[k]; ok {
		return s
	}
	return string(k)
}

// Discrepancy is one planted difference: who, which item, which record
// (Key: a plate, an employer, a credit code, a certificate number) and a
// Chinese description for people checking a report by hand.
type Discrepancy struct {
	Kind     DiscrepancyKind `json:"kind"`
	IDNumber string          `json:"id_number"`
	Item     hedui.Item      `json:"item"`
	Key      string          `json:"key"`
	Detail   string          `json:"detail"`
}

// planter makes the truth of one household hold something to hide and
// records what the declaration will leave out. It reports false when the
// household has nobody it could apply to.
type planter func(g *generator, r *rand.Rand, d *draft) (Discrepancy, bool)

var planters = map[DiscrepancyKind]planter{
	HiddenCar: plantHiddenCar, UnreportedSalary: plantSalary, UndeclaredCompany: plantCompany,
	SecondFlat: plantSecondFlat, DeceasedMember: plantDeceased, UnderstatedDeposits: plantDeposits,
}

// plant applies one discrepancy, sometimes two, of kinds drawn at random
// among those the household allows. SecondFlat always applies (every
// household has a head), so a discrepant household always gets one.
func (g *generator) plant(r *rand.Rand, d *draft) []Discrepancy {
	want := 1
	if r.IntN(5) == 0 {
		want = 2
	}
	var out []Discrepancy
	for _, i := range r.Perm(len(DiscrepancyKinds)) {
		k := DiscrepancyKinds[i]
		if x, ok := planters[k](g, r, d); ok {
			x.Kind = k
			d.involved[x.IDNumber] = true
			out = append(out, x)
			if len(out) == want {
				break
			}
		}
	}
	return out
}

// candidates lists the living members between minAge and maxAge that no
// other discrepancy is about, so that two never contradict each other.
func (d *draft) candidates(minAge, maxAge int, ok func(i int) bool) []int {
	var out []int
	for i, p := range d.people {
		if p.age >= minAge && p.age <= maxAge && !d.truth[i].Hukou.Deceased && !d.involved[p.id] && (ok == nil || ok(i)) {
			out = append(out, i)
		}
	}
	return out
}

func plantHiddenCar(g *generator, r *rand.Rand, d *draft) (Discrepancy, bool) {
	cs := d.candidates(18, 75, nil)
	if len(cs) == 0 {
		return Discrepancy{}, false
	}
	i := pick(r, cs)
	t := &d.truth[i]
	if len(t.Vehicles) == 0 {
		t.Vehicles = append(t.Vehicles, g.vehicle(r, false))
	}
	v := t.Vehicles[0]
	d.hide[hideKey("vehicle", v.Plate)] = true
	return Discrepancy{IDNumber: t.IDNumber, Item: hedui.ItemVehicle, Key: v.Plate,
		Detail: fmt.Sprintf("名下登记车辆%s（%s），申报中未列", v.Plate, v.Model)}, true
}

func plantSalary(g *generator, r *rand.Rand, d *draft) (Discrepancy, bool) {
	cs := d.candidates(18, 59, func(i int) bool { return d.people[i].labour != hedui.LabourNone })
	if len(cs) == 0 {
		return Discrepancy{}, false
	}
	i := pick(r, cs)
	t := &d.truth[i]
	if t.Job == nil || !t.Job.Insured {
		t.Job = g.formalJob(r, d, r.IntN(2) == 0)
		t.Job.Since = g.daysAgo(r, 400, 5000) // long enough to show in every month looked at
	}
	d.hide[hideKey("wage", t.IDNumber)] = true
	item := hedui.ItemTax
	if t.Job.Public {
		item = hedui.ItemPayroll
	}
	return Discrepancy{IDNumber: t.IDNumber, Item: item, Key: t.Job.Employer,
		Detail: fmt.Sprintf("在%s工作，月工资%s元，申报中未列工资收入", t.Job.Employer, yuanText(t.Job.MonthlyFen))}, true
}

func plantCompany(g *generator, r *rand.Rand, d *draft) (Discrepancy, bool) {
	cs := d.candidates(20, 65, nil)
	if len(cs) == 0 {
		return Discrepancy{}, false
	}
	i := pick(r, cs)
	t := &d.truth[i]
	b := g.business(r, d, d.people[i], true)
	t.Businesses = append(t.Businesses, b)
	d.hide[hideKey("business", b.CreditCode)] = true
	return Discrepancy{IDNumber: t.IDNumber, Item: hedui.ItemBusiness, Key: b.CreditCode,
		Detail: fmt.Sprintf("任%s%s，申报中未列", b.Name, b.Role)}, true
}

func plantSecondFlat(g *generator, r *rand.Rand, d *draft) (Discrepancy, bool) {
	t := &d.truth[0] // the head: alive, and the owner of the family home
	if len(t.Homes) == 0 {
		t.Homes = append(t.Homes, g.home(r, d.address, 6000, 12000, 2000, 5000))
	}
	loc := fmt.Sprintf("西峰区%s%d号%d号楼%d单元%d室", pick(r, roads), 1+r.IntN(300), 1+r.IntN(20), 1+r.IntN(4), 100*(1+r.IntN(18))+1+r.IntN(4))
	h := g.home(r, loc, 6000, 14000, 4000, 7000)
	t.Homes = append(t.Homes, h)
	d.hide[hideKey("home", h.CertNo)] = true
	return Discrepancy{IDNumber: t.IDNumber, Item: hedui.ItemHousing, Key: h.CertNo,
		Detail: fmt.Sprintf("名下第二套住房%s（%s平方米），申报中未列", loc, areaText(h.AreaM2x100))}, true
}

func plantDeceased(g *generator, r *rand.Rand, d *draft) (Discrepancy, bool) {
	cs := d.candidates(0, 200, func(i int) bool { return i > 0 }) // never the head, who applies
	if len(cs) == 0 {
		return Discrepancy{}, false
	}
	i := cs[0]
	for _, c := range cs { // the oldest is the likeliest to have died
		if d.people[c].age > d.people[i].age {
			i = c
		}
	}
	t := &d.truth[i]
	death := g.daysAgo(r, 60, 540)
	t.die(death)
	return Discrepancy{IDNumber: t.IDNumber, Item: hedui.ItemHukou, Key: death.String(),
		Detail: fmt.Sprintf("%s已于%s登记死亡，仍列为家庭成员", t.Name, death)}, true
}

func plantDeposits(g *generator, r *rand.Rand, d *draft) (Discrepancy, bool) {
	cs := d.candidates(18, 200, nil)
	if len(cs) == 0 {
		return Discrepancy{}, false
	}
	i := pick(r, cs)
	t := &d.truth[i]
	if depositTotal(t) < 2_000_000 { // 20 000 yuan: below that a gap is noise
		t.Deposits = append(t.Deposits, g.deposit(r, yuan(r, 30000, 150000)))
	}
	pct := 10 + r.IntN(31)
	d.depositPercent[t.IDNumber] = pct
	declared := hedui.Fen(0)
	for _, dep := range t.Deposits {
		declared += understate(dep.BalanceFen, pct)
	}
	return Discrepancy{IDNumber: t.IDNumber, Item: hedui.ItemBank, Key: t.Deposits[0].Bank,
		Detail: fmt.Sprintf("存款余额合计%s元，申报%s元", yuanText(depositTotal(t)), yuanText(declared))}, true
}

func depositTotal(t *PersonTruth) hedui.Fen {
	var sum hedui.Fen
	for _, d := range t.Deposits {
		sum += d.BalanceFen
	}
	return sum
}

// understate is the balance a family declares when it admits to pct
// percent, rounded down to 100 yuan as people do.
func understate(balance hedui.Fen, pct int) hedui.Fen {
	return balance * hedui.Fen(pct) / 100 / 10000 * 10000
}
