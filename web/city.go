package web

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"hedui"
	"hedui/exchange"
)

// cityRoutes are the city centre's pages (#6.1): oversight of every
// county, the quarterly batches, escalation on demand, and the city-level
// dispatch of a batch, which runs in the background with its progress
// (progress.go). The store scopes each call to the city verifier's city;
// the pages refuse other verifiers with a message of their own.
func (s *Server) cityRoutes() []route {
	verifiers := []hedui.Role{hedui.RoleVerifier}
	const batch = "/city/batches/{id}"
	return []route{
		{method: "GET", pattern: "/city", purpose: "市级核对", roles: verifiers, h: s.cityOnly(s.handleCity)},
		{method: "POST", pattern: "/city/escalations", purpose: "市级协查报送", roles: verifiers, h: s.cityOnly(s.handleCityEscalate)},
		{method: "GET", pattern: batch, purpose: "市级协查", roles: verifiers, h: s.cityOnly(s.handleCityBatch)},
		{method: "POST", pattern: batch + "/dispatch", purpose: "市级协查", roles: verifiers, h: s.cityOnly(s.handleCityBatchDispatch)},
	}
}

// cityOnly admits the verifiers of a city centre.
func (s *Server) cityOnly(h handler) handler {
	return func(w http.ResponseWriter, r *http.Request, sess *session) error {
		if sess.by.Level != hedui.LevelCity {
			s.renderError(w, r, sess, http.StatusForbidden, s.text.get("city.error.city_only"))
			return nil
		}
		return h(w, r, sess)
	}
}

// cityStatuses are the columns of the oversight table, the statuses a
// case passes through once a county holds it.
var cityStatuses = []hedui.Status{hedui.StatusSubmitted, hedui.StatusAccepted, hedui.StatusVerifying, hedui.StatusVerified,
	hedui.StatusConcluded, hedui.StatusDecided, hedui.StatusReported, hedui.StatusClosed}

// cityPage is the city centre's overview.
type cityPage struct {
	City       string
	Quarter    hedui.Quarter
	FirstMonth bool
	Statuses   []hedui.Status
	Totals     []statusCount // city-wide, every status with cases
	Sum        hedui.CountyOversight
	Counties   []countyRow
	Batches    []batchRow
}

type statusCount struct {
	Status hedui.Status
	N      int
}

type countyRow struct {
	hedui.CountyOversight
	Cells   []int // per cityStatuses
	AvgDays string
}

type batchRow struct {
	hedui.Batch
	CountyName string
}

// handleCity serves GET /city: every county's cases by status, overdue
// department queries, flagged and escalated cases and days to conclusion
// (one store aggregate), the city's totals, and the quarterly batches.
func (s *Server) handleCity(w http.ResponseWriter, r *http.Request, sess *session) error {
	ctx := r.Context()
	today := s.today()
	rows, err := s.store.CountyOversight(ctx, sess.by, today)
	if err != nil {
		return err
	}
	names, _, err := s.divisionNames(ctx)
	if err != nil {
		return err
	}
	batches, err := s.cityBatches(ctx, sess, names)
	if err != nil {
		return err
	}
	p := cityPage{City: names[sess.by.Division], Quarter: hedui.QuarterOf(today), FirstMonth: hedui.FirstMonth(today),
		Statuses: cityStatuses, Batches: batches, Sum: hedui.CountyOversight{ByStatus: map[hedui.Status]int{}}}
	days := 0.0
	for _, c := range rows {
		row := countyRow{CountyOversight: c, AvgDays: formatDays(c.AvgDaysToConclusion, c.Concluded)}
		for _, st := range cityStatuses {
			row.Cells = append(row.Cells, c.ByStatus[st])
		}
		p.Counties = append(p.Counties, row)
		for st, n := range c.ByStatus {
			p.Sum.ByStatus[st] += n
		}
		p.Sum.Total += c.Total
		p.Sum.OverdueQueries += c.OverdueQueries
		p.Sum.OverdueCases += c.OverdueCases
		p.Sum.Flagged += c.Flagged
		p.Sum.Escalated += c.Escalated
		p.Sum.Concluded += c.Concluded
		days += c.AvgDaysToConclusion * float64(c.Concluded)
	}
	if p.Sum.Concluded > 0 {
		p.Sum.AvgDaysToConclusion = days / float64(p.Sum.Concluded)
	}
	for _, st := range hedui.Statuses {
		if n := p.Sum.ByStatus[st]; n > 0 {
			p.Totals = append(p.Totals, statusCount{st, n})
		}
	}
	s.render(w, r, http.StatusOK, "city", view{Title: s.text.get("city.title"), Nav: "city", Sess: sess,
		Flash: s.cityFlash(r), Page: p})
	return nil
}

// cityFlash is the message a redirect back to the page asks for.
func (s *Server) cityFlash(r *http.Request) string {
	if r.URL.Query().Get("msg") == "escalated" {
		return s.text.get("city.flash.escalated")
	}
	return ""
}

// formatDays writes a mean number of days with one decimal, or a dash
// when nothing was concluded.
func formatDays(d float64, n int) string {
	if n == 0 {
		return "—"
	}
	return strconv.FormatFloat(d, 'f', 1, 64)
}

// cityBatches lists the batches of the city, newest quarter first.
func (s *Server) cityBatches(ctx context.Context, sess *session, names map[string]string) ([]batchRow, error) {
	bs, err := s.store.Batches(ctx, sess.by)
	if err != nil {
		return nil, err
	}
	out := make([]batchRow, len(bs))
	for i, b := range bs {
		out[i] = batchRow{Batch: b, CountyName: names[b.County]}
	}
	return out, nil
}

