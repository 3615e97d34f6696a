package sqlstore

import (
	"context"
	"sync"
	"testing"

	"hedui/crypt"
)

func TestMigrate(t *testing.T) {
	t.Parallel()
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			kr, _ := crypt.New(testKey)
			db := b.open(t, Options{Keyring: kr})
			if db.Engine() != b.name {
				t.Fatalf("Engine() = %q, want %q", db.Engine(), b.name)
			}
			cur, latest, err := db.MigrationStatus(ctx)
			must(t, err)
			if cur != 0 || latest < 1 {
				t.Fatalf("fresh database: status %d/%d, want 0/≥1", cur, latest)
			}
			// Two at once, then once more: each migration applies exactly
			// once and the rest are no-ops.
			var wg sync.WaitGroup
			errs := make([]error, 2)
			for i := range errs {
				wg.Go(func() { errs[i] = db.Migrate(ctx) })
			}
			wg.Wait()
			for _, err := range errs {
				must(t, err)
			}
			must(t, db.Migrate(ctx))
			cur, latest, err = db.MigrationStatus(ctx)
			must(t, err)
			if cur != latest {
				t.Fatalf("after Migrate: status %d/%d", cur, latest)
			}
			// Numbers are handed out per branch, so the files may skip one.
			ms, err := db.d.migrations()
			must(t, err)
			var n int
			must(t, db.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&n))
			if n != len(ms) {
				t.Fatalf("schema_migrations has %d rows, want %d", n, len(ms))
			}
		})
	}
}

func TestParseDSN(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ dsn, driver, source string }{
		{"postgres://u@h/db", "pgx", "postgres://u@h/db"},
		{"postgresql://u@h/db?sslmode=disable", "pgx", "postgresql://u@h/db?sslmode=disable"},
		{"/var/lib/hedui.db", "sqlite", "file:/var/lib/hedui.db?" + sqlitePragmas},
		{"sqlite:data/hedui.db", "sqlite", "file:data/hedui.db?" + sqlitePragmas},
		{"file:x.db?cache=private", "sqlite", "file:x.db?cache=private&" + sqlitePragmas},
	} {
		driver, source, _ := parseDSN(tc.dsn)
		if driver != tc.driver || source != tc.source {
			t.Errorf("parseDSN(%q) = %q, %q; want %q, %q", tc.dsn, driver, source, tc.driver, tc.source)
		}
	}
}
