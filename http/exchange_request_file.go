package http

import (
	"bytes"
	"fmt"
	"mime"
	stdhttp "net/http"
	"strconv"

	"hedui"
	"hedui/exchange/batchfile"
)

// maxRequestFileQueries bounds one request file; a department with more
// open queries than this gets the first ones in the store's order and
// the rest once those are answered.
const maxRequestFileQueries = 10000

// handleExchangeRequestFile serves GET /api/v1/exchange/request-file: the
// liaison's open queries as a request file (CSV or XLSX) to look the
// people up and fill in the answers. The list is read through the store's
// department view, so the download is audited like any other read.
func (s *Server) handleExchangeRequestFile(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	const op = "http.exchangeRequestFile"
	q := r.URL.Query()
	format := batchfile.Format(q.Get("format"))
	if format == "" {
		format = batchfile.CSV
	}
	if !format.Valid() {
		return hedui.FieldErrorf(op, hedui.KindMalformed, "invalid_query", "format", "参数format应为csv或xlsx")
	}
	ds, err := s.liaisonDepartments(r.Context(), by)
	if err != nil {
		return err
	}
	dept, err := pickDepartment(ds, q.Get("department_id"))
	if err != nil {
		return err
	}
	var qs []hedui.Query
	f := hedui.QueryFilter{DepartmentID: dept.ID, Status: []hedui.QueryStatus{hedui.QuerySent}, Limit: maxLimit}
	for len(qs) < maxRequestFileQueries {
		page, err := s.store.DepartmentQueries(r.Context(), by, f)
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
	if _, err := batchfile.WriteRequest(&buf, format, dept, qs); err != nil {
		return err
	}
	name := fmt.Sprintf("核对请求_%s_%s.%s", dept.Code, hedui.Today(s.now()).Format("20060102"), format.Ext())
	h := w.Header()
	h.Set("Content-Type", format.ContentType())
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("X-Hedui-Query-Count", strconv.Itoa(len(qs)))
	w.WriteHeader(stdhttp.StatusOK)
	_, _ = buf.WriteTo(w)
	return nil
}
