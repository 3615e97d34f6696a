package rolls

import (
	"io"
	"time"

	"hedui"
	"hedui/idcard"
	"hedui/sheet"
)

// templateSheet names the template's sheet.
const templateSheet = "名册"

// WriteTemplate writes an empty roll in format f: the header and one
// example row, whose 户编号 starts with 示例 so that it is skipped on
// import. Identifier columns are text in the workbook.
func WriteTemplate(w io.Writer, f sheet.Format) error {
	t := sheet.Table{Sheet: templateSheet}
	example := make([]string, numCols)
	for c := range numCols {
		d := columns[c]
		t.Header = append(t.Header, d.header)
		t.Cols = append(t.Cols, sheet.Column{Width: d.width, Text: d.text})
		example[c] = d.example
	}
	example[colIDNumber] = idcard.Make("621002", time.Date(1975, 3, 1, 0, 0, 0, 0, time.UTC), 123)
	tw, err := sheet.NewWriter(w, f, t)
	if err != nil {
		return err
	}
	if err := tw.WriteRow(example); err != nil {
		return err
	}
	return tw.Close()
}

// Write writes households as a roll file in format f, one row per member,
// in the template's layout. The department simulator and the demo use it;
// Parse reads it back to the same households.
func Write(w io.Writer, f sheet.Format, hs []hedui.RollHousehold) error {
	t := sheet.Table{Sheet: templateSheet}
	for c := range numCols {
		t.Header = append(t.Header, columns[c].header)
		t.Cols = append(t.Cols, sheet.Column{Width: columns[c].width, Text: columns[c].text})
	}
	tw, err := sheet.NewWriter(w, f, t)
	if err != nil {
		return err
	}
	row := make([]string, numCols)
	for i := range hs {
		h := &hs[i]
		if h.Status == hedui.RollExited {
			clear(row)
			row[colNumber], row[colStatus] = h.Number, "退出"
			if err := tw.WriteRow(row); err != nil {
				return err
			}
			continue
		}
		for _, m := range h.Members {
			householdCells(row, h)
			row[colName], row[colIDNumber], row[colRelationship] = m.Name, m.IDNumber, m.Relationship.Label()
			row[colDisability], row[colLabour], row[colTogether] = disabilityLabel(m.DisabilityGrade), m.Labour.Label(), sheet.YesNo(m.LivesTogether)
			row[colStatus] = ""
			if err := tw.WriteRow(row); err != nil {
				return err
			}
		}
	}
	return tw.Close()
}

func householdCells(row []string, h *hedui.RollHousehold) {
	row[colNumber], row[colRegion], row[colCategory], row[colHukou] = h.Number, h.Region, h.Category.Label(), h.Hukou.Label()
	row[colStable] = sheet.YesNo(h.Stable)
	row[colBenefit], row[colIncome] = sheet.FormatHundredths(int64(h.BenefitFen)), sheet.FormatHundredths(int64(h.IncomeFen))
	row[colSince], row[colAddress] = h.Since.String(), h.Address
	row[colLetterNumber], row[colLetterUntil] = h.LetterNumber, h.LetterUntil.String()
}

var disabilityLabels = []string{"无", "一级", "二级", "三级", "四级"}

func disabilityLabel(g int) string {
	if g >= 0 && g < len(disabilityLabels) {
		return disabilityLabels[g]
	}
	return ""
}
