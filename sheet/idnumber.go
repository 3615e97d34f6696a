package sheet

import (
	"errors"
	"strings"
	"time"

	"hedui/idcard"
)

// msgExcelScientific is shown for the commonest damage to office files.
const msgExcelScientific = "身份证号码被Excel转换成了数字，请把该列设为文本格式后重新导出"

// IDProblem says what is wrong with an ID number cell.
type IDProblem int

const (
	IDOK      IDProblem = iota
	IDEmpty             // the cell is empty
	IDExcel             // Excel turned it into a number and lost digits
	IDInvalid           // not a valid number (length, date, check character)
)

// CheckIDNumber validates an ID number read from a cell and returns its
// canonical 18-character form (legacy 15-digit numbers upgraded), or what
// is wrong and a Chinese message saying what to fix. Messages show the
// number masked: they are displayed and logged.
func CheckIDNumber(s string, now time.Time) (id string, p IDProblem, msg string) {
	if s == "" {
		return "", IDEmpty, "身份证号码为空"
	}
	if looksScientific(s) {
		return "", IDExcel, msgExcelScientific
	}
	if len(s) == 15 && IsDigits(s) {
		// Legacy systems still return old 15-digit numbers; the upgrade
		// is deterministic, so the caller can compare it with the subject.
		up, err := idcard.Upgrade15(s)
		if err != nil {
			return "", IDInvalid, idMessage(s, err)
		}
		s = up
	}
	n, err := idcard.Parse(s, now)
	if err != nil {
		if excelZeroed(s) {
			return "", IDExcel, "身份证号码（" + idcard.Mask(s) + "）末尾变成了0，疑似被Excel转换成了数字，请把该列设为文本格式，按原号码填写后重新导出"
		}
		return "", IDInvalid, idMessage(s, err)
	}
	return n.Canonical, IDOK, ""
}

func idMessage(s string, err error) string {
	msg := "身份证号码无效"
	var ie *idcard.Error
	if errors.As(err, &ie) {
		msg = ie.Chinese()
	}
	return msg + "（号码：" + idcard.Mask(s) + "）"
}

// looksScientific recognises "6.21002E+17": what Excel shows, and writes
// to CSV, for an ID number in a General-formatted column.
func looksScientific(s string) bool {
	if s == "" || !strings.ContainsAny(s, "eE") || s[0] < '0' || s[0] > '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c == '.', c == 'e', c == 'E', c == '+', c == '-':
		default:
			return false
		}
	}
	return true
}

// excelZeroed recognises an ID number that went through a double: Excel
// keeps 15 significant digits and other tools about 16, so the last
// digits come back as zeros and the check character no longer matches.
func excelZeroed(s string) bool {
	return len(s) == 18 && IsDigits(s) && strings.HasSuffix(s, "00")
}
