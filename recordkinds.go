package hedui

// Record kinds: the vocabulary of Record.Kind, item by item. Departments
// answer with these (a real department's adapter maps its own codes onto
// them, the simulator in package deptsim uses them directly) and the
// comparison in package rules matches on them, so they are stable names.
//
//	item              kind                  one record is                      AmountFen              other numbers
//	hukou             resident              the person's registration          -                      -
//	                  deceased              a registered death (注销)            -                      PeriodFrom = death date
//	vehicle           car, truck            one registered vehicle             -                      Quantity 1, PeriodFrom = first registration
//	payroll           salary                one month paid from public funds   gross pay of the month PeriodFrom..PeriodTo = the month
//	social_insurance  pension               one month of pension paid          benefit of the month   the month
//	                  unemployment          one month of unemployment benefit  benefit of the month   the month
//	                  contribution          one month of contributions         contribution base      the month (the base is the declared wage)
//	housing           house                 one registered property            -                      AreaM2x100, Quantity 1, PeriodFrom = registration
//	tax               wage_income           one month of withheld wage income  income of the month    the month
//	                  business_income       one month of business income       income of the month    the month
//	business          company, individual   one registration the person holds  capital subscribed     PeriodFrom = founded
//	subsidy           farmland, reforestation, elderly_allowance
//	                                        one payment                        amount paid            the month; a yearly payment, its calendar year
//	bank              deposit               one account                        balance on as_of       -
//	securities        stock, fund, bond     one holding                        market value on as_of  -
//	housing_fund      account               the person's fund account          balance on as_of       -
//	assistance        dibao, temporary, disability_allowance
//	                                        one payment                        amount paid            the month paid
//
// Monthly rows cover the complete months before as_of that the department
// reports (six, in the simulator); a yearly payment appears once. Record
// Fields hold the department's own columns as evidence.
const (
	RecordResident            = "resident"
	RecordDeceased            = "deceased"
	RecordCar                 = "car"
	RecordTruck               = "truck"
	RecordSalary              = "salary"
	RecordPension             = "pension"
	RecordUnemployment        = "unemployment"
	RecordContribution        = "contribution"
	RecordHouse               = "house"
	RecordWageIncome          = "wage_income"
	RecordBusinessIncome      = "business_income"
	RecordCompany             = "company"
	RecordIndividual          = "individual"
	RecordFarmland            = "farmland"
	RecordReforestation       = "reforestation"
	RecordElderlyAllowance    = "elderly_allowance"
	RecordDeposit             = "deposit"
	RecordStock               = "stock"
	RecordFund                = "fund"
	RecordBond                = "bond"
	RecordFundAccount         = "account"
	RecordDibao               = "dibao"
	RecordTemporary           = "temporary"
	RecordDisabilityAllowance = "disability_allowance"
)

// RecordKinds lists the kinds each item may answer with.
var RecordKinds = map[Item][]string{
	ItemHukou:           {RecordResident, RecordDeceased},
	ItemVehicle:         {RecordCar, RecordTruck},
	ItemPayroll:         {RecordSalary},
	ItemSocialInsurance: {RecordPension, RecordUnemployment, RecordContribution},
	ItemHousing:         {RecordHouse},
	ItemTax:             {RecordWageIncome, RecordBusinessIncome},
	ItemBusiness:        {RecordCompany, RecordIndividual},
	ItemSubsidy:         {RecordFarmland, RecordReforestation, RecordElderlyAllowance},
	ItemBank:            {RecordDeposit},
	ItemSecurities:      {RecordStock, RecordFund, RecordBond},
	ItemHousingFund:     {RecordFundAccount},
	ItemAssistance:      {RecordDibao, RecordTemporary, RecordDisabilityAllowance},
}
