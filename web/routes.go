package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"

	"hedui"
	"hedui/idcard"
)

// handler serves one page for a signed-in caller (sess is nil on public
// routes). A returned error becomes an error page, so handlers render
// only their own pages, and forms their own validation errors.
type handler func(w http.ResponseWriter, r *http.Request, sess *session) error

// route is one row of the route table. A nil roles list admits every
// signed-in role.
type route struct {
	method  string
	pattern string
	purpose string // the audit purpose of the store calls it makes
	public  bool
	upload  bool // the body is a multipart form with a file
	roles   []hedui.Role
	h       handler
}

// routes is the route table.
func (s *Server) routes() []route {
	const app = "/applications/{id}"
	// Role groups, as in the API: case data is for clerks and verifiers only.
	caseRoles := []hedui.Role{hedui.RoleClerk, hedui.RoleVerifier}
	clerkOnly := []hedui.Role{hedui.RoleClerk}
	return append([]route{
		{method: "GET", pattern: "/login", public: true, h: s.handleLoginShow},
		{method: "POST", pattern: "/login", public: true, h: s.handleLoginSubmit},
		{method: "POST", pattern: "/logout", purpose: "退出登录", h: s.handleLogout},
		{method: "GET", pattern: "/{$}", purpose: "工作台", h: s.handleHome},
		{method: "GET", pattern: "/applications", purpose: "受理审核", roles: caseRoles, h: s.handleApplicationList},
		{method: "POST", pattern: "/applications/search", purpose: "受理审核", roles: caseRoles, h: s.handleApplicationSearch},
		{method: "GET", pattern: "/applications/new", purpose: "受理登记", roles: clerkOnly, h: s.handleApplicationNew},
		{method: "POST", pattern: "/applications", purpose: "受理登记", roles: clerkOnly, h: s.handleApplicationCreate},
		{method: "GET", pattern: app, purpose: "受理审核", roles: caseRoles, h: s.handleApplicationShow},
		{method: "POST", pattern: app + "/transitions", purpose: "受理审核", roles: caseRoles, h: s.handleApplicationTransition},
		{method: "GET", pattern: app + "/letters/new", purpose: "登记授权书", roles: clerkOnly, h: s.handleLetterNew},
		{method: "POST", pattern: app + "/letters", purpose: "登记授权书", roles: clerkOnly, upload: true, h: s.handleLetterCreate},
		{method: "POST", pattern: app + "/letters/{letterID}/scan", purpose: "上传授权书扫描件", roles: clerkOnly, upload: true, h: s.handleLetterScanUpload},
		{method: "GET", pattern: app + "/letters/{letterID}/scan", purpose: "查看授权书扫描件", roles: caseRoles, h: s.handleLetterScanDownload},
		{method: "GET", pattern: app + "/letters/{letterID}/preview", purpose: "查看授权书扫描件", roles: caseRoles, h: s.handleLetterScanPreview},
	}, slices.Concat(s.reportRoutes(), s.liaisonRoutes(), s.adminRoutes(), s.auditorRoutes(), s.dashboardRoutes(), s.cityRoutes(), s.jobRoutes(), s.draftRoutes(), s.recheckRoutes(), s.rollRoutes())...)
}

// mux registers the table, the static files and a Chinese 404 for
// everything else.
func (s *Server) mux() *http.ServeMux {
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		mux.Handle(rt.method+" "+rt.pattern, s.wrap(rt))
	}
	mux.Handle("GET /static/{name}", http.HandlerFunc(s.handleStatic))
	mux.Handle("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess, _ := s.currentSession(r, "")
		s.renderError(w, r, sess, http.StatusNotFound, s.text.get("error.page_not_found"))
	}))
	return mux
}

// formLimit bounds a form without a file.
const formLimit = 1 << 20

