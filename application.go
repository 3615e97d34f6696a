package hedui

import "time"

// AppKind is the kind of verification an application asks for.
type AppKind string

const (
	KindNew         AppKind = "new"          // 新申请核对
	KindPeriodic    AppKind = "periodic"     // 定期复核
	KindSpotCheck   AppKind = "spot_check"   // 专项/抽查核对
	KindCrossRegion AppKind = "cross_region" // 跨区域协查
	KindObjection   AppKind = "objection"    // 异议复查
)

var appKindLabels = map[AppKind]string{
	KindNew: "新申请核对", KindPeriodic: "定期复核", KindSpotCheck: "专项抽查核对",
	KindCrossRegion: "跨区域协查", KindObjection: "异议复查",
}

// Valid reports whether k is known.
func (k AppKind) Valid() bool { _, ok := appKindLabels[k]; return ok }

// Label is the Chinese name.
func (k AppKind) Label() string {
	if s, ok := appKindLabels[k]; ok {
		return s
	}
	return string(k)
}

// AssistanceType is a social-assistance programme the family applies for.
type AssistanceType string

const (
	AidDibao      AssistanceType = "dibao"      // 最低生活保障
	AidTekun      AssistanceType = "tekun"      // 特困人员供养
	AidMedical    AssistanceType = "medical"    // 医疗救助
	AidTemporary  AssistanceType = "temporary"  // 临时救助
	AidDisaster   AssistanceType = "disaster"   // 受灾人员救助
	AidHousing    AssistanceType = "housing"    // 住房救助
	AidEducation  AssistanceType = "education"  // 教育救助
	AidEmployment AssistanceType = "employment" // 就业救助
	AidLowIncome  AssistanceType = "low_income" // 低保边缘/低收入家庭认定
)

var aidLabels = map[AssistanceType]string{
	AidDibao: "最低生活保障", AidTekun: "特困人员供养", AidMedical: "医疗救助",
	AidTemporary: "临时救助", AidDisaster: "受灾人员救助", AidHousing: "住房救助",
	AidEducation: "教育救助", AidEmployment: "就业救助", AidLowIncome: "低收入家庭认定",
}

// Valid reports whether t is known.
func (t AssistanceType) Valid() bool { _, ok := aidLabels[t]; return ok }

// Label is the Chinese name.
func (t AssistanceType) Label() string {
	if s, ok := aidLabels[t]; ok {
		return s
	}
	return string(t)
}

// Application is one verification case (核对业务) for one household.
type Application struct {
	ID          int64            `json:"id"`
	Number      string           `json:"number"`
	Kind        AppKind          `json:"kind"`
	Aid         []AssistanceType `json:"assistance_types"`
	Status      Status           `json:"status"`
	Region      Region           `json:"region"`
	Household   Household        `json:"household"`
	Members     []Member         `json:"members"`
	Declaration Declaration      `json:"declaration"`
	Letters     []Letter         `json:"letters"`
	History     []Transition     `json:"history"`
	CreatedBy   string           `json:"created_by"`
	CreatedAt   time.Time        `json:"created_at"`
	UpdatedAt   time.Time        `json:"updated_at"`
	Version     int64            `json:"version"`
}

// ActiveLetter returns the household's active letter, or nil.
func (a *Application) ActiveLetter() *Letter {
	for i := range a.Letters {
		if a.Letters[i].Status == LetterActive {
			return &a.Letters[i]
		}
	}
	return nil
}

// Summary is an application as lists show it: names and ID numbers masked.
type Summary struct {
	ID           int64            `json:"id"`
	Number       string           `json:"number"`
	Kind         AppKind          `json:"kind"`
	Aid          []AssistanceType `json:"assistance_types"`
	Status       Status           `json:"status"`
	Region       Region           `json:"region"`
	HeadName     string           `json:"head_name_masked"`
	HeadIDNumber string           `json:"head_id_number_masked"`
	MemberCount  int              `json:"member_count"`
	CreatedBy    string           `json:"created_by"`
	CreatedAt    time.Time        `json:"created_at"`
	UpdatedAt    time.Time        `json:"updated_at"`
}

// NewApplication is the input to register an application. Either
// HouseholdID names an existing household in the clerk's township, or
// Household and Members describe a new one.
type NewApplication struct {
	Kind           AppKind          `json:"kind"`
	Aid            []AssistanceType `json:"assistance_types"`
	HouseholdID    int64            `json:"household_id,omitempty"`
	Household      *NewHousehold    `json:"household,omitempty"`
	Members        []NewMember      `json:"members"`
	Declaration    *Declaration     `json:"declaration,omitempty"`
	IdempotencyKey string           `json:"-"`
}

// NewHousehold describes a new household. The township defaults to the
// clerk's own.
type NewHousehold struct {
	Township string    `json:"township_code"`
	Address  string    `json:"address"`
	Hukou    HukouType `json:"hukou_type"`
}

// Filter selects applications for a list. Zero fields do not filter.
type Filter struct {
	Status   []Status
	Kind     AppKind
	Township string
	IDNumber string // finds the applications of one person through the blind index
	Batch    int64  // the cases of one quarterly escalation batch
	Limit    int
	Offset   int
}

// Page is one page of a list with the total that matched.
type Page[T any] struct {
	Items  []T `json:"items"`
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

// Transition is one recorded change of status.
type Transition struct {
	From    Status    `json:"from"`
	To      Status    `json:"to"`
	Action  Action    `json:"action"`
	By      string    `json:"by"`
	Role    Role      `json:"role"`
	At      time.Time `json:"at"`
	Comment string    `json:"comment,omitempty"`
}
