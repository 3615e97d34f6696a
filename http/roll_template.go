package http

import (
	"bytes"
	"mime"
	stdhttp "net/http"
	"strconv"

	"hedui"
	"hedui/rolls"
	"hedui/sheet"
)

// handleRollTemplate serves GET /api/v1/rolls/template?format=xlsx|csv:
// an empty roll with the column names and one 示例 row.
func (s *Server) handleRollTemplate(w stdhttp.ResponseWriter, r *stdhttp.Request, _ hedui.Actor) error {
	const op = "http.rollTemplate"
	format := sheet.Format(r.URL.Query().Get("format"))
	if format == "" {
		format = sheet.XLSX
	}
	if !format.Valid() {
		return hedui.FieldErrorf(op, hedui.KindMalformed, "invalid_query", "format", "参数format应为csv或xlsx")
	}
	var buf bytes.Buffer
	if err := rolls.WriteTemplate(&buf, format); err != nil {
		return hedui.E(op, hedui.KindInternal, err)
	}
	h := w.Header()
	h.Set("Content-Type", format.ContentType())
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "低保特困名册模板." + format.Ext()}))
	w.WriteHeader(stdhttp.StatusOK)
	_, _ = buf.WriteTo(w)
	return nil
}
