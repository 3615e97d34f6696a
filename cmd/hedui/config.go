package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"hedui"
	"hedui/crypt"
	"hedui/sqlstore"
)

// storeFlags are the flags that say where the data is.
type storeFlags struct {
	data          string
	db            string
	key           string
	objectionDays int
	partSize      int
}

func (f *storeFlags) register(fs *flag.FlagSet, defaultData string) {
	fs.StringVar(&f.data, "data", defaultData, "data directory: SQLite database hedui.db and master key master.key")
	fs.StringVar(&f.db, "db", os.Getenv("HEDUI_DB"), "database URL (postgres://…); overrides the SQLite file in -data (env HEDUI_DB)")
	fs.IntVar(&f.objectionDays, "objection-days", hedui.DefaultObjectionDays, "objection window of reports, calendar days from the report date")
	fs.IntVar(&f.partSize, "recheck-part-size", 1000, "households per part of a re-verification round (the unit a node claims)")
	fs.StringVar(&f.key, "key", os.Getenv("HEDUI_KEY_FILE"), "master key file; default DATA/master.key; env "+crypt.EnvKey+" takes precedence (env HEDUI_KEY_FILE)")
}

func (f *storeFlags) dsn() string {
	if f.db != "" {
		return f.db
	}
	return filepath.Join(f.data, "hedui.db")
}

func (f *storeFlags) keyPath() string {
	if f.key != "" {
		return f.key
	}
	return filepath.Join(f.data, "master.key")
}

// keyring loads the master key; with create, a missing key file in the data
// directory is generated (for the demo and a first start on SQLite).
func (f *storeFlags) keyring(create bool) (*crypt.Keyring, error) {
	kr, err := crypt.Load(f.keyPath())
	if err == nil || !create || !errors.Is(err, fs.ErrNotExist) {
		return kr, err
	}
	if err := os.MkdirAll(filepath.Dir(f.keyPath()), 0o700); err != nil {
		return nil, err
	}
	return crypt.Create(f.keyPath())
}

// open opens the store. With create, a missing SQLite data directory and
// key are created; a database URL never creates a key.
func (f *storeFlags) open(ctx context.Context, create, migrate bool) (*sqlstore.DB, *crypt.Keyring, error) {
	if f.db == "" {
		if _, err := os.Stat(f.data); err != nil {
			if !create {
				return nil, nil, fmt.Errorf("数据目录 %s 不存在：先运行 hedui demo 或 hedui migrate -data %s", f.data, f.data)
			}
			if err := os.MkdirAll(f.data, 0o700); err != nil {
				return nil, nil, err
			}
		}
	}
	kr, err := f.keyring(create && f.db == "")
	if err != nil {
		return nil, nil, err
	}
	st, err := sqlstore.Open(ctx, f.dsn(), sqlstore.Options{Keyring: kr, ObjectionDays: f.objectionDays,
		RecheckPartSize: f.partSize})
	if err != nil {
		return nil, nil, err
	}
	if migrate {
		if err := st.Migrate(ctx); err != nil {
			st.Close()
			return nil, nil, fmt.Errorf("migrate: %w", err)
		}
	}
	return st, kr, nil
}