// handleCityEscalate serves POST /city/escalations: the city centre pulls
// a county's flagged cases into the quarter's batch on demand, and goes to
// the batch.
func (s *Server) handleCityEscalate(w http.ResponseWriter, r *http.Request, sess *session) error {
	county := r.PostFormValue("county")
	b, err := s.store.Escalate(r.Context(), sess.by, county, hedui.QuarterOf(s.today()))
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/city/batches/%d?msg=escalated", b.ID), http.StatusSeeOther)
	return nil
}

// batchPage is one quarterly batch with its cases.
type batchPage struct {
	Batch    batchRow
	Rows     []batchCase
	Statuses []statusCount
}

type batchCase struct {
	summaryRow
	County string
}

// pathBatch returns the batch the address names if it is in the caller's
// view.
func (s *Server) pathBatch(r *http.Request, sess *session) (hedui.Batch, error) {
	id, err := s.pathID(r, "id")
	if err != nil {
		return hedui.Batch{}, err
	}
	bs, err := s.store.Batches(r.Context(), sess.by)
	if err != nil {
		return hedui.Batch{}, err
	}
	i := slices.IndexFunc(bs, func(b hedui.Batch) bool { return b.ID == id })
	if i < 0 {
		return hedui.Batch{}, hedui.Errorf("web.pathBatch", hedui.KindNotFound, "batch_not_found", "%s", s.text.get("city.error.batch_not_found"))
	}
	return bs[i], nil
}

// batchCaseLimit is the page size the store allows; a batch larger than
// one page is read page by page.
const batchCaseLimit = 500

// batchCases lists a batch's cases, masked as every list is, page by page
// in the store's page size, in the order they were registered.
func (s *Server) batchCases(ctx context.Context, sess *session, id int64, names map[string]string) ([]batchCase, error) {
	var out []batchCase
	for offset := 0; ; offset += batchCaseLimit {
		page, err := s.store.Applications(ctx, sess.by, hedui.Filter{Batch: id, Limit: batchCaseLimit, Offset: offset})
		if err != nil {
			return nil, err
		}
		for _, row := range summaryRows(page.Items, names) {
			out = append(out, batchCase{summaryRow: row, County: names[row.Region.County]})
		}
		if offset+len(page.Items) >= page.Total || len(page.Items) == 0 {
			break
		}
	}
	slices.SortFunc(out, func(a, b batchCase) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// handleCityBatch serves GET /city/batches/{id}: the batch's cases with
// the household head masked, the county, the status and a link to each.
func (s *Server) handleCityBatch(w http.ResponseWriter, r *http.Request, sess *session) error {
	ctx := r.Context()
	b, err := s.pathBatch(r, sess)
	if err != nil {
		return err
	}
	id := b.ID
	names, _, err := s.divisionNames(ctx)
	if err != nil {
		return err
	}
	p := batchPage{Batch: batchRow{Batch: b, CountyName: names[b.County]}}
	if p.Rows, err = s.batchCases(ctx, sess, id, names); err != nil {
		return err
	}
	counts := map[hedui.Status]int{}
	for _, row := range p.Rows {
		counts[row.Status]++
	}
	for _, st := range hedui.Statuses {
		if counts[st] > 0 {
			p.Statuses = append(p.Statuses, statusCount{st, counts[st]})
		}
	}
	flash := ""
	if r.URL.Query().Get("msg") == "escalated" {
		flash = s.text.get("city.flash.escalated")
	}
	s.render(w, r, http.StatusOK, "city_batch", view{Title: s.text.get("city.batch.title", b.Quarter.Year, b.Quarter.Q, names[b.County]),
		Nav: "city", Sess: sess, Flash: flash, Page: p})
	return nil
}

// handleCityBatchDispatch serves POST /city/batches/{id}/dispatch: the
// city-level queries for every case of the batch, in the background. Each
// case is its own transaction (Dispatch), so the job can be followed case
// by case and a case the county has not finished does not hold up the
// others; it is listed with the store's reason. Dispatching a case again
// returns its existing queries, so launching the batch twice is harmless.
func (s *Server) handleCityBatchDispatch(w http.ResponseWriter, r *http.Request, sess *session) error {
	ctx := r.Context()
	b, err := s.pathBatch(r, sess)
	if err != nil {
		return err
	}
	id := b.ID
	cal, err := exchange.LoadCalendar(ctx, s.store)
	if err != nil {
		return err
	}
	// The numbers, for the job's list of refused cases.
	cases, err := s.batchCases(ctx, sess, id, nil)
	if err != nil {
		return err
	}
	due := exchange.DueFunc(cal)
	by := sess.by
	spec := jobSpec{Title: s.text.get("city.job.title", b.Quarter.Year, b.Quarter.Q, len(cases)),
		Result: fmt.Sprintf("/city/batches/%d", b.ID), Total: len(cases)}
	p, err := s.startJob(sess, spec, func(ctx context.Context, p *Progress) error {
		for _, c := range cases {
			if err := ctx.Err(); err != nil {
				return err
			}
			_, err := s.store.Dispatch(ctx, by, c.ID, hedui.LevelCity, due)
			switch {
			case err == nil:
				p.Step("")
			case refusal(err) || hedui.KindOf(err) == hedui.KindNotFound:
				p.Step(s.text.get("city.job.case_refused", c.Number, hedui.MessageOf(err)))
			default:
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	http.Redirect(w, r, p.URL(), http.StatusSeeOther)
	return nil
}
