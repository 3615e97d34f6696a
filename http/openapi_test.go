package http

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	stdhttp "net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"hedui"
	"hedui/exchange/online"
)

// nopStore satisfies hedui.Store for tests that never reach the store.
type nopStore struct{ hedui.Store }

type oaDoc struct {
	Paths      map[string]map[string]oaOperation `json:"paths"`
	Security   []map[string][]string             `json:"security"`
	Components struct {
		Schemas    map[string]json.RawMessage `json:"schemas"`
		Responses  map[string]oaResponse      `json:"responses"`
		Parameters map[string]oaParameter     `json:"parameters"`
	} `json:"components"`
}

type oaOperation struct {
	OperationID string                 `json:"operationId"`
	Security    *[]map[string][]string `json:"security"`
	Parameters  []oaParameter          `json:"parameters"`
	RequestBody json.RawMessage        `json:"requestBody"`
	Responses   map[string]oaResponse  `json:"responses"`
}

type oaParameter struct {
	Ref  string `json:"$ref"`
	Name string `json:"name"`
	In   string `json:"in"`
}

type oaResponse struct {
	Ref     string `json:"$ref"`
	Content map[string]struct {
		Schema struct {
			Ref string `json:"$ref"`
		} `json:"schema"`
	} `json:"content"`
}

func loadOpenAPI(t *testing.T) oaDoc {
	t.Helper()
	var doc oaDoc
	dec := json.NewDecoder(bytes.NewReader(openAPIDoc))
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return doc
}

// oaPath converts a ServeMux pattern to OpenAPI form: {name...} wildcards
// become {name} and the {$} end anchor goes.
func oaPath(pattern string) string {
	p := strings.TrimSuffix(pattern, "{$}")
	return regexp.MustCompile(`\{(\w+)\.\.\.\}`).ReplaceAllString(p, "{$1}")
}

func TestOpenAPIMatchesRoutes(t *testing.T) {
	doc := loadOpenAPI(t)
	s := NewServer(Config{Store: nopStore{}})
	registered := map[string]bool{}
	for _, r := range s.Routes() {
		key := strings.ToLower(r.Method) + " " + oaPath(r.Pattern)
		registered[key] = true
		if _, ok := doc.Paths[oaPath(r.Pattern)][strings.ToLower(r.Method)]; !ok {
			t.Errorf("route %s %s is not documented in openapi.json", r.Method, r.Pattern)
		}
	}
	for path, ops := range doc.Paths {
		for method := range ops {
			if !registered[method+" "+path] {
				t.Errorf("openapi.json documents %s %s, which is not registered", strings.ToUpper(method), path)
			}
		}
	}
}

func TestOpenAPIOperations(t *testing.T) {
	doc := loadOpenAPI(t)
	s := NewServer(Config{Store: nopStore{}})
	if len(doc.Security) != 1 || doc.Security[0]["bearer"] == nil {
		t.Errorf("global security = %v, want bearer", doc.Security)
	}
	ids := map[string]bool{}
	wildcard := regexp.MustCompile(`\{(\w+)\}`)
	for _, e := range s.endpoints {
		path := oaPath(e.pattern)
		op, ok := doc.Paths[path][strings.ToLower(e.method)]
		if !ok {
			continue // reported by TestOpenAPIMatchesRoutes
		}
		name := e.method + " " + e.pattern
		if op.OperationID == "" || ids[op.OperationID] {
			t.Errorf("%s: operationId %q missing or repeated", name, op.OperationID)
		}
		ids[op.OperationID] = true
		public := op.Security != nil && len(*op.Security) == 0
		if public != e.public {
			t.Errorf("%s: documented public=%v, registered public=%v", name, public, e.public)
		}
		want := []string{"500"}
		if !e.public || e.signed {
			want = append(want, "401")
		}
		if e.roles != nil {
			want = append(want, "403")
		}
		if strings.Contains(e.pattern, "{") {
			want = append(want, "404")
		}
		if len(op.RequestBody) > 0 {
			want = append(want, "400", "413")
		}
		for _, code := range want {
			if _, ok := op.Responses[code]; !ok {
				t.Errorf("%s: error response %s not documented", name, code)
			}
		}
		for code, resp := range op.Responses {
			if code[0] != '4' && code[0] != '5' {
				continue
			}
			if !isErrorResponse(doc, resp) {
				t.Errorf("%s: response %s does not use the Error schema", name, code)
			}
		}
		declared := map[string]bool{}
		for _, p := range op.Parameters {
			if p.Ref != "" {
				p = doc.Components.Parameters[strings.TrimPrefix(p.Ref, "#/components/parameters/")]
			}
			if p.Name == "" {
				t.Errorf("%s: parameter reference does not resolve", name)
			}
			if p.In == "path" || p.In == "header" {
				declared[p.Name] = true
			}
		}
		for _, m := range wildcard.FindAllStringSubmatch(path, -1) {
			if !declared[m[1]] {
				t.Errorf("%s: path parameter %s not documented", name, m[1])
			}
		}
		// A signed route says how to sign: the headers are its credentials.
		for _, h := range []string{online.HeaderKeyID, online.HeaderTimestamp, online.HeaderSignature} {
			if e.signed && !declared[h] {
				t.Errorf("%s: signature header %s not documented", name, h)
			}
		}
	}
}

