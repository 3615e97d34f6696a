package web

import (
	"fmt"
	"net/http"

	"hedui"
)

// handleLetterCreate serves POST /applications/{id}/letters (multipart):
// registers the letter and, for a paper one, stores its scan. The scan is
// checked before the letter is registered, so that the common mistake (a
// wrong file) leaves nothing half done; should storing it fail after all,
// the detail page offers the upload again for that letter.
func (s *Server) handleLetterCreate(w http.ResponseWriter, r *http.Request, sess *session) error {
	id, err := s.pathID(r, "id")
	if err != nil {
		return err
	}
	ctx := r.Context()
	app, err := s.store.Application(ctx, sess.by, id)
	if err != nil {
		return err
	}
	p, in := s.parseLetter(r, app)
	scan, hasScan, scanErr := s.readScan(r.MultipartForm, "scan")
	switch {
	case scanErr != nil:
		p.Errors["scan"] = hedui.MessageOf(scanErr)
	case in.Form == hedui.LetterPaper && !hasScan:
		p.Errors["scan"] = s.text.get("letter.error.scan_required")
	case in.Form == hedui.LetterElectronic && hasScan:
		p.Errors["scan"] = s.text.get("letter.error.scan_electronic")
	}
	if len(p.Errors) > 0 {
		s.renderLetter(w, r, sess, http.StatusUnprocessableEntity, p)
		return nil
	}
	app, err = s.store.AddLetter(ctx, sess.by, id, in)
	if err != nil {
		switch hedui.KindOf(err) {
		case hedui.KindInvalid, hedui.KindConflict, hedui.KindMalformed:
			p.addError(err)
			s.renderLetter(w, r, sess, http.StatusUnprocessableEntity, p)
			return nil
		}
		return err
	}
	if hasScan {
		l := app.ActiveLetter()
		if l == nil {
			return hedui.E("web.letterCreate", hedui.KindInternal, fmt.Errorf("no active letter after AddLetter on application %d", id))
		}
		if _, err := s.store.PutLetterScan(ctx, sess.by, id, l.ID, scan); err != nil {
			if k := hedui.KindOf(err); k == hedui.KindInternal || k == hedui.KindTransient {
				return err
			}
			return s.renderDetail(w, r, sess, app, http.StatusUnprocessableEntity, "", hedui.MessageOf(err), "")
		}
	}
	http.Redirect(w, r, fmt.Sprintf("/applications/%d?msg=letter", id), http.StatusSeeOther)
	return nil
}
