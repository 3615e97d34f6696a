package rules

import "hedui"

// subject is what one comparison row is about: the member's registration,
// an income category or an asset kind. Row order follows this list.
type subject uint8

const (
	subHukou subject = iota
	subWage
	subBusinessIncome
	subPension
	subTransfer
	subAssistance
	subProperty
	subOther
	subCompensation
	subFamilyPlan
	subScholarship
	subReward
	subDeposit
	subSecurities
	subWealth
	subHousingFund
	subLoan
	subVehicle
	subHouse
	subBusiness
	subOtherAsset
	numSubjects
)

// subjectInfo says what a subject is and which items answer it. A subject
// with no source item is never verified: declared lines are 未核查.
type subjectInfo struct {
	category hedui.IncomeCategory
	asset    hedui.AssetKind
	sources  []hedui.Item
	counts   bool // compared by count (vehicles, homes, registrations), not by amount
}

var subjects = [numSubjects]subjectInfo{
	subHukou:          {sources: []hedui.Item{hedui.ItemHukou}},
	subWage:           {category: hedui.IncomeWage, sources: []hedui.Item{hedui.ItemPayroll, hedui.ItemTax}},
	subBusinessIncome: {category: hedui.IncomeBusiness, sources: []hedui.Item{hedui.ItemTax}},
	subPension:        {category: hedui.IncomePension, sources: []hedui.Item{hedui.ItemSocialInsurance}},
	subTransfer:       {category: hedui.IncomeTransfer, sources: []hedui.Item{hedui.ItemSocialInsurance, hedui.ItemSubsidy}},
	subAssistance:     {category: hedui.IncomeAssistance, sources: []hedui.Item{hedui.ItemAssistance}},
	subProperty:       {category: hedui.IncomeProperty},
	subOther:          {category: hedui.IncomeOther},
	subCompensation:   {category: hedui.IncomeCompensation},
	subFamilyPlan:     {category: hedui.IncomeFamilyPlan},
	subScholarship:    {category: hedui.IncomeScholarship},
	subReward:         {category: hedui.IncomeReward},
	subDeposit:        {asset: hedui.AssetDeposit, sources: []hedui.Item{hedui.ItemBank}},
	subSecurities:     {asset: hedui.AssetSecurities, sources: []hedui.Item{hedui.ItemSecurities}},
	subWealth:         {asset: hedui.AssetWealth},
	subHousingFund:    {asset: hedui.AssetHousingFund, sources: []hedui.Item{hedui.ItemHousingFund}},
	subLoan:           {asset: hedui.AssetLoan},
	subVehicle:        {asset: hedui.AssetVehicle, sources: []hedui.Item{hedui.ItemVehicle}, counts: true},
	subHouse:          {asset: hedui.AssetHouse, sources: []hedui.Item{hedui.ItemHousing}, counts: true},
	subBusiness:       {asset: hedui.AssetBusiness, sources: []hedui.Item{hedui.ItemBusiness}, counts: true},
	subOtherAsset:     {asset: hedui.AssetOther},
}

func (s subject) income() bool { return s >= subWage && s <= subReward }
func (s subject) asset() bool  { return s >= subDeposit }

// labels are the rows' Chinese names.
var labels = func() (out [numSubjects]string) {
	for s, i := range subjects {
		switch {
		case subject(s) == subHukou:
			out[s] = "户籍状态"
		case i.category != "":
			out[s] = i.category.Label()
		default:
			out[s] = i.asset.Label()
		}
	}
	return out
}()

func (s subject) label() string { return labels[s] }

// item is the row's item: its first source, or none.
func (s subject) item() hedui.Item {
	if src := subjects[s].sources; len(src) > 0 {
		return src[0]
	}
	return ""
}

func incomeSubject(c hedui.IncomeCategory) (subject, bool) {
	for s := subWage; s <= subReward; s++ {
		if subjects[s].category == c {
			return s, true
		}
	}
	return 0, false
}

func assetSubject(k hedui.AssetKind) (subject, bool) {
	for s := subDeposit; s < numSubjects; s++ {
		if subjects[s].asset == k {
			return s, true
		}
	}
	return 0, false
}

// The twelve items, as array indexes.
const numItems = 12

