package rules

import (
	"strconv"

	"hedui"
)

// yuan writes fen as yuan with two decimals: 123456 → "1234.56".
func yuan[T ~int64](f T) string { return string(appendYuan(nil, int64(f))) }

func appendYuan(b []byte, v int64) []byte {
	if v < 0 {
		b, v = append(b, '-'), -v
	}
	b = strconv.AppendInt(b, v/100, 10)
	b = append(b, '.', byte('0'+v%100/10), byte('0'+v%10))
	return b
}

// line builds a reason text in a buffer reused from case to case, so that
// a text costs one allocation.
type line struct{ b []byte }

func (l *line) s(x string) *line  { l.b = append(l.b, x...); return l }
func (l *line) fen(v int64) *line { l.b = appendYuan(l.b, v); return l }
func (l *line) n(v int64) *line   { l.b = strconv.AppendInt(l.b, v, 10); return l }

// done returns the text and empties the buffer.
func (l *line) done() string {
	s := string(l.b)
	l.b = l.b[:0]
	return s
}

// area writes hundredths of a square metre as square metres.
func area(a int64) string { return yuan(a) }

// multiple writes basis points as a multiple: 15000 → "1.5".
func multiple(bp int) string {
	s := strconv.Itoa(bp / hedui.BP)
	if r := bp % hedui.BP; r != 0 {
		frac := strconv.Itoa(hedui.BP + r)[1:]
		for frac[len(frac)-1] == '0' {
			frac = frac[:len(frac)-1]
		}
		s += "." + frac
	}
	return s
}

// who names a member in a reason without personal data: position and
// relationship, e.g. 成员2（配偶）. Names are in the report beside it.
func (m *Model) who(id int64) string {
	for i := range m.Members {
		if m.Members[i].ID == id {
			rel := hedui.Relationship(m.Members[i].Relationship).Label()
			if m.Members[i].Relationship == string(hedui.RelHead) {
				rel = "户主"
			}
			return "成员" + strconv.Itoa(i+1) + "（" + rel + "）"
		}
	}
	return "成员"
}

func (m *Model) person(id int64) *Person {
	for i := range m.Members {
		if m.Members[i].ID == id {
			return &m.Members[i]
		}
	}
	return nil
}

// amounts describes a row's declared and found figures.
func amounts(r *hedui.ComparisonRow) string {
	switch r.Asset {
	case hedui.AssetVehicle, hedui.AssetBusiness:
		return "申报" + strconv.Itoa(r.DeclaredCount) + unit(r.Asset) + "，查得" + strconv.Itoa(r.FoundCount) + unit(r.Asset)
	case hedui.AssetHouse:
		return "申报" + strconv.Itoa(r.DeclaredCount) + "套（" + area(r.DeclaredArea) + "平方米），查得" +
			strconv.Itoa(r.FoundCount) + "套（" + area(r.FoundArea) + "平方米）"
	}
	return "申报" + yuan(r.DeclaredFen) + "元，查得" + yuan(r.FoundFen) + "元，相差" + yuan(r.DiffFen) + "元"
}

// beyond says how a row departs from the declaration.
func beyond(r *hedui.ComparisonRow) string {
	if r.Asset == hedui.AssetVehicle || r.Asset == hedui.AssetHouse || r.Asset == hedui.AssetBusiness {
		return "，与申报不符"
	}
	return "，超出容差"
}

func unit(k hedui.AssetKind) string {
	if k == hedui.AssetVehicle {
		return "辆"
	}
	return "户"
}
