package http

import (
	stdhttp "net/http"
	"net/url"

	"hedui"
)

// handleApplicationList serves GET /api/v1/applications. Names and ID
// numbers in the result are masked by the store; the id_number filter is
// canonicalised here so that a pasted full-width number still finds its
// person through the blind index.
func (s *Server) handleApplicationList(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	const op = "http.applicationList"
	q := r.URL.Query()
	var f hedui.Filter
	for _, v := range q["status"] {
		st := hedui.Status(v)
		if !st.Valid() {
			return hedui.FieldErrorf(op, hedui.KindMalformed, "invalid_query", "status", "未知的状态：%s", v)
		}
		f.Status = append(f.Status, st)
	}
	if k := q.Get("kind"); k != "" {
		f.Kind = hedui.AppKind(k)
		if !f.Kind.Valid() {
			return hedui.FieldErrorf(op, hedui.KindMalformed, "invalid_query", "kind", "未知的核对类型：%s", k)
		}
	}
	if t := q.Get("township"); t != "" {
		if len(t) != 9 || !allDigits(t) {
			return hedui.FieldErrorf(op, hedui.KindMalformed, "invalid_query", "township", "乡镇代码应为9位数字")
		}
		f.Township = t
	}
	var err error
	if f.IDNumber, err = s.idNumberParam(op, q); err != nil {
		return err
	}
	if f.Limit, f.Offset, err = pageParams(q); err != nil {
		return err
	}
	page, err := s.store.Applications(r.Context(), by, f)
	if err != nil {
		return err
	}
	page.Items = nonNil(page.Items)
	writeJSON(w, stdhttp.StatusOK, page)
	return nil
}

// idNumberParam reads the optional id_number filter in its canonical
// form, so that a pasted full-width number still finds its person through
// the blind index.
func (s *Server) idNumberParam(op string, q url.Values) (string, error) {
	id := q.Get("id_number")
	if id == "" {
		return "", nil
	}
	n, err := hedui.CheckIDNumber(op, "id_number", id, s.now())
	return n.Canonical, err
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
