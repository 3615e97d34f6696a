package web

import (
	"net/http"
	"slices"

	"hedui"
)

// previewable reports whether a scan of this type may be shown inline:
// images only. A PDF would run in the site's origin, so it is downloaded.
func previewable(contentType string) bool {
	return contentType == "image/jpeg" || contentType == "image/png"
}

// letterPreviewPage is one letter with its scan shown.
type letterPreviewPage struct {
	App    *hedui.Application
	Letter hedui.Letter
	Signer string // the signers' names
	Image  bool   // the scan is shown inline; a PDF is offered as a download
}

// handleLetterScanPreview serves GET /applications/{id}/letters/{letterID}/preview:
// the letter's details and its scan, an image inline, a PDF as a link.
// Opening the case is audited as any view of it; fetching the image is
// audited again by the scan's own handler.
func (s *Server) handleLetterScanPreview(w http.ResponseWriter, r *http.Request, sess *session) error {
	id, letterID, err := s.letterPath(r)
	if err != nil {
		return err
	}
	app, err := s.store.Application(r.Context(), sess.by, id)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(app.Letters, func(l hedui.Letter) bool { return l.ID == letterID })
	if i < 0 || app.Letters[i].Scan == nil {
		return hedui.Errorf("web.letterScanPreview", hedui.KindNotFound, "scan_not_found", "%s", s.text.get("letter.error.no_scan"))
	}
	l := app.Letters[i]
	names := map[int64]string{}
	for _, m := range app.Members {
		names[m.ID] = m.Name
	}
	p := letterPreviewPage{App: app, Letter: l, Image: previewable(l.Scan.ContentType)}
	for j, sg := range l.Signers {
		if j > 0 {
			p.Signer += "、"
		}
		p.Signer += names[sg.MemberID]
	}
	s.render(w, r, http.StatusOK, "letter_preview", view{Title: s.text.get("letter.preview.title", app.Number),
		Nav: "applications", Sess: sess, Page: p})
	return nil
}

// letterPath reads the case and letter ids of a letter's address.
func (s *Server) letterPath(r *http.Request) (id, letterID int64, err error) {
	if id, err = s.pathID(r, "id"); err != nil {
		return 0, 0, err
	}
	letterID, err = s.pathID(r, "letterID")
	return id, letterID, err
}
