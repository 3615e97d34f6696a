// Package division ships the administrative divisions hedui is deployed in:
// 甘肃省, its cities, and 庆阳市's counties and townships, from the 2023
// statistical division codes. The table is data compiled into the binary so
// that a fresh machine needs no download; an administrator loads it into the
// store with `hedui migrate` or `hedui demo`.
package division

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"strings"

	"hedui"
)

//go:embed qingyang-divisions.csv
var qingyangCSV string

// Qingyang returns the divisions of 甘肃省 and 庆阳市, parents before
// children.
func Qingyang() ([]hedui.Division, error) { return Parse(qingyangCSV) }

// Parse reads a divisions table with the header code,name,level,parent_code.
func Parse(text string) ([]hedui.Division, error) {
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(text, "\ufeff")))
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("division: %w", err)
	}
	if len(rows) == 0 || strings.Join(rows[0], ",") != "code,name,level,parent_code" {
		return nil, fmt.Errorf("division: header must be code,name,level,parent_code")
	}
	seen := map[string]bool{}
	out := make([]hedui.Division, 0, len(rows)-1)
	for i, row := range rows[1:] {
		d := hedui.Division{Code: row[0], Name: row[1], Level: hedui.Level(row[2]), ParentCode: row[3]}
		want := 6
		switch d.Level {
		case hedui.LevelTownship:
			want = 9
		case hedui.LevelProvince, hedui.LevelCity, hedui.LevelCounty:
		default:
			return nil, fmt.Errorf("division: line %d: unknown level %q", i+2, d.Level)
		}
		if len(d.Code) != want || strings.Trim(d.Code, "0123456789") != "" {
			return nil, fmt.Errorf("division: line %d: code %q is not %d digits", i+2, d.Code, want)
		}
		if d.ParentCode != "" && !seen[d.ParentCode] {
			return nil, fmt.Errorf("division: line %d: parent %s not listed before %s", i+2, d.ParentCode, d.Code)
		}
		if seen[d.Code] {
			return nil, fmt.Errorf("division: line %d: code %s listed twice", i+2, d.Code)
		}
		seen[d.Code] = true
		out = append(out, d)
	}
	return out, nil
}
