package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"hedui"
)

// queryer is what both *sql.DB and *sql.Tx offer; helpers that only read
// take it so they run inside or outside a transaction.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// args collects query arguments for SQL built from optional filters and
// hands out their $n placeholders.
type args []any

func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// in returns a parenthesised placeholder list for vs.
func in[T any](a *args, vs []T) string {
	ph := make([]string, len(vs))
	for i, v := range vs {
		ph[i] = a.add(v)
	}
	return "(" + strings.Join(ph, ", ") + ")"
}

// timeCol scans an instant from either engine: time.Time from PostgreSQL,
// text from SQLite, NULL as the zero time. The result is always UTC so that
// values compare equal whichever engine they came from.
type timeCol struct{ p *time.Time }

func (c timeCol) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*c.p = time.Time{}
	case time.Time:
		*c.p = x.UTC()
	case string:
		return c.parse(x)
	case []byte:
		return c.parse(string(x))
	default:
		return fmt.Errorf("sqlstore: cannot scan %T as a time", v)
	}
	return nil
}

func (c timeCol) parse(s string) error {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("sqlstore: bad stored time %q: %w", s, err)
	}
	*c.p = t.UTC()
	return nil
}

// dateCol scans a civil date: DATE from PostgreSQL, 2006-01-02 text from
// SQLite, NULL as the zero date.
type dateCol struct{ p *hedui.Date }

func (c dateCol) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*c.p = hedui.Date{}
	case time.Time:
		*c.p = hedui.DateOf(x)
	case string:
		return c.parse(x)
	case []byte:
		return c.parse(string(x))
	default:
		return fmt.Errorf("sqlstore: cannot scan %T as a date", v)
	}
	return nil
}

func (c dateCol) parse(s string) error {
	d, err := hedui.ParseDate(s)
	if err != nil {
		return fmt.Errorf("sqlstore: bad stored date %q: %w", s, err)
	}
	*c.p = d
	return nil
}

// pageBounds applies the default and maximum page size.
func pageBounds(limit, offset int) (int, int) {
	const def, maxLimit = 50, 500
	if limit <= 0 {
		limit = def
	}
	limit = min(limit, maxLimit)
	return limit, max(offset, 0)
}

// column reads a one-column result into a slice and closes the rows.
func column[T any](rows *sql.Rows, err error) ([]T, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
