package web

import (
	"net/http"
	"strings"

	"hedui"
)

// orgsPage lists the organisations with the form for a new one.
type orgsPage struct {
	Rows      []orgRow
	Kinds     []hedui.OrgKind
	Divisions []hedui.Division
	Form      orgForm
	Errors    map[string]string
}

type orgRow struct {
	O            hedui.Organisation
	DivisionName string
}

type orgForm struct{ Name, Kind, Division string }

func (s *Server) renderOrgs(w http.ResponseWriter, r *http.Request, sess *session, status int, p orgsPage, v view) error {
	orgs, err := s.store.Organisations(r.Context())
	if err != nil {
		return err
	}
	names, ds, err := s.divisionNames(r.Context())
	if err != nil {
		return err
	}
	for _, o := range orgs {
		p.Rows = append(p.Rows, orgRow{O: o, DivisionName: names[o.Division]})
	}
	p.Kinds, p.Divisions = hedui.OrgKinds, ds
	v.Title, v.Nav, v.Sess, v.Page = s.text.get("admin.orgs.title"), "organisations", sess, p
	s.render(w, r, status, "admin_orgs", v)
	return nil
}

// handleOrganisations serves GET /admin/organisations.
func (s *Server) handleOrganisations(w http.ResponseWriter, r *http.Request, sess *session) error {
	var v view
	if r.URL.Query().Get("created") != "" {
		v.Flash = s.text.get("admin.orgs.created")
	}
	return s.renderOrgs(w, r, sess, http.StatusOK, orgsPage{Form: orgForm{Kind: string(hedui.OrgTownship)}}, v)
}

// handleOrganisationCreate serves POST /admin/organisations. Its level
// is its division's: a township office sits at a township, and its
// clerks see that township's cases.
func (s *Server) handleOrganisationCreate(w http.ResponseWriter, r *http.Request, sess *session) error {
	f := orgForm{Name: strings.TrimSpace(r.PostFormValue("name")), Kind: r.PostFormValue("kind"), Division: r.PostFormValue("division")}
	_, err := s.store.CreateOrganisation(r.Context(), sess.by, hedui.Organisation{Name: f.Name, Kind: hedui.OrgKind(f.Kind), Division: f.Division})
	if err != nil {
		if !userFacing(err) {
			return err
		}
		p := orgsPage{Form: f, Errors: map[string]string{}}
		v := view{Alert: s.text.get("admin.orgs.error")}
		switch k := fieldOf(err); k {
		case "name", "kind":
			p.Errors[k] = hedui.MessageOf(err)
		case "division_code":
			p.Errors["division"] = hedui.MessageOf(err)
		default:
			v.Alert = hedui.MessageOf(err)
		}
		return s.renderOrgs(w, r, sess, http.StatusUnprocessableEntity, p, v)
	}
	http.Redirect(w, r, "/admin/organisations?created=1", http.StatusSeeOther)
	return nil
}
