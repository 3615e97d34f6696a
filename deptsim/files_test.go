package deptsim

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"hedui"
	"hedui/exchange/batchfile"
)

// fileDept is a simulated department code on the batch channel.
var fileDept = hedui.Department{ID: 4, Code: "621002-police", Name: "西峰区公安分局", Channel: hedui.ChannelBatchFile}

// fileQueries asks about households first to first+n-1 for every item,
// as the centre would: subjects without member ids (those do not travel),
// a due date, plus one person the population does not know.
func fileQueries(pop *Population, first, n int) []hedui.Query {
	var qs []hedui.Query
	for i := first; i < first+n; i++ {
		q := householdQuery(&pop.Households[i])
		q.DueOn = hedui.DateOf(testNow.AddDate(0, 0, 10))
		q.CreatedAt = testNow
		for j := range q.Subjects {
			q.Subjects[j].MemberID = 0
		}
		qs = append(qs, q)
	}
	qs[0].Subjects = append(qs[0].Subjects, hedui.Subject{Ref: qs[0].ID + "-x", Name: "路人甲", IDNumber: "11010519491231002X"})
	return qs
}

// writeRequest puts qs into outbox as the centre's batch adapter does.
func writeRequest(t *testing.T, outbox string, f batchfile.Format, qs []hedui.Query) string {
	t.Helper()
	m, err := batchfile.Outbox{Dir: outbox, Now: func() time.Time { return testNow }}.Write(f, fileDept, batchfile.BatchID(qs), qs)
	if err != nil {
		t.Fatal(err)
	}
	return m.File
}

