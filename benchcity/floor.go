package benchcity

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/jackc/pgx/v5"
	_ "modernc.org/sqlite" // the SQLite driver hedui uses
)

// FloorResult is the plain-SQL floor: the least work a database does to
// match the city's answers to its households.
type FloorResult struct {
	Load       time.Duration // members and answers loaded by the bulk path, indexed
	Match      time.Duration // the JOIN and GROUP BY, every group read
	Households int           // groups the match returned
	Rows       int           // answer rows loaded
}

// Total is the floor's time.
func (f FloorResult) Total() time.Duration { return f.Load + f.Match }

// floor statements, the same on both engines. Logged tables like hedui's:
// an unlogged table would measure less than a database that keeps data.
var floorTables = []string{
	`CREATE TABLE floor_members (household INTEGER NOT NULL, id_number TEXT NOT NULL)`,
	`CREATE TABLE floor_answers (id_number TEXT NOT NULL, item TEXT NOT NULL, no_record BOOLEAN NOT NULL,
		amount_fen BIGINT NOT NULL, records TEXT NOT NULL, payload_sha256 TEXT NOT NULL)`,
}

const floorIndex = `CREATE UNIQUE INDEX floor_members_id ON floor_members (id_number)`

// floorMatch sums each household's answers: found items and amounts.
const floorMatch = `SELECT m.household, COUNT(*), SUM(CASE WHEN a.no_record THEN 0 ELSE 1 END), SUM(a.amount_fen)
FROM floor_answers a JOIN floor_members m ON m.id_number = a.id_number
GROUP BY m.household`

// FloorSQLite loads fd into a new SQLite database at path — each file in
// one transaction of prepared inserts — and matches.
func FloorSQLite(ctx context.Context, path string, fd FloorData) (FloorResult, error) {
	var res FloorResult
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return res, err
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_txlock=immediate")
	if err != nil {
		return res, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, s := range floorTables {
		if _, err := db.ExecContext(ctx, s); err != nil {
			return res, fmt.Errorf("benchcity: floor: %w", err)
		}
	}
	start := time.Now()
	if _, err := sqliteLoad(ctx, db, `INSERT INTO floor_members VALUES ($1, $2)`, fd.Members); err != nil {
		return res, err
	}
	for _, f := range fd.Answers {
		n, err := sqliteLoad(ctx, db, `INSERT INTO floor_answers VALUES ($1, $2, $3, $4, $5, $6)`, f)
		if err != nil {
			return res, err
		}
		res.Rows += n
	}
	if _, err := db.ExecContext(ctx, floorIndex); err != nil {
		return res, fmt.Errorf("benchcity: floor: %w", err)
	}
	res.Load = time.Since(start)
	err = res.match(func() (int, error) {
		rows, err := db.QueryContext(ctx, floorMatch)
		if err != nil {
			return 0, err
		}
		defer rows.Close()
		return drainGroups(rows.Next, rows.Scan, rows.Err)
	})
	return res, err
}

// sqliteLoad inserts a CSV file's rows in one transaction with one
// prepared statement.
func sqliteLoad(ctx context.Context, db *sql.DB, insert, path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, insert)
	if err != nil {
		return 0, err
	}
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<20))
	r.ReuseRecord = true
	n := 0
	args := []any{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return n, fmt.Errorf("benchcity: floor: %s: %w", path, err)
		}
		args = args[:0]
		for _, v := range rec {
			args = append(args, v)
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return n, fmt.Errorf("benchcity: floor: %s: %w", path, err)
		}
		n++
	}
	return n, tx.Commit()
}

// FloorPostgres loads fd into a fresh schema (floorSchema) of the database
// at url by COPY, all in one transaction, and matches. The schema is
// dropped again unless keep.
func FloorPostgres(ctx context.Context, url string, fd FloorData, keep bool) (FloorResult, error) {
	var res FloorResult
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return res, err
	}
	defer conn.Close(context.Background())
	setup := append([]string{`DROP SCHEMA IF EXISTS ` + floorSchema + ` CASCADE`, `CREATE SCHEMA ` + floorSchema,
		`SET search_path = ` + floorSchema}, floorTables...)
	for _, s := range setup {
		if _, err := conn.Exec(ctx, s); err != nil {
			return res, fmt.Errorf("benchcity: floor: %w", err)
		}
	}
	if !keep {
		defer conn.Exec(context.Background(), `DROP SCHEMA IF EXISTS `+floorSchema+` CASCADE`)
	}
	start := time.Now()
	tx, err := conn.Begin(ctx)
	if err != nil {
		return res, err
	}
	defer tx.Rollback(context.Background())
	if _, err := pgCopy(ctx, conn, "floor_members", fd.Members); err != nil {
		return res, err
	}
	for _, f := range fd.Answers {
		n, err := pgCopy(ctx, conn, "floor_answers", f)
		if err != nil {
			return res, err
		}
		res.Rows += n
	}
	if _, err := tx.Exec(ctx, floorIndex); err != nil {
		return res, fmt.Errorf("benchcity: floor: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return res, err
	}
	// Fresh statistics, as a load job would leave; without them the
	// planner guesses the sizes of the tables it joins.
	if _, err := conn.Exec(ctx, `ANALYZE floor_members; ANALYZE floor_answers`); err != nil {
		return res, err
	}
	res.Load = time.Since(start)
	err = res.match(func() (int, error) {
		rows, err := conn.Query(ctx, floorMatch)
		if err != nil {
			return 0, err
		}
		defer rows.Close()
		return drainGroups(rows.Next, rows.Scan, rows.Err)
	})
	return res, err
}

// pgCopy streams a CSV file to the server, which parses it.
func pgCopy(ctx context.Context, conn *pgx.Conn, table, path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	tag, err := conn.PgConn().CopyFrom(ctx, bufio.NewReaderSize(f, 1<<20), "COPY "+table+" FROM STDIN WITH (FORMAT csv)")
	if err != nil {
		return 0, fmt.Errorf("benchcity: floor: COPY %s: %w", path, err)
	}
	return int(tag.RowsAffected()), nil
}

// match runs the floor's query, timed: query reads every group and
// counts them.
func (f *FloorResult) match(query func() (int, error)) error {
	start := time.Now()
	n, err := query()
	f.Households, f.Match = n, time.Since(start)
	if err != nil {
		return fmt.Errorf("benchcity: floor: %w", err)
	}
	return nil
}

// drainGroups reads every group of the match, as hedui reads every
// household's answers, and counts them.
func drainGroups(next func() bool, scan func(...any) error, done func() error) (int, error) {
	n := 0
	for next() {
		var household, answers, found, amount int64
		if err := scan(&household, &answers, &found, &amount); err != nil {
			return n, err
		}
		n++
	}
	if err := done(); err != nil {
		return n, err
	}
	return n, nil
}
