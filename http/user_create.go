package http

import (
	"fmt"
	stdhttp "net/http"
	"regexp"
	"strings"
	"unicode/utf8"

	"hedui"
	"hedui/idcard"
	"hedui/password"
)

type userCreateRequest struct {
	Username    string     `json:"username"`
	DisplayName string     `json:"display_name"`
	Role        hedui.Role `json:"role"`
	OrgID       int64      `json:"org_id"`
	Password    string     `json:"password"`
}

// usernamePattern keeps usernames to what people type reliably on any
// keyboard and what reads unambiguously in the audit log.
var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,31}$`)

// handleUserCreate serves POST /api/v1/users for administrators. The
// password is hashed here so the store never sees it.
func (s *Server) handleUserCreate(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	const op = "http.userCreate"
	var in userCreateRequest
	if err := s.decodeJSON(w, r, &in); err != nil {
		return err
	}
	in.Username = strings.TrimSpace(in.Username)
	in.DisplayName = strings.TrimSpace(in.DisplayName)
	switch {
	case !usernamePattern.MatchString(in.Username):
		return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_username", "username",
			"用户名应为3到32位小写字母、数字、点、下划线或短横线，并以字母或数字开头")
	case idcard.Valid(in.Username):
		// Usernames go into URLs, logs and every audit entry.
		return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_username", "username", "用户名不能使用身份证号码")
	case in.DisplayName == "":
		return hedui.FieldErrorf(op, hedui.KindInvalid, "missing_display_name", "display_name", "请填写姓名")
	case utf8.RuneCountInString(in.DisplayName) > hedui.MaxNameRunes:
		return hedui.FieldErrorf(op, hedui.KindInvalid, "display_name_too_long", "display_name", "姓名不能超过%d个字", hedui.MaxNameRunes)
	case !in.Role.Valid():
		return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_role", "role", "请选择角色：%s", roleChoices())
	case in.OrgID <= 0:
		return hedui.FieldErrorf(op, hedui.KindInvalid, "missing_org", "org_id", "请选择所属单位")
	}
	if reason := password.Acceptable(in.Password); reason != "" {
		return hedui.FieldErrorf(op, hedui.KindInvalid, "weak_password", "password", "%s", reason)
	}
	u, err := s.store.CreateUser(r.Context(), by, hedui.NewUser{
		Username: in.Username, DisplayName: in.DisplayName, Role: in.Role, OrgID: in.OrgID,
		PasswordHash: password.Hash(in.Password, s.pwParams),
	})
	if err != nil {
		return err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/users/%s", u.Username))
	writeJSON(w, stdhttp.StatusCreated, u)
	return nil
}

func roleChoices() string {
	parts := make([]string, len(hedui.Roles))
	for i, r := range hedui.Roles {
		parts[i] = fmt.Sprintf("%s（%s）", r, r.Label())
	}
	return strings.Join(parts, "、")
}
