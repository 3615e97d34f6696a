package http

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	stdhttp "net/http"
	"strings"
	"time"

	"hedui"
)

// decodeJSON reads exactly one JSON value of the body into dst, refusing
// unknown fields, trailing data and bodies over the limit. A typo in a
// field name would otherwise be dropped silently and the clerk would
// believe something was saved that was not.
func (s *Server) decodeJSON(w stdhttp.ResponseWriter, r *stdhttp.Request, dst any) error {
	const op = "http.decodeJSON"
	body := stdhttp.MaxBytesReader(w, r.Body, s.maxBody)
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return s.decodeError(err)
	}
	var extra json.RawMessage
	switch err := dec.Decode(&extra); {
	case errors.Is(err, io.EOF):
		return nil
	case err != nil && !isSyntax(err):
		return s.decodeError(err)
	}
	return hedui.Errorf(op, hedui.KindMalformed, "trailing_data", "请求内容只能包含一个JSON值，JSON之后还有多余的内容")
}

func isSyntax(err error) bool {
	var se *json.SyntaxError
	return errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF)
}

// decodeError explains a decoding failure in terms a client developer can
// act on without echoing the body, which may hold ID numbers.
func (s *Server) decodeError(err error) error {
	const op = "http.decodeJSON"
	var (
		syntax  *json.SyntaxError
		typ     *json.UnmarshalTypeError
		tooBig  *stdhttp.MaxBytesError
		timeErr *time.ParseError
	)
	switch {
	case errors.As(err, &tooBig):
		return hedui.Errorf(op, hedui.KindTooLarge, "body_too_large", "请求内容不能超过%s", hedui.SizeLabel(tooBig.Limit))
	case errors.Is(err, io.EOF):
		return hedui.Errorf(op, hedui.KindMalformed, "empty_body", "请求内容为空，请提交JSON格式的数据")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return hedui.Errorf(op, hedui.KindMalformed, "invalid_json", "JSON不完整，请检查括号和引号是否成对")
	case errors.As(err, &syntax):
		return hedui.Errorf(op, hedui.KindMalformed, "invalid_json", "JSON格式错误（第%d字节附近），请检查标点和引号", syntax.Offset)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return hedui.Errorf(op, hedui.KindMalformed, "wrong_type", "提交的内容类型不正确：应为%s，提交的是%s",
				goTypeLabel(typ.Type.Kind().String()), typeLabel(typ.Value))
		}
		return hedui.FieldErrorf(op, hedui.KindMalformed, "wrong_type", typ.Field,
			"字段%s的类型不正确：应为%s，提交的是%s", typ.Field, goTypeLabel(typ.Type.Kind().String()), typeLabel(typ.Value))
	case errors.As(err, &timeErr):
		return hedui.Errorf(op, hedui.KindMalformed, "invalid_date", "日期格式不正确，应为YYYY-MM-DD，例如2024-03-15")
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name = strings.Trim(name, `"`)
		return hedui.FieldErrorf(op, hedui.KindMalformed, "unknown_field", name, "不认识的字段：%s，请检查字段名的拼写", name)
	}
	return hedui.E(op, hedui.KindMalformed, "invalid_json", "请求内容无法解析，请检查JSON格式", fmt.Errorf("decode: %w", err))
}

// typeLabel names the JSON type the client sent, as UnmarshalTypeError
// describes it ("string", "number", "number -1.5", "object" ...).
func typeLabel(v string) string {
	v, _, _ = strings.Cut(v, " ")
	switch v {
	case "string":
		return "字符串"
	case "number":
		return "数字"
	case "bool":
		return "布尔值"
	case "array":
		return "数组"
	case "object":
		return "对象"
	}
	return v
}

// goTypeLabel names the JSON type the server expected.
func goTypeLabel(kind string) string {
	switch kind {
	case "string":
		return "字符串"
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return "整数"
	case "float32", "float64":
		return "数字"
	case "bool":
		return "布尔值（true或false）"
	case "slice", "array":
		return "数组"
	case "struct", "map", "ptr":
		return "对象"
	}
	return kind
}
