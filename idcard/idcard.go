// Package idcard parses and validates mainland Chinese resident identity card
// numbers (居民身份证号码) as specified by GB 11643-1999.
//
// A number has 18 characters: a 6-digit area code, an 8-digit birth date
// (YYYYMMDD), a 3-digit sequence whose parity encodes gender (odd = male,
// even = female) and an ISO 7064 MOD 11-2 check character (0-9 or X).
//
// Area codes are deliberately not looked up in a table: administrative
// divisions are merged and renamed every year, and residence permits for
// Hong Kong, Macau and Taiwan residents use 81, 82 and 83, so any table would
// eventually reject real people. Only the shape of the area code is checked.
//
// Identity numbers are personal data. No error produced by this package ever
// contains a full number, and Number formats itself masked, so that values
// which end up in logs do not leak. Use Mask to show a number to a person.
package idcard

import (
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode"
)

// Number is a parsed and validated 18-character identity number.
type Number struct {
	// Canonical is the number in its storage form: 18 ASCII characters,
	// with an upper-case X check character.
	Canonical string
	// Area is the 6-digit administrative division code (first 6 characters).
	Area string
	// Birth is the civil birth date at midnight UTC, so that it compares
	// equal regardless of the time zone of the machine doing the import.
	Birth time.Time
	// Male reports an odd sequence number.
	Male bool
}

// Gender returns "male" or "female".
func (n Number) Gender() string {
	if n.Male {
		return "male"
	}
	return "female"
}

// String returns the masked number, so that printing a Number with fmt —
// the usual way data reaches a log — does not disclose it.
func (n Number) String() string { return Mask(n.Canonical) }

// LogValue implements slog.LogValuer. slog's JSON handler would otherwise
// marshal the struct fields and write Canonical in full.
func (n Number) LogValue() slog.Value { return slog.StringValue(Mask(n.Canonical)) }

// earliestBirth bounds birth dates from below: nobody alive or in living
// records was born earlier, and GB 11643-1999's own sample is 1880-01-01.
const earliestBirth = 18800101

// weights are 2^(17-i) mod 11, the ISO 7064 MOD 11-2 weights.
var weights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// checkChars is indexed by the weighted sum mod 11.
const checkChars = "10X98765432"

// checkOf assumes its argument starts with 17 ASCII digits.
func checkOf[T string | []byte](b T) byte {
	sum := 0
	for i, w := range weights {
		sum += int(b[i]-'0') * w
	}
	return checkChars[sum%11]
}

// Parse validates s and returns the number it encodes.
//
// Surrounding white space (including the ideographic space U+3000 and a
// stray byte-order mark) is ignored, and full-width digits and a lower-case
// or full-width X are accepted, because numbers are routinely pasted from
// word processors and spreadsheets. The birth date must be a real calendar
// date between 1880-01-01 and the calendar date of now in now's location.
//
// Errors are always of type *Error. For canonical ASCII input Parse does not
// allocate.
func Parse(s string, now time.Time) (Number, error) {
	c, e := normalize(s, 18)
	if e != nil {
		return Number{}, e
	}
	if c[0] == '0' {
		return Number{}, &Error{Reason: ReasonArea}
	}
	y, m, d := atoi(c[6:10]), atoi(c[10:12]), atoi(c[12:14])
	if !validDate(y, m, d) {
		return Number{}, &Error{Reason: ReasonBirthDate, Birth: c[6:14]}
	}
	key := y*10000 + m*100 + d
	if key < earliestBirth {
		return Number{}, &Error{Reason: ReasonBirthTooEarly, Birth: c[6:14]}
	}
	ny, nm, nd := now.Date()
	if key > ny*10000+int(nm)*100+nd {
		return Number{}, &Error{Reason: ReasonBirthFuture, Birth: c[6:14]}
	}
	if want := checkOf(c); want != c[17] {
		return Number{}, &Error{Reason: ReasonCheckDigit, Expected: want, Found: c[17]}
	}
	return Number{
		Canonical: c,
		Area:      c[:6],
		Birth:     time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC),
		Male:      (c[16]-'0')%2 == 1,
	}, nil
}

// Valid reports whether Parse accepts s today.
func Valid(s string) bool {
	_, err := Parse(s, time.Now())
	return err == nil
}

// CheckChar returns the check character ('0'-'9' or 'X') for the first 17
// characters of a number, which must be exactly 17 ASCII digits.
func CheckChar(first17 string) (byte, error) {
	if len(first17) != 17 {
		return 0, fmt.Errorf("idcard: CheckChar needs 17 digits, got %d bytes", len(first17))
	}
	for i := 0; i < 17; i++ {
		if !isDigit(first17[i]) {
			return 0, fmt.Errorf("idcard: CheckChar needs 17 digits, byte %d is not a digit", i+1)
		}
	}
	return checkOf(first17), nil
}