// wrap turns a table row into a handler: the session and the role check,
// the body limit and the CSRF check for POSTs, and the error page.
func (s *Server) wrap(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var sess *session
		if !rt.public {
			var err error
			if sess, err = s.currentSession(r, rt.purpose); err != nil {
				if err == errIdle {
					s.toLoginWith(w, r, "idle")
					return
				}
				s.fail(w, r, nil, err)
				return
			}
			if sess == nil {
				s.toLogin(w, r)
				return
			}
			if rt.roles != nil && !slices.Contains(rt.roles, sess.by.Role) {
				s.renderError(w, r, sess, http.StatusForbidden, s.text.get("error.role", sess.by.Role.Label()))
				return
			}
		}
		if r.Method == http.MethodPost {
			if ok := s.readForm(w, r, sess, rt.upload); !ok {
				return
			}
		}
		if err := rt.h(w, r, sess); err != nil {
			s.fail(w, r, sess, err)
		}
	})
}

// readForm limits and parses the body and checks the CSRF token; it
// writes the error page and returns false when the request must stop.
func (s *Server) readForm(w http.ResponseWriter, r *http.Request, sess *session, upload bool) bool {
	limit := int64(formLimit)
	if upload {
		limit += s.maxUpload
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	var err error
	if upload {
		err = r.ParseMultipartForm(1 << 20)
	} else {
		err = r.ParseForm()
	}
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.renderError(w, r, sess, http.StatusRequestEntityTooLarge, s.text.get("error.too_large", hedui.SizeLabel(s.maxUpload)))
			return false
		}
		s.renderError(w, r, sess, http.StatusBadRequest, s.text.get("error.bad_form"))
		return false
	}
	kind, secret := "session", ""
	if sess != nil {
		secret = sess.token
	} else {
		kind, secret = "pre", preSessionValue(r)
	}
	if !s.csrfValid(kind, secret, r.PostFormValue(csrfField)) {
		s.log.Warn("csrf token rejected", "path", idcard.MaskIn(r.URL.Path), "client", clientAddr(r))
		s.renderError(w, r, sess, http.StatusForbidden, s.text.get("error.csrf"))
		return false
	}
	return true
}

// toLogin sends a caller without a session to the login page, with the
// page he wanted so that he returns to it.
func (s *Server) toLogin(w http.ResponseWriter, r *http.Request) { s.toLoginWith(w, r, "expired") }

// toLoginWith is toLogin with the notice (see loginNotice) shown when the
// browser still held a session cookie.
func (s *Server) toLoginWith(w http.ResponseWriter, r *http.Request, msg string) {
	target := "/login"
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		s.clearCookie(w, sessionCookie)
		target += "?msg=" + msg
		if r.Method == http.MethodGet {
			target += "&next=" + url.QueryEscape(r.URL.RequestURI())
		}
	} else if r.Method == http.MethodGet && r.URL.Path != "/" {
		target += "?next=" + url.QueryEscape(r.URL.RequestURI())
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// fail renders the error page for err. The messages of the store's error
// kinds are written for users; internal errors are logged and shown with
// the generic message.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, sess *session, err error) {
	switch hedui.KindOf(err) {
	case hedui.KindUnauthenticated:
		s.toLogin(w, r)
	case hedui.KindNotFound:
		s.renderError(w, r, sess, http.StatusNotFound, hedui.MessageOf(err))
	case hedui.KindPermission:
		s.renderError(w, r, sess, http.StatusForbidden, hedui.MessageOf(err))
	case hedui.KindInvalid, hedui.KindMalformed:
		s.renderError(w, r, sess, http.StatusUnprocessableEntity, hedui.MessageOf(err))
	case hedui.KindConflict:
		s.renderError(w, r, sess, http.StatusConflict, hedui.MessageOf(err))
	case hedui.KindTooLarge:
		s.renderError(w, r, sess, http.StatusRequestEntityTooLarge, hedui.MessageOf(err))
	case hedui.KindTransient:
		s.logInternal(r, err)
		s.renderError(w, r, sess, http.StatusServiceUnavailable, hedui.DefaultMessage(hedui.KindTransient))
	default:
		s.logInternal(r, err)
		s.renderError(w, r, sess, http.StatusInternalServerError, s.text.get("error.internal"))
	}
}
