package batchfile

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"hedui"
)

// listDir returns the names in dir, so tests can see stray temporary files.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func clock(t time.Time) func() time.Time { return func() time.Time { return t } }

func TestOutboxWrite(t *testing.T) {
	for _, f := range []Format{CSV, XLSX} {
		t.Run(string(f), func(t *testing.T) {
			dir := t.TempDir()
			first := Outbox{Dir: dir, Now: clock(testNow)}
			m, err := first.Write(f, testDept(), "20260315-01", testQueries())
			if err != nil {
				t.Fatal(err)
			}
			name := "621002-bank_20260315-01." + string(f)
			if want := []string{name, name + ".manifest.json"}; !slices.Equal(listDir(t, dir), want) {
				t.Fatalf("outbox holds %v, want %v", listDir(t, dir), want)
			}
			data, _ := os.ReadFile(filepath.Join(dir, name))
			sum := sha256.Sum256(data)
			if m.File != name || m.BatchID != "20260315-01" || m.SHA256 != hex.EncodeToString(sum[:]) ||
				m.Rows != 5 || m.Queries != 2 || !m.CreatedAt.Equal(testNow) || m.Department != "621002-bank" {
				t.Errorf("manifest = %+v", m)
			}
			var onDisk Manifest
			mj, _ := os.ReadFile(filepath.Join(dir, name+".manifest.json"))
			if err := json.Unmarshal(mj, &onDisk); err != nil || !onDisk.sameBatch(m) || !onDisk.CreatedAt.Equal(m.CreatedAt) {
				t.Errorf("manifest on disk = %+v (%v), returned %+v", onDisk, err, m)
			}
			if info, _ := os.Stat(filepath.Join(dir, name)); info.Mode().Perm()&0o077 != 0 {
				t.Errorf("file mode %v: ID numbers readable by others", info.Mode())
			}

			// Sending the same batch again, later, changes nothing and
			// returns the original manifest: re-sending after a crash is safe.
			again, err := Outbox{Dir: dir, Now: clock(testNow.Add(time.Hour))}.Write(f, testDept(), "20260315-01", testQueries())
			if err != nil {
				t.Fatalf("re-send: %v", err)
			}
			if !again.CreatedAt.Equal(testNow) || !again.sameBatch(m) {
				t.Errorf("re-send manifest = %+v, want %+v", again, m)
			}
			mj2, _ := os.ReadFile(filepath.Join(dir, name+".manifest.json"))
			if string(mj2) != string(mj) || len(listDir(t, dir)) != 2 {
				t.Error("re-send touched the outbox")
			}

			// The same batch with other content is refused, and the
			// department's copy stays what it was.
			changed := testQueries()
			changed[0].Subjects[0].Name = "张三丰"
			_, err = first.Write(f, testDept(), "20260315-01", changed)
			wantKind(t, err, hedui.KindConflict)
			if data2, _ := os.ReadFile(filepath.Join(dir, name)); string(data2) != string(data) {
				t.Error("conflicting send overwrote the file")
			}
			if len(listDir(t, dir)) != 2 {
				t.Errorf("stray files: %v", listDir(t, dir))
			}
		})
	}
}

// TestOutboxCompletesInterruptedWrite: a crash between the file and its
// manifest leaves the file alone; the retry adds the manifest.
func TestOutboxCompletesInterruptedWrite(t *testing.T) {
	dir := t.TempDir()
	m, err := WriteOutbox(dir, CSV, testDept(), "b1", testQueries())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, m.File+".manifest.json")); err != nil {
		t.Fatal(err)
	}
	again, err := WriteOutbox(dir, CSV, testDept(), "b1", testQueries())
	if err != nil || again.SHA256 != m.SHA256 {
		t.Fatalf("retry = %+v, %v", again, err)
	}
	if _, err := os.Stat(filepath.Join(dir, m.File+".manifest.json")); err != nil {
		t.Errorf("manifest not restored: %v", err)
	}
}

func TestOutboxRefuses(t *testing.T) {
	dir := t.TempDir()
	badCode := testDept()
	badCode.Code = "公安"
	for _, tc := range []struct {
		name  string
		dept  hedui.Department
		batch string
		qs    []hedui.Query
		kind  hedui.Kind
	}{
		{"path in batch id", testDept(), "../escape", testQueries(), hedui.KindInvalid},
		{"hidden batch id", testDept(), ".b", testQueries(), hedui.KindInvalid},
		{"empty batch id", testDept(), "", testQueries(), hedui.KindInvalid},
		{"non-ASCII department code", badCode, "b", testQueries(), hedui.KindInvalid},
		{"no queries", testDept(), "b", nil, hedui.KindInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := WriteOutbox(dir, CSV, tc.dept, tc.batch, tc.qs)
			wantKind(t, err, tc.kind)
		})
	}
	_, err := WriteOutbox(filepath.Join(dir, "missing"), CSV, testDept(), "b", testQueries())
	wantKind(t, err, hedui.KindTransient)
	if len(listDir(t, dir)) != 0 {
		t.Errorf("files written: %v", listDir(t, dir))
	}
}
