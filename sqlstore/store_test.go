package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"hedui"
	"hedui/crypt"
	"hedui/idcard"
)

// envPostgres names the variable holding a PostgreSQL URL; without it the
// suite runs on SQLite only.
const envPostgres = "HEDUI_TEST_POSTGRES"

// testKey is a fixed master key so that failures reproduce.
var testKey = []byte("hedui sqlstore test master key!!")

// fakeClock moves forward a millisecond per reading, so that successive
// writes get distinct, ordered times, and can be set or advanced by tests.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

// start is 10:00 in China on a Tuesday.
var start = time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC)

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Millisecond)
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// backend opens a fresh, empty, unmigrated store of one engine.
type backend struct {
	name string
	open func(tb testing.TB, opt Options) *DB
}

func backends() []backend {
	return []backend{{"sqlite", openSQLite}, {"postgres", openPostgres}}
}

func openSQLite(tb testing.TB, opt Options) *DB {
	tb.Helper()
	db, err := Open(context.Background(), filepath.Join(tb.TempDir(), "hedui.db"), opt)
	if err != nil {
		tb.Fatalf("open sqlite: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// openPostgres isolates each test in its own schema, named on the
// connection's search_path and dropped afterwards.
func openPostgres(tb testing.TB, opt Options) *DB {
	tb.Helper()
	base := os.Getenv(envPostgres)
	if base == "" {
		tb.Skip(envPostgres + " is not set")
	}
	ctx := context.Background()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { admin.Close() })
	schema := "t_" + randomHex(8)
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		tb.Fatalf("create schema: %v", err)
	}
	tb.Cleanup(func() {
		if _, err := admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			tb.Errorf("drop schema: %v", err)
		}
	})
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	db, err := Open(ctx, base+sep+"search_path="+schema, opt)
	if err != nil {
		tb.Fatalf("open postgres: %v", err)
	}
	// Registered after the schema's cleanup, so it runs first.
	tb.Cleanup(func() { db.Close() })
	return db
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// env is one migrated, seeded store with the actors of the scope tests.
type env struct {
	t     testing.TB
	ctx   context.Context
	db    *DB
	clock *fakeClock
	seq   int

	clerk    hedui.Actor // 西峰区北街 township clerk
	clerk2   hedui.Actor // 西峰区肖金镇 township clerk (same county)
	clerkQC  hedui.Actor // 庆城县庆城镇 township clerk (other county)
	verifier hedui.Actor // 西峰区 county verifier
	verQC    hedui.Actor // 庆城县 county verifier
	city     hedui.Actor // 庆阳市 city verifier
	admin    hedui.Actor
	auditor  hedui.Actor
}

const (
	townBeijie  = "621002001"
	townXiaojin = "621002100"
	townQingc   = "621021100"
)

var testDivisions = []hedui.Division{
	{Code: "621000", Name: "庆阳市", Level: hedui.LevelCity, ParentCode: "620000"},
	{Code: "621002", Name: "西峰区", Level: hedui.LevelCounty, ParentCode: "621000"},
	{Code: "621021", Name: "庆城县", Level: hedui.LevelCounty, ParentCode: "621000"},
	{Code: townBeijie, Name: "北街办事处街道", Level: hedui.LevelTownship, ParentCode: "621002"},
	{Code: townXiaojin, Name: "肖金镇", Level: hedui.LevelTownship, ParentCode: "621002"},
	{Code: townQingc, Name: "庆城镇", Level: hedui.LevelTownship, ParentCode: "621021"},
}

// each runs fn as subtests "sqlite" and "postgres", each on a fresh store.
func each(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Helper()
	t.Parallel()
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			fn(t, newEnv(t, b, Options{}))
		})
	}
}

