package http

import (
	"fmt"
	stdhttp "net/http"

	"hedui"
	"hedui/exchange/batchfile"
)

// A department on the batch-file channel gets one request file per round
// and sends back one answer file. Its liaisons (for their own department)
// and the verifiers of the round's scope exchange them here; the store
// decides who may, so these handlers only carry the files.

// handleRecheckRequestFile serves GET
// /api/v1/rechecks/{id}/departments/{deptID}/request-file: the round's
// queries to the department as a request file, in the format and with
// the headers of the liaison's per-case request file.
func (s *Server) handleRecheckRequestFile(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	const op = "http.recheckRequestFile"
	roundID, deptID, err := roundDeptPath(r)
	if err != nil {
		return err
	}
	format, err := requestFormat(op, r)
	if err != nil {
		return err
	}
	qs, err := s.store.RecheckRequests(r.Context(), by, roundID, deptID)
	if err != nil {
		return err
	}
	dept, err := s.store.Department(r.Context(), by, deptID)
	if err != nil {
		return err
	}
	name := fmt.Sprintf("复核请求_%s_第%d轮_%s.%s", dept.Code, roundID, hedui.Today(s.now()).Format("20060102"), format.Ext())
	return writeRequestFile(w, format, name, dept, qs)
}

// handleRecheckAnswerFile serves POST
// /api/v1/rechecks/{id}/departments/{deptID}/answer-file: the
// department's answer file to the round. Each answer must name a query of
// the round to the department, one of its people (with the ID number of
// the request file) and an item asked; the rest are recorded, and a file
// sent again records nothing twice. The response is the import report.
func (s *Server) handleRecheckAnswerFile(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	roundID, deptID, err := roundDeptPath(r)
	if err != nil {
		return err
	}
	// The round's queries first: who may not see them learns nothing of
	// the file, and the answers are matched against them.
	qs, err := s.store.RecheckRequests(r.Context(), by, roundID, deptID)
	if err != nil {
		return err
	}
	imp, out, err := s.readAnswerUpload(w, r)
	if err != nil {
		return err
	}
	byID := make(map[string]*hedui.Query, len(qs))
	for i := range qs {
		byID[qs[i].ID] = &qs[i]
	}
	byDept, refusals, err := batchfile.Match(imp, func(id string) (*hedui.Query, error) { return byID[id], nil })
	if err != nil {
		return err
	}
	out.refuse(refusalViews(refusals))
	if as := byDept[deptID]; len(as) > 0 {
		rep, err := s.store.RecordRecheckAnswers(r.Context(), by, roundID, deptID, as)
		if err != nil {
			return err
		}
		out.add(imp, rep)
	}
	out.send(w)
	return nil
}

// roundDeptPath reads the round and department ids of the path.
func roundDeptPath(r *stdhttp.Request) (roundID, deptID int64, err error) {
	if roundID, err = pathID(r, "id"); err != nil {
		return 0, 0, err
	}
	deptID, err = pathID(r, "deptID")
	return roundID, deptID, err
}
