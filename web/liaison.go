package web

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"hedui"
	"hedui/exchange/batchfile"
)

// liaisonRoutes are the department liaison's pages: the queries addressed
// to his department, one query with its subjects and the answer form, the
// request file and the answer-file upload. The store scopes every read to
// his department; the pages check again that a query is his department's.
func (s *Server) liaisonRoutes() []route {
	liaisonOnly := []hedui.Role{hedui.RoleLiaison}
	const q = "/liaison/queries/{queryID}"
	return []route{
		{method: "GET", pattern: "/liaison/queries", purpose: "部门反馈", roles: liaisonOnly, h: s.handleLiaisonQueries},
		{method: "GET", pattern: q, purpose: "部门反馈", roles: liaisonOnly, h: s.handleLiaisonQuery},
		{method: "POST", pattern: q + "/answers", purpose: "部门反馈", roles: liaisonOnly, h: s.handleLiaisonAnswer},
		{method: "GET", pattern: "/liaison/request-file", purpose: "下载核对请求文件", roles: liaisonOnly, h: s.handleLiaisonRequestFile},
		{method: "POST", pattern: "/liaison/answer-file", purpose: "上传反馈文件", roles: liaisonOnly, upload: true, h: s.handleLiaisonAnswerFile},
	}
}

// liaisonPageSize is how many queries one page of the list shows.
const liaisonPageSize = 50

// liaisonListPage is the list of the department's queries.
type liaisonListPage struct {
	Departments []hedui.Department
	Open        bool // only queries still owing answers
	Rows        []liaisonRow
	Total       int
	Upload      *uploadResult
}

type liaisonRow struct {
	Q       hedui.Query
	Overdue bool
}

// uploadResult is what an answer file achieved, for the page.
type uploadResult struct {
	Name       string
	Rows       int
	Answers    int
	Recorded   int
	Duplicates int
	Problems   []uploadProblem
}

type uploadProblem struct {
	Line    int
	Column  string
	Message string
}

// liaisonDepartments returns the departments the liaison answers for:
// those of his organisation, filtered again after the store's scoping.
func (s *Server) liaisonDepartments(ctx context.Context, by hedui.Actor) ([]hedui.Department, error) {
	ds, err := s.store.Departments(ctx, by)
	if err != nil {
		return nil, err
	}
	ds = slices.DeleteFunc(ds, func(d hedui.Department) bool { return d.OrgID != by.OrgID })
	if len(ds) == 0 {
		return nil, hedui.Errorf("web.liaisonDepartments", hedui.KindPermission, "no_department", "%s", s.text.get("liaison.error.no_department"))
	}
	return ds, nil
}

func ownsQuery(ds []hedui.Department, q hedui.Query) bool {
	return slices.ContainsFunc(ds, func(d hedui.Department) bool { return d.ID == q.DepartmentID })
}

// liaisonQuery reads the query of the path, as "not found" unless it is
// addressed to one of the liaison's departments.
func (s *Server) liaisonQuery(r *http.Request, sess *session) (hedui.Query, []hedui.Department, error) {
	notFound := hedui.Errorf("web.liaisonQuery", hedui.KindNotFound, "not_found", "%s", s.text.get("liaison.error.not_found"))
	id := r.PathValue("queryID")
	if !validQueryID(id) {
		return hedui.Query{}, nil, notFound
	}
	ds, err := s.liaisonDepartments(r.Context(), sess.by)
	if err != nil {
		return hedui.Query{}, nil, err
	}
	q, err := s.store.Query(r.Context(), sess.by, id)
	if err != nil {
		if k := hedui.KindOf(err); k == hedui.KindNotFound || k == hedui.KindPermission {
			return hedui.Query{}, nil, notFound
		}
		return hedui.Query{}, nil, err
	}
	if !ownsQuery(ds, q) {
		return hedui.Query{}, nil, notFound
	}
	return q, ds, nil
}

// validQueryID reports whether id could be a query id: printable ASCII of
// a bounded length.
func validQueryID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] < 0x21 || id[i] > 0x7e {
			return false
		}
	}
	return true
}

