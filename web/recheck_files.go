package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"hedui"
	"hedui/exchange/batchfile"
)

// A department on the batch-file channel answers a round with one file:
// its liaison (on his queries page) or a verifier of the round's scope
// (on the round page) downloads the round's request file for it and
// uploads the answer file. The store decides who may; these handlers
// carry the files and show the outcome where the upload came from.

// handleRoundRequestFile serves GET
// /rechecks/rounds/{id}/departments/{deptID}/request-file?format=csv|xlsx.
func (s *Server) handleRoundRequestFile(w http.ResponseWriter, r *http.Request, sess *session) error {
	roundID, deptID, err := roundDeptIDs(r)
	if err != nil {
		return err
	}
	format := batchfile.Format(r.URL.Query().Get("format"))
	if format == "" {
		format = batchfile.XLSX
	}
	if !format.Valid() {
		return hedui.Errorf("web.roundRequestFile", hedui.KindNotFound, "not_found", "没有找到该记录")
	}
	qs, err := s.store.RecheckRequests(r.Context(), sess.by, roundID, deptID)
	if err != nil {
		return err
	}
	dept, err := s.store.Department(r.Context(), sess.by, deptID)
	if err != nil {
		return err
	}
	name := fmt.Sprintf("复核请求_%s_第%d轮_%s.%s", dept.Code, roundID, hedui.Today(s.now()).Format("20060102"), format.Ext())
	return sendRequestFile(w, format, name, dept, qs)
}

// handleRoundAnswerFile serves POST
// /rechecks/rounds/{id}/departments/{deptID}/answer-file. The file is
// read at once, so that one that cannot be read is refused on the page it
// came from; matching and recording run as a job with its progress, and
// that page then shows the outcome by line.
func (s *Server) handleRoundAnswerFile(w http.ResponseWriter, r *http.Request, sess *session) error {
	roundID, deptID, err := roundDeptIDs(r)
	if err != nil {
		return err
	}
	// The round's queries first: who may not see them learns nothing,
	// and the file's answers are matched against them.
	qs, err := s.store.RecheckRequests(r.Context(), sess.by, roundID, deptID)
	if err != nil {
		return err
	}
	back := fmt.Sprintf("/rechecks/rounds/%d", roundID)
	if sess.by.Role == hedui.RoleLiaison {
		back = "/liaison/queries"
	}
	imp, alert, err := s.readAnswerFile(r)
	if err != nil {
		return err
	}
	if alert != "" {
		if sess.by.Role == hedui.RoleLiaison {
			return s.liaisonAlert(w, r, sess, alert)
		}
		return s.renderRound(w, r, sess, roundID, http.StatusUnprocessableEntity, alert)
	}
	by := sess.by
	return s.startIngest(w, r, sess, imp.Name, back, 2, func(ctx context.Context, pr *Progress) (*uploadResult, error) {
		return s.ingestRoundAnswers(ctx, by, roundID, deptID, qs, imp, pr)
	})
}

// ingestRoundAnswers matches the file's answers to the round's queries
// (one step) and records them (another).
func (s *Server) ingestRoundAnswers(ctx context.Context, by hedui.Actor, roundID, deptID int64, qs []hedui.Query,
	imp *batchfile.Import, pr *Progress) (*uploadResult, error) {
	res := newUploadResult(imp)
	byID := make(map[string]*hedui.Query, len(qs))
	for i := range qs {
		byID[qs[i].ID] = &qs[i]
	}
	byDept, refused, err := batchfile.Match(imp, func(id string) (*hedui.Query, error) { return byID[id], nil })
	if err != nil {
		return nil, err
	}
	pr.Step("")
	res.refuse(refused)
	if as := byDept[deptID]; len(as) > 0 {
		rep, err := s.store.RecordRecheckAnswers(ctx, by, roundID, deptID, as)
		if err != nil {
			return nil, err
		}
		res.add(imp, rep)
	}
	pr.Step("")
	res.sort()
	return res, nil
}

// roundDeptIDs reads the round and department of the path; malformed ids
// are not found.
func roundDeptIDs(r *http.Request) (roundID, deptID int64, err error) {
	if roundID, err = pathID(r); err != nil {
		return 0, 0, err
	}
	deptID, err = strconv.ParseInt(r.PathValue("deptID"), 10, 64)
	if err != nil || deptID <= 0 {
		return 0, 0, hedui.Errorf("web.roundDeptIDs", hedui.KindNotFound, "not_found", "没有找到该记录")
	}
	return roundID, deptID, nil
}
