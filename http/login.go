package http

import (
	"errors"
	"fmt"
	stdhttp "net/http"
	"strings"
	"time"

	"hedui"
	"hedui/internal/httpx"
	"hedui/password"
)

type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

type loginResponse struct {
	Token     string     `json:"token"`
	ExpiresAt time.Time  `json:"expires_at"`
	User      hedui.User `json:"user"`
}

// handleLogin serves POST /api/v1/login.
//
// A wrong username and a wrong password get the same answer and take the
// same time, so the endpoint does not tell a guesser which accounts exist.
// A locked account is refused with 429 before the password is checked:
// checking it would let a guesser keep testing passwords during the lock.
// A disabled account is only named after a correct password, for the same
// reason.
func (s *Server) handleLogin(w stdhttp.ResponseWriter, r *stdhttp.Request) error {
	const op = "http.login"
	var in loginRequest
	if err := s.decodeJSON(w, r, &in); err != nil {
		return err
	}
	in.Username = strings.TrimSpace(in.Username)
	if in.Username == "" || in.Password == "" {
		return hedui.Errorf(op, hedui.KindInvalid, "missing_credentials", "请输入用户名和密码")
	}
	ctx, now, client := r.Context(), s.now(), httpx.ClientAddr(r)
	badCredentials := hedui.Errorf(op, hedui.KindUnauthenticated, "bad_credentials", "用户名或密码错误")

	info, err := s.store.LoginInfo(ctx, in.Username)
	if hedui.KindOf(err) == hedui.KindNotFound {
		_ = password.Check(in.Password, s.dummyHash)
		// Audit the attempt if the store can; guesses at names matter to
		// an auditor. A store that refuses unknown names loses nothing.
		if err := s.store.RecordLogin(ctx, in.Username, client, false, now); err != nil && hedui.KindOf(err) != hedui.KindNotFound {
			s.log.Warn("recording failed login", "error", err.Error())
		}
		return badCredentials
	}
	if err != nil {
		return err
	}
	name := info.User.Username
	if info.LockedUntil.After(now) {
		// Not recorded in the store: a failure there would extend the lock.
		s.log.Warn("login attempt on a locked account", "user", name, "client", client)
		return locked(w, info.LockedUntil, now)
	}
	if err := password.Check(in.Password, info.PasswordHash); err != nil {
		if !errors.Is(err, password.ErrMismatch) {
			return hedui.E(op, hedui.KindInternal, fmt.Errorf("stored hash of %s: %w", name, err))
		}
		if err := s.store.RecordLogin(ctx, name, client, false, now); err != nil {
			return err
		}
		// The failure just recorded may have locked the account; say so
		// now rather than let the user type a correct password in vain.
		if after, err := s.store.LoginInfo(ctx, name); err == nil && after.LockedUntil.After(now) {
			return locked(w, after.LockedUntil, now)
		}
		return badCredentials
	}
	if info.User.Disabled {
		if err := s.store.RecordLogin(ctx, name, client, false, now); err != nil {
			return err
		}
		return hedui.Errorf(op, hedui.KindPermission, "account_disabled", "该账户已停用，请联系管理员")
	}
	if err := s.store.RecordLogin(ctx, name, client, true, now); err != nil {
		return err
	}
	token, hash := newToken()
	expires := now.Add(s.tokenTTL)
	sess := hedui.Session{TokenHash: hash, UserID: info.User.ID, CreatedAt: now, ExpiresAt: expires, Client: client}
	if err := s.store.CreateSession(ctx, sess); err != nil {
		return err
	}
	infoOf(ctx).user = name
	writeJSON(w, stdhttp.StatusOK, loginResponse{Token: token, ExpiresAt: expires, User: info.User})
	return nil
}

// locked is the answer for a locked account: 429, because the lock is a
// rate limit on guessing and clients already back off on 429 with
// Retry-After. The time is Beijing time, as the user's clock shows.
func locked(w stdhttp.ResponseWriter, until, now time.Time) error {
	w.Header().Set("Retry-After", fmt.Sprint(int(until.Sub(now).Seconds())+1))
	return withStatus(stdhttp.StatusTooManyRequests, hedui.Errorf("http.login", hedui.KindPermission, "account_locked",
		"登录失败次数过多，账户已临时锁定，请于%s后重试或联系管理员", until.In(hedui.CST).Format("15:04")))
}
