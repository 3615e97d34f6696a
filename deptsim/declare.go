package deptsim

import (
	"time"

	"hedui"
)

// incomeCategories says how each kind of payment is declared.
var incomeCategories = map[string]hedui.IncomeCategory{
	hedui.RecordSalary: hedui.IncomeWage, hedui.RecordBusinessIncome: hedui.IncomeBusiness,
	hedui.RecordPension: hedui.IncomePension, hedui.RecordUnemployment: hedui.IncomeTransfer,
	hedui.RecordFarmland: hedui.IncomeTransfer, hedui.RecordReforestation: hedui.IncomeTransfer, hedui.RecordElderlyAllowance: hedui.IncomeTransfer,
	hedui.RecordDibao: hedui.IncomeAssistance, hedui.RecordTemporary: hedui.IncomeAssistance, hedui.RecordDisabilityAllowance: hedui.IncomeAssistance,
}

// declare writes the household's declaration from the truth, leaving out
// or understating what the planted discrepancies say. Incomes cover the
// same complete months before the generation day that a department reports
// (see Flow.lookback), so an honest line equals the sum of the records.
func (g *generator) declare(d *draft) hedui.Declaration {
	var decl hedui.Declaration
	income := func(id string, f Flow) {
		if line, ok := incomeLine(id, f, g.now); ok {
			decl.Incomes = append(decl.Incomes, line)
		}
	}
	asset := func(a hedui.Asset) { decl.Assets = append(decl.Assets, a) }
	for i := range d.people {
		t := &d.truth[i]
		id := t.IDNumber
		if t.Job != nil && !d.hide[hideKey("wage", id)] {
			income(id, t.Job.wage())
		}
		for _, b := range t.Businesses {
			if d.hide[hideKey("business", b.CreditCode)] {
				continue
			}
			income(id, b.income())
			asset(hedui.Asset{IDNumber: id, Kind: hedui.AssetBusiness, Description: b.Name + "（" + b.CreditCode + "）", ValueFen: b.CapitalFen, Quantity: 1})
		}
		for _, flows := range [][]Flow{t.Benefits, t.Subsidies, t.Assistance} {
			for _, f := range flows {
				income(id, f)
			}
		}
		for _, v := range t.Vehicles {
			if !d.hide[hideKey("vehicle", v.Plate)] {
				asset(hedui.Asset{IDNumber: id, Kind: hedui.AssetVehicle, Description: v.Model + " " + v.Plate, ValueFen: v.ValueFen, Quantity: 1})
			}
		}
		for _, h := range t.Homes {
			if !d.hide[hideKey("home", h.CertNo)] {
				asset(hedui.Asset{IDNumber: id, Kind: hedui.AssetHouse, Description: h.Location, ValueFen: h.ValueFen, Quantity: 1, AreaM2x100: h.AreaM2x100})
			}
		}
		for _, dep := range t.Deposits {
			value := dep.BalanceFen
			if pct, ok := d.depositPercent[id]; ok {
				value = understate(value, pct)
			}
			asset(hedui.Asset{IDNumber: id, Kind: hedui.AssetDeposit, Description: dep.Bank + dep.Type, ValueFen: value})
		}
		for _, s := range t.Securities {
			asset(hedui.Asset{IDNumber: id, Kind: hedui.AssetSecurities, Description: s.Broker, ValueFen: s.ValueFen})
		}
		if f := t.HousingFund; f != nil {
			asset(hedui.Asset{IDNumber: id, Kind: hedui.AssetHousingFund, Description: f.Employer, ValueFen: f.BalanceFen})
		}
	}
	if len(decl.Incomes) == 0 && len(decl.Assets) == 0 {
		// The form wants every line filled; a family with nothing says so.
		from, to := lookbackPeriod(g.now, 6)
		decl.Incomes = append(decl.Incomes, hedui.Income{IDNumber: d.people[0].id, Category: hedui.IncomeOther,
			PeriodFrom: from, PeriodTo: to, Note: "无收入"})
	}
	return decl
}

// incomeLine is what a family declares for a flow: the sum of its payments
// over the look-back period. Nothing paid, nothing to declare.
func incomeLine(id string, f Flow, now time.Time) (hedui.Income, bool) {
	months := f.lookback()
	pays := f.payments(now, months)
	if len(pays) == 0 {
		return hedui.Income{}, false
	}
	var sum hedui.Fen
	for _, p := range pays {
		sum += p.amount
	}
	from, to := lookbackPeriod(now, months)
	return hedui.Income{IDNumber: id, Category: incomeCategories[f.Kind], Source: f.Payer,
		PeriodFrom: from, PeriodTo: to, AmountFen: sum, Note: f.Name}, true
}

// lookbackPeriod is the first and last day of the months complete months
// before now's month.
func lookbackPeriod(now time.Time, months int) (hedui.Date, hedui.Date) {
	end := monthStart(now)
	return hedui.Date{Time: end.AddDate(0, -months, 0)}, hedui.Date{Time: end.AddDate(0, 0, -1)}
}