// Upgrade15 converts a legacy 15-digit number (6-digit area, YYMMDD birth
// date in the 1900s, 3-digit sequence) to its 18-character form by inserting
// the century and appending the check character. Input is normalised as in
// Parse. Errors are of type *Error with Legacy set.
func Upgrade15(s string) (string, error) {
	c, e := normalize(s, 15)
	if e != nil {
		return "", e
	}
	if c[0] == '0' {
		return "", &Error{Reason: ReasonArea, Legacy: true}
	}
	if !validDate(1900+atoi(c[6:8]), atoi(c[8:10]), atoi(c[10:12])) {
		return "", &Error{Reason: ReasonBirthDate, Birth: c[6:12], Legacy: true}
	}
	var b [18]byte
	copy(b[:6], c[:6])
	b[6], b[7] = '1', '9'
	copy(b[8:17], c[6:15])
	b[17] = checkOf(b[:])
	return string(b[:]), nil
}

// Make builds a valid 18-character number from its parts, computing the
// check character. It exists for test-data generators: choose an odd seq for
// a male and an even one for a female. The result passes Parse whenever
// birth lies between 1880-01-01 and the parse date; birth's calendar date is
// taken in its own location.
//
// Make panics if area is not 6 ASCII digits starting with 1-9, if seq is
// outside 0-999, or if birth's year does not have 4 digits, because those
// are programming errors in the generator, not data to be reported.
func Make(area string, birth time.Time, seq int) string {
	if len(area) != 6 || area[0] == '0' || !allDigits(area) {
		panic(fmt.Sprintf("idcard.Make: area %q is not 6 digits starting with 1-9", area))
	}
	if seq < 0 || seq > 999 {
		panic(fmt.Sprintf("idcard.Make: seq %d is outside 0-999", seq))
	}
	y, m, d := birth.Date()
	if y < 1000 || y > 9999 {
		panic(fmt.Sprintf("idcard.Make: birth year %d does not have 4 digits", y))
	}
	var b [18]byte
	copy(b[:6], area)
	putDigits(b[6:10], y)
	putDigits(b[10:12], int(m))
	putDigits(b[12:14], d)
	putDigits(b[14:17], seq)
	b[17] = checkOf(b[:])
	return string(b[:])
}

// Age returns the number of completed years on the calendar date of on (in
// on's location). Someone born on 29 February gains a year on 1 March in
// common years, the usual civil-law reading. Dates before birth yield 0.
func Age(n Number, on time.Time) int {
	by, bm, bd := n.Birth.Date()
	oy, om, od := on.Date()
	if bm == time.February && bd == 29 && !isLeap(oy) {
		bm, bd = time.March, 1
	}
	age := oy - by
	if om < bm || (om == bm && od < bd) {
		age--
	}
	return max(age, 0)
}

// normalize trims s, folds full-width and lower-case forms to canonical
// ASCII and checks that exactly want characters remain, all digits except
// that an 18-character number may end in X. It returns a substring of s
// when s is already canonical so that the common path does not allocate.
func normalize(s string, want int) (string, *Error) {
	if len(s) == want && canonical(s) {
		return s, nil // nearly every row of a batch import takes this path
	}
	t := strings.TrimFunc(s, isBlank)
	var buf [18]byte
	n, badPos, changed := 0, 0, false
	var badChar rune
	for _, r := range t {
		n++
		if n > want || badPos != 0 {
			continue // only the count matters now
		}
		c := fold(r)
		if c == 0 || (c == 'X' && (want != 18 || n != want)) {
			badPos, badChar = n, r
			continue
		}
		if rune(c) != r {
			changed = true
		}
		buf[n-1] = c
	}
	legacy := want == 15
	if n != want {
		return "", &Error{Reason: ReasonLength, Length: n, Legacy: legacy}
	}
	if badPos != 0 {
		return "", &Error{Reason: ReasonCharacters, Pos: badPos, Char: badChar, Legacy: legacy}
	}
	if !changed {
		return t, nil
	}
	return string(buf[:want]), nil
}

// canonical reports whether s is already in storage form, byte for byte.
func canonical(s string) bool {
	last := len(s) - 1
	if !allDigits(s[:last]) {
		return false
	}
	return isDigit(s[last]) || (s[last] == 'X' && len(s) == 18)
}

// fold maps a character to its canonical ASCII digit or 'X', or 0 if it can
// never appear in a number.
func fold(r rune) byte {
	switch {
	case r >= '0' && r <= '9':
		return byte(r)
	case r >= '０' && r <= '９':
		return byte(r-'０') + '0'
	case r == 'X', r == 'x', r == 'Ｘ', r == 'ｘ':
		return 'X'
	}
	return 0
}

// isBlank covers Unicode white space (which includes U+3000 and U+00A0) plus
// the zero-width characters that spreadsheets and CSV exports leave behind.
func isBlank(r rune) bool {
	return unicode.IsSpace(r) || r == '\uFEFF' || r == '\u200B'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// atoi assumes s holds only ASCII digits, which normalize guarantees.
func atoi(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}

// putDigits writes v zero-padded to fill b.
func putDigits(b []byte, v int) {
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = byte('0' + v%10)
		v /= 10
	}
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func validDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	switch m {
	case 2:
		if isLeap(y) {
			return d <= 29
		}
		return d <= 28
	case 4, 6, 9, 11:
		return d <= 30
	}
	return d <= 31
}
