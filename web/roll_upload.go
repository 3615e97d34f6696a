package web

import (
	"bytes"
	"io"
	"net/http"
	"slices"

	"hedui"
	"hedui/rolls"
)

// handleRollUpload serves POST /rolls/imports: the roll file is parsed and
// imported in one go, and the page shows what changed and the validation
// report, row by row. A file that cannot be read at all is reported above
// the form and nothing is stored.
func (s *Server) handleRollUpload(w http.ResponseWriter, r *http.Request, sess *session) error {
	ctx := r.Context()
	p, err := s.rollImportsPage(ctx, sess.by)
	if err != nil {
		return err
	}
	render := func(status int, alert string) error {
		s.render(w, r, status, "roll_imports", view{Title: s.text.get("roll.imports.title"), Nav: "rolls", Sess: sess, Page: p, Alert: alert})
		return nil
	}
	if c := r.PostFormValue("county"); c != "" {
		p.County = c
	}
	if !slices.ContainsFunc(p.Counties, func(d hedui.Division) bool { return d.Code == p.County }) {
		return render(http.StatusUnprocessableEntity, s.text.get("roll.error.county"))
	}
	p.Mode = hedui.RollMode(r.PostFormValue("mode"))
	if p.Mode != hedui.RollFull && p.Mode != hedui.RollIncremental {
		return render(http.StatusUnprocessableEntity, s.text.get("roll.error.mode"))
	}
	file, hdr, err := r.FormFile("file")
	if err != nil {
		return render(http.StatusUnprocessableEntity, s.text.get("roll.error.no_file"))
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, s.maxUpload+1))
	if err != nil {
		return err
	}
	if len(data) == 0 {
		return render(http.StatusUnprocessableEntity, s.text.get("roll.error.empty_file"))
	}
	name := hedui.CleanFileName(hdr.Filename)
	if name == "" {
		name = s.text.get("roll.file")
	}
	up, err := rolls.Parse(name, bytes.NewReader(data), p.County, p.Mode, rolls.Options{MaxBytes: s.maxUpload, Now: s.now})
	if err != nil {
		switch hedui.KindOf(err) {
		case hedui.KindTransient, hedui.KindInternal:
			return err
		case hedui.KindTooLarge:
			return render(http.StatusRequestEntityTooLarge, s.text.get("roll.error.file", hedui.MessageOf(err)))
		}
		return render(http.StatusUnprocessableEntity, s.text.get("roll.error.file", hedui.MessageOf(err)))
	}
	imp, err := s.store.ImportRoll(ctx, sess.by, up)
	if err != nil {
		return err
	}
	p.Result, p.Outcome = &imp, imp.Outcome()
	p.History = append([]hedui.RollImport{imp}, p.History...)
	return render(http.StatusOK, "")
}
