package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"hedui"
)

// scheduleRow is one schedule version as the table shows it.
type scheduleRow struct {
	hedui.RecheckSchedule
	RisePct string // the income-rise threshold in percent
}

// scheduleForm is the form of a new version, as typed.
type scheduleForm struct {
	County, Category, ValidFrom string
	Stable, Other               string // months
	RisePct, RiseMin            string // percent, 元 a month
	Note                        string
}

// schedulesPage lists every version of the region's schedules, newest
// first per county and category, and the form of a new one.
type schedulesPage struct {
	Rows       []scheduleRow
	Names      map[string]string
	Counties   []countyChoice
	Categories []hedui.Category
	Form       scheduleForm
	Error      string
}

// handleSchedules serves GET /rechecks/schedules?county=&category=: the
// versions, and the form filled from the version picked by the query (an
// edit link of the table) or with the plan's example values.
func (s *Server) handleSchedules(w http.ResponseWriter, r *http.Request, sess *session) error {
	q := r.URL.Query()
	f := scheduleForm{County: q.Get("county"), Category: q.Get("category"), ValidFrom: hedui.Today(s.now()).String()}
	ex := hedui.ExampleRecheckSchedule("", hedui.CategoryDibao, hedui.Date{})
	f.fill(ex)
	p := schedulesPage{Form: f}
	if err := s.fillSchedules(r, sess, &p); err != nil {
		return err
	}
	for _, row := range p.Rows {
		if row.County == f.County && string(row.Category) == f.Category {
			p.Form.fill(row.RecheckSchedule)
			break
		}
	}
	v := view{Title: s.text.get("recheck.schedules.title"), Nav: "schedules", Sess: sess, Page: p}
	if q.Get("saved") != "" {
		v.Flash = s.text.get("recheck.schedules.saved")
	}
	s.render(w, r, http.StatusOK, "recheck_schedules", v)
	return nil
}

// fill puts a version's numbers into the form (not its county, category
// or day, which the form keeps).
func (f *scheduleForm) fill(x hedui.RecheckSchedule) {
	f.Stable, f.Other = strconv.Itoa(x.StableMonths), strconv.Itoa(x.OtherMonths)
	f.RisePct, f.RiseMin = formatBP(x.IncomeRiseBP*100), formatHundredths(x.IncomeRiseMinFen)
	if f.Note == "" && !x.Example {
		f.Note = x.Note
	}
}

func (s *Server) fillSchedules(r *http.Request, sess *session, p *schedulesPage) error {
	list, err := s.store.RecheckSchedules(r.Context(), sess.by, "")
	if err != nil {
		return err
	}
	if p.Counties, p.Names, err = s.countiesOf(r.Context(), sess.by); err != nil {
		return err
	}
	p.Categories = []hedui.Category{hedui.CategoryDibao, hedui.CategoryTekun}
	for _, x := range list {
		p.Rows = append(p.Rows, scheduleRow{RecheckSchedule: x, RisePct: formatBP(x.IncomeRiseBP * 100)})
	}
	return nil
}

// handleSchedulePut serves POST /rechecks/schedules: a new dated version.
// A version entered here is the county's decision, never an example.
func (s *Server) handleSchedulePut(w http.ResponseWriter, r *http.Request, sess *session) error {
	get := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	f := scheduleForm{County: get("county"), Category: get("category"), ValidFrom: get("valid_from"), Stable: get("stable_months"),
		Other: get("other_months"), RisePct: get("income_rise_pct"), RiseMin: get("income_rise_min"), Note: get("note")}
	p := schedulesPage{Form: f}
	fail := func(msg string) error {
		p.Error = msg
		if err := s.fillSchedules(r, sess, &p); err != nil {
			return err
		}
		s.render(w, r, http.StatusUnprocessableEntity, "recheck_schedules", view{Title: s.text.get("recheck.schedules.title"),
			Nav: "schedules", Sess: sess, Page: p, Alert: msg})
		return nil
	}
	x := hedui.RecheckSchedule{County: f.County, Category: hedui.Category(f.Category), Note: f.Note}
	var err error
	if x.ValidFrom, err = hedui.ParseDate(f.ValidFrom); err != nil {
		return fail(s.text.get("recheck.schedules.error.date"))
	}
	var err1, err2 error
	x.StableMonths, err1 = strconv.Atoi(f.Stable)
	x.OtherMonths, err2 = strconv.Atoi(f.Other)
	if err1 != nil || err2 != nil {
		return fail(s.text.get("recheck.schedules.error.months"))
	}
	bp, ok := parseMultiple(f.RisePct)
	if !ok {
		return fail(s.text.get("recheck.schedules.error.pct"))
	}
	x.IncomeRiseBP = bp / 100
	if x.IncomeRiseMinFen, ok = parseYuan(f.RiseMin); !ok {
		return fail(s.text.get("recheck.schedules.error.yuan"))
	}
	if _, err := s.store.PutRecheckSchedule(r.Context(), sess.by, x); err != nil {
		if k := hedui.KindOf(err); k == hedui.KindInvalid || k == hedui.KindPermission {
			return fail(hedui.MessageOf(err))
		}
		return err
	}
	back := url.Values{"saved": {"1"}, "county": {f.County}, "category": {f.Category}}
	http.Redirect(w, r, "/rechecks/schedules?"+back.Encode(), http.StatusSeeOther)
	return nil
}
