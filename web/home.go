package web

import (
	"net/http"
	"net/url"

	"hedui"
)

// homePage is a role's landing page: a few short lists with their totals.
type homePage struct {
	Role     hedui.Role
	Scope    string // the region the user works in
	Sections []homeSection
	Pending  bool // the role's pages are still to come
}

// homeSection is one list of the landing page.
type homeSection struct {
	Title string
	Empty string
	Total int
	More  string // the full list
	Rows  []summaryRow
}

const homeRows = 10

// roleHome is the main page of the roles that have one.
var roleHome = map[hedui.Role]string{
	hedui.RoleAgency:  "/agency/inbox",
	hedui.RoleLiaison: "/liaison/queries",
	hedui.RoleAdmin:   "/admin/policies",
	hedui.RoleAuditor: "/audit",
}

// handleHome serves GET /: a clerk sees what waits for him in his
// township (drafts, returned cases) and what he has sent on; a verifier
// his work queue; agencies, liaisons, admins and auditors go to their
// main page.
func (s *Server) handleHome(w http.ResponseWriter, r *http.Request, sess *session) error {
	ctx := r.Context()
	p := homePage{Role: sess.by.Role}
	type list struct {
		title, empty string
		status       []hedui.Status
	}
	var lists []list
	switch sess.by.Role {
	case hedui.RoleClerk:
		lists = []list{
			{"home.clerk.todo", "home.clerk.todo_empty", []hedui.Status{hedui.StatusDraft, hedui.StatusReturned}},
			{"home.clerk.sent", "home.clerk.sent_empty", []hedui.Status{hedui.StatusSubmitted, hedui.StatusAccepted, hedui.StatusVerifying, hedui.StatusVerified}},
		}
	case hedui.RoleVerifier:
		if sess.by.Level == hedui.LevelCity {
			// The city centre works from the counties' overview.
			http.Redirect(w, r, "/city", http.StatusSeeOther)
			return nil
		}
		lists = []list{
			{"home.verifier.review", "home.verifier.review_empty", []hedui.Status{hedui.StatusSubmitted}},
			{"home.verifier.dispatch", "home.verifier.dispatch_empty", []hedui.Status{hedui.StatusAccepted}},
			{"home.verifier.verifying", "home.verifier.verifying_empty", []hedui.Status{hedui.StatusVerifying}},
			{"verify.home.conclude", "verify.home.conclude_empty", []hedui.Status{hedui.StatusVerified, hedui.StatusConcluded, hedui.StatusDecided}},
		}
	case hedui.RoleAgency, hedui.RoleLiaison, hedui.RoleAdmin, hedui.RoleAuditor:
		// These roles have one main page: their work starts there.
		http.Redirect(w, r, roleHome[sess.by.Role], http.StatusSeeOther)
		return nil
	default:
		p.Pending = true
	}
	if len(lists) > 0 {
		names, _, err := s.divisionNames(ctx)
		if err != nil {
			return err
		}
		p.Scope = names[sess.by.Division]
		for _, l := range lists {
			page, err := s.store.Applications(ctx, sess.by, hedui.Filter{Status: l.status, Limit: homeRows})
			if err != nil {
				return err
			}
			q := url.Values{}
			for _, st := range l.status {
				q.Add("status", string(st))
			}
			p.Sections = append(p.Sections, homeSection{
				Title: s.text.get(l.title), Empty: s.text.get(l.empty), Total: page.Total,
				More: "/applications?" + q.Encode(), Rows: summaryRows(page.Items, names),
			})
		}
	}
	s.render(w, r, http.StatusOK, "home", view{Title: s.text.get("home.title"), Nav: "home", Sess: sess, Page: p})
	return nil
}
