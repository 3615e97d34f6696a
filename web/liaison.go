package web

import (
	"bytes"
	"context"
	"fmt"
	"mime"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"hedui"
	"hedui/exchange"
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
	// Rounds are the running re-verification rounds that asked his
	// departments, each answered by one request file and one answer file.
	Rounds []hedui.DepartmentRound
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
	flash := ""
	if p.Upload = s.uploadOutcome(r, sess); p.Upload != nil {
		flash = s.text.get("liaison.flash.file", p.Upload.Recorded, p.Upload.Duplicates, len(p.Upload.Problems))
	}
	s.render(w, r, http.StatusOK, "liaison_queries", view{Title: s.text.get("liaison.title"), Nav: "liaison", Sess: sess, Page: p, Flash: flash})
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
	if p.Rounds, err = s.store.DepartmentRounds(r.Context(), sess.by); err != nil {
		return nil, err
	}
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
	qs, err := exchange.SentQueries(r.Context(), s.store, sess.by, dept.ID)
	if err != nil {
		return err
	}
	name := fmt.Sprintf("核对请求_%s_%s.xlsx", dept.Code, hedui.Today(s.now()).Format("20060102"))
	return sendRequestFile(w, batchfile.XLSX, name, dept, qs)
}

// sendRequestFile sends qs as a request file attachment named name: a
// liaison's open queries, or a round's queries to one department.
func sendRequestFile(w http.ResponseWriter, format batchfile.Format, name string, dept hedui.Department, qs []hedui.Query) error {
	var buf bytes.Buffer
	if _, err := batchfile.WriteRequest(&buf, format, dept, qs); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", format.ContentType())
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.WriteHeader(http.StatusOK)
	_, _ = buf.WriteTo(w)
	return nil
}
