package online

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"hedui"
)

// outcome is what happened to one query in one Send. Neither delivered
// nor failed means left undelivered, for the dispatcher to send again.
type outcome struct {
	delivered bool
	answers   []hedui.Answer
	failed    string // permanent: goes to Result.Failed
}

// attempt is the result of one POST.
type attempt struct {
	outcome
	retry      string        // non-empty: this attempt failed in a way worth retrying
	retryAfter retryAfterVal // the department's Retry-After, if any
}

// deliver posts one query, retrying as the package doc describes.
func (a *Adapter) deliver(ctx context.Context, dept hedui.Department, target *url.URL, callback string, q hedui.Query) outcome {
	body, err := json.Marshal(NewRequest(q, dept.Code, callback))
	if err != nil {
		return outcome{failed: "查询内容无法编码：" + err.Error()}
	}
	var last attempt
	for n := 1; n <= a.cfg.MaxAttempts; n++ {
		if n > 1 {
			wait := a.backoff(n - 1)
			if last.retryAfter.set {
				if last.retryAfter.d > a.cfg.MaxBackoff {
					last.retry += fmt.Sprintf("；部门要求%s后重试，超过最长等待时间，留待下次发送", last.retryAfter.d)
					break
				}
				wait = last.retryAfter.d
			}
			if err := a.cfg.Sleep(ctx, wait); err != nil {
				return outcome{}
			}
		}
		last = a.attempt(ctx, dept, target, q, body)
		if last.retry == "" {
			return last.outcome
		}
		if ctx.Err() != nil {
			return outcome{}
		}
	}
	a.cfg.Logger.Warn("online: query left undelivered; the dispatcher will send it again",
		"department", dept.Code, "query", q.ID, "reason", last.retry)
	return outcome{}
}

// attempt makes one POST and classifies the result.
func (a *Adapter) attempt(ctx context.Context, dept hedui.Department, target *url.URL, q hedui.Query, body []byte) attempt {
	actx, cancel := context.WithTimeout(ctx, a.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodPost, target.String(), bytes.NewReader(body))
	if err != nil {
		return attempt{outcome: outcome{failed: "部门在线接口地址无效"}}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	a.cfg.Signer.SignRequest(req, body)
	resp, err := a.cfg.HTTPClient.Do(req)
	if err != nil {
		return attempt{retry: a.transportReason(actx, err)}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, a.cfg.MaxResponseBytes+1))
	if err != nil {
		return attempt{retry: a.transportReason(actx, err)}
	}
	switch code := resp.StatusCode; {
	case code == http.StatusRequestTimeout || code == http.StatusTooManyRequests || code >= 500:
		return attempt{
			retry:      fmt.Sprintf("部门接口暂时不可用（HTTP %d）%s", code, errorDetail(raw)),
			retryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), a.cfg.Now()),
		}
	case code < 200 || code > 299:
		return attempt{outcome: outcome{failed: fmt.Sprintf("部门接口拒绝了查询（HTTP %d）%s", code, errorDetail(raw))}}
	case int64(len(raw)) > a.cfg.MaxResponseBytes:
		return attempt{retry: fmt.Sprintf("部门应答超过%d字节", a.cfg.MaxResponseBytes)}
	}
	// Parse before verifying: a proxy's unsigned error page is garbage worth
	// retrying, while a document that does not verify means the keys or
	// clocks are wrong, which no retry fixes.
	var doc Response
	if err := json.Unmarshal(raw, &doc); err != nil {
		return attempt{retry: "部门应答不是有效的JSON文档"}
	}
	if a.cfg.Verifier != nil {
		if _, err := a.cfg.Verifier.Verify(resp.Header, http.MethodPost, target.EscapedPath(), raw); err != nil {
			return attempt{outcome: outcome{failed: "部门应答的签名验证未通过（" + signatureReason(err) + "），请核对双方密钥和时钟"}}
		}
	}
	answers, err := doc.ToAnswers(q, dept.ID, raw, a.cfg.Now())
	if err != nil {
		return attempt{retry: "部门应答无法使用：" + hedui.MessageOf(err)}
	}
	return attempt{outcome: outcome{delivered: true, answers: answers}}
}

// transportReason says why a request got no response. The parent context
// ending is reported as such; the deliver loop does not retry it.
func (a *Adapter) transportReason(actx context.Context, err error) string {
	if errors.Is(actx.Err(), context.DeadlineExceeded) {
		return fmt.Sprintf("部门接口在%s内未应答", a.cfg.Timeout)
	}
	return "网络错误：" + clean(err.Error())
}

// errorDetail renders an ErrorBody, if the body is one, for a reason.
func errorDetail(raw []byte) string {
	var e ErrorBody
	if json.Unmarshal(raw, &e) != nil || (e.Message == "" && e.Code == "") {
		return ""
	}
	if e.Message == "" {
		return "：" + clean(e.Code)
	}
	return "：" + clean(e.Message)
}

// signatureReason names a verification error in Chinese.
func signatureReason(err error) string {
	switch {
	case errors.Is(err, ErrMissingSignature):
		return "缺少签名或签名格式错误"
	case errors.Is(err, ErrUnknownKey):
		return "未知的密钥编号"
	case errors.Is(err, ErrStaleTimestamp):
		return "时间戳超出允许范围"
	default:
		return "签名不符"
	}
}
