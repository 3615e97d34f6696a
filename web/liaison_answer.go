package web

import (
	"net/http"
	"slices"
	"strings"

	"hedui"
)

// answerForm is the answer form's values, shown back when they are
// refused. One answer is one subject and one item with any number of
// records (three vehicles, two properties): a button adds a blank record
// row on the server, and blank rows are ignored.
type answerForm struct {
	Subject, Item, AsOf string
	NoRecord            bool
	Records             []recordRow
}

// recordRow is one record as typed. Fields holds the department's own
// columns as "名称=值；名称=值", as the evidence the policy's vehicle
// exemptions read (e.g. 车辆类型=残疾人专用车).
type recordRow struct {
	Kind, Amount, Area, From, To, Description, Fields string
}

func (r recordRow) blank() bool { return r == recordRow{} }

// newAnswerForm is an empty form with one record row.
func newAnswerForm(today hedui.Date) answerForm {
	return answerForm{AsOf: today.String(), Records: []recordRow{{}}}
}

// KindsFor lists the record kinds the query's items answer with, for the
// kind field's suggestions.
func (liaisonQueryPage) KindsFor(items []hedui.Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, hedui.RecordKinds[it]...)
	}
	return out
}

// readAnswerForm reads the posted form.
func readAnswerForm(r *http.Request) answerForm {
	get := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	f := answerForm{Subject: r.PostFormValue("subject"), Item: r.PostFormValue("item"), AsOf: get("as_of"),
		NoRecord: r.PostFormValue("no_record") == "1"}
	kind := r.PostForm["rec_kind"]
	for i := range kind {
		cell := func(k string) string { return strings.TrimSpace(at(r.PostForm[k], i)) }
		f.Records = append(f.Records, recordRow{Kind: strings.TrimSpace(kind[i]), Amount: cell("rec_amount"), Area: cell("rec_area"),
			From: cell("rec_from"), To: cell("rec_to"), Description: cell("rec_description"), Fields: cell("rec_fields")})
	}
	return f
}

// parseFields reads "名称=值；名称=值" (full- or half-width separators).
func parseFields(s string) (map[string]string, bool) {
	if s == "" {
		return nil, true
	}
	out := map[string]string{}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '；' }) {
		name, value, ok := strings.Cut(strings.ReplaceAll(part, "＝", "="), "=")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		if !ok || name == "" {
			return nil, false
		}
		out[name] = value
	}
	return out, true
}

// record turns a row into a record, noting each problem under its row.
func (s *Server) record(row recordRow, i int, errs map[string]string) hedui.Record {
	rec := hedui.Record{Kind: row.Kind, Description: row.Description}
	key := func(name string) string { return fieldKey("records", i, "."+name) }
	if row.Amount != "" {
		if fen, ok := parseYuan(row.Amount); ok {
			rec.AmountFen = fen
		} else {
			errs[key("amount")] = s.text.get("liaison.error.amount")
		}
	}
	if row.Area != "" {
		if a, ok := parseYuan(row.Area); ok {
			rec.AreaM2x100 = int64(a)
		} else {
			errs[key("area")] = s.text.get("liaison.error.area")
		}
	}
	for _, d := range []struct {
		name, v string
		dst     *hedui.Date
	}{{"from", row.From, &rec.PeriodFrom}, {"to", row.To, &rec.PeriodTo}} {
		if d.v == "" {
			continue
		}
		if x, err := hedui.ParseDate(d.v); err == nil {
			*d.dst = x
		} else {
			errs[key(d.name)] = s.text.get("liaison.error.as_of")
		}
	}
	if fields, ok := parseFields(row.Fields); ok {
		rec.Fields = fields
	} else {
		errs[key("fields")] = s.text.get("liaison.error.fields")
	}
	if rec.Kind == "" {
		errs[key("kind")] = s.text.get("liaison.error.kind")
	}
	return rec
}

// handleLiaisonAnswer serves POST /liaison/queries/{queryID}/answers: one
// answer for one subject and item, either 查无记录 or the records typed.
// action=add_row shows the form again with one more record row.
func (s *Server) handleLiaisonAnswer(w http.ResponseWriter, r *http.Request, sess *session) error {
	q, _, err := s.liaisonQuery(r, sess)
	if err != nil {
		return err
	}
	today := hedui.Today(s.now())
	f := readAnswerForm(r)
	title := s.text.get("liaison.query.title", q.ID)
	p := liaisonQueryPage{Q: q, Overdue: q.Overdue(today), Form: f}
	if r.PostFormValue("action") == "add_row" {
		p.Form.Records = append(p.Form.Records, recordRow{})
		s.render(w, r, http.StatusOK, "liaison_query", view{Title: title, Nav: "liaison", Sess: sess, Page: p})
		return nil
	}
	errs := map[string]string{}
	k := slices.IndexFunc(q.Subjects, func(x hedui.Subject) bool { return x.Ref == f.Subject })
	if k < 0 {
		errs["subject"] = s.text.get("liaison.error.subject")
	}
	if !slices.Contains(q.Items, hedui.Item(f.Item)) {
		errs["item"] = s.text.get("liaison.error.item")
	}
	asOf := today
	if f.AsOf != "" {
		d, err := hedui.ParseDate(f.AsOf)
		switch {
		case err != nil:
			errs["as_of"] = s.text.get("liaison.error.as_of")
		case d.After(today.Time):
			errs["as_of"] = s.text.get("liaison.error.as_of_future")
		default:
			asOf = d
		}
	}
	a := hedui.Answer{QueryID: q.ID, SubjectRef: f.Subject, DepartmentID: q.DepartmentID, Item: hedui.Item(f.Item),
		NoRecord: f.NoRecord, AsOf: asOf, Channel: hedui.ChannelManual, Source: "portal", ReceivedAt: s.now()}
	if k >= 0 {
		a.MemberID = q.Subjects[k].MemberID
	}
	for i, row := range f.Records {
		if !row.blank() {
			a.Records = append(a.Records, s.record(row, i, errs))
		}
	}
	switch {
	case f.NoRecord && len(a.Records) > 0:
		errs["records"] = s.text.get("liaison.error.no_record_with_records")
	case !f.NoRecord && len(a.Records) == 0:
		errs["records"] = s.text.get("liaison.error.no_content")
	}
	p.Errors = errs
	if len(errs) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "liaison_query", view{Title: title, Nav: "liaison", Sess: sess, Page: p,
			Alert: s.text.get("liaison.error.form")})
		return nil
	}
	rep, err := s.store.RecordAnswers(r.Context(), sess.by, q.DepartmentID, []hedui.Answer{a})
	if err != nil {
		return err
	}
	// Read the query again: its status may have moved to answered.
	if q2, err := s.store.Query(r.Context(), sess.by, q.ID); err == nil {
		p.Q, p.Overdue = q2, q2.Overdue(today)
	}
	p.Result = &rep
	p.Form = newAnswerForm(today)
	v := view{Title: title, Nav: "liaison", Sess: sess, Page: p}
	switch {
	case len(rep.Problems) > 0:
		v.Alert = rep.Problems[0].Message
	case rep.Recorded > 0:
		v.Flash = s.text.get("liaison.flash.recorded_n", len(a.Records))
		if a.NoRecord {
			v.Flash = s.text.get("liaison.flash.recorded")
		}
	default:
		v.Flash = s.text.get("liaison.flash.duplicate")
	}
	s.render(w, r, http.StatusOK, "liaison_query", v)
	return nil
}
