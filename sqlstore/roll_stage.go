package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// A roll import loads the changed households and their members into
// temporary staging tables and then applies them with a few set-based
// statements (INSERT … SELECT, UPDATE … FROM), so that a city's roll costs
// a handful of statements rather than one per row. Only the load differs
// between the engines: COPY on PostgreSQL, one prepared INSERT per row on
// SQLite, which inside one transaction is SQLite's own bulk path.

// stageTable is a temporary table: its name, columns and their types. The
// type names mean the same to both engines (SQLite reads them as
// affinities).
type stageTable struct {
	name string
	cols []string
	defs []string
}

var (
	stageHouseholds = stageTable{name: "roll_stage_h",
		cols: []string{"number", "hh_id", "township_code", "region_code", "category", "hukou_type", "stable",
			"benefit_fen", "income_fen", "since", "address_enc", "letter_number", "letter_until", "content_sha256"},
		defs: []string{"TEXT", "BIGINT", "TEXT", "TEXT", "TEXT", "TEXT", "BOOLEAN",
			"BIGINT", "BIGINT", "DATE", "TEXT", "TEXT", "DATE", "TEXT"}}
	stageMembers = stageTable{name: "roll_stage_m",
		cols: []string{"number", "hh_id", "fresh", "seq", "name_enc", "id_enc", "id_index", "gender", "birth_date",
			"relationship", "disability_grade", "labour_capacity", "lives_together"},
		defs: []string{"TEXT", "BIGINT", "BOOLEAN", "INTEGER", "TEXT", "TEXT", "TEXT", "TEXT", "DATE",
			"TEXT", "INTEGER", "TEXT", "BOOLEAN"}}
	stageExits = stageTable{name: "roll_stage_x", cols: []string{"id"}, defs: []string{"BIGINT"}}
)

// create makes the table empty and fresh. A table left by an earlier
// transaction on the same pooled connection cannot exist (the tables are
// dropped before commit and a rollback undoes their creation), but
// dropping first costs nothing and makes that certain.
func (t stageTable) create(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `DROP TABLE IF EXISTS `+t.name); err != nil {
		return err
	}
	cols := make([]string, len(t.cols))
	for i := range t.cols {
		cols[i] = t.cols[i] + " " + t.defs[i]
	}
	_, err := tx.ExecContext(ctx, `CREATE TEMP TABLE `+t.name+` (`+strings.Join(cols, ", ")+`)`)
	return err
}

func (t stageTable) drop(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `DROP TABLE `+t.name)
	return err
}

// bulkTx is a transaction on one connection that can also bulk-load rows.
type bulkTx struct {
	*sql.Tx
	conn *sql.Conn
	db   *DB
}

// inBulkTx runs fn in one transaction on a dedicated connection, so that
// on PostgreSQL COPY runs in the same session and transaction as the
// statements. It is not retried: a roll import is large, and the caller
// sees a busy database as such.
func (db *DB) inBulkTx(ctx context.Context, op string, fn func(tx *bulkTx) error) error {
	err := func() error {
		conn, err := db.db.Conn(ctx)
		if err != nil {
			return err
		}
		defer conn.Close()
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if err := fn(&bulkTx{Tx: tx, conn: conn, db: db}); err != nil {
			tx.Rollback()
			return err
		}
		return tx.Commit()
	}()
	return wrapDB(op, err)
}

// load appends rows to a staging table.
func (tx *bulkTx) load(ctx context.Context, t stageTable, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	if tx.db.d.name == postgresDialect.name {
		return tx.conn.Raw(func(dc any) error {
			_, err := dc.(*stdlib.Conn).Conn().CopyFrom(ctx, pgx.Identifier{t.name}, t.cols, pgx.CopyFromRows(rows))
			return err
		})
	}
	ph := make([]string, len(t.cols))
	for i := range ph {
		ph[i] = "$" + strconv.Itoa(i+1)
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO `+t.name+` (`+strings.Join(t.cols, ", ")+`) VALUES (`+strings.Join(ph, ", ")+`)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, r := range rows {
		if _, err := stmt.ExecContext(ctx, r...); err != nil {
			return err
		}
	}
	return nil
}
