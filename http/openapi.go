package http

import (
	_ "embed"
	stdhttp "net/http"
)

// openAPIDoc is written by hand and kept honest by openapi_test.go, which
// fails when a route and the document disagree.
//
//go:embed openapi.json
var openAPIDoc []byte

// handleOpenAPI serves GET /api/v1/openapi.json.
func (s *Server) handleOpenAPI(w stdhttp.ResponseWriter, r *stdhttp.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(openAPIDoc) // the client went away; nothing to tell it
	return nil
}
