package demo

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"hedui"
	"hedui/crypt"
	"hedui/division"
	"hedui/sqlstore"
)

func TestSeedRolls(t *testing.T) {
	ctx := context.Background()
	kr, err := crypt.New(crypt.GenerateKey())
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlstore.Open(ctx, filepath.Join(t.TempDir(), "hedui.db"), sqlstore.Options{Keyring: kr})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := SeedReference(ctx, st); err != nil {
		t.Fatal(err)
	}
	ds, err := division.Qingyang()
	if err != nil {
		t.Fatal(err)
	}
	pop := RollPopulation(time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC), ds)
	n, err := SeedRolls(ctx, st, pop)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(pop.Households) || n < 8*RollHouseholds {
		t.Fatalf("added %d of %d households", n, len(pop.Households))
	}
	// Seeding again leaves the rolls alone.
	if n, err := SeedRolls(ctx, st, pop); err != nil || n != 0 {
		t.Fatalf("second seeding added %d, %v", n, err)
	}
	page, err := st.RollHouseholds(ctx, hedui.SystemActor("test"), hedui.RollFilter{County: "621002"})
	if err != nil || page.Total != RollHouseholds {
		t.Fatalf("西峰区 roll: %d households, %v", page.Total, err)
	}
}
