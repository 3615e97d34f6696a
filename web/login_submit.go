package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"hedui"
	"hedui/internal/httpx"
	"hedui/password"
)

// handleLoginSubmit serves POST /login with the API's checks: an unknown
// username and a wrong password get the same message and take the same
// time; a locked account is refused before its password is checked, with
// the unlock time in Beijing time; a disabled account is named only after
// a correct password. Success starts a new session (a token chosen now,
// so that no token planted before login survives it) and returns to the
// page the user wanted.
func (s *Server) handleLoginSubmit(w http.ResponseWriter, r *http.Request, _ *session) error {
	const op = "web.login"
	p := loginPage{
		Username: strings.TrimSpace(r.PostFormValue("username")),
		Next:     safeNext(r.PostFormValue("next")),
	}
	pw := r.PostFormValue("password")
	if p.Username == "" || pw == "" {
		p.Error = s.text.get("login.error.missing")
		s.renderLogin(w, r, http.StatusUnprocessableEntity, p)
		return nil
	}
	if len(p.Username) > 200 || len(pw) > 1024 {
		p.Username, p.Error = "", s.text.get("login.error.bad_credentials")
		s.renderLogin(w, r, http.StatusUnauthorized, p)
		return nil
	}
	ctx, now, client := r.Context(), s.now(), httpx.ClientAddr(r)
	bad := func() error {
		p.Error = s.text.get("login.error.bad_credentials")
		s.renderLogin(w, r, http.StatusUnauthorized, p)
		return nil
	}
	lockedOut := func(until time.Time) error {
		w.Header().Set("Retry-After", fmt.Sprint(int(until.Sub(now).Seconds())+1))
		p.Error = s.text.get("login.error.locked", until.In(hedui.CST).Format("15:04"))
		s.renderLogin(w, r, http.StatusTooManyRequests, p)
		return nil
	}

	info, err := s.store.LoginInfo(ctx, p.Username)
	if hedui.KindOf(err) == hedui.KindNotFound {
		_ = password.Check(pw, s.dummyHash)
		if err := s.store.RecordLogin(ctx, p.Username, client, false, now); err != nil && hedui.KindOf(err) != hedui.KindNotFound {
			s.log.Warn("recording failed login", "error", err.Error())
		}
		return bad()
	}
	if err != nil {
		return err
	}
	name := info.User.Username
	if info.LockedUntil.After(now) {
		// Not recorded: a failure there would extend the lock.
		s.log.Warn("login attempt on a locked account", "user", name, "client", client)
		return lockedOut(info.LockedUntil)
	}
	if err := password.Check(pw, info.PasswordHash); err != nil {
		if !errors.Is(err, password.ErrMismatch) {
			return hedui.E(op, hedui.KindInternal, fmt.Errorf("stored hash of %s: %w", name, err))
		}
		if err := s.store.RecordLogin(ctx, name, client, false, now); err != nil {
			return err
		}
		if after, err := s.store.LoginInfo(ctx, name); err == nil && after.LockedUntil.After(now) {
			return lockedOut(after.LockedUntil)
		}
		return bad()
	}
	if info.User.Disabled {
		if err := s.store.RecordLogin(ctx, name, client, false, now); err != nil {
			return err
		}
		p.Error = s.text.get("login.error.disabled")
		s.renderLogin(w, r, http.StatusForbidden, p)
		return nil
	}
	if err := s.store.RecordLogin(ctx, name, client, true, now); err != nil {
		return err
	}
	token, hash := newToken()
	sess := hedui.Session{TokenHash: hash, UserID: info.User.ID, CreatedAt: now, ExpiresAt: now.Add(s.sessionTTL), Client: client}
	if err := s.store.CreateSession(ctx, sess); err != nil {
		return err
	}
	s.setSessionCookie(w, token)
	s.clearCookie(w, preSessionCookie)
	next := p.Next
	if next == "" {
		next = "/"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}
