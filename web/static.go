package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"time"
)

//go:embed static
var staticFS embed.FS

// assets are the embedded static files with a short content hash each,
// appended to their URLs so that a browser can keep them for long and
// still fetch a new version at once after an upgrade.
type assets struct {
	files map[string][]byte
	hash  map[string]string
}

func mustLoadAssets() *assets {
	a := &assets{files: map[string][]byte{}, hash: map[string]string{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		name := path.Base(p)
		sum := sha256.Sum256(b)
		a.files[name], a.hash[name] = b, hex.EncodeToString(sum[:4])
		return nil
	})
	if err != nil {
		panic("web: static files: " + err.Error())
	}
	return a
}

// url is the versioned address of a static file.
func (a *assets) url(name string) string {
	h, ok := a.hash[name]
	if !ok {
		panic("web: no static file " + name)
	}
	return "/static/" + name + "?v=" + h
}

// handleStatic serves GET /static/{name}.
func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	b, ok := s.assets.files[name]
	if !ok {
		s.renderError(w, r, nil, http.StatusNotFound, s.text.get("error.page_not_found"))
		return
	}
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "public, max-age=86400")
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
}
