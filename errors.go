package hedui

import (
	"errors"
	"fmt"
)

// Kind classifies an error by what the caller can do about it. The HTTP edge
// maps each kind to one status code; stores and services choose the kind.
type Kind uint8

const (
	KindOther           Kind = iota // an unclassified failure; treated as internal
	KindMalformed                   // the request cannot be read (bad JSON, unknown field)
	KindInvalid                     // the request is readable but its content breaks a rule
	KindUnauthenticated             // no or expired credentials
	KindPermission                  // authenticated, but this role or region may not do it
	KindNotFound                    // no such object within the caller's scope
	KindConflict                    // clashes with the current state (duplicate, wrong status)
	KindTooLarge                    // body or upload over the configured limit
	KindTransient                   // retry later (a department timed out, the database is busy)
	KindInternal                    // a bug or an unexpected failure
)

var kindNames = [...]string{
	KindOther:           "other",
	KindMalformed:       "malformed",
	KindInvalid:         "invalid",
	KindUnauthenticated: "unauthenticated",
	KindPermission:      "permission",
	KindNotFound:        "not_found",
	KindConflict:        "conflict",
	KindTooLarge:        "too_large",
	KindTransient:       "transient",
	KindInternal:        "internal",
}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// Error is the error type of every hedui layer. Op names the operation that
// failed ("sqlstore.CreateApplication"); Code is a stable machine-readable
// identifier that clients may switch on ("invalid_id_number"); Message is the
// Chinese sentence shown to users, saying what to fix. Message must never hold
// a full ID number: errors end up in logs.
type Error struct {
	Op      string
	Kind    Kind
	Code    string
	Message string
	Field   string // the offending input field, as a JSON path, where there is one
	Err     error  // the underlying cause, for logs only
}

func (e *Error) Error() string {
	s := e.Op
	if s != "" {
		s += ": "
	}
	s += e.Kind.String()
	if e.Code != "" {
		s += " " + e.Code
	}
	if e.Field != "" {
		s += " (" + e.Field + ")"
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// E builds an *Error. Arguments are interpreted by type: Kind sets the kind,
// an error sets the cause, a Field sets the field, and strings fill Op, Code
// and Message in that order. Inheriting from a wrapped *Error keeps its kind,
// code and message unless overridden, so layers can add their Op cheaply.
func E(args ...any) error {
	e := &Error{}
	var strs []string
	for _, a := range args {
		switch v := a.(type) {
		case Kind:
			e.Kind = v
		case Field:
			e.Field = string(v)
		case error:
			e.Err = v
		case string:
			strs = append(strs, v)
		default:
			panic(fmt.Sprintf("hedui.E: unexpected argument %T", a))
		}
	}
	for i, s := range strs {
		switch i {
		case 0:
			e.Op = s
		case 1:
			e.Code = s
		case 2:
			e.Message = s
		}
	}
	var inner *Error
	if errors.As(e.Err, &inner) {
		if e.Kind == KindOther {
			e.Kind = inner.Kind
		}
		if e.Code == "" {
			e.Code = inner.Code
		}
		if e.Message == "" {
			e.Message = inner.Message
		}
		if e.Field == "" {
			e.Field = inner.Field
		}
	}
	return e
}

// Field names the input field an error is about, for E.
type Field string

// Errorf builds an *Error with a formatted Chinese message.
func Errorf(op string, kind Kind, code, format string, a ...any) error {
	return &Error{Op: op, Kind: kind, Code: code, Message: fmt.Sprintf(format, a...)}
}

// FieldErrorf is Errorf with the offending field named.
func FieldErrorf(op string, kind Kind, code string, field string, format string, a ...any) error {
	return &Error{Op: op, Kind: kind, Code: code, Field: field, Message: fmt.Sprintf(format, a...)}
}

// KindOf returns the kind of the outermost *Error in err's chain that has one,
// KindInternal for other non-nil errors, and KindOther for nil.
func KindOf(err error) Kind {
	if err == nil {
		return KindOther
	}
	var e *Error
	for errors.As(err, &e) {
		if e.Kind != KindOther {
			return e.Kind
		}
		err = e.Err
		if err == nil {
			break
		}
	}
	return KindInternal
}

// CodeOf returns the stable code of err, or a code derived from its kind.
func CodeOf(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != "" {
		return e.Code
	}
	return KindOf(err).String()
}

// MessageOf returns the Chinese message of err, or a generic one for its kind.
func MessageOf(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Message != "" {
		return e.Message
	}
	return DefaultMessage(KindOf(err))
}

// DefaultMessage is the Chinese message shown when an error carries none.
func DefaultMessage(k Kind) string {
	switch k {
	case KindMalformed:
		return "请求格式不正确，请检查提交的内容"
	case KindInvalid:
		return "提交的内容不符合要求，请检查后重新提交"
	case KindUnauthenticated:
		return "登录已失效，请重新登录"
	case KindPermission:
		return "您没有执行此操作的权限"
	case KindNotFound:
		return "未找到该记录，或您无权查看"
	case KindConflict:
		return "操作与当前状态冲突，请刷新后重试"
	case KindTooLarge:
		return "提交的内容超过大小限制"
	case KindTransient:
		return "系统繁忙，请稍后重试"
	default:
		return "系统内部错误，请联系管理员"
	}
}
