package http

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"hedui"
	"hedui/deptsim"
	"hedui/exchange"
	"hedui/exchange/batchfile"
	"hedui/recheck"
	"hedui/sheet"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestRecheckRoundFiles: 西峰区's bank is on the batch-file channel, so a
// round waits for its one answer file. Its liaison downloads the round's
// request file, answers every line and uploads the answer file; the
// worker then finishes the round. The same file again records nothing,
// and the police's liaison and another county's verifier see nothing.
func TestRecheckRoundFiles(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.ensurePolicies("621002")
	sys := hedui.SystemActor("测试")
	bank := e.dept("621002-bank")
	bank.Channel = hedui.ChannelBatchFile
	_, err := e.store.UpdateDepartment(ctx, sys, bank)
	noErr(t, err)
	pop := e.recheckRoll(5, 4)

	v := e.as("verifier.xifeng")
	e.must(200, v, "PUT", "/api/v1/recheck-schedules", hedui.ExampleRecheckSchedule("621002", hedui.CategoryDibao, policyStart), nil)
	var round hedui.Round
	e.must(201, v, "POST", "/api/v1/rechecks", map[string]any{"scope_code": "621002"}, &round)
	// The police answer in process; nothing answers for the bank.
	sim := deptsim.NewAdapter(pop, deptsim.Behaviour{}, e.clock.Now)
	w := recheck.NewWorker(e.store, recheck.Options{Node: "test", Adapters: map[hedui.Channel]exchange.Adapter{hedui.ChannelManual: sim}})
	drainWorker(t, w)
	var p hedui.RoundProgress
	e.must(200, v, "GET", fmt.Sprintf("/api/v1/rechecks/%d", round.ID), nil, &p)
	if p.Round.Status != hedui.RoundRunning || p.Overall.Evaluated != 0 {
		t.Fatalf("before the answer file: %+v", p)
	}

	base := fmt.Sprintf("/api/v1/rechecks/%d/departments/%d", round.ID, bank.ID)
	liaison := e.as("liaison.bank")
	res := e.must(200, liaison, "GET", base+"/request-file?format=csv", nil, nil)
	if ct := res.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") ||
		!strings.Contains(res.header.Get("Content-Disposition"), "621002-bank") {
		t.Errorf("request file headers: %v", res.header)
	}
	qs, err := batchfile.ReadRequest("request.csv", bytes.NewReader(res.body), batchfile.ReadOptions{Now: e.clock.Now})
	noErr(t, err)
	if len(qs) != round.Households {
		t.Fatalf("request file lists %d queries, want one per household (%d)", len(qs), round.Households)
	}
	xl := e.must(200, v, "GET", base+"/request-file?format=xlsx", nil, nil)
	if !bytes.HasPrefix(xl.body, []byte("PK")) {
		t.Errorf("xlsx request file is not a workbook")
	}

	// The liaison fills in every line of the file.
	var answers []hedui.Answer
	ids := map[string]string{}
	for _, q := range qs {
		for _, s := range q.Subjects {
			ids[s.Ref] = s.IDNumber
		}
		answers = append(answers, pop.Answer(q, hedui.Today(e.clock.Now()), e.clock.Now())...)
	}
	var file bytes.Buffer
	noErr(t, batchfile.WriteAnswers(&file, batchfile.CSV, answers, ids))
	body, ctype := multipartFile(t, "银行复核反馈.csv", file.Bytes())
	var rep answerFileResponse
	e.must(200, liaison, "POST", base+"/answer-file", body, &rep, "Content-Type", ctype)
	if rep.Recorded != len(answers) || rep.Duplicates != 0 || len(rep.Problems) != 0 || rep.File.Name != "银行复核反馈.csv" {
		t.Fatalf("upload = %+v, want %d recorded", rep, len(answers))
	}
	drainWorker(t, w)
	e.must(200, v, "GET", fmt.Sprintf("/api/v1/rechecks/%d", round.ID), nil, &p)
	if p.Round.Status != hedui.RoundFinished || p.Overall.Evaluated != round.Households || p.Overall.Answered != p.Overall.Dispatched {
		t.Fatalf("after the answer file: %+v", p)
	}

	// The same file again, by the verifier and saved by Excel as GB18030:
	// duplicates only.
	gbk, err := simplifiedchinese.GB18030.NewEncoder().Bytes(bytes.TrimPrefix(file.Bytes(), sheet.UTF8BOM))
	noErr(t, err)
	body, ctype = multipartFile(t, "银行复核反馈_gbk.csv", gbk)
	e.must(200, v, "POST", base+"/answer-file", body, &rep, "Content-Type", ctype)
	if rep.Recorded != 0 || rep.Duplicates != len(answers) || len(rep.Problems) != 0 || rep.File.Encoding != batchfile.EncodingGB18030 {
		t.Errorf("second upload = %+v, want %d duplicates", rep, len(answers))
	}
	huge := append(file.Bytes(), bytes.Repeat([]byte("\r\n"), 5<<20)...)
	if r := e.call(liaison, "POST", base+"/answer-file", huge, "Content-Type", "text/csv"); r.status != 413 ||
		!strings.Contains(r.errorDetail().Message, "不能超过") {
		t.Errorf("file over the limit: %v", r)
	}

	// A line naming a query that is not the round's is a problem by line;
	// a file that is no table at all stores nothing and says why.
	var bad bytes.Buffer
	wrong := answers[0]
	wrong.QueryID = "R999-1-1"
	noErr(t, batchfile.WriteAnswers(&bad, batchfile.CSV, []hedui.Answer{wrong}, ids))
	e.must(200, liaison, "POST", base+"/answer-file?filename=错.csv", bad.Bytes(), &rep, "Content-Type", "text/csv")
	if rep.Recorded != 0 || len(rep.Problems) != 1 || rep.Problems[0].Code != "unknown_query" || rep.Problems[0].Line != 2 {
		t.Errorf("foreign query: %+v", rep)
	}
	if r := e.call(liaison, "POST", base+"/answer-file", []byte("姓名,金额\r\n张三,100\r\n"), "Content-Type", "text/csv"); r.status != 422 || r.errorDetail().Message == "" {
		t.Errorf("not an answer file: %v, want 422 with a message", r)
	}

	// Nobody else learns of the round's files.
	for _, c := range []struct {
		who    string
		status int
	}{
		{"liaison.police", 404}, {"verifier.huanxian", 404}, {"clerk.xiaojin", 403}, {"admin", 403},
	} {
		tok := e.as(c.who)
		if r := e.call(tok, "GET", base+"/request-file", nil); r.status != c.status {
			t.Errorf("%s downloads: %v, want %d", c.who, r, c.status)
		}
		if r := e.call(tok, "POST", base+"/answer-file", body, "Content-Type", ctype); r.status != c.status {
			t.Errorf("%s uploads: %v, want %d", c.who, r, c.status)
		}
	}
	// The police's liaison gets his own department's file of the round.
	e.must(200, e.as("liaison.police"), "GET", fmt.Sprintf("/api/v1/rechecks/%d/departments/%d/request-file",
		round.ID, e.dept("621002-police").ID), nil, nil)
}
