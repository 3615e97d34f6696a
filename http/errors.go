package http

import (
	"errors"
	"log/slog"
	stdhttp "net/http"

	"hedui"
	"hedui/idcard"
)

// errorBody is the JSON of every error response.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

// statusError carries a status that no hedui.Kind expresses (405, 415,
// 429); everything else goes through the kind.
type statusError struct {
	status int
	err    error
}

func (e *statusError) Error() string { return e.err.Error() }
func (e *statusError) Unwrap() error { return e.err }

func withStatus(status int, err error) error { return &statusError{status: status, err: err} }

// statusOf maps an error to its response status.
func statusOf(err error) int {
	var se *statusError
	if errors.As(err, &se) {
		return se.status
	}
	switch hedui.KindOf(err) {
	case hedui.KindMalformed:
		return stdhttp.StatusBadRequest
	case hedui.KindUnauthenticated:
		return stdhttp.StatusUnauthorized
	case hedui.KindPermission:
		return stdhttp.StatusForbidden
	case hedui.KindNotFound:
		return stdhttp.StatusNotFound
	case hedui.KindConflict:
		return stdhttp.StatusConflict
	case hedui.KindTooLarge:
		return stdhttp.StatusRequestEntityTooLarge
	case hedui.KindInvalid:
		return stdhttp.StatusUnprocessableEntity
	case hedui.KindTransient:
		return stdhttp.StatusServiceUnavailable
	}
	return stdhttp.StatusInternalServerError
}

// writeError writes err as JSON. Internal errors are logged with their
// cause and shown with the generic message only: their text may name
// tables, files or values that a user must not see.
func (s *Server) writeError(w stdhttp.ResponseWriter, r *stdhttp.Request, err error) {
	status := statusOf(err)
	d := errorDetail{Code: hedui.CodeOf(err), Message: hedui.MessageOf(err)}
	var he *hedui.Error
	if errors.As(err, &he) {
		d.Field = he.Field
	}
	if status >= 500 {
		level := slog.LevelError
		if status == stdhttp.StatusServiceUnavailable {
			level = slog.LevelWarn
		}
		s.log.LogAttrs(r.Context(), level, "request failed",
			slog.String("method", r.Method), slog.String("path", idcard.MaskIn(r.URL.Path)), slog.String("error", err.Error()))
		if status == stdhttp.StatusInternalServerError {
			d = errorDetail{Code: "internal", Message: hedui.DefaultMessage(hedui.KindInternal)}
		}
	}
	if status == stdhttp.StatusUnauthorized && w.Header().Get("WWW-Authenticate") == "" {
		// A route authenticated otherwise (a department's signature) has
		// set its own challenge.
		w.Header().Set("WWW-Authenticate", `Bearer realm="hedui"`)
	}
	writeJSON(w, status, errorBody{Error: d})
}
