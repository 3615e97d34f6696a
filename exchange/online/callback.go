package online

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"hedui"
)

// DefaultMaxCallbackBytes bounds a callback body when ParseCallback is given
// no limit.
const DefaultMaxCallbackBytes = 8 << 20

// ParseCallback reads, verifies and decodes a department's callback for the
// centre's endpoint. v should hold only the keys of the department the URL
// names (see Config.CallbackURL), so that one department cannot answer for
// another. The raw body is returned to be hashed and kept as evidence; the
// caller then loads the query named by QueryID, checks that it belongs to
// that department, and calls ToAnswers.
//
// Errors are *hedui.Error with a Chinese message for the department's
// operator: too_large; unauthenticated, coded missing_signature,
// unknown_key, bad_signature or stale_timestamp after the verifier's
// sentinel error, which stays in the chain; malformed or invalid.
func ParseCallback(r *http.Request, v *Verifier, maxBytes int64) (Response, []byte, error) {
	const op = "online.ParseCallback"
	if v == nil {
		return Response{}, nil, hedui.E(op, hedui.KindInternal, "no_verifier", "回调接口未配置部门验签密钥", errors.New("online: ParseCallback without a verifier"))
	}
	if maxBytes <= 0 {
		maxBytes = DefaultMaxCallbackBytes
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBytes+1))
	if err != nil {
		return Response{}, nil, hedui.E(op, hedui.KindMalformed, "unreadable_body", "回调内容读取失败", err)
	}
	if int64(len(raw)) > maxBytes {
		return Response{}, nil, hedui.Errorf(op, hedui.KindTooLarge, "too_large", "回调内容超过%d字节", maxBytes)
	}
	if _, err := v.VerifyRequest(r, raw); err != nil {
		return Response{}, nil, hedui.E(op, hedui.KindUnauthenticated, signatureCode(err), "回调签名验证未通过："+signatureReason(err), err)
	}
	var resp Response
	if err := json.Unmarshal(raw, &resp); err != nil {
		return Response{}, nil, hedui.E(op, hedui.KindMalformed, "invalid_json", "回调内容不是有效的JSON文档", err)
	}
	if resp.QueryID == "" {
		return Response{}, nil, hedui.Errorf(op, hedui.KindInvalid, "missing_query_id", "回调缺少查询编号 query_id")
	}
	if resp.Status != StatusAnswered {
		return Response{}, nil, hedui.Errorf(op, hedui.KindInvalid, "invalid_status", "回调的状态应为 answered，实际为“%s”", clean(string(resp.Status)))
	}
	return resp, raw, nil
}

// signatureCode is the error code of a verification failure, so that a
// department's operator can tell a wrong key from a wrong clock.
func signatureCode(err error) string {
	switch {
	case errors.Is(err, ErrMissingSignature):
		return "missing_signature"
	case errors.Is(err, ErrUnknownKey):
		return "unknown_key"
	case errors.Is(err, ErrStaleTimestamp):
		return "stale_timestamp"
	}
	return "bad_signature"
}
