package web

import (
	"net/http"
	"strings"
)

// loginPage is the login form's data.
type loginPage struct {
	Username string
	Next     string
	Error    string
	Notice   string
	CSRF     string
}

// loginNotice returns the catalogue key of a message a redirect to the
// login page may ask for; only these are shown, never text from the URL.
func loginNotice(msg string) (string, bool) {
	switch msg {
	case "expired", "logged_out", "idle":
		return "login.notice." + msg, true
	}
	return "", false
}

// handleLoginShow serves GET /login. A signed-in user goes to his home
// page instead.
func (s *Server) handleLoginShow(w http.ResponseWriter, r *http.Request, _ *session) error {
	if sess, err := s.currentSession(r, ""); err == nil && sess != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	p := loginPage{Next: safeNext(r.URL.Query().Get("next"))}
	if key, ok := loginNotice(r.URL.Query().Get("msg")); ok {
		p.Notice = s.text.get(key)
	}
	s.renderLogin(w, r, http.StatusOK, p)
	return nil
}

// renderLogin writes the login page with a CSRF token for the browser's
// pre-session cookie.
func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, p loginPage) {
	p.CSRF = s.csrfToken("pre", s.preSession(w, r))
	s.render(w, r, status, "login", view{Title: s.text.get("login.title"), Page: p})
}

// safeNext accepts only a path on this site as the page to return to
// after login, so that the login page cannot send anyone elsewhere.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") ||
		strings.ContainsAny(next, "\r\n\\") || strings.HasPrefix(next, "/login") {
		return ""
	}
	return next
}
