package deptsim

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"hedui"
	"hedui/exchange/batchfile"
)

// Subdirectories of FileDepartment.Outbox that take the request files it
// is done with, each with its manifest.
const (
	AnsweredDir = "answered" // every query answered, or silently dropped
	RejectedDir = "rejected" // unreadable; a <file>.error.txt says why
)

// FileDepartment answers the batch channel as departments behind the
// front-end exchange machine (前置机) do: it takes the request files the
// centre writes into its outbox (batchfile.Outbox) and puts answer files
// into the centre's inbox, where batchfile.Inbox imports them.
//
// A request file "<dept code>_<batch>.csv|xlsx" is taken once its manifest
// is there (the centre writes the manifest last, so the file is complete)
// and, with a Behaviour.Latency, once the manifest is that old. Its
// queries are answered from Pop as of the day, in China, of Now, and the
// answers written as "<dept code>_<batch>-answers.<ext>" (a free name:
// "-answers-2" and so on when that one is still waiting in the inbox), to
// a hidden temporary file first and renamed into place, so the centre
// never imports half a file. Then the request and its manifest move to
// Outbox/answered/: that is the mark that the request has been answered,
// and the centre re-sending the same batch puts a new request in the
// outbox, to be answered again.
//
// Behaviour is decided per query as in the other channels. A silent query
// is left out of the answer file for good, so the centre sees it go
// overdue. A file has no garbled replies to give: an error or garbage
// outcome means the department does not get to the query on this pass;
// the request stays in the outbox and the query is tried again on the
// next, the others being answered already. Which queries of a request are
// done is kept in memory only: after a restart a request still in the
// outbox is answered in full again, which the centre, keeping answers by
// content, takes in its stride.
//
// A request that cannot be read (or does not match its manifest's SHA-256)
// moves to Outbox/rejected/ with a report, instead of failing every pass.
//
// The centre's outbox and inbox are DATA/exchange/outbox and
// DATA/exchange/inbox unless hedui runs with -exchange-dir.
type FileDepartment struct {
	Pop           *Population
	Outbox, Inbox string
	Format        batchfile.Format // of answer files; empty: the request's
	Behaviour     Behaviour
	Now           func() time.Time // time.Now when nil
	Logger        *slog.Logger     // nil: RunOnce logs nothing, Run logs to slog.Default

	mu      sync.Mutex
	pending map[string]*pendingRequest // by request file name
}

// pendingRequest is a request some of whose queries are still owed.
type pendingRequest struct {
	attempt int             // passes that worked on it
	settled map[string]bool // query ids answered or dropped
}

// RunOnce answers every complete request now in the outbox and returns
// how many queries it answered. It carries on past a request that fails
// and returns all failures joined.
func (d *FileDepartment) RunOnce(ctx context.Context) (answered int, err error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.Pop == nil || d.Outbox == "" || d.Inbox == "" {
		return 0, errors.New("deptsim: a file department needs a population, an outbox and an inbox")
	}
	entries, err := os.ReadDir(d.Outbox)
	if err != nil {
		return 0, err
	}
	now := d.now()
	seen := map[string]bool{}
	var errs []error
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return answered, err
		}
		name := e.Name()
		if _, _, ok := requestName(name); !ok || !e.Type().IsRegular() {
			continue
		}
		seen[name] = true
		n, err := d.request(name, now)
		answered += n
		if err != nil {
			errs = append(errs, fmt.Errorf("deptsim: %s: %w", name, err))
		}
	}
	for name := range d.pending {
		if !seen[name] {
			delete(d.pending, name) // gone: the centre or a person took it away
		}
	}
	return answered, errors.Join(errs...)
}

