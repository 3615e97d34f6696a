package deptsim

import (
	"time"

	"hedui"
)

// PersonTruth is what the departments hold about one person: the facts
// the simulated departments answer from, whatever the family declared.
// Tax records are not stored: like a tax office's withholding data they
// follow from Job and Businesses.
type PersonTruth struct {
	Name        string       `json:"name"`
	IDNumber    string       `json:"id_number"`
	Hukou       HukouTruth   `json:"hukou"`
	Vehicles    []Vehicle    `json:"vehicles,omitempty"`
	Job         *Job         `json:"job,omitempty"`
	Benefits    []Flow       `json:"benefits,omitempty"` // pension, unemployment benefit
	Homes       []Home       `json:"homes,omitempty"`
	Businesses  []Business   `json:"businesses,omitempty"`
	Subsidies   []Flow       `json:"subsidies,omitempty"`
	Deposits    []Deposit    `json:"deposits,omitempty"`
	Securities  []Security   `json:"securities,omitempty"`
	HousingFund *HousingFund `json:"housing_fund,omitempty"`
	Assistance  []Flow       `json:"assistance,omitempty"`
}

// HukouTruth is the household register entry.
type HukouTruth struct {
	Type         hedui.HukouType    `json:"type"`
	Address      string             `json:"address"`
	Relationship hedui.Relationship `json:"relationship"`
	Deceased     bool               `json:"deceased,omitempty"`
	DeathDate    hedui.Date         `json:"death_date,omitzero"`
}

// Vehicle is a registered motor vehicle.
type Vehicle struct {
	Kind            string     `json:"kind"` // hedui.RecordCar or hedui.RecordTruck
	Plate           string     `json:"plate"`
	Model           string     `json:"model"`
	FirstRegistered hedui.Date `json:"first_registered"`
	ValueFen        hedui.Fen  `json:"value_fen"` // what the family would declare
}

// Job is paid work. Public jobs are on the payroll (财政供养); insured
// ones show in social insurance and tax withholding; the rest (外出务工,
// day labour) are visible to no department.
type Job struct {
	Employer   string     `json:"employer"`
	Public     bool       `json:"public,omitempty"`
	Insured    bool       `json:"insured,omitempty"`
	MonthlyFen hedui.Fen  `json:"monthly_fen"`
	Since      hedui.Date `json:"since"`
}

// Flow is a regular or one-off payment to the person: a pension, a
// subsidy, an allowance.
type Flow struct {
	Kind      string     `json:"kind"` // a record kind
	Name      string     `json:"name"` // 险种 or 项目名称
	Payer     string     `json:"payer"`
	AmountFen hedui.Fen  `json:"amount_fen"` // per payment
	Every     int        `json:"every"`      // months between payments; 0: paid once, on Since
	Since     hedui.Date `json:"since"`
}

// Home is a registered property.
type Home struct {
	Location   string     `json:"location"`
	AreaM2x100 int64      `json:"area_m2x100"`
	CertNo     string     `json:"cert_no"`
	Registered hedui.Date `json:"registered"`
	ValueFen   hedui.Fen  `json:"value_fen"`
}

// Business is a market-entity registration the person holds a role in.
type Business struct {
	Kind       string     `json:"kind"` // hedui.RecordCompany or hedui.RecordIndividual
	Name       string     `json:"name"`
	CreditCode string     `json:"credit_code"`
	Role       string     `json:"role"` // 法定代表人, 股东, 经营者
	CapitalFen hedui.Fen  `json:"capital_fen"`
	Founded    hedui.Date `json:"founded"`
	MonthlyFen hedui.Fen  `json:"monthly_net_fen"` // net income to the person
}

// Deposit is one bank account.
type Deposit struct {
	Bank       string    `json:"bank"`
	Type       string    `json:"type"` // 活期 or 定期
	Account    string    `json:"account"`
	BalanceFen hedui.Fen `json:"balance_fen"`
}

// Security is one securities holding.
type Security struct {
	Kind     string    `json:"kind"` // hedui.RecordStock, hedui.RecordFund or hedui.RecordBond
	Broker   string    `json:"broker"`
	Account  string    `json:"account"`
	ValueFen hedui.Fen `json:"value_fen"`
}

// HousingFund is a housing provident fund account.
type HousingFund struct {
	Employer   string    `json:"employer"`
	MonthlyFen hedui.Fen `json:"monthly_fen"` // employer and employee together
	BalanceFen hedui.Fen `json:"balance_fen"`
}

// payment is one month's money from a flow.
type payment struct {
	month  time.Time // first day of the month, UTC
	amount hedui.Fen
}

// monthStart is the first day of d's month.
func monthStart(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

func monthsBetween(a, b time.Time) int {
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}

// lookback is how many months of a flow a department reports and a family
// declares: six, or one full cycle of a yearly payment.
func (f Flow) lookback() int { return max(6, f.Every) }

// payments lists the flow's payments in the months months before end's
// month (end's own month, being incomplete, is left out).
func (f Flow) payments(end time.Time, months int) []payment {
	var out []payment
	first := monthStart(f.Since.Time)
	for m := monthStart(end).AddDate(0, -months, 0); m.Before(monthStart(end)); m = m.AddDate(0, 1, 0) {
		n := monthsBetween(first, m)
		if n < 0 || (f.Every == 0 && n != 0) || (f.Every > 0 && n%f.Every != 0) {
			continue
		}
		out = append(out, payment{m, f.AmountFen})
	}
	return out
}

// wage is a job's pay as a flow.
func (j *Job) wage() Flow {
	return Flow{Kind: hedui.RecordSalary, Name: "工资", Payer: j.Employer, AmountFen: j.MonthlyFen, Every: 1, Since: j.Since}
}

// income is a business's net income as a flow.
func (b *Business) income() Flow {
	return Flow{Kind: hedui.RecordBusinessIncome, Name: "经营所得", Payer: b.Name, AmountFen: b.MonthlyFen, Every: 1, Since: b.Founded}
}

// die registers the person's death. Payments stop at death; accounts and
// homes stay until the estate is settled, which is what a department would
// still show.
func (t *PersonTruth) die(on hedui.Date) {
	t.Hukou.Deceased, t.Hukou.DeathDate = true, on
	t.Job, t.Benefits, t.Subsidies, t.Assistance, t.HousingFund, t.Vehicles, t.Businesses = nil, nil, nil, nil, nil, nil, nil
}