func newEnv(t testing.TB, b backend, opt Options) *env {
	t.Helper()
	kr, err := crypt.New(testKey)
	if err != nil {
		t.Fatal(err)
	}
	clock := &fakeClock{t: start}
	opt.Keyring, opt.Now = kr, clock.Now
	e := &env{t: t, ctx: context.Background(), db: b.open(t, opt), clock: clock}
	must(t, e.db.Migrate(e.ctx))
	must(t, e.db.PutDivisions(e.ctx, testDivisions))
	sys := hedui.SystemActor("test setup")
	users := []struct {
		actor    *hedui.Actor
		username string
		role     hedui.Role
		org      string
		kind     hedui.OrgKind
		division string
	}{
		{&e.clerk, "clerk", hedui.RoleClerk, "北街社会救助窗口", hedui.OrgTownship, townBeijie},
		{&e.clerk2, "clerk2", hedui.RoleClerk, "肖金镇社会救助窗口", hedui.OrgTownship, townXiaojin},
		{&e.clerkQC, "clerkqc", hedui.RoleClerk, "庆城镇社会救助窗口", hedui.OrgTownship, townQingc},
		{&e.verifier, "verifier", hedui.RoleVerifier, "西峰区核对中心", hedui.OrgCentre, "621002"},
		{&e.verQC, "verqc", hedui.RoleVerifier, "庆城县核对中心", hedui.OrgCentre, "621021"},
		{&e.city, "city", hedui.RoleVerifier, "庆阳市核对中心", hedui.OrgCentre, "621000"},
		{&e.admin, "admin", hedui.RoleAdmin, "庆阳市核对中心", hedui.OrgCentre, "621000"},
		{&e.auditor, "auditor", hedui.RoleAuditor, "庆阳市纪委监委", hedui.OrgOversight, "621000"},
	}
	for _, u := range users {
		org, err := e.db.EnsureOrganisation(e.ctx, hedui.Organisation{Name: u.org, Kind: u.kind, Division: u.division})
		must(t, err)
		usr, err := e.db.CreateUser(e.ctx, sys, hedui.NewUser{Username: u.username, DisplayName: "测试" + u.username,
			Role: u.role, OrgID: org.ID, PasswordHash: "$test$hash"})
		must(t, err)
		*u.actor = hedui.ActorOf(usr)
		u.actor.ClientAddr, u.actor.Purpose = "192.0.2.1", "测试"
	}
	return e
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// wantKind fails unless err is a hedui error of kind k.
func wantKind(t testing.TB, err error, k hedui.Kind) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %v", k)
	}
	if got := hedui.KindOf(err); got != k {
		t.Fatalf("got %v (%v), want %v", got, err, k)
	}
}

// idNumber makes a valid ID number unique within the env for someone of
// the given age and sex.
func (e *env) idNumber(age int, male bool) string {
	e.seq++
	s := e.seq * 2 % 1000
	if male {
		s++
	}
	return idcard.Make("621002", start.AddDate(-age, 0, -e.seq), s)
}

func (e *env) person(name string, rel hedui.Relationship, age int) hedui.NewMember {
	return hedui.NewMember{Name: name, IDNumber: e.idNumber(age, true), Relationship: rel, Hukou: hedui.HukouUrban}
}

// family is a new application of a two-person household; the head earns
// wages.
func (e *env) family(head, spouse string) hedui.NewApplication {
	h := e.person(head, hedui.RelHead, 45)
	return hedui.NewApplication{
		Aid:       []hedui.AssistanceType{hedui.AidDibao},
		Household: &hedui.NewHousehold{Address: "西峰区长庆大道88号3单元", Hukou: hedui.HukouUrban},
		Members:   []hedui.NewMember{h, e.person(spouse, hedui.RelSpouse, 43)},
		Declaration: &hedui.Declaration{Incomes: []hedui.Income{{IDNumber: h.IDNumber, Category: hedui.IncomeWage,
			Source: "某建筑公司", PeriodFrom: date("2025-09-01"), PeriodTo: date("2026-02-28"), AmountFen: 1200000}}},
	}
}

// create registers in as by and fails the test on error.
func (e *env) create(by hedui.Actor, in hedui.NewApplication) *hedui.Application {
	e.t.Helper()
	app, created, err := e.db.CreateApplication(e.ctx, by, in)
	must(e.t, err)
	if !created {
		e.t.Fatal("created = false for a new application")
	}
	return app
}

// sign registers a letter signed by every current member.
func (e *env) sign(by hedui.Actor, app *hedui.Application, form hedui.LetterForm) *hedui.Application {
	e.t.Helper()
	l := hedui.NewLetter{Form: form, SignedOn: hedui.DateOf(hedui.Civil(start))}
	for _, m := range app.Members {
		l.Signers = append(l.Signers, hedui.Signer{IDNumber: m.IDNumber})
	}
	out, err := e.db.AddLetter(e.ctx, by, app.ID, l)
	must(e.t, err)
	return out
}

func date(s string) hedui.Date {
	d, err := hedui.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// count returns the number of rows of a table.
func (e *env) count(table string) int {
	e.t.Helper()
	var n int
	must(e.t, e.db.SQL().QueryRowContext(e.ctx, "SELECT COUNT(*) FROM "+table).Scan(&n))
	return n
}

func isKind(err error, k hedui.Kind) bool {
	var he *hedui.Error
	return errors.As(err, &he) && hedui.KindOf(err) == k
}
