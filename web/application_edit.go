package web

import (
	"fmt"
	"net/http"
	"strconv"

	"hedui"
)

// draftRoutes are the clerk's pages for changing a draft (or a case sent
// back to him) before he submits it (#6.1 "drafts"): members added with
// the intake form's rows, a member removed, the declaration edited in
// full. Letters have their own pages (letter_*.go). The forms share the
// intake form's parsing (application_form.go); the store refuses a case
// that is no longer editable or outside the clerk's township.
func (s *Server) draftRoutes() []route {
	clerkOnly := []hedui.Role{hedui.RoleClerk}
	const app = "/applications/{id}"
	return []route{
		{method: "GET", pattern: app + "/members/new", purpose: "修改申请", roles: clerkOnly, h: s.handleMembersNew},
		{method: "POST", pattern: app + "/members", purpose: "修改申请", roles: clerkOnly, h: s.handleMembersAdd},
		{method: "POST", pattern: app + "/members/{memberID}/remove", purpose: "修改申请", roles: clerkOnly, h: s.handleMemberRemove},
		{method: "GET", pattern: app + "/declaration", purpose: "修改申请", roles: clerkOnly, h: s.handleDeclarationEdit},
		{method: "POST", pattern: app + "/declaration", purpose: "修改申请", roles: clerkOnly, h: s.handleDeclarationSave},
	}
}

// draftPage is a draft edit form: the case, the rows as typed and the
// select options.
type draftPage struct {
	App  *hedui.Application
	Form appForm
	Opt  formOptions
}

// editableApp loads the case (an audited view) and refuses one the clerk
// may no longer change, with the reason in Chinese.
func (s *Server) editableApp(r *http.Request, sess *session) (*hedui.Application, error) {
	id, err := s.pathID(r, "id")
	if err != nil {
		return nil, err
	}
	app, err := s.store.Application(r.Context(), sess.by, id)
	if err != nil {
		return nil, err
	}
	if !app.Status.Editable() {
		return nil, hedui.Errorf("web.editableApp", hedui.KindConflict, "not_editable", "%s", s.text.get("draft.error.not_editable", app.Status.Label()))
	}
	return app, nil
}

func (s *Server) renderDraft(w http.ResponseWriter, r *http.Request, sess *session, status int, page, title string, p draftPage) {
	alert := ""
	if len(p.Form.Errors) > 0 {
		alert = s.text.get("form.error.summary", len(p.Form.Errors))
		if top, ok := p.Form.Errors[""]; ok {
			alert += " " + top
		}
	}
	s.render(w, r, status, page, view{Title: s.text.get(title, p.App.Number), Nav: "applications", Sess: sess, Alert: alert, Page: p})
}

// handleMembersNew serves GET /applications/{id}/members/new: blank
// member rows, with the ID-number check as the clerk types.
func (s *Server) handleMembersNew(w http.ResponseWriter, r *http.Request, sess *session) error {
	app, err := s.editableApp(r, sess)
	if err != nil {
		return err
	}
	f := blankForm()
	f.Members[0].Relationship = string(hedui.RelSpouse)
	s.renderDraft(w, r, sess, http.StatusOK, "draft_members", "draft.members.title", draftPage{App: app, Form: f, Opt: newFormOptions()})
	return nil
}

// handleMembersAdd serves POST /applications/{id}/members: the rows are
// read and checked as the intake form's are, and added in one call; a
// form with errors comes back as typed.
func (s *Server) handleMembersAdd(w http.ResponseWriter, r *http.Request, sess *session) error {
	app, err := s.editableApp(r, sess)
	if err != nil {
		return err
	}
	f := appForm{Errors: map[string]string{}}
	f.Members, _ = parseMemberRows(r.PostForm)
	p := draftPage{App: app, Opt: newFormOptions()}
	if len(f.Members) == 0 {
		f.Members = blankForm().Members
		f.Errors["members[0].name"] = s.text.get("form.error.no_members")
	}
	in := s.toMembers(&f, app.Household.Hukou)
	if len(f.Errors) == 0 {
		_, err = s.store.AddMembers(r.Context(), sess.by, app.ID, in)
		if err == nil {
			http.Redirect(w, r, fmt.Sprintf("/applications/%d?msg=members", app.ID), http.StatusSeeOther)
			return nil
		}
		if !refusal(err) {
			return err
		}
		f.addError(err)
	}
	p.Form = f
	s.renderDraft(w, r, sess, http.StatusUnprocessableEntity, "draft_members", "draft.members.title", p)
	return nil
}

