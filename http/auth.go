package http

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	stdhttp "net/http"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"hedui"
	"hedui/internal/httpx"
)

// purposeHeader lets a client state why it reads a case; the store writes
// it into the audit log. Absent, the route's default purpose applies.
const purposeHeader = "X-Hedui-Purpose"

const maxPurposeRunes = 100

// newToken returns a bearer token and the hash the store keeps. Only the
// hash is stored, so a copy of the database cannot be used to log in.
func newToken() (token string, hash []byte) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("http: no randomness: " + err.Error())
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, tokenHash(token)
}

func tokenHash(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

// bearerToken extracts the token of an Authorization: Bearer header.
func bearerToken(r *stdhttp.Request) (string, bool) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

// authenticate resolves the bearer token to the actor for this request.
// The store's own reason (expired, disabled) is passed on, since only the
// token's holder sees it; any other refusal reads as "log in again".
func (s *Server) authenticate(r *stdhttp.Request, defaultPurpose string) (hedui.Actor, error) {
	const op = "http.authenticate"
	token, ok := bearerToken(r)
	if !ok {
		return hedui.Actor{}, hedui.Errorf(op, hedui.KindUnauthenticated, "unauthenticated", "请先登录（缺少访问令牌）")
	}
	by, err := s.store.SessionActor(r.Context(), tokenHash(token), s.now())
	if err != nil {
		switch hedui.KindOf(err) {
		case hedui.KindTransient, hedui.KindInternal:
			return hedui.Actor{}, err
		case hedui.KindUnauthenticated:
			return hedui.Actor{}, hedui.E(op, err)
		}
		return hedui.Actor{}, hedui.E(op, hedui.KindUnauthenticated, "unauthenticated", "登录已失效，请重新登录", err)
	}
	purpose, err := requestPurpose(r, defaultPurpose)
	if err != nil {
		return hedui.Actor{}, err
	}
	by.ClientAddr = httpx.ClientAddr(r)
	by.Purpose = purpose
	infoOf(r.Context()).user = by.Username
	return by, nil
}

// requestPurpose reads the purpose header. Header values cannot carry
// Chinese from a browser directly, so percent-encoded UTF-8 is accepted.
func requestPurpose(r *stdhttp.Request, def string) (string, error) {
	const op = "http.purpose"
	raw := strings.TrimSpace(r.Header.Get(purposeHeader))
	if raw == "" {
		return def, nil
	}
	p := raw
	if strings.Contains(raw, "%") {
		if u, err := url.PathUnescape(raw); err == nil {
			p = strings.TrimSpace(u)
		}
	}
	bad := !utf8.ValidString(p) || p == "" || utf8.RuneCountInString(p) > maxPurposeRunes ||
		strings.IndexFunc(p, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0
	if bad {
		return "", hedui.FieldErrorf(op, hedui.KindMalformed, "invalid_purpose", purposeHeader,
			"请求头%s应为不超过%d字的可读文字（中文请用UTF-8百分号编码）", purposeHeader, maxPurposeRunes)
	}
	return p, nil
}
