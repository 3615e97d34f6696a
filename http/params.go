package http

import (
	stdhttp "net/http"
	"net/url"
	"strconv"
	"time"

	"hedui"
)

// Page sizes for list endpoints.
const (
	defaultLimit = 50
	maxLimit     = 200
)

// pathID reads a numeric path segment. Anything that is not a positive
// integer names no object, so it is a 404 like any other missing id:
// clients see one answer for "no such case", whatever the spelling.
func pathID(r *stdhttp.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, hedui.E("http.pathID", hedui.KindNotFound, "not_found", hedui.DefaultMessage(hedui.KindNotFound))
	}
	return id, nil
}

// queryInt reads an optional non-negative integer parameter.
func queryInt(q url.Values, name string, def, max int) (int, error) {
	v := q.Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || (max > 0 && n > max) {
		if max > 0 {
			return 0, hedui.FieldErrorf("http.query", hedui.KindMalformed, "invalid_query", name, "参数%s应为0到%d之间的整数", name, max)
		}
		return 0, hedui.FieldErrorf("http.query", hedui.KindMalformed, "invalid_query", name, "参数%s应为不小于0的整数", name)
	}
	return n, nil
}

// pageParams reads limit and offset; a limit of 0 means the default.
func pageParams(q url.Values) (limit, offset int, err error) {
	if limit, err = queryInt(q, "limit", defaultLimit, maxLimit); err != nil {
		return 0, 0, err
	}
	if limit == 0 {
		limit = defaultLimit
	}
	offset, err = queryInt(q, "offset", 0, 0)
	return limit, offset, err
}

// queryTime reads an RFC 3339 timestamp or a date; a date as an upper
// bound means the whole day, which is what a person picking "to 3 March"
// expects.
func queryTime(q url.Values, name string, endOfDay bool) (time.Time, error) {
	v := q.Get(name)
	if v == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	d, err := time.ParseInLocation(time.DateOnly, v, hedui.CST)
	if err != nil {
		return time.Time{}, hedui.FieldErrorf("http.query", hedui.KindMalformed, "invalid_query", name,
			"参数%s应为日期（如2024-03-15）或带时区的时间（如2024-03-15T08:00:00+08:00）", name)
	}
	if endOfDay {
		d = d.AddDate(0, 0, 1).Add(-time.Nanosecond)
	}
	return d, nil
}
