package workday_test

import (
	"errors"
	"fmt"
	"time"

	"hedui/workday"
)

func ExampleCalendar_AddWorkdays() {
	cal := workday.New()
	received := time.Date(2026, 9, 28, 16, 45, 0, 0, time.FixedZone("CST", 8*60*60))
	due, err := cal.AddWorkdays(received, 7)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(due.Format(time.DateOnly))

	overdue, _ := cal.WorkdaysBetween(due, workday.Date(2026, 10, 16))
	fmt.Println("overdue by", overdue, "working days")
	// Output:
	// 2026-10-13
	// overdue by 3 working days
}

func ExampleChineseMessage() {
	cal := workday.New()
	_, err := cal.AddWorkdays(workday.Date(2027, 12, 28), 7)
	if errors.Is(err, workday.ErrNoCalendar) {
		msg, _ := workday.ChineseMessage(err)
		fmt.Println(msg)
	}
	// Output:
	// 2028年的节假日安排尚未录入，请管理员先录入国务院办公厅当年的放假通知
}

func ExampleCalendar_SetYear() {
	cal := workday.New()
	// As an administrator would enter it from the notice; not the real one.
	err := cal.SetYear(2028, []workday.Day{
		{Date: workday.Date(2028, time.January, 1), Kind: workday.Holiday, Name: "元旦"},
		{Date: workday.Date(2028, time.January, 3), Kind: workday.Holiday, Name: "元旦"},
	})
	fmt.Println(err, cal.Covers(2028))

	err = cal.SetYear(2028, []workday.Day{
		{Date: workday.Date(2028, time.January, 4), Kind: workday.Workday, Name: "元旦"},
	})
	msg, _ := workday.ChineseMessage(err)
	fmt.Println(msg)
	// Output:
	// <nil> true
	// 2028年的放假安排有误：2028-01-04 不是周六或周日，无需设为调休上班日
}
