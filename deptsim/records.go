package deptsim

import (
	"time"

	"hedui"
)

// recordMakers answer one item from a person's truth; see hedui.RecordKinds
// for the vocabulary. asOf bounds what a department could know.
var recordMakers = map[hedui.Item]func(t *PersonTruth, asOf time.Time) []hedui.Record{
	hedui.ItemHukou:           hukouRecords,
	hedui.ItemVehicle:         vehicleRecords,
	hedui.ItemPayroll:         payrollRecords,
	hedui.ItemSocialInsurance: socialInsuranceRecords,
	hedui.ItemHousing:         housingRecords,
	hedui.ItemTax:             taxRecords,
	hedui.ItemBusiness:        businessRecords,
	hedui.ItemSubsidy:         func(t *PersonTruth, asOf time.Time) []hedui.Record { return paymentRecords(t.Subsidies, asOf) },
	hedui.ItemBank:            bankRecords,
	hedui.ItemSecurities:      securitiesRecords,
	hedui.ItemHousingFund:     housingFundRecords,
	hedui.ItemAssistance:      func(t *PersonTruth, asOf time.Time) []hedui.Record { return paymentRecords(t.Assistance, asOf) },
}

// Records is what the department holding item would return about the
// person on asOf; none means 查无记录.
func (t *PersonTruth) Records(item hedui.Item, asOf hedui.Date) []hedui.Record {
	if f, ok := recordMakers[item]; ok {
		return f(t, asOf.Time)
	}
	return nil
}

func day(d time.Time) hedui.Date { return hedui.DateOf(d) }

// monthPeriod is the first and last day of a month.
func monthPeriod(m time.Time) (hedui.Date, hedui.Date) {
	return day(m), day(m.AddDate(0, 1, -1))
}

// flowRows turns a flow's payments before asOf into monthly rows; a yearly
// payment covers its calendar year.
func flowRows(f Flow, kind string, asOf time.Time, fields func(p payment) map[string]string) []hedui.Record {
	ps := f.payments(asOf, f.lookback())
	if len(ps) == 0 {
		return nil // no rows is 查无记录, null on the wire, as before
	}
	out := make([]hedui.Record, 0, len(ps))
	for _, p := range ps {
		from, to := monthPeriod(p.month)
		if f.Every > 1 {
			from, to = day(time.Date(p.month.Year(), 1, 1, 0, 0, 0, 0, time.UTC)), day(time.Date(p.month.Year(), 12, 31, 0, 0, 0, 0, time.UTC))
		}
		out = append(out, hedui.Record{Kind: kind, AmountFen: p.amount, PeriodFrom: from, PeriodTo: to,
			Description: f.Name, Fields: fields(p)})
	}
	return out
}

func hukouRecords(t *PersonTruth, asOf time.Time) []hedui.Record {
	h := t.Hukou
	rec := hedui.Record{Kind: hedui.RecordResident, Description: "户籍正常", Fields: map[string]string{
		FieldName: t.Name, FieldIDNumber: t.IDNumber, FieldHukouAddress: h.Address,
		FieldHukouType: h.Type.Label(), FieldRelationship: h.Relationship.Label(), FieldStatus: "正常",
	}}
	if h.Deceased && !h.DeathDate.After(asOf) {
		rec.Kind, rec.Description, rec.PeriodFrom = hedui.RecordDeceased, "死亡注销", h.DeathDate
		rec.Fields[FieldStatus], rec.Fields[FieldDeathDate] = "死亡", h.DeathDate.String()
	}
	return []hedui.Record{rec}
}

func vehicleRecords(t *PersonTruth, asOf time.Time) []hedui.Record {
	var out []hedui.Record
	for _, v := range t.Vehicles {
		if v.FirstRegistered.After(asOf) {
			continue
		}
		plateType, vehicleType, use := "小型汽车", "小型普通客车", "非营运"
		if v.Kind == hedui.RecordTruck {
			plateType, vehicleType, use = "大型汽车", "重型普通货车", "货运"
		}
		out = append(out, hedui.Record{Kind: v.Kind, Quantity: 1, PeriodFrom: v.FirstRegistered, Description: v.Plate + " " + v.Model,
			Fields: map[string]string{
				FieldPlate: v.Plate, FieldPlateType: plateType, FieldModel: v.Model, FieldVehicleType: vehicleType,
				FieldUse: use, FieldFirstRegistered: v.FirstRegistered.String(), FieldVehicleStatus: "正常",
			}})
	}
	return out
}

func payrollRecords(t *PersonTruth, asOf time.Time) []hedui.Record {
	if t.Job == nil || !t.Job.Public {
		return nil
	}
	j := t.Job
	return flowRows(j.wage(), hedui.RecordSalary, asOf, func(p payment) map[string]string {
		return map[string]string{FieldEmployer: j.Employer, FieldMonth: monthText(p.month), FieldGrossPay: yuanText(p.amount),
			FieldNetPay: yuanText(p.amount * 78 / 100), FieldStaffType: "在编"}
	})
}

func socialInsuranceRecords(t *PersonTruth, asOf time.Time) []hedui.Record {
	var out []hedui.Record
	for _, f := range t.Benefits {
		out = append(out, flowRows(f, f.Kind, asOf, func(p payment) map[string]string {
			return map[string]string{FieldScheme: f.Name, FieldMonth: monthText(p.month), FieldBenefit: yuanText(p.amount),
				FieldBenefitStart: f.Since.String(), FieldPayer: f.Payer}
		})...)
	}
	if j := t.Job; j != nil && j.Insured {
		scheme := "企业职工基本养老保险"
		if j.Public {
			scheme = "机关事业单位基本养老保险"
		}
		// The contribution base is the wage: this is how a private salary
		// shows up without a payroll.
		out = append(out, flowRows(j.wage(), hedui.RecordContribution, asOf, func(p payment) map[string]string {
			return map[string]string{FieldEmployer: j.Employer, FieldScheme: scheme, FieldMonth: monthText(p.month),
				FieldContributorBase: yuanText(p.amount), FieldPersonalPart: yuanText(p.amount * 8 / 100),
				FieldEmployerPart: yuanText(p.amount * 16 / 100)}
		})...)
	}
	return out
}

