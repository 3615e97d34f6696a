package http

import (
	"strings"
	"testing"

	"hedui/idcard"
)

// TestNoFullIDNumbers checks that lists show ID numbers masked and that no
// log line ever holds a full one, whatever the request did.
func TestNoFullIDNumbers(t *testing.T) {
	e := newEnv(t)
	cases := []caseRef{e.newCase(xiaojin, true), e.newCase(huancheng, false)}
	for _, acct := range []string{"clerk.xiaojin", "clerk.huanxian", "verifier.xifeng", "verifier.city"} {
		tok := e.as(acct)
		r := e.must(200, tok, "GET", "/api/v1/applications", nil, nil)
		for _, id := range e.ids {
			if strings.Contains(string(r.body), id) {
				t.Errorf("%s's list contains the full ID number %s", acct, idcard.Mask(id))
			}
		}
		for _, c := range cases {
			if inScope(acct, c) && !strings.Contains(string(r.body), idcard.Mask(c.idNumbers[0])) {
				t.Errorf("%s's list lacks the masked head %s", acct, idcard.Mask(c.idNumbers[0]))
			}
		}
		// Searching by ID number puts it in the query string; it must not
		// reach the log.
		e.must(200, tok, "GET", "/api/v1/applications?id_number="+cases[0].idNumbers[0], nil, nil)
		e.call(tok, "GET", cases[0].path(""), nil)
		// An ID number where an id belongs.
		e.call(tok, "GET", "/api/v1/applications/"+cases[0].idNumbers[0], nil)
	}
	// Error paths: a duplicate person and a bad check digit.
	dup := e.newApplicationBody(xiaojin)
	dup["members"].([]map[string]any)[1]["id_number"] = cases[0].idNumbers[1]
	e.call(e.as("clerk.xiaojin"), "POST", "/api/v1/applications", dup)

	logs := e.logs.String()
	if !strings.Contains(logs, `"path":"/api/v1/applications"`) {
		t.Fatalf("no request log captured: %.300s", logs)
	}
	for _, id := range e.ids {
		if strings.Contains(logs, id) {
			t.Errorf("log holds the full ID number %s", idcard.Mask(id))
		}
	}
}