// handleLiaisonQueries serves GET /liaison/queries: 待反馈查询, the open
// queries of his department (all with ?all=1), due date and overdue
// marked.
func (s *Server) handleLiaisonQueries(w http.ResponseWriter, r *http.Request, sess *session) error {
	p, err := s.liaisonList(r, sess, r.URL.Query().Get("all") != "1")
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "liaison_queries", view{Title: s.text.get("liaison.title"), Nav: "liaison", Sess: sess, Page: p})
	return nil
}

func (s *Server) liaisonList(r *http.Request, sess *session, open bool) (*liaisonListPage, error) {
	ds, err := s.liaisonDepartments(r.Context(), sess.by)
	if err != nil {
		return nil, err
	}
	p := &liaisonListPage{Departments: ds, Open: open}
	f := hedui.QueryFilter{Limit: liaisonPageSize}
	if open {
		f.Status = []hedui.QueryStatus{hedui.QueryPending, hedui.QuerySent}
	}
	page, err := s.store.DepartmentQueries(r.Context(), sess.by, f)
	if err != nil {
		return nil, err
	}
	today := hedui.Today(s.now())
	for _, q := range page.Items {
		if ownsQuery(ds, q) {
			p.Rows = append(p.Rows, liaisonRow{Q: q, Overdue: q.Overdue(today)})
		}
	}
	p.Total = page.Total
	return p, nil
}

// liaisonQueryPage is one query with its subjects and the answer form.
type liaisonQueryPage struct {
	Q       hedui.Query
	Overdue bool
	Form    answerForm
	Errors  map[string]string
	Result  *hedui.IngestReport
}

// handleLiaisonQuery serves GET /liaison/queries/{queryID}. The store
// audits the read of the subjects' names and ID numbers.
func (s *Server) handleLiaisonQuery(w http.ResponseWriter, r *http.Request, sess *session) error {
	q, _, err := s.liaisonQuery(r, sess)
	if err != nil {
		return err
	}
	p := liaisonQueryPage{Q: q, Overdue: q.Overdue(hedui.Today(s.now())), Form: newAnswerForm(hedui.Today(s.now()))}
	s.render(w, r, http.StatusOK, "liaison_query", view{Title: s.text.get("liaison.query.title", q.ID), Nav: "liaison", Sess: sess, Page: p})
	return nil
}

// yuanRe is an amount in 元 with at most two decimals.
var yuanRe = regexp.MustCompile(`^(\d{1,12})(?:\.(\d{1,2}))?$`)

// parseYuan reads an amount in 元 ("1234.5", "1,234.56") as fen, exactly:
// no floating point.
func parseYuan(s string) (hedui.Fen, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	m := yuanRe.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	y, err := strconv.ParseInt(m[1], 10, 64)
	if err != nil {
		return 0, false
	}
	frac := m[2]
	for len(frac) < 2 {
		frac += "0"
	}
	f, _ := strconv.ParseInt(frac, 10, 64)
	return hedui.Fen(y*100 + f), true
}

// handleLiaisonRequestFile serves GET /liaison/request-file: the queries
// still owing answers of the liaison's department (?department= when he
// has several) as an XLSX request file to fill in.
func (s *Server) handleLiaisonRequestFile(w http.ResponseWriter, r *http.Request, sess *session) error {
	ds, err := s.liaisonDepartments(r.Context(), sess.by)
	if err != nil {
		return err
	}
	dept := ds[0]
	if p := r.URL.Query().Get("department"); p != "" {
		i := slices.IndexFunc(ds, func(d hedui.Department) bool { return strconv.FormatInt(d.ID, 10) == p })
		if i < 0 {
			return hedui.Errorf("web.liaisonRequestFile", hedui.KindNotFound, "not_found", "%s", s.text.get("liaison.error.not_found"))
		}
		dept = ds[i]
	}
	var qs []hedui.Query
	f := hedui.QueryFilter{DepartmentID: dept.ID, Status: []hedui.QueryStatus{hedui.QuerySent}, Limit: 200}
	for len(qs) < 10000 {
		page, err := s.store.DepartmentQueries(r.Context(), sess.by, f)
		if err != nil {
			return err
		}
		for _, x := range page.Items {
			if x.DepartmentID == dept.ID {
				qs = append(qs, x)
			}
		}
		f.Offset += len(page.Items)
		if len(page.Items) == 0 || f.Offset >= page.Total {
			break
		}
	}
	var buf bytes.Buffer
	if _, err := batchfile.WriteRequest(&buf, batchfile.XLSX, dept, qs); err != nil {
		return err
	}
	name := fmt.Sprintf("核对请求_%s_%s.xlsx", dept.Code, hedui.Today(s.now()).Format("20060102"))
	h := w.Header()
	h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.WriteHeader(http.StatusOK)
	_, _ = buf.WriteTo(w)
	return nil
}

