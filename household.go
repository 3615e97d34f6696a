package hedui

import (
	"encoding/json"
	"time"
)

// HukouType is urban or rural registration; standards differ between them.
type HukouType string

const (
	HukouUrban HukouType = "urban"
	HukouRural HukouType = "rural"
)

// Valid reports whether h is known.
func (h HukouType) Valid() bool { return h == HukouUrban || h == HukouRural }

// Label is the Chinese name.
func (h HukouType) Label() string {
	switch h {
	case HukouUrban:
		return "城镇"
	case HukouRural:
		return "农村"
	}
	return string(h)
}

// Relationship is a member's relationship to the head of household.
type Relationship string

const (
	RelHead        Relationship = "head"         // 户主/申请人
	RelSpouse      Relationship = "spouse"       // 配偶
	RelChild       Relationship = "child"        // 子女
	RelParent      Relationship = "parent"       // 父母
	RelGrandchild  Relationship = "grandchild"   // 孙子女/外孙子女
	RelGrandparent Relationship = "grandparent"  // 祖父母/外祖父母
	RelSibling     Relationship = "sibling"      // 兄弟姐妹
	RelChildInLaw  Relationship = "child_in_law" // 儿媳/女婿
	RelOther       Relationship = "other"        // 其他
)

var relationshipLabels = map[Relationship]string{
	RelHead: "本人(户主)", RelSpouse: "配偶", RelChild: "子女", RelParent: "父母",
	RelGrandchild: "孙子女", RelGrandparent: "祖父母", RelSibling: "兄弟姐妹",
	RelChildInLaw: "儿媳/女婿", RelOther: "其他",
}

// Valid reports whether r is known.
func (r Relationship) Valid() bool { _, ok := relationshipLabels[r]; return ok }

// Label is the Chinese name.
func (r Relationship) Label() string {
	if s, ok := relationshipLabels[r]; ok {
		return s
	}
	return string(r)
}

// LabourCapacity is a member's ability to work, which the 特困 rules and the
// re-verification schedule depend on.
type LabourCapacity string

const (
	LabourFull    LabourCapacity = "full"    // 有劳动能力
	LabourPartial LabourCapacity = "partial" // 部分丧失劳动能力
	LabourNone    LabourCapacity = "none"    // 无劳动能力
)

// Valid reports whether c is known.
func (c LabourCapacity) Valid() bool { return c == LabourFull || c == LabourPartial || c == LabourNone }

// Label is the Chinese name.
func (c LabourCapacity) Label() string {
	switch c {
	case LabourFull:
		return "有劳动能力"
	case LabourPartial:
		return "部分丧失劳动能力"
	case LabourNone:
		return "无劳动能力"
	}
	return string(c)
}

// Household is a family that applies for or receives assistance. It outlives
// its applications: periodic reviews open new applications on the same one.
type Household struct {
	ID        int64     `json:"id"`
	Region    Region    `json:"region"`
	Address   string    `json:"address"`
	Hukou     HukouType `json:"hukou_type"`
	CreatedAt time.Time `json:"created_at"`
}

// Member is a person in a household. IDNumber and Name are personal data:
// encrypted at rest and masked in lists and logs.
type Member struct {
	ID              int64          `json:"id"`
	HouseholdID     int64          `json:"household_id"`
	Name            string         `json:"name"`
	IDNumber        string         `json:"id_number"`
	Gender          string         `json:"gender"` // male or female, from the ID number
	BirthDate       Date           `json:"birth_date"`
	Relationship    Relationship   `json:"relationship"`
	Hukou           HukouType      `json:"hukou_type"`
	DisabilityGrade int            `json:"disability_grade"` // 0 none, 1 (most severe) to 4
	Labour          LabourCapacity `json:"labour_capacity"`
	LivesTogether   bool           `json:"lives_together"` // member of the 共同生活家庭
	AddedAt         time.Time      `json:"added_at"`
}

// NewMember is the input for a member; gender and birth date are derived
// from the ID number by the validation.
type NewMember struct {
	Name            string         `json:"name"`
	IDNumber        string         `json:"id_number"`
	Relationship    Relationship   `json:"relationship"`
	Hukou           HukouType      `json:"hukou_type"`
	DisabilityGrade int            `json:"disability_grade"`
	Labour          LabourCapacity `json:"labour_capacity"`
	LivesTogether   *bool          `json:"lives_together"` // default true
}

// Date is a civil date (no time of day, no zone), written as 2006-01-02.
type Date struct{ time.Time }

// DateOf truncates t to its civil date in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// ParseDate reads 2006-01-02.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, err
	}
	return Date{t}, nil
}

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

// MarshalText writes 2006-01-02, or nothing for the zero date.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads 2006-01-02; the empty string is the zero date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	x, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = x
	return nil
}

// MarshalJSON writes "2006-01-02". It must exist because the embedded
// time.Time's MarshalJSON would otherwise be promoted and win over
// MarshalText, writing a full timestamp. Every answer record carries two
// dates, so it appends the digits directly (they need no escaping) rather
// than going through json.Marshal of a string.
func (d Date) MarshalJSON() ([]byte, error) { return d.AppendJSON(make([]byte, 0, 12)), nil }

// AppendJSON appends the date as MarshalJSON writes it.
func (d Date) AppendJSON(b []byte) []byte {
	if d.IsZero() {
		return append(b, `""`...)
	}
	y, m, day := d.Date()
	if y < 0 || y > 9999 {
		b = append(b, '"')
		b = d.AppendFormat(b, time.DateOnly)
		return append(b, '"')
	}
	// By hand: time's general formatter was a tenth of the cost of
	// writing a city round's records.
	return append(b, '"', byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+int(m)/10), byte('0'+int(m)%10), '-', byte('0'+day/10), byte('0'+day%10), '"')
}

// UnmarshalJSON reads "2006-01-02"; null and "" are the zero date. It
// shadows the promoted time.Time method, which wants RFC 3339.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	return d.UnmarshalText([]byte(s))
}

// CST is China Standard Time. The country has one civil time zone and no
// daylight saving, so it is a constant rather than an option.
var CST = time.FixedZone("CST", 8*60*60)

// Civil returns t's wall clock in China as if it were UTC. The validation
// functions compare dates (signed today, born before today, aged under 18)
// against a time.Time; handing them the civil wall clock makes "today" the
// date on the clerk's calendar, not the UTC date, which differs before 08:00.
func Civil(t time.Time) time.Time {
	w := t.In(CST)
	y, m, d := w.Date()
	h, mi, s := w.Clock()
	return time.Date(y, m, d, h, mi, s, w.Nanosecond(), time.UTC)
}

// Today is the civil date in China at instant t.
func Today(t time.Time) Date { return DateOf(Civil(t)) }
