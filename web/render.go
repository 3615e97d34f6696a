package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"hedui"
	"hedui/idcard"
)

//go:embed templates
var templateFS embed.FS

// pageTemplate is one page parsed together with the layout and partials.
type pageTemplate struct {
	t *template.Template
}

// view is what every page template receives. Page holds the page's own
// data; the rest fills the layout.
type view struct {
	Title  string
	Nav    string // the active navigation entry
	Sess   *session
	User   *hedui.User
	CSRF   string
	Navs   []navItem
	Flash  string // a success message
	Alert  string // an error message shown above the content
	Status int
	Page   any
}

// navItem is one entry of the left navigation.
type navItem struct {
	Key   string
	Label string
	Href  string
}

// mustParsePages parses every template under templates/pages with the
// layout and the partials (templates/partials).
func (s *Server) mustParsePages() map[string]*pageTemplate {
	base := template.New("layout.html").Funcs(s.funcs())
	base = template.Must(base.ParseFS(templateFS, "templates/layout.html", "templates/partials/*.html"))
	names, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil || len(names) == 0 {
		panic(fmt.Sprintf("web: no page templates: %v", err))
	}
	out := map[string]*pageTemplate{}
	for _, n := range names {
		t := template.Must(template.Must(base.Clone()).ParseFS(templateFS, n))
		out[strings.TrimSuffix(path.Base(n), ".html")] = &pageTemplate{t: t}
	}
	return out
}

// funcs are the template functions. They format for Chinese readers:
// dates in Beijing time, money in 元 from integer 分.
func (s *Server) funcs() template.FuncMap {
	return template.FuncMap{
		"t":        s.text.get,
		"asset":    func(name string) string { return s.assets.url(name) },
		"date":     formatDate,
		"datetime": formatDateTime,
		"civil":    func(d hedui.Date) string { return d.String() },
		"yuan":     formatYuan,
		"bp":       formatBP,
		"area":     formatArea,
		"maskName": hedui.MaskName,
		"maskID":   idcard.Mask,
		"gender": func(g string) string {
			switch g {
			case "male":
				return s.text.get("gender.male")
			case "female":
				return s.text.get("gender.female")
			}
			return g
		},
		"add":   func(a, b int) int { return a + b },
		"field": fieldKey,
		"errAt": func(m map[string]string, key string) string { return m[key] },
		"dict":  dict,
		// Blank rows for the form's row templates, which the script clones.
		"blankMember": func() memberRow { return blankForm().Members[0] },
		"blankIncome": func() incomeRow { return incomeRow{Member: "1", Category: string(hedui.IncomeWage)} },
		"blankAsset":  func() assetRow { return assetRow{Member: "1", Kind: string(hedui.AssetDeposit)} },
	}
}

// dict builds a map from key-value pairs, to hand several values to a
// partial template.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// fieldKey builds the key of a row's field as the store names it:
// field "members" 2 ".name" → members[2].name.
func fieldKey(list string, i int, name string) string {
	return fmt.Sprintf("%s[%d]%s", list, i, name)
}

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(hedui.CST).Format("2006-01-02")
}

func formatDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(hedui.CST).Format("2006-01-02 15:04")
}

// formatYuan writes fen as yuan with thousands separators: 123456 → 1,234.56.
func formatYuan(f hedui.Fen) string {
	neg := f < 0
	if neg {
		f = -f
	}
	yuan, fen := int64(f)/100, int64(f)%100
	digits := fmt.Sprint(yuan)
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := fmt.Sprintf("%s.%02d", b.String(), fen)
	if neg {
		out = "-" + out
	}
	return out
}

// formatArea writes hundredths of a square metre as m².
func formatArea(a int64) string {
	if a == 0 {
		return ""
	}
	return fmt.Sprintf("%d.%02d", a/100, a%100)
}

