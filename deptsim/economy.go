package deptsim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"hedui"
)

// yuan draws an amount between lo and hi yuan, in steps of ten yuan.
func yuan(r *rand.Rand, lo, hi int) hedui.Fen {
	return hedui.Fen(lo+r.IntN((hi-lo)/10+1)*10) * 100
}

// logYuan draws an amount spread evenly on a log scale, as savings are:
// many small balances, a few large ones.
func logYuan(r *rand.Rand, lo, hi float64) hedui.Fen {
	v := math.Exp(math.Log(lo) + r.Float64()*(math.Log(hi)-math.Log(lo)))
	return hedui.Fen(int64(v)) * 100
}

// daysAgo is a date between lo and hi days before now.
func (g *generator) daysAgo(r *rand.Rand, lo, hi int) hedui.Date {
	return hedui.DateOf(g.now.AddDate(0, 0, -(lo + r.IntN(hi-lo+1))))
}

// truth draws what the departments know about one person. The rates are
// rough guesses at a rural Gansu city, enough for every item to come up.
func (g *generator) truth(r *rand.Rand, d *draft, p *person) PersonTruth {
	t := PersonTruth{
		Name: p.name, IDNumber: p.id,
		Hukou: HukouTruth{Type: p.hukou, Address: d.address, Relationship: p.rel},
	}
	urban := p.hukou == hedui.HukouUrban
	adult := p.age >= 18
	if adult && p.age < 60 && p.labour != hedui.LabourNone {
		switch x := r.Float64(); {
		case x < 0.04 || (urban && x < 0.08):
			t.Job = g.formalJob(r, d, true)
		case x < 0.22 || (urban && x < 0.38):
			t.Job = g.formalJob(r, d, false)
		case x < 0.55:
			t.Job = &Job{Employer: pick(r, informalJobs), MonthlyFen: yuan(r, 1500, 3500), Since: g.daysAgo(r, 60, 3000)}
		}
	}
	if t.Job != nil && (t.Job.Public || (t.Job.Insured && r.IntN(3) == 0)) {
		monthly := t.Job.MonthlyFen * 24 / 100 // 12% from each side
		t.HousingFund = &HousingFund{Employer: t.Job.Employer, MonthlyFen: monthly,
			BalanceFen: monthly * hedui.Fen(6+r.IntN(60))}
	}
	g.benefits(r, p, &t)
	if adult && p.age < 75 {
		carRate := 0.08
		if urban {
			carRate = 0.15
		}
		if t.Job != nil && t.Job.Public {
			carRate += 0.2
		}
		if r.Float64() < carRate {
			t.Vehicles = append(t.Vehicles, g.vehicle(r, r.IntN(5) == 0 && !urban))
		}
	}
	if p.rel == hedui.RelHead {
		if urban && r.IntN(10) < 7 {
			t.Homes = append(t.Homes, g.home(r, d.address, 5500, 13000, 3000, 6000))
		} else if !urban && r.IntN(4) == 0 {
			t.Homes = append(t.Homes, g.home(r, d.address, 8000, 20000, 800, 1500))
		}
		if !urban {
			g.farmSubsidies(r, &t)
		}
	}
	if p.age >= 80 {
		t.Subsidies = append(t.Subsidies, Flow{Kind: hedui.RecordElderlyAllowance, Name: "高龄老人补贴", Payer: d.town.CountyName + "民政局",
			AmountFen: yuan(r, 100, 200), Every: 1, Since: hedui.DateOf(p.birth.AddDate(80, 0, 0))})
	}
	if adult && p.age < 70 && p.labour != hedui.LabourNone && r.IntN(25) == 0 {
		t.Businesses = append(t.Businesses, g.business(r, d, p, false))
	}
	if adult && r.IntN(100) < 65 {
		for range 1 + pickSkewed(r, 3) {
			t.Deposits = append(t.Deposits, g.deposit(r, logYuan(r, 200, 80000)))
		}
	}
	if adult && (r.IntN(200) == 0 || (urban && r.IntN(30) == 0)) {
		kind := pick(r, []string{hedui.RecordStock, hedui.RecordFund, hedui.RecordBond})
		t.Securities = append(t.Securities, Security{Kind: kind, Broker: pick(r, brokers),
			Account: g.serial.nextAccount("3100"), ValueFen: logYuan(r, 5000, 150000)})
	}
	if p.disability == 1 || p.disability == 2 {
		t.Assistance = append(t.Assistance, Flow{Kind: hedui.RecordDisabilityAllowance, Name: "重度残疾人护理补贴", Payer: d.town.CountyName + "残疾人联合会",
			AmountFen: 10000, Every: 1, Since: g.daysAgo(r, 400, 3000)})
	}
	return t
}

// formalJob is a job some department knows about: on the public payroll,
// or with an employer that pays social insurance and withholds tax.
func (g *generator) formalJob(r *rand.Rand, d *draft, public bool) *Job {
	if public {
		return &Job{Employer: d.town.CountyName + pick(r, publicEmployers), Public: true, Insured: true,
			MonthlyFen: yuan(r, 4500, 8500), Since: g.daysAgo(r, 200, 9000)}
	}
	return &Job{Employer: fmt.Sprintf("庆阳%s%s有限公司", pick(r, companyWords), pick(r, companyTrades)), Insured: true,
		MonthlyFen: yuan(r, 2200, 5500), Since: g.daysAgo(r, 200, 5000)}
}

