package http

import (
	"bytes"
	"fmt"
	"mime"
	stdhttp "net/http"
	"strconv"

	"hedui"
	"hedui/exchange"
	"hedui/exchange/batchfile"
)

// handleExchangeRequestFile serves GET /api/v1/exchange/request-file: the
// liaison's open queries as a request file (CSV or XLSX) to look the
// people up and fill in the answers. The list is read through the store's
// department view, so the download is audited like any other read.
func (s *Server) handleExchangeRequestFile(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	const op = "http.exchangeRequestFile"
	q := r.URL.Query()
	format, err := requestFormat(op, r)
	if err != nil {
		return err
	}
	ds, err := s.liaisonDepartments(r.Context(), by)
	if err != nil {
		return err
	}
	dept, err := pickDepartment(ds, q.Get("department_id"))
	if err != nil {
		return err
	}
	qs, err := exchange.SentQueries(r.Context(), s.store, by, dept.ID)
	if err != nil {
		return err
	}
	name := fmt.Sprintf("核对请求_%s_%s.%s", dept.Code, hedui.Today(s.now()).Format("20060102"), format.Ext())
	return writeRequestFile(w, format, name, dept, qs)
}

// requestFormat reads the format parameter: csv (the default) or xlsx.
func requestFormat(op string, r *stdhttp.Request) (batchfile.Format, error) {
	format := batchfile.Format(r.URL.Query().Get("format"))
	if format == "" {
		format = batchfile.CSV
	}
	if !format.Valid() {
		return "", hedui.FieldErrorf(op, hedui.KindMalformed, "invalid_query", "format", "参数format应为csv或xlsx")
	}
	return format, nil
}

// writeRequestFile sends qs as a request file attachment named name, the
// same file for a liaison's open queries and for a round's.
func writeRequestFile(w stdhttp.ResponseWriter, format batchfile.Format, name string, dept hedui.Department, qs []hedui.Query) error {
	var buf bytes.Buffer
	if _, err := batchfile.WriteRequest(&buf, format, dept, qs); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", format.ContentType())
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("X-Hedui-Query-Count", strconv.Itoa(len(qs)))
	w.WriteHeader(stdhttp.StatusOK)
	_, _ = buf.WriteTo(w)
	return nil
}
