package http

import (
	stdhttp "net/http"
	"strings"

	"hedui"
	"hedui/internal/httpx"
	"hedui/report"
)

// handleReportVerify serves GET /api/v1/reports/verify?code=XXXX-XXXX or
// ?sha256=<hex>: anyone holding a printed or saved report asks whether it
// is authentic and current. No account is needed and nothing personal is
// returned; the store audits every check with the caller's address. An
// unknown code is a 200 with authentic false, not a 404: the check
// happened, and its answer is no.
func (s *Server) handleReportVerify(w stdhttp.ResponseWriter, r *stdhttp.Request) error {
	const op = "http.reportVerify"
	q := r.URL.Query()
	code, sum := strings.TrimSpace(q.Get("code")), strings.TrimSpace(q.Get("sha256"))
	var key string
	switch {
	case code != "" && sum != "":
		return hedui.FieldErrorf(op, hedui.KindMalformed, "invalid_query", "code", "请只提供验证码（code）或文件摘要（sha256）之一")
	case code != "":
		c, ok := report.ParseCode(code)
		if !ok {
			return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_code", "code", "验证码应为报告页脚印制的8位字母数字（如 ABCD-2345）")
		}
		key = c
	case sum != "":
		if len(sum) != 64 || strings.Trim(strings.ToLower(sum), "0123456789abcdef") != "" {
			return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_sha256", "sha256", "文件摘要应为64位十六进制的SHA-256")
		}
		key = sum
	default:
		return hedui.FieldErrorf(op, hedui.KindMalformed, "invalid_query", "code", "请提供报告上的验证码（code）或报告PDF文件的SHA-256摘要（sha256）")
	}
	c, err := s.store.VerifyReport(r.Context(), hedui.PublicActor(httpx.ClientAddr(r)), key)
	if err != nil {
		return err
	}
	writeJSON(w, stdhttp.StatusOK, c)
	return nil
}
