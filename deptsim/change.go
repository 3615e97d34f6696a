package deptsim

import "hedui"

// ChangeKind is a way a recipient household's situation changed since the
// review that recorded its income on the roll (Config.Recipients).
type ChangeKind string

const (
	NewJob      ChangeKind = "new_job"      // a member took a job the employer insures and withholds tax on, or a public post
	NewBusiness ChangeKind = "new_business" // a member registered an individual business (个体工商户) with taxed income
	NewPension  ChangeKind = "new_pension"  // a member began drawing an employee pension that lifts the household over every line
	MemberDied  ChangeKind = "member_died"  // a member's death was registered
)

// ChangeKinds lists every kind.
var ChangeKinds = []ChangeKind{NewJob, NewBusiness, NewPension, MemberDied}

var changeLabels = map[ChangeKind]string{
	NewJob: "新就业（社保、个税或财政供养）", NewBusiness: "新办个体工商户", NewPension: "开始领取职工养老金", MemberDied: "成员死亡",
}

// Label is the Chinese name.
func (k ChangeKind) Label() string { return label(changeLabels, k) }

// Shows is the change a household's first re-verification reports
// (package recheck): the roll records income and members but no assets, so
// the first round compares only income and deaths with it, and a new job
// or business shows as risen income. Later rounds compare with the first
// round's findings, which already hold the job or business.
func (k ChangeKind) Shows() hedui.ChangeKind {
	switch k {
	case NewJob, NewBusiness:
		return hedui.ChangeIncomeRises
	case NewPension:
		return hedui.ChangeAboveLine
	case MemberDied:
		return hedui.ChangeDeath
	}
	return ""
}

// Change is one planted change: who, which item and which record (Key: an
// employer, a credit code, a pension scheme, a death date), since when, and
// a Chinese description for people checking a warning list by hand.
type Change struct {
	Kind     ChangeKind `json:"kind"`
	IDNumber string     `json:"id_number"`
	Item     hedui.Item `json:"item"`
	Key      string     `json:"key"`
	Since    hedui.Date `json:"since"`
	Detail   string     `json:"detail"`
}

// is reports whether c is the change of kind k about the record key of the
// person id.
func (c Change) is(k ChangeKind, id, key string) bool {
	return c.Kind == k && c.IDNumber == id && c.Key == key
}
