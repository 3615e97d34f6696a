package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"hedui"
)

// cityFixture is a city department with an agreement and two flagged cases
// of 西峰区: one the county has dispatched (the city may ask about it), one
// only accepted (the city dispatch refuses it).
type cityFixture struct {
	verifying, accepted *hedui.Application
}

func (e *env) cityCases() cityFixture {
	e.t.Helper()
	ctx := context.Background()
	e.manualDepartment("621000-fund", "庆阳市住房公积金管理中心", hedui.LevelCity, "621000", hedui.ItemHousingFund)
	verifier := e.actor("verifier.xifeng")
	verifying, _, _ := e.acceptedCase("市级甲")
	accepted, _, _ := e.acceptedCase("市级乙")
	due := func(sent hedui.Date, days int) (hedui.Date, error) {
		return hedui.Date{Time: sent.AddDate(0, 0, days+2)}, nil
	}
	if _, err := e.store.Dispatch(ctx, verifier, verifying.ID, hedui.LevelCounty, due); err != nil {
		e.t.Fatal(err)
	}
	for _, app := range []*hedui.Application{verifying, accepted} {
		if err := e.store.MarkForCity(ctx, verifier, app.ID, true, "申报有市级公积金缴存"); err != nil {
			e.t.Fatal(err)
		}
	}
	return cityFixture{verifying: verifying, accepted: accepted}
}

var jobPathRe = regexp.MustCompile(`^/jobs/([A-Za-z0-9]+)$`)

// TestCityBatchDispatch: the city verifier sees the counties, pulls 西峰区's
// flagged cases into the quarter's batch, opens it and dispatches it in the
// background; the job page reports one case asked and one refused with the
// store's reason; the job is his alone; county verifiers may not open the
// city pages.
func TestCityBatchDispatch(t *testing.T) {
	e := newEnv(t)
	f := e.cityCases()
	c := e.client()
	c.login("verifier.city")
	p := c.get("/city")
	if p.status != http.StatusOK || !strings.Contains(p.body, `id="city-oversight"`) {
		t.Fatalf("city page: %d %s", p.status, excerpt(p.body))
	}
	row := regexp.MustCompile(`(?s)<tr data-county="621002">.*?</tr>`).FindString(p.body)
	if !strings.Contains(row, "西峰区") || !strings.Contains(row, `name="county" value="621002"`) {
		t.Fatalf("西峰区 row without the escalate form: %s", row)
	}
	if strings.Contains(p.body, "市级甲") {
		t.Error("the overview shows a name")
	}

	p = c.post("/city/escalations", url.Values{"county": {"621002"}})
	if p.status != http.StatusSeeOther || !strings.HasPrefix(p.header.Get("Location"), "/city/batches/") {
		t.Fatalf("escalate: %d %s", p.status, excerpt(p.body))
	}
	batchURL := strings.TrimSuffix(p.header.Get("Location"), "?msg=escalated")
	p = c.get(p.header.Get("Location"))
	if p.status != http.StatusOK || !strings.Contains(p.body, f.verifying.Number) || !strings.Contains(p.body, f.accepted.Number) {
		t.Fatalf("batch page: %d %s", p.status, excerpt(p.body))
	}
	if strings.Contains(p.body, "市级甲") || !strings.Contains(p.body, "市**") {
		t.Errorf("household head not masked on the batch page: %s", excerpt(p.body))
	}

	p = c.post(batchURL+"/dispatch", nil)
	m := jobPathRe.FindStringSubmatch(p.header.Get("Location"))
	if p.status != http.StatusSeeOther || m == nil {
		t.Fatalf("dispatch: %d %q %s", p.status, p.header.Get("Location"), excerpt(p.body))
	}
	jobURL := m[0]
	e.server.jobs.wait()

	p = c.get(jobURL + "/progress")
	var st progressState
	if err := json.Unmarshal([]byte(p.body), &st); err != nil || p.status != http.StatusOK {
		t.Fatalf("progress: %d %v %s", p.status, err, p.body)
	}
	if !st.Finished || st.Total != 2 || st.Done != 2 || st.Failed != 1 || st.Percent != 100 || st.Error != "" ||
		len(st.Problems) != 1 || !strings.Contains(st.Problems[0], f.accepted.Number) {
		t.Fatalf("progress state %+v", st)
	}
	p = c.get(jobURL)
	if p.status != http.StatusOK || !strings.Contains(p.body, "job-result") || !strings.Contains(p.body, `value="2"`) ||
		strings.Contains(p.body, "http-equiv") {
		t.Fatalf("job page: %d %s", p.status, excerpt(p.body))
	}
	qs, err := e.store.Queries(context.Background(), e.actor("verifier.city"), f.verifying.ID)
	if err != nil {
		t.Fatal(err)
	}
	city := 0
	for _, q := range qs {
		if q.Department == "庆阳市住房公积金管理中心" {
			city++
		}
	}
	if city != 1 {
		t.Fatalf("city queries on the dispatched case: %d of %+v", city, qs)
	}

	// The job is its starter's; county verifiers have no city pages.
	other := e.client()
	other.login("verifier.xifeng")
	for _, path := range []string{jobURL, jobURL + "/progress"} {
		if p := other.get(path); p.status != http.StatusNotFound {
			t.Errorf("another user's job %s: %d", path, p.status)
		}
	}
	for _, path := range []string{"/city", batchURL} {
		if p := other.get(path); p.status != http.StatusForbidden {
			t.Errorf("county verifier %s: %d", path, p.status)
		}
	}
	if p := other.post("/city/escalations", url.Values{"county": {"621002"}}); p.status != http.StatusForbidden {
		t.Errorf("county verifier escalates through the city page: %d", p.status)
	}
}

// TestCityEscalateScope: a county outside the city is refused by the
// store, not only hidden by the page.
func TestCityEscalateScope(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.login("verifier.city")
	for _, county := range []string{"620102", "621000", ""} {
		if p := c.post("/city/escalations", url.Values{"county": {county}}); p.status != http.StatusForbidden {
			t.Errorf("escalate %q: %d %s", county, p.status, excerpt(p.body))
		}
	}
}
