package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"hedui"
	"hedui/demo"
	"hedui/exchange/batchfile"
	"hedui/password"
)

// batchBank registers 西峰区's bank, named as the demo bank liaison's
// organisation, on the batch-file channel (nothing answers it but its
// file), and the demo liaison accounts.
func (f *rfix) batchBank() hedui.Department {
	f.t.Helper()
	ctx := context.Background()
	d, err := f.store.CreateDepartment(ctx, hedui.SystemActor("测试"), hedui.Department{Code: "621002-bank",
		Name: "西峰区人民银行支行（代各商业银行）", Level: hedui.LevelCounty, Division: "621002", Items: []hedui.Item{hedui.ItemBank},
		Channel: hedui.ChannelBatchFile, ReplyDays: hedui.DefaultReplyDays, Active: true,
		Agreement: hedui.Agreement{Number: "测试协议", SignedOn: hedui.Date{Time: recheckStart.AddDate(-1, 0, 0)},
			ValidFrom: hedui.Date{Time: recheckStart.AddDate(-1, 0, 0)}}})
	if err != nil {
		f.t.Fatal(err)
	}
	if err := demo.SeedLiaisons(ctx, f.store, func(pw string) string { return password.Hash(pw, cheapParams) }); err != nil {
		f.t.Fatal(err)
	}
	return d
}

// roundAnswerFile is the department's answer file to a round's request
// file: every line answered from the simulated population.
func (f *rfix) roundAnswerFile(request []byte) []byte {
	f.t.Helper()
	qs, err := batchfile.ReadRequest("request.csv", bytes.NewReader(request), batchfile.ReadOptions{Now: f.clock.Now})
	if err != nil {
		f.t.Fatal(err)
	}
	var answers []hedui.Answer
	ids := map[string]string{}
	for _, q := range qs {
		for _, s := range q.Subjects {
			ids[s.Ref] = s.IDNumber
		}
		answers = append(answers, f.pop.Answer(q, hedui.Today(f.clock.Now()), f.clock.Now())...)
	}
	var file bytes.Buffer
	if err := batchfile.WriteAnswers(&file, batchfile.CSV, answers, ids); err != nil {
		f.t.Fatal(err)
	}
	return file.Bytes()
}

var recordedRe = regexp.MustCompile(`id="upload-recorded">(\d+)<`)

// TestRecheckRoundFilePages: the bank's liaison finds the running round
// on his page, downloads its request file and uploads the answer file;
// the round then finishes. A verifier uploads the same file from the
// round page and gets duplicates only; the police's liaison is refused.
func TestRecheckRoundFilePages(t *testing.T) {
	f := newRecheckEnv(t, 4)
	bank := f.batchBank()
	v := f.client()
	v.login("verifier.xifeng")
	roundPath := v.startRound()
	f.drain()
	var roundID int64
	if _, err := fmt.Sscanf(roundPath, "/rechecks/rounds/%d", &roundID); err != nil {
		t.Fatal(err)
	}
	files := fmt.Sprintf("%s/departments/%d", roundPath, bank.ID)

	l := f.client()
	l.login("liaison.bank")
	p := l.get("/liaison/queries")
	row := fmt.Sprintf(`id="round-files-%d-%d"`, roundID, bank.ID)
	if p.status != 200 || !strings.Contains(p.body, "复核轮次批量核对") || !strings.Contains(p.body, row) ||
		!strings.Contains(p.body, files+"/request-file?format=csv") {
		t.Fatalf("liaison page lacks the round: %d %s", p.status, excerpt(p.body))
	}
	req := l.get(files + "/request-file?format=csv")
	if req.status != 200 || !strings.Contains(req.header.Get("Content-Disposition"), "621002-bank") {
		t.Fatalf("request file: %d %v", req.status, req.header)
	}
	if x := l.get(files + "/request-file?format=xlsx"); x.status != 200 || !strings.HasPrefix(x.body, "PK") {
		t.Errorf("xlsx request file: %d", x.status)
	}
	answers := f.roundAnswerFile([]byte(req.body))

	// A file that is no table is refused on the page; nothing is kept.
	bad := l.upload(files+"/answer-file", nil, "file", "乱码.csv", []byte("姓名,金额\r\n张三,100\r\n"))
	if bad.status != http.StatusUnprocessableEntity || !strings.Contains(bad.body, "无法读取反馈文件") {
		t.Errorf("unreadable file: %d %s", bad.status, excerpt(bad.body))
	}
	p = l.follow(l.upload(files+"/answer-file", nil, "file", "银行复核反馈.csv", answers))
	recorded := recordedRe.FindStringSubmatch(p.body)
	if p.status != 200 || !strings.Contains(p.body, "银行复核反馈.csv") || recorded == nil || recorded[1] == "0" ||
		!strings.Contains(p.body, `id="upload-rejected">0<`) {
		t.Fatalf("upload: %d %s", p.status, excerpt(p.body))
	}
	f.drain()
	if st := v.roundState(roundPath); !st.Finished || st.Done != st.Total {
		t.Errorf("round after the answer file: %+v", st)
	}

	// The verifier sees the bank's files on the round page and uploads
	// the same file again: all duplicates.
	p = v.get(roundPath)
	if !strings.Contains(p.body, row) || !strings.Contains(p.body, files+"/answer-file") {
		t.Errorf("round page lacks the bank's files: %s", excerpt(p.body))
	}
	p = v.follow(v.upload(files+"/answer-file", nil, "file", "银行复核反馈.csv", answers))
	if p.status != 200 || !strings.Contains(p.body, `id="upload-recorded">0<`) ||
		!strings.Contains(p.body, `id="upload-duplicates">`+recorded[1]+`<`) {
		t.Errorf("second upload: %d %s", p.status, excerpt(p.body))
	}

	// Another department's liaison learns nothing of the bank's files.
	o := f.client()
	o.login("liaison.police")
	if p := o.get(files + "/request-file?format=csv"); p.status != http.StatusNotFound {
		t.Errorf("police liaison downloads the bank's file: %d", p.status)
	}
	o.get("/liaison/queries")
	if p := o.upload(files+"/answer-file", nil, "file", "x.csv", answers); p.status != http.StatusNotFound {
		t.Errorf("police liaison uploads the bank's file: %d", p.status)
	}
}
