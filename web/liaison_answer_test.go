package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hedui"
)

// TestLiaisonAnswerSeveralRecords: one answer carries several records
// (two vehicles, each with the department's own fields); a row is added
// on the server without script; blank rows are ignored; a bad row is
// shown at its row and nothing is recorded.
func TestLiaisonAnswerSeveralRecords(t *testing.T) {
	e := newEnv(t)
	s := e.seedDispatched()
	c := e.client()
	c.login("liaison.police")
	if p := c.get("/liaison/queries/" + s.police.ID); strings.Count(p.body, `name="rec_kind"`) != 1 || !strings.Contains(p.body, `<option value="car">`) {
		t.Fatalf("form: %s", excerpt(p.body))
	}
	ref := s.police.Subjects[0].Ref
	form := url.Values{"subject": {ref}, "item": {string(hedui.ItemVehicle)}, "as_of": {"2025-06-13"},
		"rec_kind": {"car", "truck", ""}, "rec_amount": {"", "", ""}, "rec_area": {"", "", ""},
		"rec_from": {"2019-03-01", "2021-08-15", ""}, "rec_to": {"", "", ""},
		"rec_description": {"甘M 12345 小型轿车", "甘M 67890 农用货车", ""},
		"rec_fields":      {"车辆类型=小型轿车；使用性质=非营运", "车辆类型=低速货车;使用性质=农用", ""}}
	add := url.Values{}
	for k, v := range form {
		add[k] = v
	}
	add.Set("action", "add_row")
	p := c.post("/liaison/queries/"+s.police.ID+"/answers", add)
	if p.status != http.StatusOK || strings.Count(p.body, `name="rec_kind"`) != 4 || !strings.Contains(p.body, "甘M 67890 农用货车") {
		t.Fatalf("add row = %d, %d rows", p.status, strings.Count(p.body, `name="rec_kind"`))
	}

	bad := url.Values{}
	for k, v := range form {
		bad[k] = append([]string(nil), v...)
	}
	bad["rec_fields"][1] = "使用性质"
	p = c.post("/liaison/queries/"+s.police.ID+"/answers", bad)
	if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, "附加字段应写成") {
		t.Fatalf("bad fields = %d %s", p.status, excerpt(p.body))
	}

	p = c.post("/liaison/queries/"+s.police.ID+"/answers", form)
	if p.status != http.StatusOK || !strings.Contains(p.body, "共2条记录") {
		t.Fatalf("answer = %d %s", p.status, excerpt(p.body))
	}
	answers, err := e.store.Answers(context.Background(), e.actor("verifier.xifeng"), s.police.ApplicationID)
	if err != nil || len(answers) != 1 {
		t.Fatalf("answers %+v %v", answers, err)
	}
	rs := answers[0].Records
	if len(rs) != 2 || rs[0].Kind != "car" || rs[1].Kind != "truck" || rs[1].Fields["使用性质"] != "农用" ||
		rs[0].Fields["车辆类型"] != "小型轿车" || rs[1].PeriodFrom.String() != "2021-08-15" {
		t.Fatalf("records %+v", rs)
	}
}
