package idcard

import (
	"fmt"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Reason classifies why a number was rejected.
type Reason uint8

// Reasons are listed in the order Parse checks them; only the first failure
// is reported.
const (
	_ Reason = iota // zero means "not set", so a forgotten field is visible
	// ReasonLength: the trimmed input does not have 18 characters (15 for
	// Upgrade15).
	ReasonLength
	// ReasonCharacters: a character is not a digit, or X appears anywhere
	// but in the check position.
	ReasonCharacters
	// ReasonArea: the area code starts with 0, which no division uses.
	ReasonArea
	// ReasonBirthDate: the birth date is not a calendar date.
	ReasonBirthDate
	// ReasonBirthTooEarly: the birth date is before 1880-01-01.
	ReasonBirthTooEarly
	// ReasonBirthFuture: the birth date is after the parse date.
	ReasonBirthFuture
	// ReasonCheckDigit: the check character does not match the first 17.
	ReasonCheckDigit
)

var reasonNames = [...]string{
	ReasonLength:        "length",
	ReasonCharacters:    "characters",
	ReasonArea:          "area",
	ReasonBirthDate:     "birth date",
	ReasonBirthTooEarly: "birth too early",
	ReasonBirthFuture:   "birth in future",
	ReasonCheckDigit:    "check digit",
}

func (r Reason) String() string {
	if int(r) < len(reasonNames) && reasonNames[r] != "" {
		return reasonNames[r]
	}
	return "Reason(" + strconv.Itoa(int(r)) + ")"
}

// Error describes why a number was rejected. Only the fields relevant to
// Reason are set. Neither message includes the number itself: the fields
// carry just enough (a position, a character, the birth-date digits) for a
// person to find the mistake.
type Error struct {
	Reason Reason
	// Length is the number of characters found (ReasonLength).
	Length int
	// Pos is the 1-based position of the first bad character and Char the
	// character as entered (ReasonCharacters).
	Pos  int
	Char rune
	// Birth holds the birth-date digits as entered: YYYYMMDD, or YYMMDD when
	// Legacy is set (ReasonBirthDate, ReasonBirthTooEarly, ReasonBirthFuture).
	Birth string
	// Expected is the check character the first 17 digits call for, Found
	// the one entered (ReasonCheckDigit).
	Expected, Found byte
	// Legacy marks errors from Upgrade15, whose lengths and positions refer
	// to the 15-digit layout.
	Legacy bool
}

func (e *Error) want() int {
	if e.Legacy {
		return 15
	}
	return 18
}

// birthSpan names the characters holding the birth date, 1-based.
func (e *Error) birthSpan() string {
	if e.Legacy {
		return "7-12"
	}
	return "7-14"
}

// Error returns an English message for developers and logs.
func (e *Error) Error() string {
	p := "idcard: "
	if e.Legacy {
		p = "idcard: legacy 15-digit number: "
	}
	switch e.Reason {
	case ReasonLength:
		return fmt.Sprintf("%swant %d characters, got %d", p, e.want(), e.Length)
	case ReasonCharacters:
		return fmt.Sprintf("%sinvalid character %q at position %d", p, e.Char, e.Pos)
	case ReasonArea:
		return p + "area code must not start with 0"
	case ReasonBirthDate:
		return fmt.Sprintf("%sinvalid birth date %s at positions %s", p, e.Birth, e.birthSpan())
	case ReasonBirthTooEarly:
		return fmt.Sprintf("%sbirth date %s is before 1880-01-01", p, e.Birth)
	case ReasonBirthFuture:
		return fmt.Sprintf("%sbirth date %s is in the future", p, e.Birth)
	case ReasonCheckDigit:
		return fmt.Sprintf("%scheck character is %c, want %c", p, e.Found, e.Expected)
	}
	return p + "invalid number (" + e.Reason.String() + ")"
}

// Chinese returns a message a registration clerk can act on: it says which
// characters are wrong and what to check, without repeating the number.
func (e *Error) Chinese() string {
	subject := "身份证号码"
	if e.Legacy {
		subject = "旧版15位身份证号码"
	}
	switch e.Reason {
	case ReasonLength:
		switch {
		case e.Length == 0:
			return subject + "为空，请填写"
		case !e.Legacy && e.Length == 15:
			// The person most likely gave an old number; the clerk should
			// ask for the current card rather than hunt for typos.
			return "身份证号码应为18位，当前为15位，疑似旧版15位号码，请核对并录入18位新号码"
		}
		return fmt.Sprintf("%s应为%d位，当前为%d位", subject, e.want(), e.Length)
	case ReasonCharacters:
		allowed := "只能填写数字，仅最后一位可以是X"
		if e.Legacy {
			allowed = "只能填写数字"
		}
		switch {
		case unicode.IsSpace(e.Char):
			return fmt.Sprintf("%s第%d位有多余的空格，%s", subject, e.Pos, allowed)
		case e.Char == utf8.RuneError || !unicode.IsPrint(e.Char):
			return fmt.Sprintf("%s第%d位含有无法识别的字符，%s", subject, e.Pos, allowed)
		}
		return fmt.Sprintf("%s第%d位“%c”无效，%s", subject, e.Pos, e.Char, allowed)
	case ReasonArea:
		return subject + "第1位不能为0，请核对前6位地区码"
	case ReasonBirthDate:
		return fmt.Sprintf("%s第%s位出生日期无效：%s", subject, e.birthSpan(), e.Birth)
	case ReasonBirthTooEarly:
		return fmt.Sprintf("%s第%s位出生日期早于1880年：%s，请核对是否录入有误", subject, e.birthSpan(), e.Birth)
	case ReasonBirthFuture:
		return fmt.Sprintf("%s第%s位出生日期晚于今天：%s，请核对是否录入有误", subject, e.birthSpan(), e.Birth)
	case ReasonCheckDigit:
		return fmt.Sprintf("身份证号码校验位错误：最后一位应为%c，请核对是否录入有误", e.Expected)
	}
	return subject + "无效"
}
