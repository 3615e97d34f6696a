package sqlstore

import (
	"context"
	"reflect"
	"testing"
	"time"

	"hedui"
	"hedui/crypt"
)

// TestMigrateRecheckBulk upgrades a database holding a round written
// before migration 0009 (text query ids, answers sealed as text) and
// reads it back: queries keep their keys and answers still open.
func TestMigrateRecheckBulk(t *testing.T) {
	t.Parallel()
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			kr, _ := crypt.New(testKey)
			db := b.open(t, Options{Keyring: kr})
			ms, err := db.d.migrations()
			must(t, err)
			conn, err := db.db.Conn(ctx)
			must(t, err)
			defer conn.Close()
			_, err = conn.ExecContext(ctx, db.d.migrationsTable)
			must(t, err)
			var later []migration
			for _, m := range ms {
				if m.version >= 9 {
					later = append(later, m)
					continue
				}
				must(t, db.apply(ctx, conn, m))
			}
			at := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
			ts := db.d.ts(at)
			answers := []hedui.Answer{{QueryID: hedui.RecheckQueryID(1, 7, 1), SubjectRef: hedui.RecheckSubjectRef(hedui.RecheckQueryID(1, 7, 1), 70),
				MemberID: 70, DepartmentID: 1, Item: hedui.ItemVehicle, Records: []hedui.Record{{Kind: hedui.RecordCar, Quantity: 1}},
				AsOf: hedui.DateOf(at), ReceivedAt: at, Channel: hedui.ChannelSimulator, Source: "deptsim", PayloadSHA256: "ab"}}
			packed := db.packRow(new(packBuf), 1, queryKey{7, 1}, answerPtrs(answers))
			sealed, err := kr.OpenBinary(packed[4].([]byte), adRecheckAnswers)
			must(t, err)
			plain, err := decompressPacked(sealed) // uncompressed JSON, as rows were then
			must(t, err)
			for _, s := range []struct {
				q    string
				args []any
			}{
				{`INSERT INTO divisions (code, name, level) VALUES ('621002', '西峰区', 'county')`, nil},
				{`INSERT INTO organisations (id, name, kind, division_code, level) VALUES (1, '公安', 'department', '621002', 'county')`, nil},
				{`INSERT INTO departments (id, code, name, level, division_code, org_id, items, channel, reply_days, created_at)
					VALUES (1, 'police', '公安', 'county', '621002', 1, 'vehicle', 'simulator', 5, $1)`, []any{ts}},
				{`INSERT INTO recheck_rounds (id, scope_code, as_of, status, households, excluded, parts, parts_done, created_by, created_at)
					VALUES (1, '621002', $1, 'running', 1, 0, 1, 0, 'v', $2)`, []any{db.d.date(hedui.DateOf(at)), ts}},
				{`INSERT INTO recheck_queries (id, round_id, household_id, department_id, subjects, items, expected, created_at, answered_at)
					VALUES ($1, 1, 7, 1, 1, 'vehicle', 1, $2, $2)`, []any{hedui.RecheckQueryID(1, 7, 1), ts}},
				// Sealed as text, as every version before 0009 wrote it.
				{`INSERT INTO recheck_answers (round_id, household_id, department_id, answers, payload_enc, received_at)
					VALUES (1, 7, 1, 1, $1, $2)`, []any{kr.Seal(plain, adRecheckAnswers), ts}},
			} {
				if _, err := conn.ExecContext(ctx, s.q, s.args...); err != nil {
					t.Fatalf("%s: %v", s.q, err)
				}
			}
			for _, m := range later {
				must(t, db.apply(ctx, conn, m))
			}
			got, err := db.recheckAnswers(ctx, db.db, `x.round_id = $1`, args{1})
			must(t, err)
			if len(got) != 1 || !reflect.DeepEqual(got[0].Answer, answers[0]) || got[0].household != 7 {
				t.Fatalf("answers after 0009: %+v, want %+v", got, answers)
			}
			var n int
			must(t, db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM recheck_queries WHERE round_id = 1
				AND household_id = 7 AND department_id = 1 AND answered_at IS NOT NULL`).Scan(&n))
			if n != 1 {
				t.Fatalf("queries after 0009: %d, want 1", n)
			}
			// The key is still a key.
			if _, err := db.db.ExecContext(ctx, `INSERT INTO recheck_queries (round_id, household_id, department_id,
				subjects, items, expected, created_at) VALUES (1, 7, 1, 1, 'vehicle', 1, $1)`, ts); err == nil {
				t.Fatal("a second query with the same round, household and department was stored")
			}
		})
	}
}
