package report

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// NumberScheme is the template of report numbers. It is literal text with
// three placeholders:
//
//	{county}  the county's 6-digit division code, e.g. 621002
//	{year}    the four-digit year of issue
//	{seq:N}   the sequence number within county and year, zero-padded to N
//	          digits (1–12); {seq} is not padded
//
// {seq…} must occur exactly once; literal text may not contain spaces,
// braces, slashes or backslashes (numbers end up in file names and URLs).
type NumberScheme string

// DefaultScheme gives numbers such as 621002-2026-核-000123.
const DefaultScheme NumberScheme = "{county}-{year}-核-{seq:6}"

type numberPart struct {
	literal string
	field   string // county, year or seq
	width   int    // seq's zero padding
}

func (s NumberScheme) parse() ([]numberPart, error) {
	var parts []numberPart
	seqs := 0
	rest := string(s)
	for rest != "" {
		open := strings.IndexByte(rest, '{')
		if open != 0 {
			lit := rest
			if open > 0 {
				lit = rest[:open]
			}
			for _, r := range lit {
				if r == '}' || r == '/' || r == '\\' || unicode.IsSpace(r) || !unicode.IsPrint(r) {
					return nil, fmt.Errorf("report: number scheme %q: %q not allowed in literal text", s, r)
				}
			}
			parts = append(parts, numberPart{literal: lit})
			rest = rest[len(lit):]
			continue
		}
		end := strings.IndexByte(rest, '}')
		if end < 0 {
			return nil, fmt.Errorf("report: number scheme %q: unclosed {", s)
		}
		name, arg, hasArg := strings.Cut(rest[1:end], ":")
		p := numberPart{field: name}
		switch {
		case name == "seq":
			seqs++
			if hasArg {
				w, err := strconv.Atoi(arg)
				if err != nil || w < 1 || w > 12 {
					return nil, fmt.Errorf("report: number scheme %q: {seq:N} needs N from 1 to 12", s)
				}
				p.width = w
			}
		case (name == "county" || name == "year") && !hasArg:
		default:
			return nil, fmt.Errorf("report: number scheme %q: unknown placeholder {%s}", s, rest[1:end])
		}
		parts = append(parts, p)
		rest = rest[end+1:]
	}
	if seqs != 1 {
		return nil, fmt.Errorf("report: number scheme %q must contain {seq} or {seq:N} exactly once", s)
	}
	return parts, nil
}

// Validate reports whether the scheme is well formed.
func (s NumberScheme) Validate() error {
	_, err := s.parse()
	return err
}

// FormatNumber makes a report number: county is a 6-digit division code,
// year the year of issue, seq the report's sequence number (from 1)
// within county and year. The empty scheme is DefaultScheme. A sequence
// number too long for {seq:N} is an error rather than a wider number.
func FormatNumber(scheme NumberScheme, county string, year int, seq int64) (string, error) {
	if scheme == "" {
		scheme = DefaultScheme
	}
	parts, err := scheme.parse()
	if err != nil {
		return "", err
	}
	if len(county) != 6 || strings.Trim(county, "0123456789") != "" {
		return "", fmt.Errorf("report: county code %q is not 6 digits", county)
	}
	if year < 1000 || year > 9999 {
		return "", fmt.Errorf("report: year %d is not four digits", year)
	}
	if seq < 1 {
		return "", errors.New("report: sequence numbers start at 1")
	}
	var b strings.Builder
	for _, p := range parts {
		switch p.field {
		case "":
			b.WriteString(p.literal)
		case "county":
			b.WriteString(county)
		case "year":
			b.WriteString(strconv.Itoa(year))
		case "seq":
			s := strconv.FormatInt(seq, 10)
			if p.width > 0 && len(s) > p.width {
				return "", fmt.Errorf("report: sequence number %d does not fit in %d digits", seq, p.width)
			}
			b.WriteString(strings.Repeat("0", max(0, p.width-len(s))) + s)
		}
	}
	return b.String(), nil
}
