package http

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// TestErrorResponses checks status, code and Chinese message of each kind
// of mistake a client can make, and that none of them leaves anything
// half-written behind.
func TestErrorResponses(t *testing.T) {
	e := newEnv(t)
	c := e.newCase(xiaojin, false)
	other := e.newCase(huancheng, false)
	clerk := e.as("clerk.xiaojin")
	before := e.list(clerk, "").Total

	valid := func() map[string]any { return e.newApplicationBody(xiaojin) }
	badCheck := valid()
	id := badCheck["members"].([]map[string]any)[0]["id_number"].(string)
	badCheck["members"].([]map[string]any)[0]["id_number"] = id[:17] + flipCheck(id[17])
	duplicate := valid()
	duplicate["members"].([]map[string]any)[0]["id_number"] = c.idNumbers[0]
	duplicate["declaration"] = nil
	typo := valid()
	typo["nmae"] = "张三"
	wrongType := valid()
	wrongType["members"].([]map[string]any)[0]["disability_grade"] = "二级"
	huge := valid()
	huge["household"].(map[string]any)["address"] = strings.Repeat("村", 1<<20)
	scanPath := c.path(fmt.Sprintf("/letters/%d/scan", c.letterID))

	tests := []struct {
		name    string
		token   string
		method  string
		path    string
		body    any
		headers []string
		status  int
		code    string
		message string // a substring of the Chinese message
		field   string
	}{
		{"syntax error", clerk, "POST", "/api/v1/applications", []byte(`{"kind": "new",, }`), nil, 400, "invalid_json", "字节", ""},
		{"truncated json", clerk, "POST", "/api/v1/applications", []byte(`{"kind": "new"`), nil, 400, "invalid_json", "JSON不完整", ""},
		{"unknown field", clerk, "POST", "/api/v1/applications", typo, nil, 400, "unknown_field", "不认识的字段：nmae", "nmae"},
		{"wrong type", clerk, "POST", "/api/v1/applications", wrongType, nil, 400, "wrong_type", "类型不正确", "members.disability_grade"},
		{"empty body", clerk, "POST", "/api/v1/applications", []byte(""), nil, 400, "empty_body", "请求内容为空", ""},
		{"trailing data", clerk, "POST", "/api/v1/applications", []byte(`{"kind":"new"} {"kind":"new"}`), nil, 400, "trailing_data", "多余", ""},
		{"body too large", clerk, "POST", "/api/v1/applications", huge, nil, 413, "body_too_large", "请求内容不能超过1MB", ""},
		{"bad check digit", clerk, "POST", "/api/v1/applications", badCheck, nil, 422, "invalid_id_number", "校验位", "members[0].id_number"},
		{"person in another open case", clerk, "POST", "/api/v1/applications", duplicate, nil, 409, "", "", ""},
		{"no token", "", "GET", "/api/v1/applications", nil, nil, 401, "unauthenticated", "请先登录", ""},
		{"forged token", "not-a-real-token", "GET", "/api/v1/applications", nil, nil, 401, "", "重新登录", ""},
		{"wrong role", e.as("verifier.xifeng"), "POST", "/api/v1/applications", valid(), nil, 403, "role_not_allowed", "核对员无权", ""},
		{"other region", clerk, "GET", other.path(""), nil, nil, 404, "", "未找到", ""},
		{"id not a number", clerk, "GET", "/api/v1/applications/abc", nil, nil, 404, "not_found", "", ""},
		{"id zero", clerk, "GET", "/api/v1/applications/0", nil, nil, 404, "not_found", "", ""},
		{"no such case", clerk, "GET", "/api/v1/applications/987654", nil, nil, 404, "", "", ""},
		{"no such route", clerk, "GET", "/api/v1/nothing", nil, nil, 404, "no_such_route", "没有这个接口", ""},
		{"wrong method", clerk, "PATCH", "/api/v1/applications", nil, nil, 405, "method_not_allowed", "不支持PATCH", ""},
		{"unknown action", clerk, "POST", c.path("/transitions"), map[string]string{"action": "approve"}, nil, 422, "unknown_action", "未知的操作", "action"},
		{"bad status filter", clerk, "GET", "/api/v1/applications?status=done", nil, nil, 400, "invalid_query", "未知的状态", "status"},
		{"bad limit", clerk, "GET", "/api/v1/applications?limit=5000", nil, nil, 400, "invalid_query", "0到200", "limit"},
		{"bad id_number filter", clerk, "GET", "/api/v1/applications?id_number=123", nil, nil, 422, "invalid_id_number", "18位", "id_number"},
		{"scan too large", clerk, "PUT", scanPath, append([]byte("%PDF-"), bytes.Repeat([]byte("0"), 10<<20)...), []string{"Content-Type", "application/pdf"}, 413, "scan_too_large", "扫描件不能超过10MB", ""},
		{"scan wrong type", clerk, "PUT", scanPath, []byte("GIF89a"), []string{"Content-Type", "image/gif"}, 415, "unsupported_scan_type", "PDF、JPEG或PNG", ""},
		{"scan not what it claims", clerk, "PUT", scanPath, []byte("<html>hello</html>"), []string{"Content-Type", "application/pdf"}, 415, "scan_content_mismatch", "不符", ""},
		{"scan empty", clerk, "PUT", scanPath, []byte{}, []string{"Content-Type", "image/png"}, 422, "empty_scan", "扫描件为空", ""},
		{"bad purpose header", clerk, "GET", c.path(""), nil, []string{"X-Hedui-Purpose", strings.Repeat("查", 101)}, 400, "invalid_purpose", "X-Hedui-Purpose", "X-Hedui-Purpose"},
		{"auditor cannot list cases", e.as("auditor"), "GET", "/api/v1/applications", nil, nil, 403, "role_not_allowed", "审计员无权", ""},
		{"bad audit date", e.as("auditor"), "GET", "/api/v1/audit?from=yesterday", nil, nil, 400, "invalid_query", "日期", "from"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.call(tt.token, tt.method, tt.path, tt.body, tt.headers...)
			d := r.errorDetail()
			if r.status != tt.status || (tt.code != "" && d.Code != tt.code) || !strings.Contains(d.Message, tt.message) || d.Field != tt.field {
				t.Fatalf("got %v, want %d code %q message ~%q field %q", r, tt.status, tt.code, tt.message, tt.field)
			}
			if d.Code == "" || d.Message == "" {
				t.Errorf("error body lacks code or message: %s", r.body)
			}
			if ct := r.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type = %q", ct)
			}
		})
	}
	if after := e.list(clerk, "").Total; after != before {
		t.Errorf("failed requests changed the case count from %d to %d", before, after)
	}
	var a appView
	e.must(200, clerk, "GET", c.path(""), nil, &a)
	if s := a.ActiveLetter().Scan; s == nil || s.Size != int64(len(minimalPDF)) {
		t.Errorf("a refused upload replaced the scan: %+v", s)
	}
}

// flipCheck returns a different check character.
func flipCheck(b byte) string {
	if b == '0' {
		return "1"
	}
	return "0"
}