func housingRecords(t *PersonTruth, asOf time.Time) []hedui.Record {
	var out []hedui.Record
	for _, h := range t.Homes {
		if h.Registered.After(asOf) {
			continue
		}
		out = append(out, hedui.Record{Kind: hedui.RecordHouse, Quantity: 1, AreaM2x100: h.AreaM2x100, PeriodFrom: h.Registered,
			Description: h.Location, Fields: map[string]string{
				FieldLocation: h.Location, FieldArea: areaText(h.AreaM2x100), FieldPlannedUse: "住宅",
				FieldCertNo: h.CertNo, FieldRegistered: h.Registered.String(), FieldOwnership: "单独所有",
			}})
	}
	return out
}

// withheldTax is a rough monthly individual income tax: 3% above the
// 5 000-yuan threshold, the first bracket, where these families are.
func withheldTax(monthly hedui.Fen) hedui.Fen { return max(0, monthly-500000) * 3 / 100 }

func taxRecords(t *PersonTruth, asOf time.Time) []hedui.Record {
	var out []hedui.Record
	if j := t.Job; j != nil && j.Insured {
		out = append(out, flowRows(j.wage(), hedui.RecordWageIncome, asOf, func(p payment) map[string]string {
			return map[string]string{FieldIncomeItem: "工资薪金所得", FieldMonth: monthText(p.month), FieldIncome: yuanText(p.amount),
				FieldTaxPaid: yuanText(withheldTax(p.amount)), FieldWithholder: j.Employer}
		})...)
	}
	for _, b := range t.Businesses {
		if b.Kind != hedui.RecordIndividual {
			continue // a company's profit is taxed in the company's name
		}
		out = append(out, flowRows(b.income(), hedui.RecordBusinessIncome, asOf, func(p payment) map[string]string {
			return map[string]string{FieldIncomeItem: "经营所得", FieldMonth: monthText(p.month), FieldIncome: yuanText(p.amount),
				FieldTaxPaid: yuanText(p.amount / 100), FieldWithholder: "纳税人自行申报"}
		})...)
	}
	return out
}

func businessRecords(t *PersonTruth, asOf time.Time) []hedui.Record {
	var out []hedui.Record
	for _, b := range t.Businesses {
		if b.Founded.After(asOf) {
			continue
		}
		typ := "有限责任公司（自然人投资或控股）"
		if b.Kind == hedui.RecordIndividual {
			typ = "个体工商户"
		}
		out = append(out, hedui.Record{Kind: b.Kind, AmountFen: b.CapitalFen, PeriodFrom: b.Founded, Description: b.Name,
			Fields: map[string]string{
				FieldCreditCode: b.CreditCode, FieldEntityName: b.Name, FieldEntityType: typ, FieldRegStatus: "存续",
				FieldCapital: yuanText(b.CapitalFen), FieldFounded: b.Founded.String(), FieldRole: b.Role,
			}})
	}
	return out
}

// paymentRecords answers subsidies and assistance: one row per payment.
func paymentRecords(flows []Flow, asOf time.Time) []hedui.Record {
	var out []hedui.Record
	for _, f := range flows {
		out = append(out, flowRows(f, f.Kind, asOf, func(p payment) map[string]string {
			return map[string]string{FieldProgramme: f.Name, FieldAmount: yuanText(p.amount),
				FieldPaidOn: p.month.AddDate(0, 0, 14).Format(time.DateOnly), FieldPayer: f.Payer}
		})...)
	}
	return out
}

func bankRecords(t *PersonTruth, _ time.Time) []hedui.Record {
	var out []hedui.Record
	for _, d := range t.Deposits {
		out = append(out, hedui.Record{Kind: hedui.RecordDeposit, AmountFen: d.BalanceFen, Description: d.Bank + d.Type,
			Fields: map[string]string{FieldBank: d.Bank, FieldAccountType: d.Type, FieldAccountNo: d.Account,
				FieldBalance: yuanText(d.BalanceFen), FieldCurrency: "人民币"}})
	}
	return out
}

var securityClasses = map[string]string{hedui.RecordStock: "股票", hedui.RecordFund: "基金", hedui.RecordBond: "债券"}

func securitiesRecords(t *PersonTruth, _ time.Time) []hedui.Record {
	var out []hedui.Record
	for _, s := range t.Securities {
		out = append(out, hedui.Record{Kind: s.Kind, AmountFen: s.ValueFen, Description: s.Broker,
			Fields: map[string]string{FieldBroker: s.Broker, FieldAccountNo: s.Account,
				FieldSecurityClass: securityClasses[s.Kind], FieldMarketValue: yuanText(s.ValueFen)}})
	}
	return out
}

func housingFundRecords(t *PersonTruth, _ time.Time) []hedui.Record {
	f := t.HousingFund
	if f == nil {
		return nil
	}
	return []hedui.Record{{Kind: hedui.RecordFundAccount, AmountFen: f.BalanceFen, Description: f.Employer,
		Fields: map[string]string{FieldFundEmployer: f.Employer, FieldFundStatus: "正常缴存",
			FieldMonthlyDeposit: yuanText(f.MonthlyFen), FieldBalance: yuanText(f.BalanceFen)}}}
}
