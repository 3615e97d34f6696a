package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
)

// csrfField is the name of the hidden field every form carries.
const csrfField = "csrf"

// csrfToken is the form token for a secret the browser holds in an
// HttpOnly cookie: the session token, or before login the pre-session
// value. A page on another site can neither read the cookie nor compute
// the HMAC, so it cannot forge a form; the token reveals nothing of the
// session token. kind separates the two uses.
func (s *Server) csrfToken(kind, secret string) string {
	m := hmac.New(sha256.New, s.csrfKey)
	m.Write([]byte("hedui web csrf v1\x00" + kind + "\x00" + secret))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// csrfValid compares a submitted token in constant time.
func (s *Server) csrfValid(kind, secret, submitted string) bool {
	if secret == "" || submitted == "" {
		return false
	}
	return hmac.Equal([]byte(s.csrfToken(kind, secret)), []byte(submitted))
}

// preSession returns the login form's secret, setting a fresh cookie when
// the browser has none.
func (s *Server) preSession(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(preSessionCookie); err == nil && len(c.Value) >= 20 && len(c.Value) <= 100 {
		return c.Value
	}
	v := rand.Text()
	http.SetCookie(w, &http.Cookie{
		Name: preSessionCookie, Value: v, Path: "/",
		HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteStrictMode,
	})
	return v
}

// preSessionValue reads the pre-session cookie without setting one.
func preSessionValue(r *http.Request) string {
	if c, err := r.Cookie(preSessionCookie); err == nil {
		return c.Value
	}
	return ""
}
