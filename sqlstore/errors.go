package sqlstore

import (
	"context"
	"database/sql/driver"
	"errors"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"hedui"
)

// Messages shared by several methods.
const (
	msgAppNotFound = "未找到该申请，或您无权查看"
	msgRetry       = "数据已被其他操作修改，请刷新后重试"
)

func errAppNotFound(op string) error {
	return hedui.Errorf(op, hedui.KindNotFound, "application_not_found", msgAppNotFound)
}

// wrapDB turns a driver error into a hedui error of the right kind. Errors
// that already are hedui errors pass through: they carry their own message.
// Driver messages never hold personal data here, because personal data only
// reaches the database sealed or as a blind index.
func wrapDB(op string, err error) error {
	if err == nil {
		return nil
	}
	var he *hedui.Error
	if errors.As(err, &he) {
		return err
	}
	switch {
	case isUnique(err):
		return hedui.E(op, hedui.KindConflict, "conflict", msgRetry, err)
	case errors.Is(err, context.Canceled):
		// The caller went away (a closed request, a stopping server): not
		// a busy database, though trying again later is as right.
		return hedui.E(op, hedui.KindTransient, "canceled", err)
	case isTransient(err):
		return hedui.E(op, hedui.KindTransient, "database_busy", err)
	}
	return hedui.E(op, hedui.KindInternal, "database_error", err)
}

// retryable reports whether running the whole transaction again may
// succeed: the database was busy, or a concurrent transaction won a race
// that a check inside ours will now see and report properly.
func retryable(err error) bool {
	var he *hedui.Error
	if errors.As(err, &he) {
		return false
	}
	return isUnique(err) || isTransient(err)
}

func isUnique(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23505"
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return true
		case sqlite3.SQLITE_CONSTRAINT:
			return strings.Contains(se.Error(), "UNIQUE constraint failed")
		}
	}
	return false
}

func isTransient(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "40001", // serialization_failure
			"40P01",                   // deadlock_detected
			"55P03",                   // lock_not_available
			"53300",                   // too_many_connections
			"57P01", "57P02", "57P03": // shutdown, cannot connect now
			return true
		}
		return strings.HasPrefix(pe.Code, "08") // connection exceptions
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return true
		}
		return false
	}
	var ne net.Error
	return errors.Is(err, driver.ErrBadConn) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, context.Canceled) || errors.As(err, &ne) || pgconn.SafeToRetry(err) || pgconn.Timeout(err)
}
