package hedui

import "time"

// LetterForm is how a letter was signed.
type LetterForm string

const (
	LetterPaper      LetterForm = "paper"      // signed on paper, scanned
	LetterElectronic LetterForm = "electronic" // signed online after an identity check
)

// Valid reports whether f is known.
func (f LetterForm) Valid() bool { return f == LetterPaper || f == LetterElectronic }

// LetterStatus is where a letter stands. Only an active letter authorises
// queries.
type LetterStatus string

const (
	LetterActive     LetterStatus = "active"
	LetterEnded      LetterStatus = "ended"      // assistance ended or found ineligible
	LetterSuperseded LetterStatus = "superseded" // membership changed or re-signed
)

// SignMethod is how one signer signed.
type SignMethod string

const (
	SignSignature   SignMethod = "signature"   // 签字
	SignFingerprint SignMethod = "fingerprint" // 按手印
	SignElectronic  SignMethod = "electronic"  // 电子签名
)

// Valid reports whether m is known.
func (m SignMethod) Valid() bool {
	return m == SignSignature || m == SignFingerprint || m == SignElectronic
}

// GuardianAge is the age under which a member must sign through a guardian.
const GuardianAge = 18

// Signer is one member's entry on a letter. A guardian or agent signs for a
// member without full civil capacity; his name and ID number are recorded.
type Signer struct {
	MemberID      int64      `json:"member_id"`
	IDNumber      string     `json:"id_number,omitempty"` // input: which member
	Method        SignMethod `json:"method"`
	AgentName     string     `json:"agent_name,omitempty"`
	AgentIDNumber string     `json:"agent_id_number,omitempty"`
	AgentRelation string     `json:"agent_relation,omitempty"` // e.g. 监护人(父亲)
}

// Letter is an authorisation letter (同意核查家庭经济状况授权书).
type Letter struct {
	ID          int64        `json:"id"`
	Number      string       `json:"number"`
	HouseholdID int64        `json:"household_id"`
	Form        LetterForm   `json:"form"`
	SignedOn    Date         `json:"signed_on"`
	ValidFrom   Date         `json:"valid_from"`
	ValidUntil  Date         `json:"valid_until"` // zero: while assistance lasts
	Status      LetterStatus `json:"status"`
	StatusNote  string       `json:"status_note,omitempty"`
	Signers     []Signer     `json:"signers"`
	Scan        *ScanInfo    `json:"scan,omitempty"`
	CreatedAt   time.Time    `json:"created_at"`
}

// ScanInfo describes the stored scan of a paper letter.
type ScanInfo struct {
	FileName    string    `json:"file_name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	UploadedAt  time.Time `json:"uploaded_at"`
}

// NewLetter is the input for a letter. Number may be empty: the store then
// issues one.
type NewLetter struct {
	Number     string     `json:"number"`
	Form       LetterForm `json:"form"`
	SignedOn   Date       `json:"signed_on"`
	ValidUntil Date       `json:"valid_until"`
	Signers    []Signer   `json:"signers"`
}

// Covers reports whether the letter authorises queries about member m on day.
func (l *Letter) Covers(memberID int64, day Date) bool {
	if l.Status != LetterActive || day.Before(l.ValidFrom.Time) {
		return false
	}
	if !l.ValidUntil.IsZero() && day.After(l.ValidUntil.Time) {
		return false
	}
	if l.Form == LetterPaper && l.Scan == nil {
		return false
	}
	for _, s := range l.Signers {
		if s.MemberID == memberID {
			return true
		}
	}
	return false
}
