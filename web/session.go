package web

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"

	"hedui"
)

const (
	// sessionCookie holds the session's bearer token.
	sessionCookie = "hedui_session"
	// preSessionCookie holds a random value that keys the login form's
	// CSRF token before there is a session.
	preSessionCookie = "hedui_pre"
)

// session is the signed-in caller of one request.
type session struct {
	token string      // the cookie's bearer token
	by    hedui.Actor // with ClientAddr and the route's purpose
	user  hedui.User  // for the top bar: display name and organisation
	csrf  string      // the token every form of this session carries
}

// newToken returns a bearer token and the hash the store keeps. Only the
// hash is stored, so a copy of the database cannot be used to log in.
func newToken() (token string, hash []byte) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("web: no randomness: " + err.Error())
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, tokenHash(token)
}

func tokenHash(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

// currentSession resolves the session cookie. It returns (nil, nil) when
// there is no usable session, errIdle when the session has just been
// ended for inactivity, and another error only when the store fails.
func (s *Server) currentSession(r *http.Request, purpose string) (*session, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" || len(c.Value) > 100 {
		return nil, nil
	}
	ctx := r.Context()
	by, err := s.store.SessionActor(ctx, tokenHash(c.Value), s.now())
	switch hedui.KindOf(err) {
	case hedui.KindOther:
	case hedui.KindTransient, hedui.KindInternal:
		return nil, err
	default:
		return nil, nil
	}
	if err := s.store.TouchSession(ctx, tokenHash(c.Value), s.now(), s.idle); err != nil {
		switch {
		case hedui.CodeOf(err) == "session_idle":
			return nil, errIdle
		case hedui.KindOf(err) == hedui.KindUnauthenticated:
			return nil, nil
		}
		return nil, err
	}
	u, err := s.store.User(ctx, by.Username)
	if err != nil {
		if hedui.KindOf(err) == hedui.KindNotFound {
			return nil, nil
		}
		return nil, err
	}
	by.ClientAddr = clientAddr(r)
	by.Purpose = purpose
	return &session{token: c.Value, by: by, user: u, csrf: s.csrfToken("session", c.Value)}, nil
}

// errIdle is currentSession's answer for a session just ended by the idle
// timeout, so that the login page can say why.
var errIdle = hedui.Errorf("web.session", hedui.KindUnauthenticated, "session_idle", "因长时间未操作，已自动退出")

// setSessionCookie hands the browser its token. No Expires: the cookie
// ends with the browser, which matters on a shared office PC; the store's
// expiry ends it on the server in any case.
func (s *Server) setSessionCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: token, Path: "/",
		HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteStrictMode,
	})
}

// clearCookie removes a cookie set by this server.
func (s *Server) clearCookie(w http.ResponseWriter, name string) {
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteStrictMode,
	})
}
