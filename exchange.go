package hedui

import "time"

// Item is a kind of fact a department holds about a person (seed §三).
// The list is extensible: a department may provide an item added later.
type Item string

const (
	ItemHukou           Item = "hukou"            // 户籍 (household register, deaths)
	ItemVehicle         Item = "vehicle"          // 机动车辆
	ItemPayroll         Item = "payroll"          // 财政供养人员
	ItemSocialInsurance Item = "social_insurance" // 社保参保、缴费、待遇
	ItemHousing         Item = "housing"          // 住房/不动产
	ItemTax             Item = "tax"              // 纳税
	ItemBusiness        Item = "business"         // 工商注册、生产经营
	ItemSubsidy         Item = "subsidy"          // 国家补贴
	ItemBank            Item = "bank"             // 银行存贷款、金融资产
	ItemSecurities      Item = "securities"       // 有价证券
	ItemHousingFund     Item = "housing_fund"     // 住房公积金
	ItemAssistance      Item = "assistance"       // 各类救助
)

// Items lists the twelve items of the seed plan in its order.
var Items = []Item{ItemHukou, ItemVehicle, ItemPayroll, ItemSocialInsurance, ItemHousing, ItemTax,
	ItemBusiness, ItemSubsidy, ItemBank, ItemSecurities, ItemHousingFund, ItemAssistance}

var itemLabels = map[Item]string{
	ItemHukou: "户籍信息", ItemVehicle: "机动车辆", ItemPayroll: "财政供养人员", ItemSocialInsurance: "社会保险",
	ItemHousing: "住房不动产", ItemTax: "纳税信息", ItemBusiness: "工商登记", ItemSubsidy: "国家补贴",
	ItemBank: "银行存贷款", ItemSecurities: "有价证券", ItemHousingFund: "住房公积金", ItemAssistance: "各类救助",
}

// Valid reports whether i is a known item.
func (i Item) Valid() bool { _, ok := itemLabels[i]; return ok }

// Label is the Chinese name.
func (i Item) Label() string {
	if s, ok := itemLabels[i]; ok {
		return s
	}
	return string(i)
}

// Channel is how a department exchanges queries and answers.
type Channel string

const (
	ChannelOnline    Channel = "online"    // HTTP JSON interface, real time
	ChannelBatchFile Channel = "batch"     // files through the front-end exchange machine (前置机)
	ChannelManual    Channel = "manual"    // a liaison answers in the portal
	ChannelSimulator Channel = "simulator" // in-process simulated department (demo, tests)
)

var channelLabels = map[Channel]string{
	ChannelOnline: "在线接口", ChannelBatchFile: "批量文件（前置机）", ChannelManual: "联络员手工反馈", ChannelSimulator: "模拟部门",
}

// Valid reports whether c is known.
func (c Channel) Valid() bool { _, ok := channelLabels[c]; return ok }

// Label is the Chinese name.
func (c Channel) Label() string {
	if s, ok := channelLabels[c]; ok {
		return s
	}
	return string(c)
}

// DefaultReplyDays is the plan's deadline: answers within 7 working days.
const DefaultReplyDays = 7

// Agreement is the information-sharing agreement (信息共享协议) with a
// department.
type Agreement struct {
	Number     string `json:"number"`
	SignedOn   Date   `json:"signed_on"`
	ValidFrom  Date   `json:"valid_from"`
	ValidUntil Date   `json:"valid_until"` // zero: open-ended
}

// ActiveOn reports whether the agreement is in force on day.
func (a Agreement) ActiveOn(day Date) bool {
	if a.Number == "" || a.ValidFrom.IsZero() || day.Before(a.ValidFrom.Time) {
		return false
	}
	return a.ValidUntil.IsZero() || !day.After(a.ValidUntil.Time)
}

