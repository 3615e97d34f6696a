package hedui

import (
	"context"
	"fmt"
	"time"
)

// A roll (低保/特困名册) is a county's list of the households that receive
// assistance now. Counties export it from the provincial system; hedui
// imports it so that every recipient can be re-verified on a schedule
// (seed §二: 100% of recipients, not only new applicants). A roll
// household is not an application: it becomes one only when a
// re-verification finds something a verifier has to look at.

// RollStatus is whether a household is still on the roll.
type RollStatus string

const (
	RollActive RollStatus = "active" // receives assistance
	RollExited RollStatus = "exited" // left the roll (absent from a full import, or 清退)
)

// RollMode says how an import relates to what is stored.
type RollMode string

const (
	// RollFull is the whole roll of the county and category: households
	// stored but absent from the file leave the roll.
	RollFull RollMode = "full"
	// RollIncremental adds and updates the households in the file and
	// leaves the others alone; a row may mark a household as exited.
	RollIncremental RollMode = "incremental"
)

// RollHousehold is one household on a roll with its members. Members use
// the Member type; their HouseholdID is the roll household's ID. Address,
// names and ID numbers are personal data, sealed at rest.
type RollHousehold struct {
	ID       int64     `json:"id"`
	County   string    `json:"county_code"`
	Region   string    `json:"region_code"` // the most precise division known (village, else township)
	Number   string    `json:"number"`      // 户编号, unique within the county
	Category Category  `json:"category"`    // dibao or tekun
	Hukou    HukouType `json:"hukou_type"`
	// Stable marks a household whose income is stable and none of whose
	// members can work: reviewed yearly rather than half-yearly (seed §三).
	Stable     bool   `json:"stable"`
	BenefitFen Fen    `json:"benefit_fen"` // monthly benefit paid
	IncomeFen  Fen    `json:"income_fen"`  // household monthly income recorded at the last review
	Since      Date   `json:"since"`       // on the roll since
	Address    string `json:"address"`
	// The authorisation letter signed at application covers checks until
	// LetterUntil; without a valid one a household is not queried.
	LetterNumber string     `json:"letter_number"`
	LetterUntil  Date       `json:"letter_until"`
	Status       RollStatus `json:"status"`
	Members      []Member   `json:"members"`
	// Row is the file row of the household's first member, so that a
	// problem the store finds can point at it; zero when read back.
	Row       int       `json:"row,omitempty"`
	ImportID  int64     `json:"import_id"` // the import that last changed it
	UpdatedAt time.Time `json:"updated_at"`
}

// RollUpload is a parsed roll file to store.
type RollUpload struct {
	County     string          `json:"county_code"`
	Mode       RollMode        `json:"mode"`
	FileName   string          `json:"file_name"`
	SHA256     string          `json:"sha256"` // of the file as uploaded
	Rows       int             `json:"rows"`   // data rows read, rejected ones included
	Households []RollHousehold `json:"-"`
	// Problems are the rows the parser rejected; they are kept with the
	// import so that the validation report can be shown again.
	Problems []Problem `json:"problems"`
	// Rejected are the numbers (户编号) of the households the parser
	// rejected: a full import leaves them as they are rather than
	// treating them as absent.
	Rejected []string `json:"-"`
}

// RollImport is the record of one import: what changed and what was
// rejected. Importing the same content again changes nothing and says so.
type RollImport struct {
	ID        int64     `json:"id"`
	County    string    `json:"county_code"`
	Mode      RollMode  `json:"mode"`
	FileName  string    `json:"file_name"`
	SHA256    string    `json:"sha256"`
	Rows      int       `json:"rows"`
	Added     int       `json:"added"`
	Updated   int       `json:"updated"`
	Unchanged int       `json:"unchanged"`
	Exited    int       `json:"exited"`
	Problems  []Problem `json:"problems"`
	// SameAs is the earlier import of the county with the same file
	// content (by SHA-256), zero if there is none.
	SameAs int64     `json:"same_as,omitempty"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
}

// Changed reports whether the import changed anything stored.
func (r RollImport) Changed() bool { return r.Added+r.Updated+r.Exited > 0 }

// Outcome says in Chinese what the import did.
func (r RollImport) Outcome() string {
	switch {
	case r.Changed():
		return fmt.Sprintf("新增%d户，更新%d户，未变%d户，退出%d户", r.Added, r.Updated, r.Unchanged, r.Exited)
	case r.SameAs != 0:
		return fmt.Sprintf("文件内容与第%d次导入相同，名册没有任何变化", r.SameAs)
	}
	return fmt.Sprintf("名册内容与已有数据相同（%d户），没有任何变化", r.Unchanged)
}

// Audit actions of the rolls.
const (
	AuditRollImport  = "roll.import"
	AuditRollImports = "roll.imports" // the import history with its validation reports
	AuditRollList    = "roll.list"
	AuditRollView    = "roll.view"
)

// RollFilter selects roll households in the actor's scope.
type RollFilter struct {
	County   string
	Category Category
	Status   RollStatus
	Number   string
	IDNumber string // finds a person's household through the blind index
	Limit    int
	Offset   int
}

// RollSummary is a roll household as lists show it: masked.
type RollSummary struct {
	ID         int64      `json:"id"`
	County     string     `json:"county_code"`
	Region     string     `json:"region_code"`
	Number     string     `json:"number"`
	Category   Category   `json:"category"`
	HeadMasked string     `json:"head_masked"` // 张*, 6210**********1234
	Members    int        `json:"members"`
	BenefitFen Fen        `json:"benefit_fen"`
	Stable     bool       `json:"stable"`
	Status     RollStatus `json:"status"`
}

// Rolls stores the assistance rolls. Counties' verifiers import and read
// their county's roll; the city centre reads every county's.
type Rolls interface {
	// ImportRoll applies a parsed roll in one transaction: households are
	// matched by county and number, a household whose content is the same
	// is left untouched, members are matched by ID number. A person on
	// another active household of the roll is a problem, not a move.
	ImportRoll(ctx context.Context, by Actor, in RollUpload) (RollImport, error)
	RollImports(ctx context.Context, by Actor, county string) ([]RollImport, error)
	RollHouseholds(ctx context.Context, by Actor, f RollFilter) (Page[RollSummary], error)
	// RollHousehold opens one household with its members (audited).
	RollHousehold(ctx context.Context, by Actor, id int64) (*RollHousehold, error)
}

// Column names of a roll file that the store names in its own problems
// (the parser names every column; see package rolls).
const (
	RollColNumber   = "户编号"
	RollColRegion   = "区划代码"
	RollColIDNumber = "身份证号码"
)

// RollRowSource is the Problem.Source of a file row.
func RollRowSource(row int) string { return fmt.Sprintf("第%d行", row) }
