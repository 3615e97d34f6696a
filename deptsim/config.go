package deptsim

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"hedui"
	"hedui/division"
)

// Config says what population to generate.
type Config struct {
	Seed       uint64
	Households int // default 100
	// Townships are 9-digit codes; households are spread evenly over them.
	// Default: every township of 庆阳市 in package division.
	Townships []string
	// Now is the day the population is generated on: ages, dates and the
	// declaration's look-back period count back from it. Default: today.
	// The population is a function of Seed, Households, Townships and the
	// date of Now.
	Now time.Time
	// DiscrepancyRate is the share of households whose declaration differs
	// from the truth on purpose, or with Recipients the share whose
	// situation changed since their last review. Zero means
	// DefaultDiscrepancyRate (DefaultChangeRate with Recipients); a negative
	// rate means none.
	DiscrepancyRate float64
	// Recipients makes the households those of a 低保 and 特困 roll rather
	// than applicants: eligible at the review that recorded them on the
	// roll, with a share changed since (see recipients.go).
	Recipients bool
	// SizeWeights are the relative frequencies of households of 1, 2, …
	// members (at most 6 entries). Nil means DefaultSizeWeights.
	SizeWeights []int
}

// DefaultSizeWeights are the households that apply: three members on
// average, small households the most common.
var DefaultSizeWeights = []int{14, 26, 24, 20, 10, 6}

// RecipientSizeWeights are the households on the 低保 and 特困 rolls,
// smaller than applicants' (many old people alone, couples): 2.5 members
// on average.
var RecipientSizeWeights = []int{30, 25, 20, 15, 7, 3}

// DefaultDiscrepancyRate is the share of dishonest declarations when the
// configuration does not say.
const DefaultDiscrepancyRate = 0.3

// township is a township code with what the generator derives from it.
type township struct {
	Code, Name, County, CountyName string
	Street                         bool // 街道: urban
	Xiang                          bool // 乡 rather than 镇: more rural
}

var qingyang = sync.OnceValues(func() (map[string]hedui.Division, error) {
	ds, err := division.Qingyang()
	if err != nil {
		return nil, err
	}
	m := make(map[string]hedui.Division, len(ds))
	for _, d := range ds {
		m[d.Code] = d
	}
	return m, nil
})

// withDefaults fills in the defaults and resolves the townships. It panics
// on a malformed township code: a configuration error the caller must fix.
func (c Config) withDefaults() (Config, []township) {
	divs, err := qingyang()
	if err != nil {
		panic("deptsim: " + err.Error())
	}
	if c.Households <= 0 {
		c.Households = 100
	}
	if len(c.SizeWeights) == 0 {
		c.SizeWeights = DefaultSizeWeights
	}
	if len(c.SizeWeights) > 6 {
		panic("deptsim: SizeWeights lists more than 6 sizes")
	}
	if c.Now.IsZero() {
		c.Now = time.Now()
	}
	c.Now = hedui.DateOf(c.Now).Time
	switch {
	case c.DiscrepancyRate == 0 && c.Recipients:
		c.DiscrepancyRate = DefaultChangeRate
	case c.DiscrepancyRate == 0:
		c.DiscrepancyRate = DefaultDiscrepancyRate
	case c.DiscrepancyRate < 0:
		c.DiscrepancyRate = 0
	}
	if len(c.Townships) == 0 {
		for code, d := range divs {
			if d.Level == hedui.LevelTownship {
				c.Townships = append(c.Townships, code)
			}
		}
		slices.Sort(c.Townships) // map order must not leak into the population
	}
	towns := make([]township, len(c.Townships))
	for i, code := range c.Townships {
		if len(code) != 9 || strings.Trim(code, "0123456789") != "" || code[0] == '0' {
			panic(fmt.Sprintf("deptsim: township code %q is not 9 digits", code))
		}
		t := township{Code: code, Name: code, County: code[:6], CountyName: code[:6]}
		if d, ok := divs[code]; ok {
			t.Name = d.Name
		}
		if d, ok := divs[t.County]; ok {
			t.CountyName = d.Name
		}
		t.Street, t.Xiang = code[6] == '0', code[6] == '2'
		towns[i] = t
	}
	return c, towns
}