// handleLiaisonAnswerFile serves POST /liaison/answer-file: an answer
// file (CSV or XLSX). The good answers are recorded; each refused row is
// listed with its line, so that the liaison can fix the file and upload
// it again, which records only what is new.
func (s *Server) handleLiaisonAnswerFile(w http.ResponseWriter, r *http.Request, sess *session) error {
	ctx := r.Context()
	p, err := s.liaisonList(r, sess, true)
	if err != nil {
		return err
	}
	render := func(status int, alert, flash string) error {
		s.render(w, r, status, "liaison_queries", view{Title: s.text.get("liaison.title"), Nav: "liaison", Sess: sess, Page: p, Alert: alert, Flash: flash})
		return nil
	}
	file, hdr, err := r.FormFile("file")
	if err != nil {
		return render(http.StatusUnprocessableEntity, s.text.get("liaison.error.no_file"), "")
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, s.maxUpload+1))
	if err != nil {
		return err
	}
	if len(data) == 0 {
		return render(http.StatusUnprocessableEntity, s.text.get("liaison.error.empty_file"), "")
	}
	name := hedui.CleanFileName(hdr.Filename)
	if name == "" {
		name = "反馈文件"
	}
	imp, err := batchfile.ReadAnswers(name, bytes.NewReader(data), batchfile.ReadOptions{MaxBytes: s.maxUpload, Now: s.now})
	if err != nil {
		switch hedui.KindOf(err) {
		case hedui.KindTransient, hedui.KindInternal:
			return err
		}
		return render(http.StatusUnprocessableEntity, s.text.get("liaison.error.file", hedui.MessageOf(err)), "")
	}
	res := &uploadResult{Name: imp.Name, Rows: imp.Rows, Answers: len(imp.Answers)}
	for _, pr := range imp.Problems {
		res.Problems = append(res.Problems, uploadProblem{Line: pr.Line, Column: pr.Column, Message: pr.Message})
	}
	ds := p.Departments
	byDept, refused, err := batchfile.Match(imp, func(id string) (*hedui.Query, error) {
		if !validQueryID(id) {
			return nil, nil
		}
		q, err := s.store.Query(ctx, sess.by, id)
		switch {
		case err == nil && ownsQuery(ds, q):
			return &q, nil
		case err != nil && hedui.KindOf(err) != hedui.KindNotFound && hedui.KindOf(err) != hedui.KindPermission:
			return nil, err
		}
		return nil, nil
	})
	if err != nil {
		return err
	}
	for _, f := range refused {
		res.Problems = append(res.Problems, uploadProblem{Line: f.Line, Column: f.Column, Message: f.Message})
	}
	for _, d := range ds {
		as := byDept[d.ID]
		if len(as) == 0 {
			continue
		}
		rep, err := s.store.RecordAnswers(ctx, sess.by, d.ID, as)
		if err != nil {
			return err
		}
		res.Recorded += rep.Recorded
		res.Duplicates += rep.Duplicates
		for _, pr := range rep.Problems {
			line := 0
			if rest, ok := strings.CutPrefix(pr.Source, imp.Name+":"); ok {
				line, _ = strconv.Atoi(rest)
			}
			res.Problems = append(res.Problems, uploadProblem{Line: line, Column: pr.Column, Message: pr.Message})
		}
	}
	slices.SortStableFunc(res.Problems, func(a, b uploadProblem) int { return cmp.Compare(a.Line, b.Line) })
	// The list again: answered queries leave it.
	if p, err = s.liaisonList(r, sess, true); err != nil {
		return err
	}
	p.Upload = res
	return render(http.StatusOK, "", s.text.get("liaison.flash.file", res.Recorded, res.Duplicates, len(res.Problems)))
}