// benefits adds pensions and unemployment benefit.
func (g *generator) benefits(r *rand.Rand, p *person, t *PersonTruth) {
	urban := p.hukou == hedui.HukouUrban
	switch {
	case p.age >= 60 && urban && r.IntN(100) < 55:
		t.Benefits = append(t.Benefits, Flow{Kind: hedui.RecordPension, Name: "企业职工基本养老保险", Payer: "庆阳市社会保险事业管理局",
			AmountFen: yuan(r, 2200, 4200), Every: 1, Since: hedui.DateOf(p.birth.AddDate(60, 0, 0))})
	case p.age >= 60 && r.IntN(100) < 85:
		since := p.birth.AddDate(60, 0, 0)
		if start := time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC); since.Before(start) {
			since = start // the scheme for urban and rural residents began in 2014
		}
		t.Benefits = append(t.Benefits, Flow{Kind: hedui.RecordPension, Name: "城乡居民基本养老保险", Payer: "庆阳市社会保险事业管理局",
			AmountFen: yuan(r, 120, 260), Every: 1, Since: hedui.DateOf(since)})
	case urban && p.age >= 18 && p.age < 60 && t.Job == nil && r.IntN(20) == 0:
		t.Benefits = append(t.Benefits, Flow{Kind: hedui.RecordUnemployment, Name: "失业保险金", Payer: "庆阳市社会保险事业管理局",
			AmountFen: yuan(r, 1500, 1800), Every: 1, Since: g.daysAgo(r, 30, 300)})
	}
}

func (g *generator) farmSubsidies(r *rand.Rand, t *PersonTruth) {
	// Yearly payments, each in its own month of the year.
	if r.IntN(10) < 7 {
		t.Subsidies = append(t.Subsidies, Flow{Kind: hedui.RecordFarmland, Name: "耕地地力保护补贴", Payer: "农业农村局",
			AmountFen: yuan(r, 300, 2000), Every: 12, Since: hedui.DateOf(time.Date(2016, 5, 20, 0, 0, 0, 0, time.UTC))})
	}
	if r.IntN(7) == 0 {
		t.Subsidies = append(t.Subsidies, Flow{Kind: hedui.RecordReforestation, Name: "退耕还林补助", Payer: "林业和草原局",
			AmountFen: yuan(r, 500, 3000), Every: 12, Since: hedui.DateOf(time.Date(2015, 11, 10, 0, 0, 0, 0, time.UTC))})
	}
}

func (g *generator) vehicle(r *rand.Rand, truck bool) Vehicle {
	v := Vehicle{Kind: hedui.RecordCar, Plate: g.serial.nextPlate(), Model: pick(r, carModels),
		FirstRegistered: g.daysAgo(r, 30, 4500), ValueFen: yuan(r, 30000, 150000)}
	if truck {
		v.Kind, v.Model, v.ValueFen = hedui.RecordTruck, pick(r, truckModels), yuan(r, 50000, 200000)
	}
	return v
}

// home draws a registered property: area in hundredths of m², price per
// m² in yuan.
func (g *generator) home(r *rand.Rand, location string, minArea, maxArea, minPrice, maxPrice int) Home {
	area := int64(minArea + r.IntN(maxArea-minArea+1))
	price := int64(minPrice + r.IntN(maxPrice-minPrice+1))
	registered := g.daysAgo(r, 100, 7000)
	return Home{Location: location, AreaM2x100: area, CertNo: g.serial.nextCert(registered.Year()),
		Registered: registered, ValueFen: hedui.Fen(area * price)}
}

func (g *generator) business(r *rand.Rand, d *draft, p *person, company bool) Business {
	if company {
		return Business{Kind: hedui.RecordCompany, Name: fmt.Sprintf("庆阳%s%s有限公司", pick(r, companyWords), pick(r, companyTrades)),
			CreditCode: g.serial.nextCreditCode("91", d.town.County), Role: pick(r, []string{"法定代表人", "股东"}),
			CapitalFen: yuan(r, 100000, 2000000), Founded: g.daysAgo(r, 200, 4000), MonthlyFen: yuan(r, 3000, 20000)}
	}
	return Business{Kind: hedui.RecordIndividual, Name: d.town.Name + p.surname + "记" + pick(r, shopTypes),
		CreditCode: g.serial.nextCreditCode("92", d.town.County), Role: "经营者",
		CapitalFen: yuan(r, 10000, 100000), Founded: g.daysAgo(r, 200, 4000), MonthlyFen: yuan(r, 1500, 5000)}
}

func (g *generator) deposit(r *rand.Rand, balance hedui.Fen) Deposit {
	typ := "活期"
	if r.IntN(10) < 3 {
		typ = "定期"
	}
	return Deposit{Bank: pick(r, banks), Type: typ, Account: g.serial.nextAccount("6228"), BalanceFen: balance}
}

// householdAid gives some households the assistance they already receive:
// many applications are reviews of current recipients.
func (g *generator) householdAid(r *rand.Rand, d *draft) {
	head := &d.truth[0]
	if r.IntN(5) == 0 {
		head.Assistance = append(head.Assistance, Flow{Kind: hedui.RecordDibao, Name: "最低生活保障金", Payer: d.town.CountyName + "民政局",
			AmountFen: yuan(r, 300, 700) * hedui.Fen(len(d.people)), Every: 1, Since: g.daysAgo(r, 200, 2000)})
	}
	if r.IntN(8) == 0 {
		head.Assistance = append(head.Assistance, Flow{Kind: hedui.RecordTemporary, Name: "临时救助金", Payer: d.town.Name + "人民政府",
			AmountFen: yuan(r, 500, 3000), Since: g.daysAgo(r, 35, 170)})
	}
}
