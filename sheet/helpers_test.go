package sheet

import (
	"time"

	"hedui"
	"hedui/idcard"
)

// testNow is the clock of every test: mid-March 2026, Beijing time.
var testNow = time.Date(2026, 3, 15, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

// testID returns the n-th synthetic ID number, valid and distinct.
func testID(n int) string {
	return idcard.Make("621002", time.Date(1960+n%40, time.Month(1+n%12), 1+n%28, 0, 0, 0, 0, time.UTC), 10+n%900)
}

func date(y int, m time.Month, d int) hedui.Date {
	return hedui.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}