// handleMemberRemove serves POST /applications/{id}/members/{memberID}/remove.
// A refusal (the head of household, the last member) is shown on the case
// page.
func (s *Server) handleMemberRemove(w http.ResponseWriter, r *http.Request, sess *session) error {
	id, err := s.pathID(r, "id")
	if err != nil {
		return err
	}
	memberID, err := s.pathID(r, "memberID")
	if err != nil {
		return err
	}
	if _, err := s.store.RemoveMember(r.Context(), sess.by, id, memberID); err != nil {
		if refusal(err) {
			return s.reshow(w, r, sess, id, http.StatusUnprocessableEntity, "", hedui.MessageOf(err), nil)
		}
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/applications/%d?msg=member_removed", id), http.StatusSeeOther)
	return nil
}

// declarationForm fills the form's rows from the stored declaration; the
// rows name members by their position among the case's members.
func declarationForm(app *hedui.Application) appForm {
	f := appForm{Errors: map[string]string{}}
	pos := map[int64]string{}
	for i, m := range app.Members {
		f.Members = append(f.Members, memberRow{Name: m.Name, IDNumber: m.IDNumber})
		pos[m.ID] = strconv.Itoa(i + 1)
	}
	for _, in := range app.Declaration.Incomes {
		f.Incomes = append(f.Incomes, incomeRow{Member: pos[in.MemberID], Category: string(in.Category), Source: in.Source,
			From: civilString(in.PeriodFrom), To: civilString(in.PeriodTo), Amount: formatYuan(in.AmountFen), Note: in.Note})
	}
	for _, a := range app.Declaration.Assets {
		row := assetRow{Member: pos[a.MemberID], Kind: string(a.Kind), Description: a.Description, Area: formatArea(a.AreaM2x100)}
		if a.ValueFen != 0 {
			row.Value = formatYuan(a.ValueFen)
		}
		if a.Quantity != 0 {
			row.Quantity = strconv.Itoa(a.Quantity)
		}
		f.Assets = append(f.Assets, row)
	}
	return f
}

func civilString(d hedui.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// handleDeclarationEdit serves GET /applications/{id}/declaration: the
// declaration as stored, every row editable, rows added or removed as on
// the intake form.
func (s *Server) handleDeclarationEdit(w http.ResponseWriter, r *http.Request, sess *session) error {
	app, err := s.editableApp(r, sess)
	if err != nil {
		return err
	}
	s.renderDraft(w, r, sess, http.StatusOK, "draft_declaration", "draft.declaration.title",
		draftPage{App: app, Form: declarationForm(app), Opt: newFormOptions()})
	return nil
}

// handleDeclarationSave serves POST /applications/{id}/declaration: the
// rows replace the declaration (no rows: an empty declaration). Members
// are the case's own, in the order the form listed them.
func (s *Server) handleDeclarationSave(w http.ResponseWriter, r *http.Request, sess *session) error {
	app, err := s.editableApp(r, sess)
	if err != nil {
		return err
	}
	f := declarationForm(app)
	f.Incomes, f.Assets = parseDeclRows(r.PostForm, func(ref string) string { return ref })
	d := s.toDeclaration(&f)
	if d == nil {
		d = &hedui.Declaration{}
	}
	if len(f.Errors) == 0 {
		_, err = s.store.SetDeclaration(r.Context(), sess.by, app.ID, *d)
		if err == nil {
			http.Redirect(w, r, fmt.Sprintf("/applications/%d?msg=declaration", app.ID), http.StatusSeeOther)
			return nil
		}
		if !refusal(err) {
			return err
		}
		f.addError(err)
	}
	s.renderDraft(w, r, sess, http.StatusUnprocessableEntity, "draft_declaration", "draft.declaration.title",
		draftPage{App: app, Form: f, Opt: newFormOptions()})
	return nil
}
