package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hedui"
	"hedui/demo"
	"hedui/deptsim"
	"hedui/division"
	"hedui/exchange/batchfile"
)

// deptsimRequest writes a request about the first household of the
// population `hedui deptsim -seed 7 -households 5 -epoch 2025-03-03`
// generates into outbox, as the centre's batch channel does, and returns
// the query and the answer file's name.
func deptsimRequest(t *testing.T, outbox string, answerExt string) (hedui.Query, string) {
	t.Helper()
	pop := deptsim.Generate(deptsim.Config{Seed: 7, Households: 5, Now: time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)})
	return writeRequest(t, outbox, answerExt, "Q-1", hedui.Items, pop.Households[0].Members)
}

// writeRequest writes a request file asking query id about the members
// into outbox and returns the query and the answer file's name.
func writeRequest(t *testing.T, outbox, answerExt, id string, items []hedui.Item, members []hedui.NewMember) (hedui.Query, string) {
	t.Helper()
	q := hedui.Query{ID: id, Items: items, CreatedAt: time.Now(), DueOn: hedui.Today(time.Now().AddDate(0, 0, 10))}
	for i, m := range members {
		q.Subjects = append(q.Subjects, hedui.Subject{Ref: fmt.Sprintf("%s-%d", id, i+1), Name: m.Name, IDNumber: m.IDNumber})
	}
	qs := []hedui.Query{q}
	dept := hedui.Department{Code: "621002-police", Name: "西峰区公安分局"}
	if _, err := batchfile.WriteOutbox(outbox, batchfile.CSV, dept, batchfile.BatchID(qs), qs); err != nil {
		t.Fatal(err)
	}
	return q, dept.Code + "_" + batchfile.BatchID(qs) + "-answers." + answerExt
}

// checkAnswerFile reads the answer file as the centre's inbox would and
// checks that it answers every subject × item, from the population.
func checkAnswerFile(t *testing.T, path string, q hedui.Query) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	imp, err := batchfile.ReadAnswers(filepath.Base(path), f, batchfile.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(imp.Problems) > 0 || len(imp.Answers) != len(q.Subjects)*len(q.Items) {
		t.Fatalf("%d answers, problems %+v; want %d answers", len(imp.Answers), imp.Problems, len(q.Subjects)*len(q.Items))
	}
	for _, a := range imp.Answers {
		if a.Item == hedui.ItemHukou && a.NoRecord {
			t.Errorf("%s has no hukou record: answered from another population", a.SubjectRef)
		}
	}
}

func TestDeptsimFilesOnce(t *testing.T) {
	outbox, inbox := t.TempDir(), filepath.Join(t.TempDir(), "inbox") // created on demand
	q, answers := deptsimRequest(t, outbox, "xlsx")
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"deptsim", "-seed", "7", "-households", "5", "-epoch", "2025-03-03",
		"-outbox", outbox, "-inbox", inbox, "-format", "xlsx", "-once"}, strings.NewReader(""), &out, &errOut)
	if code != 0 || !strings.Contains(out.String(), "已答复1个查询") {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errOut.String())
	}
	checkAnswerFile(t, filepath.Join(inbox, answers), q)
	if _, err := os.Stat(filepath.Join(outbox, deptsim.AnsweredDir)); err != nil {
		t.Errorf("the request was not marked answered: %v", err)
	}
}

// TestDeptsimFilesAlone runs the file loop without the centre's secret:
// given only the folders, deptsim needs no key and serves nothing online.
func TestDeptsimFilesAlone(t *testing.T) {
	t.Setenv("HEDUI_EXCHANGE_SECRET", "")
	out := deptsimLoop(t)
	if strings.Contains(out, "http://") || !strings.Contains(out, "模拟部门已停止") {
		t.Errorf("output:\n%s", out)
	}
}

// TestDeptsimOnlineAndFiles serves both channels at once.
func TestDeptsimOnlineAndFiles(t *testing.T) {
	out := deptsimLoop(t, "-addr", "127.0.0.1:0", "-centre-secret", "c2ltdWxhdGVkIGRlcGFydG1lbnRzIHNoYXJlZCBzZWNyZXQsIDMyKyBieXRlcw==")
	if !urlRe.MatchString(out) || !strings.Contains(out, "批量文件") || !strings.Contains(out, "hedui 已停止") {
		t.Errorf("output:\n%s", out)
	}
}

// deptsimLoop runs deptsim's file loop with extra flags until it has
// answered a request, stops it and returns what it printed.
func deptsimLoop(t *testing.T, extra ...string) string {
	t.Helper()
	outbox, inbox := t.TempDir(), t.TempDir()
	q, answers := deptsimRequest(t, outbox, "csv")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut syncBuffer
	done := make(chan int, 1)
	args := append([]string{"deptsim", "-seed", "7", "-households", "5", "-epoch", "2025-03-03",
		"-outbox", outbox, "-inbox", inbox, "-interval", "20ms"}, extra...)
	go func() { done <- run(ctx, args, strings.NewReader(""), &out, &errOut) }()
	path := filepath.Join(inbox, answers)
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if _, err := os.Stat(path); err == nil {
			break
		}
		select {
		case code := <-done:
			t.Fatalf("deptsim exited %d\n%s%s", code, out.String(), errOut.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no answer file\n%s%s", out.String(), errOut.String())
		}
	}
	checkAnswerFile(t, path, q)
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errOut.String())
	}
	return out.String()
}

func TestDeptsimFlags(t *testing.T) {
	t.Setenv("HEDUI_EXCHANGE_SECRET", "")
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		says string
	}{
		{nil, "-centre-secret"},
		{[]string{"-addr", "127.0.0.1:0", "-outbox", dir, "-inbox", dir}, "-centre-secret"},
		{[]string{"-addr", ""}, "没有要模拟的通道"},
		{[]string{"-outbox", dir}, "-inbox"},
		{[]string{"-outbox", dir, "-inbox", dir, "-format", "xls"}, "-format"},
		{[]string{"-outbox", dir, "-inbox", dir, "-once", "-addr", "127.0.0.1:0"}, "-once"},
		{[]string{"-once"}, "-once"},
	} {
		var out, errOut bytes.Buffer
		code := run(context.Background(), append([]string{"deptsim"}, tc.args...), strings.NewReader(""), &out, &errOut)
		if code != 1 || !strings.Contains(errOut.String(), tc.says) {
			t.Errorf("deptsim %q: exit %d, %q; want 1 and a message about %s", tc.args, code, errOut.String(), tc.says)
		}
	}
}

// TestDeptsimDemoRecipients: with -demo-data the departments know the
// demo's recipients on the rolls too, so that a round's request file about
// them is answered from their records, not with 查无记录.
func TestDeptsimDemoRecipients(t *testing.T) {
	dir, outbox, inbox := t.TempDir(), t.TempDir(), filepath.Join(t.TempDir(), "inbox")
	if err := os.WriteFile(filepath.Join(dir, "demo.json"), []byte(`{"epoch":"2025-03-03"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	ds, err := division.Qingyang()
	if err != nil {
		t.Fatal(err)
	}
	h := demo.RollPopulation(time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC), ds).Households[0]
	q, answers := writeRequest(t, outbox, "csv", "R1-H1-D1", []hedui.Item{hedui.ItemHukou}, h.Members)
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"deptsim", "-demo-data", dir, "-outbox", outbox, "-inbox", inbox, "-once"},
		strings.NewReader(""), &out, &errOut)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errOut.String())
	}
	checkAnswerFile(t, filepath.Join(inbox, answers), q)
}
