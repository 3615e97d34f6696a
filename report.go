package hedui

import "time"

// Report is a written verification report (核对报告). It is immutable: a
// correction is a new version that points to the one it replaces. SHA256
// covers the rendered PDF; Code is the short verification code printed on
// it, with which anyone holding a paper copy can ask whether it is
// authentic and current.
type Report struct {
	ID            int64         `json:"id"`
	ApplicationID int64         `json:"application_id"`
	Number        string        `json:"number"`   // e.g. 621002-2026-核-000123, per the configured scheme
	Version       int           `json:"version"`  // 1, 2, … per chain (see Reports)
	Chain         int64         `json:"chain_id"` // the first application of the objection chain
	Replaces      int64         `json:"replaces,omitempty"`
	Current       bool          `json:"current"` // false once a later version exists
	Centre        string        `json:"centre"`
	ObjectionEnds Date          `json:"objection_until"` // the last day to object
	IssuedAt      time.Time     `json:"issued_at"`
	IssuedBy      string        `json:"issued_by"`
	SHA256        string        `json:"sha256"`
	Code          string        `json:"code"`
	Prints        int           `json:"prints"` // prints and downloads so far
	Content       ReportContent `json:"content"`
}

// ReportContent is everything the report shows (domain brief §7), frozen
// when the report is issued so that the document can be rendered again
// identically. Names and ID numbers appear in full: the report is for the
// assistance agency's review, and access to it is scoped and audited.
type ReportContent struct {
	Number      string           `json:"number"`
	Date        Date             `json:"date"`
	Aid         []AssistanceType `json:"assistance_types"`
	Kind        AppKind          `json:"kind"`
	Applicant   ReportPerson     `json:"applicant"`
	Address     string           `json:"address"`
	Members     []ReportPerson   `json:"members"`
	Supporters  []ReportPerson   `json:"supporters"` // 赡养、抚养、扶养义务人
	Sources     []ReportSource   `json:"sources"`
	Rows        []ComparisonRow  `json:"rows"`
	Conclusion  Conclusion       `json:"conclusion"`
	Decision    *Decision        `json:"decision,omitempty"`
	Centre      string           `json:"centre"` // the issuing verification centre
	Restriction string           `json:"restriction"`
	ObjectDays  int              `json:"objection_days"`
	Replaces    string           `json:"replaces,omitempty"` // number and version of the corrected report
}

// ReportPerson is a person as the report lists them.
type ReportPerson struct {
	MemberID     int64        `json:"member_id,omitempty"` // what comparison rows name the member by
	Name         string       `json:"name"`
	IDNumber     string       `json:"id_number"`
	Relationship Relationship `json:"relationship"`
	HukouPlace   string       `json:"hukou_place"`
}

// ReportSource is one department's section: every answer row with its
// 反馈时间, or the fact that it has not answered.
type ReportSource struct {
	Department string         `json:"department"`
	Items      []Item         `json:"items"`
	Answered   bool           `json:"answered"`
	Rows       []ReportAnswer `json:"rows"`
}

// ReportAnswer is one answer as the report prints it.
type ReportAnswer struct {
	Member     string    `json:"member"`
	Item       Item      `json:"item"`
	NoRecord   bool      `json:"no_record"`
	Records    []Record  `json:"records"`
	AsOf       Date      `json:"as_of"`
	ReceivedAt time.Time `json:"received_at"`
}

// DefaultObjectionDays is the objection window deployed systems use.
const DefaultObjectionDays = 5

// DefaultRestriction is the use restriction printed in the footer.
const DefaultRestriction = "本报告仅供本行政区域内社会救助审核确认使用，不得用于其他用途；报告所含个人信息受法律保护，未经授权不得复制、传播。"

// MemberNames maps the members' ids to their names, for the comparison
// rows, which name members by id.
func (c *ReportContent) MemberNames() map[int64]string {
	m := make(map[int64]string, len(c.Members))
	for _, p := range c.Members {
		if p.MemberID != 0 {
			m[p.MemberID] = p.Name
		}
	}
	return m
}