// Run calls RunOnce now and then every interval (5 s when not positive)
// until ctx ends, logging what each pass did.
func (d *FileDepartment) Run(ctx context.Context, every time.Duration) {
	if every <= 0 {
		every = 5 * time.Second
	}
	log := d.Logger
	if log == nil {
		log = slog.Default()
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		n, err := d.RunOnce(ctx)
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			log.Warn("deptsim: answer-file pass failed", "answered", n, "err", err)
		case n > 0:
			log.Info("deptsim: answer-file pass", "answered", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// requestName splits "<dept code>_<batch>.csv|xlsx" into code and batch.
// Hidden files are the centre's temporary files.
func requestName(name string) (code, batch string, ok bool) {
	ext := filepath.Ext(name)
	if strings.HasPrefix(name, ".") || (ext != ".csv" && ext != ".xlsx") {
		return "", "", false
	}
	code, batch, ok = strings.Cut(strings.TrimSuffix(name, ext), "_")
	return code, batch, ok && code != "" && batch != ""
}

// request works on one request file and returns the queries it answered.
func (d *FileDepartment) request(name string, now time.Time) (int, error) {
	path := filepath.Join(d.Outbox, name)
	mj, err := os.ReadFile(path + ".manifest.json")
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil // still being written
	}
	if err != nil {
		return 0, err
	}
	var m batchfile.Manifest
	if err := json.Unmarshal(mj, &m); err != nil {
		return 0, d.reject(name, "清单文件无法解析："+err.Error())
	}
	if m.File != "" && m.File != name {
		return 0, d.reject(name, fmt.Sprintf("清单文件描述的是%s，不是本文件", m.File))
	}
	if d.Behaviour.Latency > 0 && now.Sub(m.CreatedAt) < d.Behaviour.Latency {
		return 0, nil // the department has not got to it yet
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	if sum := sha256.Sum256(data); m.SHA256 != "" && !strings.EqualFold(m.SHA256, hex.EncodeToString(sum[:])) {
		return 0, d.reject(name, "请求文件的SHA-256与清单不符，文件可能不完整或已被改动")
	}
	qs, err := batchfile.ReadRequest(name, bytes.NewReader(data), batchfile.ReadOptions{Now: func() time.Time { return now }})
	if err != nil {
		return 0, d.reject(name, hedui.MessageOf(err))
	}

	if d.pending == nil {
		d.pending = map[string]*pendingRequest{}
	}
	st := d.pending[name]
	if st == nil {
		st = &pendingRequest{settled: map[string]bool{}}
		d.pending[name] = st
	}
	st.attempt++
	var answers []hedui.Answer
	idNumbers := map[string]string{}
	var answeredIDs, silentIDs []string
	owed := false
	for _, q := range qs {
		if st.settled[q.ID] {
			continue
		}
		switch d.Behaviour.Decide(q.ID, st.attempt) {
		case OutcomeSilence:
			silentIDs = append(silentIDs, q.ID)
		case OutcomeError, OutcomeGarbage:
			owed = true
		default:
			answers = append(answers, d.Pop.Answer(q, hedui.Today(now), now)...)
			for _, s := range q.Subjects {
				idNumbers[s.Ref] = s.IDNumber
			}
			answeredIDs = append(answeredIDs, q.ID)
		}
	}
	if len(answers) > 0 {
		code, batch, _ := requestName(name)
		format := d.Format
		if format == "" {
			format = batchfile.Format(strings.TrimPrefix(filepath.Ext(name), "."))
		}
		written, err := d.writeAnswers(code+"_"+batch+"-answers", format, answers, idNumbers)
		if err != nil {
			return 0, err
		}
		if d.Logger != nil {
			d.Logger.Info("deptsim: answer file written", "request", name, "file", written, "queries", len(answeredIDs))
		}
	}
	for _, id := range append(answeredIDs, silentIDs...) {
		st.settled[id] = true
	}
	if !owed {
		if err := settle(d.Outbox, name, AnsweredDir); err != nil {
			return len(answeredIDs), err // tried again next pass; nothing is owed
		}
		delete(d.pending, name)
	}
	return len(answeredIDs), nil
}

// writeAnswers writes an answer file into the inbox under the first free
// name of stem, stem-2, stem-3…, and returns the name.
func (d *FileDepartment) writeAnswers(stem string, format batchfile.Format, answers []hedui.Answer, idNumbers map[string]string) (string, error) {
	var buf bytes.Buffer
	if err := batchfile.WriteAnswers(&buf, format, fileAnswers(answers), idNumbers); err != nil {
		return "", err
	}
	name := stem + "." + format.Ext()
	for n := 2; ; n++ {
		_, err := os.Lstat(filepath.Join(d.Inbox, name))
		if errors.Is(err, fs.ErrNotExist) {
			break
		}
		if err != nil {
			return "", err
		}
		name = stem + "-" + strconv.Itoa(n) + "." + format.Ext()
	}
	// Hidden while written: the centre's importer skips dot files.
	tmp, err := os.CreateTemp(d.Inbox, "."+name+".tmp-*") // 0600: it holds ID numbers
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	_, err = tmp.Write(buf.Bytes())
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", err
	}
	return name, os.Rename(tmp.Name(), filepath.Join(d.Inbox, name))
}

// fileFieldNames renames the Record.Fields an answer file cannot carry
// under their own names, because a reader takes those headers for the
// file's own columns: the hukou register's 姓名 and 公民身份号码 (an alias
// of 身份证号码). Through the file channel they arrive under these names.
var fileFieldNames = map[string]string{
	FieldName:     "户籍登记姓名",
	FieldIDNumber: "户籍登记身份号码",
}

// fileAnswers is answers as an answer file carries them: see
// fileFieldNames. The records given are not changed.
func fileAnswers(answers []hedui.Answer) []hedui.Answer {
	out := make([]hedui.Answer, len(answers))
	for i, a := range answers {
		cloned := false
		for j, r := range a.Records {
			fields := renameFields(r.Fields)
			if fields == nil {
				continue
			}
			if !cloned {
				a.Records, cloned = slices.Clone(a.Records), true
			}
			a.Records[j].Fields = fields
		}
		out[i] = a
	}
	return out
}

// renameFields returns a copy of fields renamed by fileFieldNames, or nil
// when there is nothing to rename.
func renameFields(fields map[string]string) map[string]string {
	var out map[string]string
	for from, to := range fileFieldNames {
		v, ok := fields[from]
		if !ok {
			continue
		}
		if out == nil {
			out = maps.Clone(fields)
		}
		delete(out, from)
		out[to] = v
	}
	return out
}

// reject moves a request that cannot be answered out of the way, with a
// report, and returns the reason as an error.
func (d *FileDepartment) reject(name, reason string) error {
	delete(d.pending, name)
	if err := settle(d.Outbox, name, RejectedDir); err != nil {
		return err
	}
	report := filepath.Join(d.Outbox, RejectedDir, name+".error.txt")
	if err := os.WriteFile(report, []byte("请求文件："+name+"\n"+reason+"\n"), 0o600); err != nil {
		return err
	}
	return hedui.Errorf("", hedui.KindInvalid, "request_rejected", "请求文件%s无法处理，已移至%s：%s", name, RejectedDir, reason)
}

// settle moves a request file, then its manifest, into a subdirectory of
// the outbox. The file goes first: a manifest left alone is ignored, a
// request file without its manifest would look unfinished.
func settle(outbox, name, sub string) error {
	dir := filepath.Join(outbox, sub)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	for _, n := range []string{name, name + ".manifest.json"} {
		if err := os.Rename(filepath.Join(outbox, n), filepath.Join(dir, n)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

func (d *FileDepartment) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}