// render writes a page. The template runs into a buffer first, so that a
// template error becomes a clean 500 and not half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, v view) {
	pt, ok := s.pages[name]
	if !ok {
		panic("web: no page template " + name)
	}
	s.fillLayout(&v)
	var buf bytes.Buffer
	if err := pt.t.Execute(&buf, v); err != nil {
		s.logInternal(r, fmt.Errorf("template %s: %w", name, err))
		if name != "error" {
			s.renderError(w, r, v.Sess, http.StatusInternalServerError, s.text.get("error.internal"))
			return
		}
		http.Error(w, s.text.get("error.internal"), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// fillLayout completes the layout's part of a view from the session.
func (s *Server) fillLayout(v *view) {
	if v.Sess == nil {
		return
	}
	v.User = &v.Sess.user
	v.CSRF = v.Sess.csrf
	v.Navs = s.navFor(v.Sess.by.Role)
	if v.Sess.by.Role == hedui.RoleVerifier && v.Sess.by.Level == hedui.LevelCity {
		v.Navs = append(v.Navs, navItem{Key: "city", Label: s.text.get("city.nav"), Href: "/city"})
	}
}

// navFor lists the left navigation of a role. Roles whose pages are still
// to come see only the home page.
func (s *Server) navFor(role hedui.Role) []navItem {
	items := []navItem{{Key: "home", Label: s.text.get("nav.home"), Href: "/"}}
	switch role {
	case hedui.RoleClerk:
		items = append(items,
			navItem{Key: "applications", Label: s.text.get("nav.applications"), Href: "/applications"},
			navItem{Key: "new", Label: s.text.get("nav.new_application"), Href: "/applications/new"})
	case hedui.RoleVerifier:
		items = append(items,
			navItem{Key: "applications", Label: s.text.get("nav.applications"), Href: "/applications"},
			navItem{Key: "rolls", Label: s.text.get("roll.nav"), Href: "/rolls"},
			navItem{Key: "rounds", Label: s.text.get("recheck.nav.rounds"), Href: "/rechecks/rounds"},
			navItem{Key: "warnings", Label: s.text.get("recheck.nav.warnings"), Href: "/rechecks/warnings"},
			navItem{Key: "schedules", Label: s.text.get("recheck.nav.schedules"), Href: "/rechecks/schedules"})
	case hedui.RoleLiaison:
		items = append(items,
			navItem{Key: "liaison", Label: s.text.get("liaison.nav.queries"), Href: "/liaison/queries"})
	case hedui.RoleAdmin:
		items = append(items,
			navItem{Key: "users", Label: s.text.get("admin.nav.users"), Href: "/admin/users"},
			navItem{Key: "organisations", Label: s.text.get("admin.nav.orgs"), Href: "/admin/organisations"},
			navItem{Key: "departments", Label: s.text.get("admin.nav.depts"), Href: "/admin/departments"},
			navItem{Key: "policies", Label: s.text.get("admin.nav.policies"), Href: "/admin/policies"},
			navItem{Key: "holidays", Label: s.text.get("admin.nav.holidays"), Href: "/admin/holidays"})
	case hedui.RoleAuditor:
		items = append(items,
			navItem{Key: "audit", Label: s.text.get("auditor.nav.log"), Href: "/audit"})
	case hedui.RoleAgency:
		items = append(items,
			navItem{Key: "agency-inbox", Label: s.text.get("agency.nav.inbox"), Href: "/agency/inbox"},
			navItem{Key: "agency-exits", Label: s.text.get("agency.nav.exits"), Href: "/agency/exits"})
	}
	if role == hedui.RoleVerifier || role == hedui.RoleAdmin || role == hedui.RoleAuditor {
		items = append(items, navItem{Key: "dashboard", Label: s.text.get("nav.dashboard"), Href: "/dashboard"})
	}
	return items
}

// renderError writes the error page with a message.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, sess *session, status int, msg string) {
	s.render(w, r, status, "error", view{Title: s.text.get(fmt.Sprintf("error.title.%d", status)), Sess: sess, Status: status, Page: msg})
}