// Department is a member unit that provides facts.
type Department struct {
	ID        int64     `json:"id"`
	Code      string    `json:"code"` // stable short code, e.g. 621002-police
	Name      string    `json:"name"`
	Level     Level     `json:"level"` // city or county
	Division  string    `json:"division_code"`
	OrgID     int64     `json:"org_id"` // the organisation its liaisons belong to
	Items     []Item    `json:"items"`
	Channel   Channel   `json:"channel"`
	ReplyDays int       `json:"reply_days"`
	Agreement Agreement `json:"agreement"`
	Endpoint  string    `json:"endpoint,omitempty"` // online channel URL
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"created_at"`
}

// QueryStatus is where a query to one department stands.
type QueryStatus string

const (
	QueryPending  QueryStatus = "pending"  // created, waiting in the outbox
	QuerySent     QueryStatus = "sent"     // delivered; waiting for answers
	QueryAnswered QueryStatus = "answered" // every subject × item answered
	QueryFailed   QueryStatus = "failed"   // cannot be delivered; needs attention
)

var queryStatusLabels = map[QueryStatus]string{
	QueryPending: "待发送", QuerySent: "待反馈", QueryAnswered: "已反馈", QueryFailed: "发送失败",
}

// Label is the Chinese name.
func (s QueryStatus) Label() string {
	if l, ok := queryStatusLabels[s]; ok {
		return l
	}
	return string(s)
}

// Open reports whether the department still owes answers.
func (s QueryStatus) Open() bool { return s == QueryPending || s == QuerySent }

// Subject is one person in a query: only what the department needs.
// Ref is stable ("<query id>-<n>") and echoed back in answers, so the centre
// never has to match on ID numbers coming back from outside.
type Subject struct {
	Ref      string `json:"ref"`
	MemberID int64  `json:"-"`
	Name     string `json:"name"`
	IDNumber string `json:"id_number"`
}

// Exclusion is a member who was not sent, and why.
type Exclusion struct {
	MemberID int64  `json:"member_id"`
	Name     string `json:"name_masked"`
	Reason   string `json:"reason"`
}

// Query is what the centre asks one department about one application.
// ID is stable across re-sends; departments echo it back.
type Query struct {
	ID            string      `json:"id"`
	ApplicationID int64       `json:"application_id"`
	DepartmentID  int64       `json:"department_id"`
	Department    string      `json:"department_name"`
	Items         []Item      `json:"items"`
	Status        QueryStatus `json:"status"`
	Subjects      []Subject   `json:"subjects"`
	CreatedAt     time.Time   `json:"created_at"`
	SentAt        time.Time   `json:"sent_at"`
	DueOn         Date        `json:"due_on"`
	AnsweredAt    time.Time   `json:"answered_at"`
	Attempts      int         `json:"attempts"`
	LastError     string      `json:"last_error,omitempty"`
	RemindedAt    time.Time   `json:"reminded_at"`
}

// Overdue reports whether the query is open past its due date on day.
func (q *Query) Overdue(day Date) bool {
	return q.Status.Open() && !q.DueOn.IsZero() && day.After(q.DueOn.Time)
}

// Record is one fact a department returns for one subject and item: a bank
// account, a vehicle, a month of salary. Amounts are in fen; Fields keeps
// the department's own columns as evidence.
type Record struct {
	Kind        string            `json:"kind"` // e.g. deposit, salary, vehicle, house, company
	AmountFen   Fen               `json:"amount_fen,omitempty"`
	Quantity    int               `json:"quantity,omitempty"`
	AreaM2x100  int64             `json:"area_m2x100,omitempty"`
	PeriodFrom  Date              `json:"period_from"`
	PeriodTo    Date              `json:"period_to"`
	Description string            `json:"description,omitempty"`
	Fields      map[string]string `json:"fields,omitempty"`
}

// Answer is a department's answer about one subject and one item. NoRecord
// (查无记录) is an answer; the absence of an Answer is 未反馈.
type Answer struct {
	ID            int64     `json:"id"`
	QueryID       string    `json:"query_id"`
	SubjectRef    string    `json:"subject_ref"`
	MemberID      int64     `json:"member_id"`
	DepartmentID  int64     `json:"department_id"`
	Item          Item      `json:"item"`
	NoRecord      bool      `json:"no_record"`
	Records       []Record  `json:"records"`
	AsOf          Date      `json:"as_of"`
	ReceivedAt    time.Time `json:"received_at"` // 反馈时间
	Channel       Channel   `json:"channel"`
	Source        string    `json:"source,omitempty"` // file name and line, or "api"
	PayloadSHA256 string    `json:"payload_sha256"`   // of the raw payload kept as evidence
	// RecordsJSON, when set, is Records exactly as AppendRecordsJSON writes
	// them, from whoever made the answer and had them in that form already
	// (the simulator hashes it): storing the answer reuses it instead of
	// encoding a city round's records a second time. Nil is always right.
	RecordsJSON []byte `json:"-"`
}
