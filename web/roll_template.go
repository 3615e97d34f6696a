package web

import (
	"bytes"
	"mime"
	"net/http"
	"strconv"

	"hedui/rolls"
	"hedui/sheet"
)

// handleRollTemplate serves GET /rolls/template?format=xlsx|csv: the
// empty roll with the column names and a 示例 row.
func (s *Server) handleRollTemplate(w http.ResponseWriter, r *http.Request, _ *session) error {
	format := sheet.XLSX
	if r.URL.Query().Get("format") == "csv" {
		format = sheet.CSV
	}
	var buf bytes.Buffer
	if err := rolls.WriteTemplate(&buf, format); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", format.ContentType())
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "低保特困名册模板." + format.Ext()}))
	_, _ = buf.WriteTo(w)
	return nil
}
