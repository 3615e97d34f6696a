package web

import (
	"bytes"
	"cmp"
	"context"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"hedui"
	"hedui/exchange/batchfile"
)

// handleLiaisonAnswerFile serves POST /liaison/answer-file: an answer
// file (CSV or XLSX). The file is read and checked at once, so that one
// that cannot be read is refused on the page. Matching its answers to
// their queries and recording them runs in the background with its
// progress (progress.go), since a department's file may answer thousands
// of queries; the list page then shows the outcome: the answers recorded
// and each refused row with its line, so that the liaison can fix the
// file and upload it again, which records only what is new.
func (s *Server) handleLiaisonAnswerFile(w http.ResponseWriter, r *http.Request, sess *session) error {
	p, err := s.liaisonList(r, sess, true)
	if err != nil {
		return err
	}
	imp, alert, err := s.readAnswerFile(r)
	if err != nil {
		return err
	}
	if alert != "" {
		return s.liaisonAlert(w, r, sess, alert)
	}
	queries := map[string]bool{}
	for _, a := range imp.Answers {
		queries[a.QueryID] = true
	}
	ds, by := p.Departments, sess.by
	return s.startIngest(w, r, sess, imp.Name, "/liaison/queries", len(queries)+len(ds),
		func(ctx context.Context, pr *Progress) (*uploadResult, error) {
			return s.ingestAnswers(ctx, by, ds, imp, pr)
		})
}

// startIngest runs ingest, the recording of an answer file named name,
// as a job of total steps, and sends the user to its progress; back is
// the page that then shows the outcome.
func (s *Server) startIngest(w http.ResponseWriter, r *http.Request, sess *session, name, back string, total int,
	ingest func(ctx context.Context, pr *Progress) (*uploadResult, error)) error {
	job, err := s.startJob(sess, jobSpec{
		Title:  s.text.get("liaison.job.title", name),
		Result: back + "?upload=" + jobIDPlaceholder,
		Total:  total,
		Follow: true,
	}, func(ctx context.Context, pr *Progress) error {
		res, err := ingest(ctx, pr)
		if err != nil {
			return err
		}
		pr.SetOutcome(res)
		return nil
	})
	if err != nil {
		return err
	}
	http.Redirect(w, r, job.URL(), http.StatusSeeOther)
	return nil
}

// liaisonAlert shows the liaison's list with an alert: an upload refused.
func (s *Server) liaisonAlert(w http.ResponseWriter, r *http.Request, sess *session, alert string) error {
	p, err := s.liaisonList(r, sess, true)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusUnprocessableEntity, "liaison_queries", view{Title: s.text.get("liaison.title"), Nav: "liaison",
		Sess: sess, Page: p, Alert: alert})
	return nil
}

// readAnswerFile reads the form's answer file as a table. A file that
// cannot be read at all (no file, empty, not a table, columns missing)
// comes back as the alert to show on the page, and nothing of it is kept.
func (s *Server) readAnswerFile(r *http.Request) (*batchfile.Import, string, error) {
	file, hdr, err := r.FormFile("file")
	if err != nil {
		return nil, s.text.get("liaison.error.no_file"), nil
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, s.maxUpload+1))
	if err != nil {
		return nil, "", err
	}
	if len(data) == 0 {
		return nil, s.text.get("liaison.error.empty_file"), nil
	}
	name := hedui.CleanFileName(hdr.Filename)
	if name == "" {
		name = "反馈文件"
	}
	imp, err := batchfile.ReadAnswers(name, bytes.NewReader(data), batchfile.ReadOptions{MaxBytes: s.maxUpload, Now: s.now})
	if err != nil {
		switch hedui.KindOf(err) {
		case hedui.KindTransient, hedui.KindInternal:
			return nil, "", err
		}
		return nil, s.text.get("liaison.error.file", hedui.MessageOf(err)), nil
	}
	return imp, "", nil
}

// ingestAnswers matches the file's answers to the liaison's queries (one
// step per query looked up) and records them per department (one step
// each), as the API's upload does.
func (s *Server) ingestAnswers(ctx context.Context, by hedui.Actor, ds []hedui.Department, imp *batchfile.Import, pr *Progress) (*uploadResult, error) {
	res := newUploadResult(imp)
	byDept, refused, err := batchfile.Match(imp, func(id string) (*hedui.Query, error) {
		defer pr.Step("")
		if !validQueryID(id) {
			return nil, nil
		}
		q, err := s.store.Query(ctx, by, id)
		switch {
		case err == nil && ownsQuery(ds, q):
			return &q, nil
		case err != nil && hedui.KindOf(err) != hedui.KindNotFound && hedui.KindOf(err) != hedui.KindPermission:
			return nil, err
		}
		return nil, nil
	})
	if err != nil {
		return nil, err
	}
	res.refuse(refused)
	for _, d := range ds {
		as := byDept[d.ID]
		if len(as) == 0 {
			pr.Step("")
			continue
		}
		rep, err := s.store.RecordAnswers(ctx, by, d.ID, as)
		if err != nil {
			return nil, err
		}
		pr.Step("")
		res.add(imp, rep)
	}
	res.sort()
	return res, nil
}

// newUploadResult starts the outcome of a file with the rows that could
// not be read.
func newUploadResult(imp *batchfile.Import) *uploadResult {
	res := &uploadResult{Name: imp.Name, Rows: imp.Rows, Answers: len(imp.Answers)}
	for _, p := range imp.Problems {
		res.Problems = append(res.Problems, uploadProblem{Line: p.Line, Column: p.Column, Message: p.Message})
	}
	return res
}

// refuse adds the answers that matched none of the liaison's queries.
func (res *uploadResult) refuse(refused []batchfile.Refusal) {
	for _, f := range refused {
		res.Problems = append(res.Problems, uploadProblem{Line: f.Line, Column: f.Column, Message: f.Message})
	}
}

// add counts what the store recorded and the answers it refused, by line.
func (res *uploadResult) add(imp *batchfile.Import, rep hedui.IngestReport) {
	res.Recorded += rep.Recorded
	res.Duplicates += rep.Duplicates
	for _, p := range rep.Problems {
		line := 0
		if rest, ok := strings.CutPrefix(p.Source, imp.Name+":"); ok {
			line, _ = strconv.Atoi(rest)
		}
		res.Problems = append(res.Problems, uploadProblem{Line: line, Column: p.Column, Message: p.Message})
	}
}

// sort orders the problems by line, as the file is read.
func (res *uploadResult) sort() {
	slices.SortStableFunc(res.Problems, func(a, b uploadProblem) int { return cmp.Compare(a.Line, b.Line) })
}

// uploadOutcome is the outcome of the caller's upload job named by
// ?upload=, or nil (no such job of his, or not ended well).
func (s *Server) uploadOutcome(r *http.Request, sess *session) *uploadResult {
	id := r.URL.Query().Get("upload")
	if id == "" {
		return nil
	}
	job, ok := s.jobs.get(id, sess.user.ID)
	if !ok {
		return nil
	}
	res, _ := job.Outcome().(*uploadResult)
	return res
}
