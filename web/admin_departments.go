package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"hedui"
)

// departmentsPage lists the member units with their agreements' status
// on today.
type departmentsPage struct {
	Rows []departmentRow
}

type departmentRow struct {
	D            hedui.Department
	DivisionName string
	Agreement    hedui.AgreementStatus
}

// handleDepartments serves GET /admin/departments.
func (s *Server) handleDepartments(w http.ResponseWriter, r *http.Request, sess *session) error {
	ds, err := s.store.Departments(r.Context(), sess.by)
	if err != nil {
		return err
	}
	names, _, err := s.divisionNames(r.Context())
	if err != nil {
		return err
	}
	today := hedui.Today(s.now())
	p := departmentsPage{}
	for _, d := range ds {
		p.Rows = append(p.Rows, departmentRow{D: d, DivisionName: names[d.Division], Agreement: d.Agreement.Status(today)})
	}
	v := view{Title: s.text.get("admin.depts.title"), Nav: "departments", Sess: sess, Page: p}
	if r.URL.Query().Get("saved") != "" {
		v.Flash = s.text.get("admin.depts.saved")
	}
	s.render(w, r, http.StatusOK, "admin_departments", v)
	return nil
}

// departmentForm is the department as typed, with the choices the form
// offers.
type departmentForm struct {
	ID                                  int64
	Code, Name, Level, Division, OrgID  string
	Items                               []string
	Channel, ReplyDays, Endpoint        string
	Active                              bool
	AgNumber, AgSigned, AgFrom, AgUntil string
	AgreementStatus                     hedui.AgreementStatus
	Errors                              map[string]string
	Divisions                           []hedui.Division
	Orgs                                []orgOption
	AllItems                            []hedui.Item
	Channels                            []hedui.Channel
}

// HasItem reports whether item it is ticked.
func (f departmentForm) HasItem(it hedui.Item) bool { return slices.Contains(f.Items, string(it)) }

func formDate(d hedui.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func (s *Server) renderDepartmentForm(w http.ResponseWriter, r *http.Request, sess *session, status int, f departmentForm, alert string) error {
	ctx := r.Context()
	_, ds, err := s.divisionNames(ctx)
	if err != nil {
		return err
	}
	f.Divisions = slices.DeleteFunc(ds, func(d hedui.Division) bool { return d.Level != hedui.LevelCity && d.Level != hedui.LevelCounty })
	orgs, err := s.store.Organisations(ctx)
	if err != nil {
		return err
	}
	all, err := s.orgOptions(ctx)
	if err != nil {
		return err
	}
	for i, o := range orgs {
		if o.Kind == hedui.OrgDepartment {
			f.Orgs = append(f.Orgs, all[i])
		}
	}
	f.AllItems, f.Channels = hedui.Items, []hedui.Channel{hedui.ChannelManual, hedui.ChannelBatchFile, hedui.ChannelOnline, hedui.ChannelSimulator}
	title := s.text.get("admin.dept.new")
	if f.ID != 0 {
		title = s.text.get("admin.dept.edit", f.Name)
	}
	s.render(w, r, status, "admin_department", view{Title: title, Nav: "departments", Sess: sess, Page: f, Alert: alert})
	return nil
}

// handleDepartmentNew serves GET /admin/departments/new.
func (s *Server) handleDepartmentNew(w http.ResponseWriter, r *http.Request, sess *session) error {
	f := departmentForm{Level: string(hedui.LevelCounty), Channel: string(hedui.ChannelManual),
		ReplyDays: strconv.Itoa(hedui.DefaultReplyDays), Active: true, AgreementStatus: hedui.AgreementNone}
	return s.renderDepartmentForm(w, r, sess, http.StatusOK, f, "")
}

// handleDepartmentEdit serves GET /admin/departments/{id}: the whole
// department, its agreement included, in one form.
func (s *Server) handleDepartmentEdit(w http.ResponseWriter, r *http.Request, sess *session) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return hedui.Errorf("web.departmentEdit", hedui.KindNotFound, "not_found", "%s", s.text.get("admin.dept.not_found"))
	}
	d, err := s.store.Department(r.Context(), sess.by, id)
	if err != nil {
		return err
	}
	f := departmentForm{ID: d.ID, Code: d.Code, Name: d.Name, Level: string(d.Level), Division: d.Division,
		OrgID: strconv.FormatInt(d.OrgID, 10), Channel: string(d.Channel), ReplyDays: strconv.Itoa(d.ReplyDays),
		Endpoint: d.Endpoint, Active: d.Active, AgNumber: d.Agreement.Number, AgSigned: formDate(d.Agreement.SignedOn),
		AgFrom: formDate(d.Agreement.ValidFrom), AgUntil: formDate(d.Agreement.ValidUntil),
		AgreementStatus: d.Agreement.Status(hedui.Today(s.now()))}
	for _, it := range d.Items {
		f.Items = append(f.Items, string(it))
	}
	return s.renderDepartmentForm(w, r, sess, http.StatusOK, f, "")
}

