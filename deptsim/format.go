package deptsim

import (
	"fmt"
	"time"

	"hedui"
)

// yuanText writes fen as yuan with two decimals, as department exports do.
func yuanText(f hedui.Fen) string {
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	return fmt.Sprintf("%s%d.%02d", sign, f/100, f%100)
}

// areaText writes hundredths of a square metre as square metres.
func areaText(a int64) string { return fmt.Sprintf("%d.%02d", a/100, a%100) }

// monthText writes a month as 2025-01, the 所属期 of tax and payroll rows.
func monthText(m time.Time) string { return m.Format("2006-01") }