func dirNames(t *testing.T, dir string) []string {
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

// readAnswerFile reads an answer file as the centre's inbox does.
func readAnswerFile(t *testing.T, path string, now time.Time) *batchfile.Import {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	imp, err := batchfile.ReadAnswers(filepath.Base(path), f, batchfile.ReadOptions{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	if len(imp.Problems) > 0 {
		t.Fatalf("%s: problems %+v", path, imp.Problems)
	}
	return imp
}

// asRead is what the centre reads back of answers the department gave:
// the content, with the file's envelope instead of the simulator's.
func asRead(answers []hedui.Answer, received time.Time) []hedui.Answer {
	out := fileAnswers(answers)
	for i := range out {
		out[i].Channel, out[i].Source, out[i].PayloadSHA256, out[i].ReceivedAt = "", "", "", received
		out[i].RecordsJSON = nil // the simulator's encoding, not part of the answer
	}
	return out
}

func stripEnvelope(answers []hedui.Answer) []hedui.Answer {
	for i := range answers {
		answers[i].Source, answers[i].PayloadSHA256 = "", ""
	}
	return answers
}

func TestFileDepartmentAnswers(t *testing.T) {
	pop := Generate(Config{Seed: 3, Households: 40, Now: testNow})
	for _, tc := range []struct {
		request, answer batchfile.Format // answer "": as the request
	}{{batchfile.CSV, ""}, {batchfile.XLSX, ""}, {batchfile.CSV, batchfile.XLSX}} {
		t.Run(string(tc.request)+"-"+string(tc.answer), func(t *testing.T) {
			outbox, inbox := t.TempDir(), t.TempDir()
			qs := fileQueries(pop, 0, 6)
			req := writeRequest(t, outbox, tc.request, qs)
			now := testNow.Add(time.Hour)
			d := &FileDepartment{Pop: pop, Outbox: outbox, Inbox: inbox, Format: tc.answer, Now: func() time.Time { return now }}

			n, err := d.RunOnce(context.Background())
			if err != nil || n != len(qs) {
				t.Fatalf("RunOnce = %d, %v; want %d queries answered", n, err, len(qs))
			}
			ext := tc.answer
			if ext == "" {
				ext = tc.request
			}
			want := "621002-police_" + batchfile.BatchID(qs) + "-answers." + ext.Ext()
			if got := dirNames(t, inbox); !slices.Equal(got, []string{want}) {
				t.Fatalf("inbox holds %v, want %v", got, want)
			}
			if got := dirNames(t, outbox); !slices.Equal(got, []string{AnsweredDir}) {
				t.Errorf("outbox holds %v, want only %s/", got, AnsweredDir)
			}
			if got := dirNames(t, filepath.Join(outbox, AnsweredDir)); !slices.Equal(got, []string{req, req + ".manifest.json"}) {
				t.Errorf("answered/ holds %v", got)
			}

			received := now.Add(time.Minute)
			imp := readAnswerFile(t, filepath.Join(inbox, want), received)
			var wantAnswers []hedui.Answer
			ids := map[string]string{}
			items := map[hedui.Item]bool{}
			for _, q := range qs {
				wantAnswers = append(wantAnswers, asRead(pop.Answer(q, hedui.Today(now), now), received)...)
				for _, s := range q.Subjects {
					ids[s.Ref] = s.IDNumber
				}
			}
			for _, a := range wantAnswers {
				items[a.Item] = items[a.Item] || !a.NoRecord
			}
			if got := stripEnvelope(imp.Answers); !reflect.DeepEqual(got, wantAnswers) {
				for i := range min(len(got), len(wantAnswers)) {
					if !reflect.DeepEqual(got[i], wantAnswers[i]) {
						t.Fatalf("answer %d of %d/%d differs\n got %+v\nwant %+v", i, len(got), len(wantAnswers), got[i], wantAnswers[i])
					}
				}
				t.Fatalf("%d answers read back, want %d", len(got), len(wantAnswers))
			}
			if !reflect.DeepEqual(imp.IDNumbers, ids) {
				t.Errorf("ID numbers = %v, want %v", imp.IDNumbers, ids)
			}
			if !items[hedui.ItemHukou] || !items[hedui.ItemBank] {
				t.Errorf("the sample should hold hukou and bank records: %v", items)
			}

			// Done is done: nothing new on the next pass.
			if n, err := d.RunOnce(context.Background()); n != 0 || err != nil {
				t.Errorf("second RunOnce = %d, %v; want nothing", n, err)
			}
			if got := dirNames(t, inbox); !slices.Equal(got, []string{want}) {
				t.Errorf("inbox holds %v after a second pass", got)
			}
		})
	}
}

// TestFileDepartmentHukouFields checks the renaming that lets the hukou
// register's own 姓名 and 公民身份号码 travel in a file.
func TestFileDepartmentHukouFields(t *testing.T) {
	pop := Generate(Config{Seed: 3, Households: 1, Now: testNow})
	q := fileQueries(pop, 0, 1)[0]
	q.Items = []hedui.Item{hedui.ItemHukou}
	as := pop.Answer(q, hedui.DateOf(testNow), testNow)
	got := fileAnswers(as)
	f := got[0].Records[0].Fields
	if f["户籍登记姓名"] != q.Subjects[0].Name || f["户籍登记身份号码"] != q.Subjects[0].IDNumber || f[FieldName] != "" || f[FieldIDNumber] != "" {
		t.Errorf("file fields %v", f)
	}
	if as[0].Records[0].Fields[FieldName] != q.Subjects[0].Name {
		t.Error("fileAnswers changed the population's answer")
	}
}

// TestFileDepartmentBehaviour answers one request of many queries pass by
// pass under errors and silence, and checks every pass against Decide.
func TestFileDepartmentBehaviour(t *testing.T) {
	pop := Generate(Config{Seed: 4, Households: 60, Now: testNow})
	outbox, inbox := t.TempDir(), t.TempDir()
	qs := fileQueries(pop, 0, 60)
	req := writeRequest(t, outbox, batchfile.CSV, qs)
	b := Behaviour{Seed: 11, SilenceRate: 0.2, ErrorRate: 0.3, GarbageRate: 0.1}
	d := &FileDepartment{Pop: pop, Outbox: outbox, Inbox: inbox, Behaviour: b, Now: func() time.Time { return testNow }}

	owed := map[string]bool{}
	silent := 0
	for _, q := range qs {
		if b.Decide(q.ID, 1) == OutcomeSilence {
			silent++
		} else {
			owed[q.ID] = true
		}
	}
	if silent == 0 || silent == len(qs) {
		t.Fatalf("%d of %d silent; the test needs some of each", silent, len(qs))
	}
	answeredBy := map[string]string{} // query id → answer file
	for attempt := 1; len(owed) > 0; attempt++ {
		if attempt > 20 {
			t.Fatalf("still owed after 20 passes: %v", owed)
		}
		before := dirNames(t, inbox)
		var wantIDs []string
		for _, q := range qs {
			if owed[q.ID] && b.Decide(q.ID, attempt) == OutcomeAnswer {
				wantIDs = append(wantIDs, q.ID)
			}
		}
		n, err := d.RunOnce(context.Background())
		if err != nil || n != len(wantIDs) {
			t.Fatalf("pass %d: RunOnce = %d, %v; want %d answered", attempt, n, err, len(wantIDs))
		}
		after := dirNames(t, inbox)
		if len(wantIDs) == 0 {
			if len(after) != len(before) {
				t.Fatalf("pass %d answered nothing but wrote %v", attempt, after)
			}
			continue
		}
		if len(after) != len(before)+1 {
			t.Fatalf("pass %d: inbox %v → %v, want one new file", attempt, before, after)
		}
		var file string
		for _, f := range after {
			if !slices.Contains(before, f) {
				file = f
			}
		}
		var gotIDs []string
		for _, a := range readAnswerFile(t, filepath.Join(inbox, file), testNow).Answers {
			if len(gotIDs) == 0 || gotIDs[len(gotIDs)-1] != a.QueryID {
				gotIDs = append(gotIDs, a.QueryID)
			}
		}
		if !slices.Equal(gotIDs, wantIDs) {
			t.Fatalf("pass %d: %s answers %v, want %v", attempt, file, gotIDs, wantIDs)
		}
		for _, id := range gotIDs {
			if prev, dup := answeredBy[id]; dup {
				t.Fatalf("%s answered twice, in %s and %s", id, prev, file)
			}
			answeredBy[id] = file
			delete(owed, id)
		}
		inOutbox := slices.Contains(dirNames(t, outbox), req)
		if inOutbox != (len(owed) > 0) {
			t.Fatalf("pass %d: request in outbox = %v with %d queries owed", attempt, inOutbox, len(owed))
		}
	}
	if len(answeredBy) != len(qs)-silent {
		t.Errorf("%d queries answered, want %d", len(answeredBy), len(qs)-silent)
	}
	if n, err := d.RunOnce(context.Background()); n != 0 || err != nil {
		t.Errorf("RunOnce after all answered = %d, %v", n, err)
	}
}

// TestFileDepartmentWaits leaves alone requests whose manifest is not
// there yet, and, with a latency, requests younger than that.
func TestFileDepartmentWaits(t *testing.T) {
	pop := Generate(Config{Seed: 5, Households: 3, Now: testNow})
	outbox, inbox := t.TempDir(), t.TempDir()
	qs := fileQueries(pop, 0, 3)
	req := writeRequest(t, outbox, batchfile.XLSX, qs)
	manifest := filepath.Join(outbox, req+".manifest.json")
	aside := filepath.Join(t.TempDir(), "manifest")
	if err := os.Rename(manifest, aside); err != nil {
		t.Fatal(err)
	}
	// Neither the centre's temporary files nor stray files are requests.
	for _, name := range []string{".621002-police_x.xlsx.tmp-1", "README.txt", "nobatch.csv"} {
		if err := os.WriteFile(filepath.Join(outbox, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	now := testNow.Add(30 * time.Minute)
	d := &FileDepartment{Pop: pop, Outbox: outbox, Inbox: inbox, Behaviour: Behaviour{Latency: time.Hour},
		Now: func() time.Time { return now }}
	step := func(what string, want int) {
		t.Helper()
		n, err := d.RunOnce(context.Background())
		if err != nil || n != want {
			t.Fatalf("%s: RunOnce = %d, %v; want %d", what, n, err, want)
		}
		if got := len(dirNames(t, inbox)); (want > 0) != (got > 0) {
			t.Fatalf("%s: inbox holds %d files", what, got)
		}
	}
	step("without manifest", 0)
	if err := os.Rename(aside, manifest); err != nil {
		t.Fatal(err)
	}
	step("too young", 0)
	now = testNow.Add(time.Hour)
	step("old enough", len(qs))
}

func TestFileDepartmentRejects(t *testing.T) {
	pop := Generate(Config{Seed: 6, Households: 3, Now: testNow})
	outbox, inbox := t.TempDir(), t.TempDir()
	qs := fileQueries(pop, 0, 2)
	bad := writeRequest(t, outbox, batchfile.CSV, qs)
	if err := os.WriteFile(filepath.Join(outbox, bad), []byte("not what the manifest says"), 0o600); err != nil {
		t.Fatal(err)
	}
	good := writeRequest(t, outbox, batchfile.CSV, fileQueries(pop, 2, 1))
	d := &FileDepartment{Pop: pop, Outbox: outbox, Inbox: inbox, Now: func() time.Time { return testNow }}
	n, err := d.RunOnce(context.Background())
	if n != 1 || err == nil || !strings.Contains(err.Error(), bad) {
		t.Fatalf("RunOnce = %d, %v; want the good request answered and the bad one reported", n, err)
	}
	rejected := dirNames(t, filepath.Join(outbox, RejectedDir))
	if !slices.Equal(rejected, []string{bad, bad + ".error.txt", bad + ".manifest.json"}) {
		t.Errorf("rejected/ holds %v", rejected)
	}
	report, _ := os.ReadFile(filepath.Join(outbox, RejectedDir, bad+".error.txt"))
	if !strings.Contains(string(report), "SHA-256") {
		t.Errorf("report %q does not say why", report)
	}
	if got := dirNames(t, filepath.Join(outbox, AnsweredDir)); !slices.Contains(got, good) {
		t.Errorf("answered/ holds %v", got)
	}
	if n, err := d.RunOnce(context.Background()); n != 0 || err != nil {
		t.Errorf("next RunOnce = %d, %v; the rejected request should be out of the way", n, err)
	}
}