// handleDepartmentSave serves POST /admin/departments (a new one) and
// POST /admin/departments/{id} (the whole department replaced, as the
// API's PUT). The store checks every field; its messages are shown at
// the field they name.
func (s *Server) handleDepartmentSave(w http.ResponseWriter, r *http.Request, sess *session) error {
	get := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	f := departmentForm{Code: get("code"), Name: get("name"), Level: get("level"), Division: get("division"), OrgID: get("org_id"),
		Items: r.PostForm["items"], Channel: get("channel"), ReplyDays: get("reply_days"), Endpoint: get("endpoint"),
		Active: r.PostFormValue("active") == "1", AgNumber: get("agreement_number"), AgSigned: get("agreement_signed_on"),
		AgFrom: get("agreement_valid_from"), AgUntil: get("agreement_valid_until"), Errors: map[string]string{}}
	if p := r.PathValue("id"); p != "" {
		id, err := strconv.ParseInt(p, 10, 64)
		if err != nil || id <= 0 {
			return hedui.Errorf("web.departmentSave", hedui.KindNotFound, "not_found", "%s", s.text.get("admin.dept.not_found"))
		}
		f.ID = id
	}
	d := hedui.Department{ID: f.ID, Code: f.Code, Name: f.Name, Level: hedui.Level(f.Level), Division: f.Division,
		Channel: hedui.Channel(f.Channel), Endpoint: f.Endpoint, Active: f.Active}
	d.OrgID, _ = strconv.ParseInt(f.OrgID, 10, 64)
	for _, it := range f.Items {
		d.Items = append(d.Items, hedui.Item(it))
	}
	if n, err := strconv.Atoi(f.ReplyDays); err == nil {
		d.ReplyDays = n
	} else {
		f.Errors["reply_days"] = s.text.get("admin.dept.error.reply_days")
	}
	date := func(key, v string, dst *hedui.Date) {
		if v == "" {
			return
		}
		if x, err := hedui.ParseDate(v); err == nil {
			*dst = x
		} else {
			f.Errors[key] = s.text.get("admin.policy.error.date")
		}
	}
	d.Agreement.Number = f.AgNumber
	date("agreement.signed_on", f.AgSigned, &d.Agreement.SignedOn)
	date("agreement.valid_from", f.AgFrom, &d.Agreement.ValidFrom)
	date("agreement.valid_until", f.AgUntil, &d.Agreement.ValidUntil)
	f.AgreementStatus = d.Agreement.Status(hedui.Today(s.now()))
	if len(f.Errors) > 0 {
		return s.renderDepartmentForm(w, r, sess, http.StatusUnprocessableEntity, f, s.text.get("admin.dept.error"))
	}
	var err error
	if f.ID == 0 {
		_, err = s.store.CreateDepartment(r.Context(), sess.by, d)
	} else {
		_, err = s.store.UpdateDepartment(r.Context(), sess.by, d)
	}
	if err != nil {
		if !userFacing(err) {
			return err
		}
		alert := s.text.get("admin.dept.error")
		switch k := fieldOf(err); {
		case k == "division_code":
			f.Errors["division"] = hedui.MessageOf(err)
		case strings.HasPrefix(k, "items"):
			f.Errors["items"] = hedui.MessageOf(err)
		case k != "":
			f.Errors[k] = hedui.MessageOf(err)
		default:
			alert = hedui.MessageOf(err)
		}
		return s.renderDepartmentForm(w, r, sess, http.StatusUnprocessableEntity, f, alert)
	}
	http.Redirect(w, r, "/admin/departments?saved=1", http.StatusSeeOther)
	return nil
}
