// Package workday answers "which days are working days" for deadlines such
// as "reply within 7 working days", following the annual State Council
// notices (国务院办公厅关于某年部分节假日安排的通知).
//
// A working day is a Monday to Friday that the notice does not make a
// holiday (放假日), or a Saturday or Sunday that the notice makes an adjusted
// working day (调休上班日). The package never guesses: asking about a year
// whose notice has not been loaded returns an error matching ErrNoCalendar,
// because a plain Monday-to-Friday answer would be wrong around the
// Spring Festival and National Day, exactly when deadlines are disputed.
//
// # Dates
//
// All dates are civil dates. A time.Time argument contributes only its
// year, month and day as seen in its own Location; time of day is ignored.
// Dates returned by the package are at midnight UTC, which Date also
// produces, so they compare equal with == and print the same everywhere.
//
// # Notices and years
//
// Data is kept per notice, keyed by the year the notice is for. Most entries
// of the notice for year Y fall in Y, but its New Year arrangement may reach
// into December of Y-1: the 2019 notice made Saturday 2018-12-29 a working
// day and Monday 2018-12-31 a holiday. A calendar covers year Y when the
// notice for Y is loaded; December of Y also takes the entries that the
// notice for Y+1 places there, once that notice is loaded.
//
// New returns a calendar seeded with the notices for 2015 to 2027, generated
// from github.com/6tail/lunar-go (see internal/gen). Administrators add later
// notices with SetYear. A Calendar is safe for concurrent use; reads never
// block, even while a notice is being replaced.
//
// # Errors
//
// Errors are in English for logs. ChineseMessage turns the errors that users
// or administrators need to act on into Chinese text for display.
package workday

//go:generate go run ./internal/gen -o official.go
