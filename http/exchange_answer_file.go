package http

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	stdhttp "net/http"
	"slices"
	"strconv"
	"strings"

	"hedui"
	"hedui/exchange/batchfile"
)

// answerFileResponse says what an uploaded answer file achieved. The good
// answers are recorded even when other rows are wrong; each problem names
// its line so that the liaison can fix the file and upload it again, which
// records only what is new.
type answerFileResponse struct {
	File       answerFileInfo `json:"file"`
	Answers    int            `json:"answers"` // complete answers read from good rows
	Recorded   int            `json:"recorded"`
	Duplicates int            `json:"duplicates"`
	Rejected   int            `json:"rejected"` // answers read but refused
	Problems   []problemView  `json:"problems"`
}

type answerFileInfo struct {
	Name     string `json:"name"`
	Format   string `json:"format"`
	Encoding string `json:"encoding,omitempty"`
	Sheet    string `json:"sheet,omitempty"`
	SHA256   string `json:"sha256"`
	Rows     int    `json:"rows"`
}

// fileColumns names the store's answer fields by the headers of the
// answer file, so that every problem of an upload points at a column the
// liaison can find.
var fileColumns = map[string]string{
	"query_id": "查询编号", "subject_ref": "对象编号", "item": "核对项目代码", "no_record": "查无记录", "as_of": "数据截止日期",
}

// multipartSlack is what a multipart envelope may add to the file itself.
const multipartSlack = 64 << 10

// handleExchangeAnswerFile serves POST /api/v1/exchange/answer-files: the
// liaison uploads an answer file (CSV or XLSX, as multipart form field
// "file" or as the raw body). A file that cannot be read as a table is a
// 422; otherwise the response is 200 with the rows that were refused and
// why, by line.
func (s *Server) handleExchangeAnswerFile(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	ds, err := s.liaisonDepartments(r.Context(), by)
	if err != nil {
		return err
	}
	imp, out, err := s.readAnswerUpload(w, r)
	if err != nil {
		return err
	}
	byDept, refused, err := s.matchAnswers(r.Context(), by, ds, imp)
	if err != nil {
		return err
	}
	out.refuse(refused)
	for _, d := range ds {
		as := byDept[d.ID]
		if len(as) == 0 {
			continue
		}
		rep, err := s.store.RecordAnswers(r.Context(), by, d.ID, as)
		if err != nil {
			return err
		}
		out.add(imp, rep)
	}
	out.send(w)
	return nil
}

// readAnswerUpload reads the uploaded answer file as a table and starts
// the response with what the file itself held: its rows and the problems
// of rows that could not be read. A file that cannot be read as a table
// at all (GB18030 mistaken for garbage, a damaged workbook, no header) is
// refused whole, so nothing of it is stored.
func (s *Server) readAnswerUpload(w stdhttp.ResponseWriter, r *stdhttp.Request) (*batchfile.Import, *answerFileResponse, error) {
	const op = "http.readAnswerUpload"
	name, data, _, err := s.readUpload(w, r, "反馈文件")
	if err != nil {
		return nil, nil, err
	}
	if name == "" {
		name = "反馈文件"
	}
	imp, err := batchfile.ReadAnswers(name, bytes.NewReader(data), batchfile.ReadOptions{MaxBytes: s.maxUpload, Now: s.now})
	if err != nil {
		switch hedui.KindOf(err) {
		case hedui.KindTooLarge, hedui.KindTransient, hedui.KindInternal:
			return nil, nil, err
		}
		return nil, nil, hedui.E(op, hedui.KindInvalid, err) // the file as a whole is unusable
	}
	out := &answerFileResponse{
		File: answerFileInfo{Name: imp.Name, Format: string(imp.Format), Encoding: imp.Encoding, Sheet: imp.Sheet,
			SHA256: imp.FileSHA256, Rows: imp.Rows},
		Answers:  len(imp.Answers),
		Problems: make([]problemView, 0, len(imp.Problems)),
	}
	for _, p := range imp.Problems {
		out.Problems = append(out.Problems, problemView{Line: p.Line, Column: p.Column, Code: p.Code, Message: lineMessage(p.Line, p.Message)})
	}
	return imp, out, nil
}

// refuse adds the answers that matched no query of the caller.
func (out *answerFileResponse) refuse(refused []problemView) {
	out.Problems = append(out.Problems, refused...)
	out.Rejected += len(refused)
}

// add counts what the store did with the file's answers and names the
// line of each answer it refused.
func (out *answerFileResponse) add(imp *batchfile.Import, rep hedui.IngestReport) {
	out.Recorded += rep.Recorded
	out.Duplicates += rep.Duplicates
	out.Rejected += len(rep.Problems)
	for _, p := range rep.Problems {
		line := sourceLine(imp.Name, p.Source)
		col := p.Column
		if h, ok := fileColumns[col]; ok {
			col = h
		}
		out.Problems = append(out.Problems, problemView{Line: line, Column: col, Source: p.Source, Message: lineMessage(line, p.Message)})
	}
}

// send writes the report with the problems by line, as the liaison
// reads the file.
func (out *answerFileResponse) send(w stdhttp.ResponseWriter) {
	slices.SortStableFunc(out.Problems, func(a, b problemView) int { return cmp.Compare(a.Line, b.Line) })
	writeJSON(w, stdhttp.StatusOK, out)
}

// matchAnswers ties each answer of the file to its query with
// batchfile.Match (shared with the pages): only queries addressed to one
// of the liaison's departments are found. It returns the accepted
// answers per department and the refused ones as problems.
func (s *Server) matchAnswers(ctx context.Context, by hedui.Actor, ds []hedui.Department, imp *batchfile.Import) (map[int64][]hedui.Answer, []problemView, error) {
	byDept, refusals, err := batchfile.Match(imp, func(id string) (*hedui.Query, error) {
		if len(id) > maxQueryIDBytes {
			return nil, nil
		}
		got, err := s.store.Query(ctx, by, id)
		switch {
		case err == nil && ownsQuery(ds, got):
			return &got, nil
		case err != nil && hedui.KindOf(err) != hedui.KindNotFound && hedui.KindOf(err) != hedui.KindPermission:
			return nil, err
		}
		return nil, nil
	})
	if err != nil {
		return nil, nil, err
	}
	return byDept, refusalViews(refusals), nil
}

// refusalViews shows the answers Match refused as problems by line.
func refusalViews(refusals []batchfile.Refusal) []problemView {
	refused := make([]problemView, 0, len(refusals))
	for _, f := range refusals {
		refused = append(refused, problemView{Line: f.Line, Column: f.Column, Code: f.Code, Source: f.Source, Message: lineMessage(f.Line, f.Message)})
	}
	return refused
}

func uploadError(op string, err, tooLarge error) error {
	var mbe *stdhttp.MaxBytesError
	if errors.As(err, &mbe) {
		return tooLarge
	}
	return hedui.E(op, hedui.KindMalformed, "upload_interrupted", "上传中断，请重新上传文件", err)
}

// sourceLine reads the line of an answer's source "<file name>:<line>".
func sourceLine(file, source string) int {
	rest, ok := strings.CutPrefix(source, file+":")
	if !ok {
		return 0
	}
	n, err := strconv.Atoi(rest)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// lineMessage puts the line in front of a problem for people reading a
// list of them.
func lineMessage(line int, msg string) string {
	if line <= 0 {
		return msg
	}
	return fmt.Sprintf("第%d行：%s", line, msg)
}
