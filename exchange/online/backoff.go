package online

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// backoff is the wait before retry n (1-based): BaseBackoff doubled n-1
// times, capped at MaxBackoff, less a random share of up to Jitter.
func (a *Adapter) backoff(n int) time.Duration {
	d := a.cfg.BaseBackoff
	for i := 1; i < n && d < a.cfg.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, a.cfg.MaxBackoff)
	if a.cfg.Jitter > 0 {
		d -= time.Duration(a.cfg.Jitter * rand.Float64() * float64(d))
	}
	return d
}

// retryAfterVal is a parsed Retry-After header.
type retryAfterVal struct {
	d   time.Duration
	set bool
}

// parseRetryAfter reads delay-seconds or an HTTP date; anything else, or a
// date in the past, counts as absent.
func parseRetryAfter(v string, now time.Time) retryAfterVal {
	v = strings.TrimSpace(v)
	if v == "" {
		return retryAfterVal{}
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s < 0 {
			return retryAfterVal{}
		}
		// Clamped so that the multiplication cannot overflow; anything this
		// long exceeds MaxBackoff and ends the retries anyway.
		s = min(s, 1<<30)
		return retryAfterVal{d: time.Duration(s) * time.Second, set: true}
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return retryAfterVal{d: t.Sub(now), set: true}
	}
	return retryAfterVal{}
}