func isErrorResponse(doc oaDoc, r oaResponse) bool {
	if r.Ref != "" {
		var ok bool
		r, ok = doc.Components.Responses[strings.TrimPrefix(r.Ref, "#/components/responses/")]
		if !ok {
			return false
		}
	}
	c, ok := r.Content["application/json"]
	return ok && c.Schema.Ref == "#/components/schemas/Error"
}

// TestOpenAPIRefsResolve catches a misspelt $ref anywhere in the document.
func TestOpenAPIRefsResolve(t *testing.T) {
	doc := loadOpenAPI(t)
	var all map[string]any
	if err := json.Unmarshal(openAPIDoc, &all); err != nil {
		t.Fatal(err)
	}
	sections := map[string]map[string]bool{"schemas": {}, "responses": {}, "parameters": {}}
	for k := range doc.Components.Schemas {
		sections["schemas"][k] = true
	}
	for k := range doc.Components.Responses {
		sections["responses"][k] = true
	}
	for k := range doc.Components.Parameters {
		sections["parameters"][k] = true
	}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if ref, ok := x["$ref"].(string); ok {
				parts := strings.Split(strings.TrimPrefix(ref, "#/components/"), "/")
				if len(parts) != 2 || !sections[parts[0]][parts[1]] {
					t.Errorf("unresolved $ref %s", ref)
				}
			}
			for _, y := range x {
				walk(y)
			}
		case []any:
			for _, y := range x {
				walk(y)
			}
		}
	}
	walk(all)
	for _, name := range []string{"Application", "Summary", "Member", "NewMember", "Declaration", "Income", "Asset",
		"Letter", "NewLetter", "Signer", "Error", "AuditEntry", "AuditReport", "User", "SummaryPage", "AuditEntryPage",
		"Department", "Query", "Answer", "Record", "Problem", "CalendarDay", "Batch"} {
		if !sections["schemas"][name] {
			t.Errorf("schema %s missing", name)
		}
	}
}

func TestOpenAPIServed(t *testing.T) {
	s := NewServer(Config{Store: nopStore{}})
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/openapi.json", nil))
	body, _ := io.ReadAll(rec.Body)
	if rec.Code != stdhttp.StatusOK || !bytes.Equal(body, openAPIDoc) {
		t.Fatalf("GET openapi.json = %d, %d bytes", rec.Code, len(body))
	}
	if !slices.Contains([]string{"application/json; charset=utf-8"}, rec.Header().Get("Content-Type")) {
		t.Errorf("Content-Type = %q", rec.Header().Get("Content-Type"))
	}
}

