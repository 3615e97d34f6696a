package hedui

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"hedui/idcard"
	"hedui/password"
)

// usernamePattern keeps usernames to what people type reliably on any
// keyboard and what reads unambiguously in the audit log.
var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,31}$`)

// CheckNewUser is the one check of a new account that the API and the
// pages share: it trims the username and display name in place and
// returns a field error in Chinese for the first problem, the password's
// strength included (the password is hashed by the caller afterwards, so
// the store never sees it). The store checks again as a backstop.
func CheckNewUser(op string, u *NewUser, pw string) error {
	u.Username = strings.TrimSpace(u.Username)
	u.DisplayName = strings.TrimSpace(u.DisplayName)
	switch {
	case !usernamePattern.MatchString(u.Username):
		return FieldErrorf(op, KindInvalid, "invalid_username", "username",
			"用户名应为3到32位小写字母、数字、点、下划线或短横线，并以字母或数字开头")
	case idcard.Valid(u.Username):
		// Usernames go into URLs, logs and every audit entry.
		return FieldErrorf(op, KindInvalid, "invalid_username", "username", "用户名不能使用身份证号码")
	case u.DisplayName == "":
		return FieldErrorf(op, KindInvalid, "missing_display_name", "display_name", "请填写姓名")
	case utf8.RuneCountInString(u.DisplayName) > MaxNameRunes:
		return FieldErrorf(op, KindInvalid, "display_name_too_long", "display_name", "姓名不能超过%d个字", MaxNameRunes)
	case !u.Role.Valid():
		return FieldErrorf(op, KindInvalid, "invalid_role", "role", "请选择角色：%s", roleChoices())
	case u.OrgID <= 0:
		return FieldErrorf(op, KindInvalid, "missing_org", "org_id", "请选择所属单位")
	}
	return CheckNewPassword(op, pw)
}

// CheckNewPassword refuses a password too weak to set, as a field error
// on "password".
func CheckNewPassword(op, pw string) error {
	if reason := password.Acceptable(pw); reason != "" {
		return FieldErrorf(op, KindInvalid, "weak_password", "password", "%s", reason)
	}
	return nil
}

func roleChoices() string {
	parts := make([]string, len(Roles))
	for i, r := range Roles {
		parts[i] = fmt.Sprintf("%s（%s）", r, r.Label())
	}
	return strings.Join(parts, "、")
}
