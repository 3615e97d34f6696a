// Package httpxtest is what the tests of the API (package http) and of
// the pages (package web) both need: a clock they move by hand and a
// fresh demo store on SQLite.
package httpxtest

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"hedui/crypt"
	"hedui/demo"
	"hedui/password"
	"hedui/sqlstore"
)

// CheapParams keep argon2 fast in tests; production uses password.Default.
var CheapParams = password.Params{Memory: 1024, Time: 1, Threads: 1}

// Clock is shared by the store and the server so that lockouts and
// session expiry are tested by moving time, not by sleeping.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock starts a clock at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// DemoStore opens a SQLite store in a temporary directory under a fresh
// key, migrated and seeded with the demo divisions, organisations and
// accounts (passwords hashed with CheapParams); it is closed when the
// test ends.
func DemoStore(t testing.TB, now func() time.Time) *sqlstore.DB {
	t.Helper()
	ctx := context.Background()
	kr, err := crypt.New(crypt.GenerateKey())
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlstore.Open(ctx, filepath.Join(t.TempDir(), "hedui.db"), sqlstore.Options{Keyring: kr, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := demo.SeedReference(ctx, st); err != nil {
		t.Fatal(err)
	}
	if err := demo.SeedAccounts(ctx, st, func(pw string) string { return password.Hash(pw, CheapParams) }); err != nil {
		t.Fatal(err)
	}
	return st
}
