package batchfile

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hedui"
)

type fakeInboxStore struct {
	depts    []hedui.Department
	recorded map[string]bool // payload hashes seen
	calls    int
}

func (f *fakeInboxStore) Departments(context.Context, hedui.Actor) ([]hedui.Department, error) {
	return f.depts, nil
}

func (f *fakeInboxStore) RecordAnswers(_ context.Context, _ hedui.Actor, dept int64, as []hedui.Answer) (hedui.IngestReport, error) {
	f.calls++
	var r hedui.IngestReport
	for _, a := range as {
		if a.DepartmentID != dept || a.Channel != hedui.ChannelBatchFile || a.PayloadSHA256 == "" {
			r.Problems = append(r.Problems, hedui.Problem{Source: a.Source, Message: "bad answer"})
			continue
		}
		if f.recorded[a.PayloadSHA256] {
			r.Duplicates++
			continue
		}
		f.recorded[a.PayloadSHA256] = true
		r.Recorded++
	}
	return r, nil
}

func TestInbox(t *testing.T) {
	dir := t.TempDir()
	st := &fakeInboxStore{depts: []hedui.Department{{ID: 7, Code: "621002-bank", Name: "西峰区人民银行支行"}}, recorded: map[string]bool{}}
	in := &Inbox{Dir: dir, Store: st, Options: testOptions(), Now: func() time.Time { return testNow }}
	answers, ids := sampleAnswers()
	good := answersFile(t, CSV, answers, ids)
	bad := append(append([]byte{}, good...), []byte("Q-9,Q-9-1,123,bank,银行存贷款,否,deposit,abc,,,,,,\n")...)
	files := map[string][]byte{
		"621002-bank_202603.csv":       bad,
		"621002-bank_202603-again.csv": good,
		"unknown-dept_1.csv":           good,
		"notes.txt":                    []byte("ignored"),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	stats, err := in.RunOnce(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if stats.Files != 3 || stats.Failed != 1 || stats.Recorded != len(answers) || stats.Duplicates != len(answers) || stats.Problems == 0 {
		t.Fatalf("stats %+v", stats)
	}
	left, _ := os.ReadDir(dir)
	var names []string
	for _, e := range left {
		names = append(names, e.Name())
	}
	if strings.Join(names, ",") != "done,failed,notes.txt" {
		t.Fatalf("inbox after import: %v", names)
	}
	reports, _ := filepath.Glob(filepath.Join(dir, "done", "*_621002-bank_202603.csv.report.txt"))
	if len(reports) != 1 {
		t.Fatalf("reports: %v", reports)
	}
	report, _ := os.ReadFile(reports[0])
	if !strings.Contains(string(report), "第") || !strings.Contains(string(report), "记录") {
		t.Fatalf("report lacks the bad row: %s", report)
	}
	failed, _ := filepath.Glob(filepath.Join(dir, "failed", "*unknown-dept_1.csv.report.txt"))
	if len(failed) != 1 {
		t.Fatal("file of an unknown department not set aside with a report")
	}
	if stats, _ := in.RunOnce(context.Background()); stats.Files != 0 {
		t.Fatalf("second pass read %d files", stats.Files)
	}
}

func TestAdapterWritesIdempotentBatch(t *testing.T) {
	dir := t.TempDir()
	a := &Adapter{Outbox: Outbox{Dir: dir, Now: func() time.Time { return testNow }}}
	dept := hedui.Department{ID: 7, Code: "621002-bank", Name: "西峰区人民银行支行", Items: []hedui.Item{hedui.ItemBank}}
	qs := []hedui.Query{{ID: "QA", Items: dept.Items, CreatedAt: testNow, DueOn: date(2026, 3, 24),
		Subjects: []hedui.Subject{{Ref: "QA-1", Name: "王建国", IDNumber: testID(1)}}}}
	for range 2 {
		res, err := a.Send(context.Background(), dept, qs)
		if err != nil || len(res.Delivered) != 1 {
			t.Fatalf("send: %v %+v", err, res)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "621002-bank_*"))
	if len(files) != 2 { // the request and its manifest, once
		t.Fatalf("outbox: %v", files)
	}
	if BatchID(qs) == BatchID(append(qs, hedui.Query{ID: "QB", CreatedAt: testNow})) {
		t.Fatal("different batches share an id")
	}
}
