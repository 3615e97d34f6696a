package deptsim

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"hedui/idcard"
)

// ids hands out ID numbers that are unique by construction: each
// (area, birth date, gender) has its own run of sequence numbers — odd for
// men from 001, even for women from 002 — and a full run moves the birth
// date by a day. No number is ever drawn at random and checked afterwards.
type ids struct {
	used map[uint64]int // key → sequence numbers handed out
	now  time.Time
}

func newIDs(now time.Time) *ids { return &ids{used: map[uint64]int{}, now: now} }

// runLength is how many sequence numbers of one parity fit in 001-999.
func runLength(male bool) int {
	if male {
		return 500 // 001, 003, …, 999
	}
	return 499 // 002, 004, …, 998
}

// next returns an ID number and the birth date it encodes, which differs
// from birth only when that day's run is full.
func (g *ids) next(area string, birth time.Time, male bool) (string, time.Time) {
	a, _ := strconv.Atoi(area)
	for shift := 0; ; shift++ {
		d := birth.AddDate(0, 0, dayOffset(shift))
		if d.After(g.now) {
			continue
		}
		y, m, day := d.Date()
		key := uint64(a)*1_000_000_000 + uint64(y*10000+int(m)*100+day)*10
		if male {
			key++
		}
		n := g.used[key]
		if n >= runLength(male) {
			continue
		}
		g.used[key] = n + 1
		// Start each run at an offset drawn from the key, so numbers do not
		// all end in 001; a rotation of the run keeps them distinct.
		slot := (n + int(key*0x9E3779B97F4A7C15>>40)) % runLength(male)
		seq := 2 + 2*slot
		if male {
			seq = 1 + 2*slot
		}
		return idcard.Make(area, d, seq), d
	}
}

// dayOffset walks 0, +1, -1, +2, -2, … so a moved birth date stays close.
func dayOffset(shift int) int {
	if shift%2 == 1 {
		return (shift + 1) / 2
	}
	return -shift / 2
}

// serials numbers plates, credit codes and certificates: a counter, mixed
// by a bijection so that consecutive households do not get consecutive
// plates, keeps them unique without bookkeeping.
type serials struct{ plate, credit, cert, account uint64 }

const plateAlphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ" // no I or O, as on plates

// plate returns the next 甘M (庆阳) plate.
func (s *serials) nextPlate() string {
	const space = 34 * 34 * 34 * 34 * 34
	s.plate++
	x := (s.plate*7919 + 104729) % space // 7919 is prime to 34, so this permutes
	var b [5]byte
	for i := 4; i >= 0; i-- {
		b[i] = plateAlphabet[x%34]
		x /= 34
	}
	return "甘M" + string(b[:])
}

// creditAlphabet is the character set of 统一社会信用代码 (GB 32100-2015).
const creditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// nextCreditCode returns a unified social credit code with a valid check
// character: prefix "92" for individual businesses, "91" for companies.
func (s *serials) nextCreditCode(prefix, area string) string {
	s.credit++
	body := fmt.Sprintf("%s%s%09d", prefix, area, (s.credit*7919+13)%1_000_000_000)
	sum := 0
	for i := range 17 {
		sum += strings.IndexByte(creditAlphabet, body[i]) * creditWeights[i]
	}
	return body + string(creditAlphabet[(31-sum%31)%31])
}

// nextCert returns a 不动产权证 number.
func (s *serials) nextCert(year int) string {
	s.cert++
	return fmt.Sprintf("甘(%d)庆阳市不动产权第%07d号", year, s.cert)
}

// nextAccount returns an account number as a department shows it: masked.
func (s *serials) nextAccount(prefix string) string {
	s.account++
	return fmt.Sprintf("%s********%04d", prefix, s.account%10000)
}
