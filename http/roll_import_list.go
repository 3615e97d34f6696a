package http

import (
	stdhttp "net/http"

	"hedui"
)

// handleRollImportList serves GET /api/v1/rolls/imports: the imports of
// the rolls in the caller's scope, newest first, each with its validation
// report; ?county= narrows to one county.
func (s *Server) handleRollImportList(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	const op = "http.rollImportList"
	county := r.URL.Query().Get("county")
	if county != "" && (len(county) != 6 || !allDigits(county)) {
		return hedui.FieldErrorf(op, hedui.KindMalformed, "invalid_query", "county", "县区代码应为6位数字")
	}
	list, err := s.store.RollImports(r.Context(), by, county)
	if err != nil {
		return err
	}
	for i := range list {
		list[i].Problems = nonNil(list[i].Problems)
	}
	writeJSON(w, stdhttp.StatusOK, map[string]any{"items": nonNil(list)})
	return nil
}