// TestOpenAPIDescribesResponses fetches real responses and checks that
// every property they carry is documented in the schema the document
// names for them, so the schemas cannot fall behind the code.
func TestOpenAPIDescribesResponses(t *testing.T) {
	e := newEnv(t)
	var raw map[string]any
	if err := json.Unmarshal(openAPIDoc, &raw); err != nil {
		t.Fatal(err)
	}
	schemas := raw["components"].(map[string]any)["schemas"].(map[string]any)
	c := e.newCase(xiaojin, true)
	e.must(200, e.as("verifier.xifeng"), "POST", c.path("/transitions"), map[string]string{"action": "return", "comment": "补充材料"}, nil)

	// A case with queries, answers (one with records and fields), a
	// reminder, a problem and an escalation, so that optional properties
	// appear in the responses.
	police := e.as("liaison.police")
	x := e.caseAt(xiaojin, "accepted")
	e.must(204, e.as("verifier.xifeng"), "POST", x.path("/city-flag"), map[string]any{"need": true, "reason": "外县区车辆"}, nil)
	x = e.dispatch(x)
	dispatchBody := e.call(e.as("verifier.xifeng"), "POST", x.path("/dispatch"), nil) // the existing queries
	pq := e.queryOf(x, "621002-police")
	e.must(200, police, "POST", "/api/v1/exchange/queries/"+pq.ID+"/answers", map[string]any{"answers": []any{
		map[string]any{"subject_ref": pq.Subjects[0].Ref, "item": "vehicle", "records": []any{map[string]any{"kind": "小型轿车",
			"amount_fen": 5000000, "quantity": 1, "area_m2x100": 0, "period_from": "2020-01-01", "description": "甘M00001",
			"fields": map[string]string{"号牌号码": "甘M00001"}}}}}}, nil)
	csv := append(e.answerCSV(pq, []hedui.Answer{noRecord(pq, pq.Subjects[1].Ref, hedui.ItemHukou, "2025-06-16")}),
		[]byte(pq.ID+","+pq.ID+"-9,"+pq.Subjects[0].IDNumber+",vehicle,机动车辆,否,货车,abc,,,,,,2025-06-16\r\n")...)
	e.travel(time.Date(2025, 6, 30, 9, 0, 0, 0, hedui.CST))
	police = e.as("liaison.police")
	e.must(200, e.as("verifier.xifeng"), "POST", "/api/v1/exchange/reminders", nil, nil)
	tests := []struct {
		schema string
		token  string
		method string
		path   string
		body   any
	}{
		{"LoginResponse", "", "POST", "/api/v1/login", loginRequest{Username: "admin", Password: "demo12345"}},
		{"Me", e.as("clerk.xiaojin"), "GET", "/api/v1/me", nil},
		{"DivisionList", e.as("clerk.xiaojin"), "GET", "/api/v1/divisions", nil},
		{"Application", e.as("clerk.xiaojin"), "GET", c.path(""), nil},
		{"SummaryPage", e.as("verifier.city"), "GET", "/api/v1/applications", nil},
		{"AuditEntryPage", e.as("auditor"), "GET", "/api/v1/audit", nil},
		{"AuditReport", e.as("auditor"), "POST", "/api/v1/audit/verify", nil},
		{"UserList", e.as("admin"), "GET", "/api/v1/users", nil},
		{"Error", e.as("admin"), "GET", c.path(""), nil},
		{"Health", "", "GET", "/healthz", nil},
		{"DepartmentList", e.as("admin"), "GET", "/api/v1/departments", nil},
		{"Department", e.as("auditor"), "GET", fmt.Sprintf("/api/v1/departments/%d", e.dept("621002-police").ID), nil},
		{"ApplicationQueries", e.as("verifier.xifeng"), "GET", x.path("/queries"), nil},
		{"AnswerList", e.as("clerk.xiaojin"), "GET", x.path("/answers"), nil},
		{"QueryPage", police, "GET", "/api/v1/exchange/queries", nil},
		{"QueryPage", e.as("verifier.xifeng"), "GET", "/api/v1/exchange/queries", nil},
		{"Query", police, "GET", "/api/v1/exchange/queries/" + pq.ID, nil},
		{"IngestResult", police, "POST", "/api/v1/exchange/queries/" + pq.ID + "/answers", map[string]any{"answers": []any{
			map[string]any{"subject_ref": pq.Subjects[1].Ref, "item": "vehicle", "no_record": true}}}},
		{"AnswerFileResult", police, "POST", "/api/v1/exchange/answer-files?filename=a.csv", csv},
		{"OverdueList", e.as("verifier.xifeng"), "GET", "/api/v1/exchange/overdue", nil},
		{"RemindResult", e.as("verifier.xifeng"), "POST", "/api/v1/exchange/reminders", nil},
		{"ShareRatioList", e.as("auditor"), "GET", "/api/v1/exchange/share-ratios", nil},
		{"Dashboard", e.as("verifier.city"), "GET", "/api/v1/dashboard", nil},
		{"Escalation", e.as("verifier.xifeng"), "POST", "/api/v1/escalations", nil},
		{"BatchList", e.as("verifier.city"), "GET", "/api/v1/escalations", nil},
		{"HolidayYear", e.as("clerk.xiaojin"), "GET", "/api/v1/holidays/2025", nil},
		{"Me", police, "GET", "/api/v1/me", nil},
	}
	t.Run("DispatchResult", func(t *testing.T) {
		var v any
		if err := json.Unmarshal(dispatchBody.body, &v); err != nil || dispatchBody.status != 200 {
			t.Fatalf("%v: %v", dispatchBody, err)
		}
		undocumented(t, schemas, map[string]any{"$ref": "#/components/schemas/DispatchResult"}, v, "DispatchResult")
	})
	for _, tt := range tests {
		t.Run(tt.schema, func(t *testing.T) {
			r := e.call(tt.token, tt.method, tt.path, tt.body)
			if r.status >= 400 && tt.schema != "Error" {
				t.Fatalf("%s %s: %v", tt.method, tt.path, r)
			}
			var v any
			if err := json.Unmarshal(r.body, &v); err != nil {
				t.Fatalf("%v: %v", r, err)
			}
			undocumented(t, schemas, map[string]any{"$ref": "#/components/schemas/" + tt.schema}, v, tt.schema)
		})
	}
}

