package workday

import (
	"errors"
	"fmt"
	"time"
)

// ErrNoCalendar is matched (via errors.Is) by every error caused by a date
// whose year has no notice loaded. Use errors.As with *NoCalendarError to
// learn the year.
var ErrNoCalendar = errors.New("workday: no holiday notice loaded for this year")

// ErrInvalidSchedule is matched by every error SetYear returns for bad
// input. Use errors.As with *ScheduleError for the details.
var ErrInvalidSchedule = errors.New("workday: invalid holiday schedule")

// NoCalendarError reports the year whose notice is missing.
type NoCalendarError struct {
	Year int
}

func (e *NoCalendarError) Error() string {
	return fmt.Sprintf("workday: no holiday notice loaded for %d", e.Year)
}

// Is lets callers test with errors.Is(err, ErrNoCalendar) without caring
// about the year.
func (e *NoCalendarError) Is(target error) bool { return target == ErrNoCalendar }

// ChineseMessage is the text to show users, telling them what an
// administrator has to do.
func (e *NoCalendarError) ChineseMessage() string {
	return fmt.Sprintf("%d年的节假日安排尚未录入，请管理员先录入国务院办公厅当年的放假通知", e.Year)
}

// ScheduleError describes why SetYear rejected a notice. Date is the zero
// time when the problem concerns the notice as a whole.
type ScheduleError struct {
	Year int
	Date time.Time
	// English and Chinese descriptions of the problem, kept apart from Error
	// so that both languages stay in step in one place (the constructors).
	problem, problemZH string
}

func (e *ScheduleError) Error() string {
	if e.Date.IsZero() {
		return fmt.Sprintf("workday: invalid schedule for %d: %s", e.Year, e.problem)
	}
	return fmt.Sprintf("workday: invalid schedule for %d: %s: %s", e.Year, e.Date.Format(time.DateOnly), e.problem)
}

// Is lets callers test with errors.Is(err, ErrInvalidSchedule).
func (e *ScheduleError) Is(target error) bool { return target == ErrInvalidSchedule }

// ChineseMessage is the text to show the administrator who entered the
// notice.
func (e *ScheduleError) ChineseMessage() string {
	if e.Date.IsZero() {
		return fmt.Sprintf("%d年的放假安排有误：%s", e.Year, e.problemZH)
	}
	return fmt.Sprintf("%d年的放假安排有误：%s %s", e.Year, e.Date.Format(time.DateOnly), e.problemZH)
}

// ChineseMessage returns the Chinese text for display of err, or of the
// first error in its chain that has one (*NoCalendarError or
// *ScheduleError). It reports false for other errors, which are programming
// errors and should be logged rather than shown.
func ChineseMessage(err error) (string, bool) {
	var zh interface{ ChineseMessage() string }
	if errors.As(err, &zh) {
		return zh.ChineseMessage(), true
	}
	return "", false
}
