package batchfile

import (
	"errors"
	"strings"
	"time"

	"hedui/idcard"
)

// msgExcelScientific is shown for the commonest damage to answer files.
const msgExcelScientific = "身份证号码被Excel转换成了数字，请把该列设为文本格式后重新导出"

// checkIDNumber validates the ID number of an answer row and returns its
// canonical 18-character form, or a Problem code and a Chinese message
// saying what to fix. Messages show the number masked: they are displayed
// and logged.
func checkIDNumber(s string, now time.Time) (id, code, msg string) {
	if s == "" {
		return "", ProblemIDNumber, "身份证号码为空，请按核对请求文件原样填写"
	}
	if looksScientific(s) {
		return "", ProblemIDExcel, msgExcelScientific
	}
	if len(s) == 15 && isDigits(s) {
		// Legacy systems still return old 15-digit numbers; the upgrade
		// is deterministic, so the caller can compare it with the subject.
		up, err := idcard.Upgrade15(s)
		if err != nil {
			return "", ProblemIDNumber, idMessage(s, err)
		}
		s = up
	}
	n, err := idcard.Parse(s, now)
	if err != nil {
		if excelZeroed(s) {
			return "", ProblemIDExcel, "身份证号码（" + idcard.Mask(s) + "）末尾变成了0，疑似被Excel转换成了数字，请把该列设为文本格式，按原号码填写后重新导出"
		}
		return "", ProblemIDNumber, idMessage(s, err)
	}
	return n.Canonical, "", ""
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
	return len(s) == 18 && isDigits(s) && strings.HasSuffix(s, "00")
}
