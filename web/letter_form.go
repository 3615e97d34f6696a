package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"hedui"
	"hedui/idcard"
)

// letterPage is the form registering an authorisation letter (授权书):
// every current member signs, a minor through a guardian.
type letterPage struct {
	App        *hedui.Application
	Form       string // paper or electronic
	Number     string
	SignedOn   string
	ValidUntil string
	Signers    []signerRow
	Errors     map[string]string
	MaxUpload  string
	Methods    []hedui.SignMethod
}

type signerRow struct {
	MemberID      int64
	Name          string
	IDNumber      string
	Minor         bool
	Method        string
	AgentName     string
	AgentIDNumber string
	AgentRelation string
}

func (s *Server) blankLetter(app *hedui.Application) letterPage {
	p := letterPage{App: app, Form: string(hedui.LetterPaper), SignedOn: s.today().String(), Errors: map[string]string{}}
	now := s.civilNow()
	for _, m := range app.Members {
		minor := idcard.Age(idcard.Number{Birth: m.BirthDate.Time}, now) < hedui.GuardianAge
		p.Signers = append(p.Signers, signerRow{MemberID: m.ID, Name: m.Name, IDNumber: m.IDNumber, Minor: minor, Method: string(hedui.SignSignature)})
	}
	return p
}

// parseLetter reads the posted letter form over the application's members
// (the rows are the members; the form only adds how each signed).
func (s *Server) parseLetter(r *http.Request, app *hedui.Application) (letterPage, hedui.NewLetter) {
	p := s.blankLetter(app)
	pf := r.PostForm
	p.Form, p.Number = pf.Get("form"), strings.TrimSpace(pf.Get("number"))
	p.SignedOn, p.ValidUntil = strings.TrimSpace(pf.Get("signed_on")), strings.TrimSpace(pf.Get("valid_until"))
	in := hedui.NewLetter{Number: p.Number, Form: hedui.LetterForm(p.Form)}
	var err error
	if p.SignedOn != "" {
		if in.SignedOn, err = hedui.ParseDate(p.SignedOn); err != nil {
			p.Errors["signed_on"] = s.text.get("form.error.date")
		}
	}
	if p.ValidUntil != "" {
		if in.ValidUntil, err = hedui.ParseDate(p.ValidUntil); err != nil {
			p.Errors["valid_until"] = s.text.get("form.error.date")
		}
	}
	byMember := map[int64]int{}
	for i, row := range p.Signers {
		byMember[row.MemberID] = i
	}
	ids := pf["s_member"]
	col := func(name string, i int) string {
		if v := pf[name]; i < len(v) {
			return strings.TrimSpace(v[i])
		}
		return ""
	}
	for i, v := range ids {
		id, _ := strconv.ParseInt(v, 10, 64)
		j, ok := byMember[id]
		if !ok {
			continue
		}
		row := &p.Signers[j]
		row.Method, row.AgentName = col("s_method", i), col("s_agent_name", i)
		row.AgentIDNumber, row.AgentRelation = col("s_agent_id", i), col("s_agent_rel", i)
	}
	for _, row := range p.Signers {
		in.Signers = append(in.Signers, hedui.Signer{IDNumber: row.IDNumber, Method: hedui.SignMethod(row.Method),
			AgentName: row.AgentName, AgentIDNumber: row.AgentIDNumber, AgentRelation: row.AgentRelation})
	}
	return p, in
}

// addError marks the field a store error names, or the form's top.
func (p *letterPage) addError(err error) {
	key := ""
	var e *hedui.Error
	if errors.As(err, &e) {
		key = e.Field
	}
	switch {
	case key == "form" || key == "signed_on" || key == "valid_until" || key == "number" || key == "scan":
	case strings.HasPrefix(key, "signers["):
		var i int
		var rest string
		if n, _ := fmt.Sscanf(strings.TrimPrefix(key, "signers["), "%d]%s", &i, &rest); n >= 1 && i < len(p.Signers) {
			switch rest {
			case ".agent_name", ".agent_id_number", ".method":
				key = fmt.Sprintf("signers[%d]%s", i, rest)
			default:
				key = fmt.Sprintf("signers[%d]", i)
			}
		} else {
			key = ""
		}
	default:
		key = ""
	}
	if _, dup := p.Errors[key]; !dup {
		p.Errors[key] = hedui.MessageOf(err)
	}
}

func (s *Server) renderLetter(w http.ResponseWriter, r *http.Request, sess *session, status int, p letterPage) {
	p.MaxUpload = hedui.SizeLabel(s.maxUpload)
	p.Methods = []hedui.SignMethod{hedui.SignSignature, hedui.SignFingerprint, hedui.SignElectronic}
	alert := ""
	if len(p.Errors) > 0 {
		alert = s.text.get("form.error.summary", len(p.Errors))
		if top, ok := p.Errors[""]; ok {
			alert += " " + top
		}
	}
	s.render(w, r, status, "letter_new", view{
		Title: s.text.get("letter.title", p.App.Number), Nav: "applications", Sess: sess, Alert: alert, Page: p,
	})
}
