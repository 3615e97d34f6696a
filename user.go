package hedui

import "time"

// Role is what a user does. Region comes from the user's organisation.
type Role string

const (
	RoleClerk    Role = "clerk"    // 乡镇(街道)经办人员: registers and submits applications
	RoleVerifier Role = "verifier" // 县区/市核对中心核对员: reviews, verifies, reports
	RoleLiaison  Role = "liaison"  // 部门联络员: answers queries addressed to his department
	RoleAgency   Role = "agency"   // 经办机构: receives reports, decides
	RoleAdmin    Role = "admin"    // 管理员: organisations, users, parameters; no case data
	RoleAuditor  Role = "auditor"  // 审计/纪检: reads the audit log; writes nothing
	RoleSystem   Role = "system"   // background jobs and the command line
)

// Roles lists the roles a person can hold, for validation and display.
var Roles = []Role{RoleClerk, RoleVerifier, RoleLiaison, RoleAgency, RoleAdmin, RoleAuditor}

// Label is the role's Chinese name.
func (r Role) Label() string {
	switch r {
	case RoleClerk:
		return "乡镇经办人员"
	case RoleVerifier:
		return "核对员"
	case RoleLiaison:
		return "部门联络员"
	case RoleAgency:
		return "经办机构"
	case RoleAdmin:
		return "系统管理员"
	case RoleAuditor:
		return "审计员"
	case RoleSystem:
		return "系统"
	}
	return string(r)
}

// Valid reports whether r is a role a person can hold.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if r == x {
			return true
		}
	}
	return false
}

// OrgKind is the kind of an organisation.
type OrgKind string

const (
	OrgTownship   OrgKind = "township_office" // 乡镇(街道)社会救助经办窗口
	OrgCentre     OrgKind = "centre"          // 核对中心 (county or city)
	OrgDepartment OrgKind = "department"      // a data-providing department
	OrgAgency     OrgKind = "agency"          // 经办机构
	OrgAdmin      OrgKind = "admin"           // platform administration
	OrgOversight  OrgKind = "oversight"       // 审计/纪检
)

// Organisation is a body a user belongs to, placed at one division.
type Organisation struct {
	ID       int64   `json:"id"`
	Name     string  `json:"name"`
	Kind     OrgKind `json:"kind"`
	Division string  `json:"division_code"`
	Level    Level   `json:"level"`
}

// User is an account. The password hash never leaves the store except to
// the login check.
type User struct {
	ID          int64     `json:"id"`
	Username    string    `json:"username"`
	DisplayName string    `json:"display_name"`
	Role        Role      `json:"role"`
	OrgID       int64     `json:"org_id"`
	OrgName     string    `json:"org_name"`
	Division    string    `json:"division_code"`
	Level       Level     `json:"level"`
	Disabled    bool      `json:"disabled"`
	CreatedAt   time.Time `json:"created_at"`
}

// NewUser is the input to create a user.
type NewUser struct {
	Username     string
	DisplayName  string
	Role         Role
	OrgID        int64
	PasswordHash string
}

// Actor is who performs an operation, carried into every store call that
// reads or writes case data: the store derives the scope from it and writes
// it into the audit log. Purpose and ClientAddr come from the request.
type Actor struct {
	UserID     int64  `json:"user_id"`
	Username   string `json:"username"`
	Role       Role   `json:"role"`
	OrgID      int64  `json:"org_id"`
	Division   string `json:"division_code"`
	Level      Level  `json:"level"`
	ClientAddr string `json:"-"`
	Purpose    string `json:"-"`
}

// ActorOf makes the actor for a user.
func ActorOf(u User) Actor {
	return Actor{UserID: u.ID, Username: u.Username, Role: u.Role, OrgID: u.OrgID, Division: u.Division, Level: u.Level}
}

// SystemActor acts for the command line and background jobs. It has no case
// scope; operations that need one take it explicitly.
func SystemActor(purpose string) Actor {
	return Actor{Username: "system", Role: RoleSystem, Purpose: purpose}
}

// CaseScope is the region of cases the actor may read. Only clerks and
// verifiers see cases; a clerk sees his township, a verifier his county or
// the whole city. Other roles get a zero scope: they see no case here, and
// later capabilities give them narrower views of their own.
func (a Actor) CaseScope() Scope {
	switch a.Role {
	case RoleClerk:
		if a.Level == LevelTownship {
			return Scope{Level: LevelTownship, Code: a.Division}
		}
	case RoleVerifier:
		if a.Level == LevelCounty || a.Level == LevelCity {
			return Scope{Level: a.Level, Code: a.Division}
		}
	}
	return Scope{}
}

// SessionTouchEvery is how often the store records that a session is
// still in use (Accounts.TouchSession): often enough that an idle timeout
// of minutes is measured to within this, rarely enough that reading a
// page does not mean a write each time.
const SessionTouchEvery = time.Minute

// Session is a login: the store keeps only the SHA-256 of its bearer token.
type Session struct {
	TokenHash []byte
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
	Client    string
}