func itemIndex(i hedui.Item) int {
	switch i {
	case hedui.ItemHukou:
		return 0
	case hedui.ItemVehicle:
		return 1
	case hedui.ItemPayroll:
		return 2
	case hedui.ItemSocialInsurance:
		return 3
	case hedui.ItemHousing:
		return 4
	case hedui.ItemTax:
		return 5
	case hedui.ItemBusiness:
		return 6
	case hedui.ItemSubsidy:
		return 7
	case hedui.ItemBank:
		return 8
	case hedui.ItemSecurities:
		return 9
	case hedui.ItemHousingFund:
		return 10
	case hedui.ItemAssistance:
		return 11
	}
	return -1
}

// What a record adds to. A record of a kind not listed here is counted
// as unknown: the answer is still an answer, but a person must look.
type use uint8

const (
	useUnknown  use = iota
	useIgnore       // evidence only (a contribution base, a resident registration)
	useDeceased     // a registered death
	useSalary       // wage from the payroll: also marks a member paid from public funds
	useTaxWage      // wage from tax withholding
	useIncome       // a flow of the subject's income category
	useAmount       // a balance or value of the subject's asset kind
	useCount        // one vehicle, home or registration
)

// numFlows is the number of monthly series kept per member (see flow).
const numFlows = 6

// flowSubjects is the income subject of each monthly series.
var flowSubjects = [numFlows]subject{subWage, subWage, subBusinessIncome, subPension, subTransfer, subAssistance}

// recordUse maps a record of an item to its subject and use. The mapping
// is explicit, kind by kind (see hedui.RecordKinds):
//
//	payroll salary, tax wage_income                  → wage (the larger of the two sources, month by month)
//	tax business_income                              → business income
//	social_insurance pension                         → pension
//	social_insurance unemployment, subsidy *         → transfer income
//	social_insurance contribution                    → evidence only
//	assistance *                                     → assistance (excluded by policy)
//	bank deposit                                     → deposits
//	securities stock, fund, bond                     → securities
//	housing_fund account                             → housing fund
//	vehicle car, truck                               → vehicles (count)
//	housing house                                    → homes (count, area)
//	business company, individual                     → registered businesses (count)
//	hukou resident / deceased                        → the member's status
func recordUse(item hedui.Item, kind string) (subject, use) {
	switch item {
	case hedui.ItemHukou:
		switch kind {
		case hedui.RecordResident:
			return subHukou, useIgnore
		case hedui.RecordDeceased:
			return subHukou, useDeceased
		}
	case hedui.ItemPayroll:
		if kind == hedui.RecordSalary {
			return subWage, useSalary
		}
	case hedui.ItemTax:
		switch kind {
		case hedui.RecordWageIncome:
			return subWage, useTaxWage
		case hedui.RecordBusinessIncome:
			return subBusinessIncome, useIncome
		}
	case hedui.ItemSocialInsurance:
		switch kind {
		case hedui.RecordPension:
			return subPension, useIncome
		case hedui.RecordUnemployment:
			return subTransfer, useIncome
		case hedui.RecordContribution:
			return subWage, useIgnore
		}
	case hedui.ItemSubsidy:
		switch kind {
		case hedui.RecordFarmland, hedui.RecordReforestation, hedui.RecordElderlyAllowance:
			return subTransfer, useIncome
		}
	case hedui.ItemAssistance:
		switch kind {
		case hedui.RecordDibao, hedui.RecordTemporary, hedui.RecordDisabilityAllowance:
			return subAssistance, useIncome
		}
	case hedui.ItemBank:
		if kind == hedui.RecordDeposit {
			return subDeposit, useAmount
		}
	case hedui.ItemSecurities:
		switch kind {
		case hedui.RecordStock, hedui.RecordFund, hedui.RecordBond:
			return subSecurities, useAmount
		}
	case hedui.ItemHousingFund:
		if kind == hedui.RecordFundAccount {
			return subHousingFund, useAmount
		}
	case hedui.ItemVehicle:
		switch kind {
		case hedui.RecordCar, hedui.RecordTruck:
			return subVehicle, useCount
		}
	case hedui.ItemHousing:
		if kind == hedui.RecordHouse {
			return subHouse, useCount
		}
	case hedui.ItemBusiness:
		switch kind {
		case hedui.RecordCompany, hedui.RecordIndividual:
			return subBusiness, useCount
		}
	}
	return 0, useUnknown
}

// flow is the monthly series a found income record adds to: wage by its
// two sources, then the other sourced income categories.
func flow(s subject, u use) int {
	switch {
	case u == useSalary:
		return 0
	case u == useTaxWage:
		return 1
	case s == subBusinessIncome:
		return 2
	case s == subPension:
		return 3
	case s == subTransfer:
		return 4
	default: // subAssistance
		return 5
	}
}