// undocumented reports every property of v that schema does not declare.
func undocumented(t *testing.T, schemas map[string]any, schema map[string]any, v any, at string) {
	t.Helper()
	if ref, ok := schema["$ref"].(string); ok {
		s, ok := schemas[strings.TrimPrefix(ref, "#/components/schemas/")].(map[string]any)
		if !ok {
			t.Fatalf("%s: unresolved %s", at, ref)
		}
		schema = s
	}
	switch x := v.(type) {
	case map[string]any:
		props, _ := schema["properties"].(map[string]any)
		// A map with documented values, such as a record's own fields.
		extra, _ := schema["additionalProperties"].(map[string]any)
		for k, sub := range x {
			ps, ok := props[k].(map[string]any)
			if !ok && extra != nil {
				ps, ok = extra, true
			}
			if !ok {
				t.Errorf("%s.%s is returned but not documented", at, k)
				continue
			}
			undocumented(t, schemas, ps, sub, at+"."+k)
		}
	case []any:
		items, _ := schema["items"].(map[string]any)
		for _, sub := range x {
			if items == nil {
				t.Errorf("%s is an array without documented items", at)
				return
			}
			undocumented(t, schemas, items, sub, at+"[]")
		}
	}
}

// TestOpenAPIEnums keeps the documented statuses and actions in step with
// the lifecycle table, which grows as capabilities are added.
func TestOpenAPIEnums(t *testing.T) {
	var raw struct {
		Components struct {
			Schemas map[string]struct {
				Enum []string `json:"enum"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(openAPIDoc, &raw); err != nil {
		t.Fatal(err)
	}
	var statuses, actions []string
	for _, s := range hedui.Statuses {
		statuses = append(statuses, string(s))
	}
	for _, r := range hedui.Rules {
		if !slices.Contains(actions, string(r.Action)) {
			actions = append(actions, string(r.Action))
		}
	}
	tests := []struct {
		schema string
		want   []string
	}{
		{"Status", statuses},
		{"ActionName", actions},
	}
	for _, tt := range tests {
		got := slices.Sorted(slices.Values(raw.Components.Schemas[tt.schema].Enum))
		if want := slices.Sorted(slices.Values(tt.want)); !slices.Equal(got, want) {
			t.Errorf("schema %s enum = %v, want %v", tt.schema, got, want)
		}
	}
}
