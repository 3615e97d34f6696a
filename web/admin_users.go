package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"hedui"
	"hedui/password"
)

// usersPage is the account list with the form for a new account.
type usersPage struct {
	Users  []hedui.User
	Orgs   []orgOption
	Roles  []hedui.Role
	Self   string
	Form   userForm
	Errors map[string]string
	// done and doneUser ask for the flash of a change just made.
	done, doneUser string
}

// orgOption is an organisation as a choice: its name and where it sits,
// which is the region its users work in.
type orgOption struct {
	ID    int64
	Label string
}

type userForm struct {
	Username, DisplayName, Role, OrgID string
}

// orgOptions lists the organisations with their division and level.
func (s *Server) orgOptions(ctx context.Context) ([]orgOption, error) {
	orgs, err := s.store.Organisations(ctx)
	if err != nil {
		return nil, err
	}
	names, _, err := s.divisionNames(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]orgOption, len(orgs))
	for i, o := range orgs {
		out[i] = orgOption{ID: o.ID, Label: s.text.get("admin.org.option", o.Name, names[o.Division], o.Level.Label())}
	}
	return out, nil
}

// renderUsers reads the list and writes the page; the store audits the
// read of the list.
func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, sess *session, status int, p usersPage, v view) error {
	us, err := s.store.Users(r.Context(), sess.by)
	if err != nil {
		return err
	}
	if p.Orgs, err = s.orgOptions(r.Context()); err != nil {
		return err
	}
	p.Users, p.Roles, p.Self = us, hedui.Roles, sess.by.Username
	if p.done != "" && slices.ContainsFunc(us, func(u hedui.User) bool { return u.Username == p.doneUser }) {
		v.Flash = s.text.get("admin.users.done."+p.done, p.doneUser)
	}
	v.Title, v.Nav, v.Sess, v.Page = s.text.get("admin.users.title"), "users", sess, p
	s.render(w, r, status, "admin_users", v)
	return nil
}

// handleUsers serves GET /admin/users. A flash after a change names the
// account only when it is in the list, never text from the URL alone.
func (s *Server) handleUsers(w http.ResponseWriter, r *http.Request, sess *session) error {
	p := usersPage{Form: userForm{Role: string(hedui.RoleClerk)}}
	switch done := r.URL.Query().Get("done"); done {
	case "created", "disabled", "enabled", "password":
		p.done, p.doneUser = done, r.URL.Query().Get("user")
	}
	return s.renderUsers(w, r, sess, http.StatusOK, p, view{})
}

// handleUserCreate serves POST /admin/users with the API's checks
// (hedui.CheckNewUser); the password is hashed here.
func (s *Server) handleUserCreate(w http.ResponseWriter, r *http.Request, sess *session) error {
	const op = "web.userCreate"
	f := userForm{
		Username: strings.TrimSpace(r.PostFormValue("username")), DisplayName: strings.TrimSpace(r.PostFormValue("display_name")),
		Role: r.PostFormValue("role"), OrgID: r.PostFormValue("org_id"),
	}
	orgID, _ := strconv.ParseInt(f.OrgID, 10, 64)
	nu := hedui.NewUser{Username: f.Username, DisplayName: f.DisplayName, Role: hedui.Role(f.Role), OrgID: orgID}
	pw := r.PostFormValue("password")
	err := hedui.CheckNewUser(op, &nu, pw)
	if err == nil {
		nu.PasswordHash = password.Hash(pw, s.pwParams)
		_, err = s.store.CreateUser(r.Context(), sess.by, nu)
	}
	if err != nil {
		if !userFacing(err) {
			return err
		}
		p := usersPage{Form: f, Errors: map[string]string{}}
		v := view{Alert: s.text.get("admin.users.error")}
		if k := fieldOf(err); k != "" {
			p.Errors[k] = hedui.MessageOf(err)
		} else {
			v.Alert = hedui.MessageOf(err)
		}
		return s.renderUsers(w, r, sess, http.StatusUnprocessableEntity, p, v)
	}
	http.Redirect(w, r, "/admin/users?done=created&user="+url.QueryEscape(nu.Username), http.StatusSeeOther)
	return nil
}

// userSetDisabled serves POST /admin/users/{username}/disable and
// /enable. Disabling ends the account's sessions at once (the store); an
// administrator cannot disable himself.
func (s *Server) userSetDisabled(disabled bool) handler {
	return func(w http.ResponseWriter, r *http.Request, sess *session) error {
		username := r.PathValue("username")
		if err := s.store.SetDisabled(r.Context(), sess.by, username, disabled); err != nil {
			if !userFacing(err) {
				return err
			}
			return s.renderUsers(w, r, sess, http.StatusConflict, usersPage{}, view{Alert: hedui.MessageOf(err)})
		}
		done := "enabled"
		if disabled {
			done = "disabled"
		}
		http.Redirect(w, r, "/admin/users?done="+done+"&user="+url.QueryEscape(username), http.StatusSeeOther)
		return nil
	}
}

// handleUserPassword serves POST /admin/users/{username}/password: the
// administrator sets a new password, which also lifts a lockout.
func (s *Server) handleUserPassword(w http.ResponseWriter, r *http.Request, sess *session) error {
	const op = "web.userPassword"
	username := r.PathValue("username")
	pw := r.PostFormValue("password")
	err := hedui.CheckNewPassword(op, pw)
	if err == nil {
		err = s.store.SetPassword(r.Context(), sess.by, username, password.Hash(pw, s.pwParams))
	}
	if err != nil {
		if !userFacing(err) {
			return err
		}
		return s.renderUsers(w, r, sess, http.StatusUnprocessableEntity, usersPage{},
			view{Alert: s.text.get("admin.users.error.password", username, hedui.MessageOf(err))})
	}
	http.Redirect(w, r, "/admin/users?done=password&user="+url.QueryEscape(username), http.StatusSeeOther)
	return nil
}
