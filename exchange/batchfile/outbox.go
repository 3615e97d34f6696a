package batchfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"hedui"
	"hedui/sheet"
)

// Outbox is a directory from which the front-end exchange machine (前置机)
// collects request files.
type Outbox struct {
	Dir string
	Now func() time.Time // stamps new manifests; time.Now when nil
}

// WriteOutbox is Outbox{Dir: dir}.Write.
func WriteOutbox(dir string, format Format, dept hedui.Department, batchID string, qs []hedui.Query) (Manifest, error) {
	return Outbox{Dir: dir}.Write(format, dept, batchID, qs)
}

// Write puts the request file for dept's batch into the outbox as
// "<dept code>_<batchID>.<csv|xlsx>", then its manifest as the same name
// plus ".manifest.json", and returns the manifest.
//
// Each file appears atomically under its final name (written to a hidden
// temporary file, synced, then linked into place), so the exchange machine
// never picks up half a file. Nothing is ever overwritten: writing a batch
// again with the same content is a no-op that returns the manifest already
// there, which makes re-sending after a crash safe; the same batch with
// different content is a KindConflict error, because the department may
// already have the first version. Files are created readable by the owner
// only: they hold ID numbers.
func (o Outbox) Write(format Format, dept hedui.Department, batchID string, qs []hedui.Query) (Manifest, error) {
	const op = "batchfile.WriteOutbox"
	if err := checkFileName("部门代码", dept.Code); err != nil {
		return Manifest{}, hedui.E(op, err)
	}
	if err := checkFileName("批次号", batchID); err != nil {
		return Manifest{}, hedui.E(op, err)
	}
	if len(qs) == 0 {
		return Manifest{}, hedui.Errorf(op, hedui.KindInvalid, "empty_batch", "批次中没有查询，无需生成请求文件")
	}
	var buf bytes.Buffer
	m, err := WriteRequest(&buf, format, dept, qs)
	if err != nil {
		return Manifest{}, hedui.E(op, err)
	}
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	m.BatchID, m.File, m.CreatedAt = batchID, dept.Code+"_"+batchID+"."+format.Ext(), now()
	path := filepath.Join(o.Dir, m.File)

	if _, err := ensureFile(path, buf.Bytes(), func(old []byte) bool { return bytes.Equal(old, buf.Bytes()) }); err != nil {
		return Manifest{}, outboxError(op, m.File, err)
	}
	mj, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return Manifest{}, hedui.E(op, hedui.KindInternal, err)
	}
	var existing Manifest
	old, err := ensureFile(path+".manifest.json", append(mj, '\n'), func(old []byte) bool {
		// An earlier run wrote it; only its time differs.
		return json.Unmarshal(old, &existing) == nil && existing.sameBatch(m)
	})
	if err != nil {
		return Manifest{}, outboxError(op, m.File+".manifest.json", err)
	}
	if old != nil {
		return existing, nil
	}
	return m, nil
}

// sameBatch compares everything but the creation time.
func (m Manifest) sameBatch(o Manifest) bool {
	m.CreatedAt = o.CreatedAt
	return m == o
}

// errDiffers reports an existing file with other content.
var errDiffers = errors.New("file exists with different content")

func outboxError(op, name string, err error) error {
	if errors.Is(err, errDiffers) {
		return hedui.Errorf(op, hedui.KindConflict, "outbox_conflict",
			"前置机目录中已有文件%s且内容不同：同一批次不能重发不同的内容，请使用新的批次号", name)
	}
	// Usually a full disk or an unmounted share: worth retrying later.
	return hedui.E(op, hedui.KindTransient, "outbox_write_failed", "写入前置机目录失败，请检查目录是否存在、可写且磁盘空间充足", err)
}

// checkFileName keeps codes and batch ids to characters that are safe in
// a file name on every system the exchange machine may run.
func checkFileName(what, s string) error {
	ok := s != "" && len(s) <= 64 && s[0] != '.'
	for i := 0; ok && i < len(s); i++ {
		c := s[i]
		ok = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '_' || c == '.'
	}
	if !ok {
		return hedui.Errorf("", hedui.KindInvalid, "invalid_file_name",
			"%s%s不能用作文件名：只能包含字母、数字、“-”“_”“.”，不超过64个字符，且不能以“.”开头", what, sheet.Quote(s))
	}
	return nil
}

// ensureFile makes path hold data without ever overwriting it. If the file
// exists and same accepts its content, it returns that content; if same
// rejects it, errDiffers; otherwise it creates the file and returns nil.
func ensureFile(path string, data []byte, same func(old []byte) bool) ([]byte, error) {
	for range 2 { // a second look when another writer wins the race
		old, err := os.ReadFile(path)
		switch {
		case err == nil && same(old):
			return old, nil
		case err == nil:
			return nil, errDiffers
		case !errors.Is(err, fs.ErrNotExist):
			return nil, err
		}
		if err := placeFile(path, data); !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
	}
	return nil, fmt.Errorf("%s: created and removed concurrently", path)
}

// placeFile creates path with data atomically, failing with fs.ErrExist if
// it is already there.
func placeFile(path string, data []byte) error {
	dir, base := filepath.Split(path)
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // once linked, this removes only the temporary name
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	// A hard link, unlike rename, refuses to replace an existing file.
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return err
		}
		// Some network shares cannot link. Rename after a check is the
		// best they allow; the race it leaves needs two writers of the
		// same batch at the same moment.
		if _, serr := os.Lstat(path); serr == nil {
			return fs.ErrExist
		}
		if err := os.Rename(tmp.Name(), path); err != nil {
			return err
		}
	}
	syncDir(dir)
	return nil
}

// syncDir makes the new directory entry durable. Not every file system
// supports it, and the file itself is already synced, so failure is
// ignored.
func syncDir(dir string) {
	if dir == "" {
		dir = "."
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
