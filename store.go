package hedui

import (
	"context"
	"time"
)

// Store is hedui's persistent state. Every method that reads or writes case
// data takes the Actor: the implementation filters by the actor's scope in
// the query itself and appends the audit entry in the same transaction as
// the write. Two implementations share one test suite: SQLite (embedded
// default) and PostgreSQL.
type Store interface {
	Directory
	Accounts
	Cases
	Exchanges
	Policies
	Reports
	Rolls
	Oversight
	Rechecks
	RecheckWork
	AuditLog
	Dashboards
	Close() error
}

// Directory holds reference data: divisions and organisations.
type Directory interface {
	// PutDivisions inserts or updates divisions (idempotent).
	PutDivisions(ctx context.Context, ds []Division) error
	Divisions(ctx context.Context) ([]Division, error)
	Division(ctx context.Context, code string) (Division, error)
	// EnsureOrganisation creates the organisation with that name at that
	// division unless it exists, and returns it.
	EnsureOrganisation(ctx context.Context, o Organisation) (Organisation, error)
	Organisations(ctx context.Context) ([]Organisation, error)
	// CreateOrganisation is an administrator's EnsureOrganisation: audited,
	// and a Conflict when that name already exists at that division.
	CreateOrganisation(ctx context.Context, by Actor, o Organisation) (Organisation, error)
}

// Accounts holds users and login sessions.
type Accounts interface {
	CreateUser(ctx context.Context, by Actor, u NewUser) (User, error)
	User(ctx context.Context, username string) (User, error)
	Users(ctx context.Context, by Actor) ([]User, error)
	SetPassword(ctx context.Context, by Actor, username, hash string) error
	SetDisabled(ctx context.Context, by Actor, username string, disabled bool) error
	// LoginInfo returns what the login check needs; it is not audited here
	// because the caller audits the outcome with RecordLogin.
	LoginInfo(ctx context.Context, username string) (LoginInfo, error)
	// RecordLogin counts a failure (locking the account after too many) or
	// clears the count, and audits the attempt.
	RecordLogin(ctx context.Context, username, client string, ok bool, at time.Time) error
	CreateSession(ctx context.Context, s Session) error
	// SessionActor resolves a token hash to its actor if the session has
	// not expired and the user is enabled.
	SessionActor(ctx context.Context, tokenHash []byte, now time.Time) (Actor, error)
	DeleteSession(ctx context.Context, by Actor, tokenHash []byte) error
	// TouchSession ends a session unused for idle or longer (returning an
	// Unauthenticated error with code "session_idle") and otherwise
	// records now as its last use, at most once per SessionTouchEvery.
	TouchSession(ctx context.Context, tokenHash []byte, now time.Time, idle time.Duration) error
}

// LoginInfo is what the login check needs about an account.
type LoginInfo struct {
	User         User
	PasswordHash string
	FailedLogins int
	LockedUntil  time.Time
}

// Cases holds households, applications, declarations and letters.
type Cases interface {
	// CreateApplication registers an application. With a non-empty
	// IdempotencyKey, a repeat of the same key by the same user returns the
	// first application and created=false instead of a second one.
	CreateApplication(ctx context.Context, by Actor, in NewApplication) (app *Application, created bool, err error)
	Application(ctx context.Context, by Actor, id int64) (*Application, error)
	Applications(ctx context.Context, by Actor, f Filter) (Page[Summary], error)
	AddMembers(ctx context.Context, by Actor, appID int64, in []NewMember) (*Application, error)
	RemoveMember(ctx context.Context, by Actor, appID, memberID int64) (*Application, error)
	SetDeclaration(ctx context.Context, by Actor, appID int64, d Declaration) (*Application, error)
	AddLetter(ctx context.Context, by Actor, appID int64, in NewLetter) (*Application, error)
	PutLetterScan(ctx context.Context, by Actor, appID, letterID int64, scan Scan) (*Application, error)
	LetterScan(ctx context.Context, by Actor, appID, letterID int64) (Scan, error)
	Transition(ctx context.Context, by Actor, appID int64, action Action, comment string) (*Application, error)
}

// Scan is the file of a paper letter.
type Scan struct {
	FileName    string
	ContentType string
	Data        []byte
}

// AuditLog reads and verifies the audit log. Appends happen inside the
// other methods.
type AuditLog interface {
	AuditEntries(ctx context.Context, by Actor, f AuditFilter) (Page[AuditEntry], error)
	// VerifyAudit walks the whole chain. by is audited unless it is the
	// system actor of the command line, which may run on a read-only copy.
	VerifyAudit(ctx context.Context, by Actor) (AuditReport, error)
}
