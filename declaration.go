package hedui

// IncomeCategory is a kind of declared or found income. The five counted
// categories follow the 2021 national rules; the others are listed so they
// can be declared and then excluded by policy.
type IncomeCategory string

const (
	IncomeWage         IncomeCategory = "wage"         // 工资性收入
	IncomeBusiness     IncomeCategory = "business"     // 经营净收入
	IncomeProperty     IncomeCategory = "property"     // 财产净收入
	IncomeTransfer     IncomeCategory = "transfer"     // 转移净收入 (pensions, alimony, support)
	IncomeOther        IncomeCategory = "other"        // 其他收入
	IncomePension      IncomeCategory = "pension"      // 养老金
	IncomeCompensation IncomeCategory = "compensation" // 优待抚恤金
	IncomeFamilyPlan   IncomeCategory = "family_plan"  // 计划生育奖励扶助金
	IncomeScholarship  IncomeCategory = "scholarship"  // 奖学金/助学金
	IncomeReward       IncomeCategory = "reward"       // 见义勇为等奖励
	IncomeAssistance   IncomeCategory = "assistance"   // 政府救助金
)

var incomeLabels = map[IncomeCategory]string{
	IncomeWage: "工资性收入", IncomeBusiness: "经营净收入", IncomeProperty: "财产净收入",
	IncomeTransfer: "转移净收入", IncomeOther: "其他收入", IncomePension: "养老金",
	IncomeCompensation: "优待抚恤金", IncomeFamilyPlan: "计划生育奖励扶助金",
	IncomeScholarship: "奖学金/助学金", IncomeReward: "见义勇为等奖励", IncomeAssistance: "政府救助金",
}

// Valid reports whether c is known.
func (c IncomeCategory) Valid() bool { _, ok := incomeLabels[c]; return ok }

// Label is the Chinese name.
func (c IncomeCategory) Label() string {
	if s, ok := incomeLabels[c]; ok {
		return s
	}
	return string(c)
}

// AssetKind is a kind of declared or found property.
type AssetKind string

const (
	AssetDeposit     AssetKind = "deposit"      // 银行存款
	AssetSecurities  AssetKind = "securities"   // 有价证券
	AssetWealth      AssetKind = "wealth"       // 理财产品
	AssetVehicle     AssetKind = "vehicle"      // 机动车辆
	AssetHouse       AssetKind = "house"        // 房产
	AssetBusiness    AssetKind = "business"     // 工商登记/经营实体
	AssetHousingFund AssetKind = "housing_fund" // 住房公积金
	AssetLoan        AssetKind = "loan"         // 贷款 (a liability)
	AssetOther       AssetKind = "other"        // 其他
)

var assetLabels = map[AssetKind]string{
	AssetDeposit: "银行存款", AssetSecurities: "有价证券", AssetWealth: "理财产品",
	AssetVehicle: "机动车辆", AssetHouse: "房产", AssetBusiness: "工商登记",
	AssetHousingFund: "住房公积金", AssetLoan: "贷款", AssetOther: "其他财产",
}

// Valid reports whether k is known.
func (k AssetKind) Valid() bool { _, ok := assetLabels[k]; return ok }

// Label is the Chinese name.
func (k AssetKind) Label() string {
	if s, ok := assetLabels[k]; ok {
		return s
	}
	return string(k)
}

// Fen is an amount of money in 分 (hundredths of a yuan). Money is never a
// float anywhere in hedui.
type Fen int64

// Income is one declared income line. MemberIndex refers to the member by
// position in the application's member list on input; MemberID is set once
// stored. Months is the number of months the amount covers.
type Income struct {
	ID         int64          `json:"id,omitempty"`
	MemberID   int64          `json:"member_id,omitempty"`
	IDNumber   string         `json:"id_number,omitempty"` // input: which member; output: omitted
	Category   IncomeCategory `json:"category"`
	Source     string         `json:"source,omitempty"` // employer, business or payer
	PeriodFrom Date           `json:"period_from"`
	PeriodTo   Date           `json:"period_to"`
	AmountFen  Fen            `json:"amount_fen"`
	Note       string         `json:"note,omitempty"`
}

// Asset is one declared property line. Quantity is a count (vehicles,
// homes); AreaM2x100 is floor area in hundredths of a square metre.
type Asset struct {
	ID          int64     `json:"id,omitempty"`
	MemberID    int64     `json:"member_id,omitempty"`
	IDNumber    string    `json:"id_number,omitempty"`
	Kind        AssetKind `json:"kind"`
	Description string    `json:"description,omitempty"`
	ValueFen    Fen       `json:"value_fen"`
	Quantity    int       `json:"quantity,omitempty"`
	AreaM2x100  int64     `json:"area_m2x100,omitempty"`
}

// Declaration is what the family declared (诚信申报).
type Declaration struct {
	Incomes []Income `json:"incomes"`
	Assets  []Asset  `json:"assets"`
}
