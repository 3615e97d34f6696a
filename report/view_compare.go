package report

import (
	"strconv"

	"hedui"
)

func comparisonSection(title string, c *hedui.ReportContent, opt *Options) section {
	rows := c.Rows
	if len(rows) == 0 {
		rows = c.Conclusion.Rows
	}
	if len(rows) == 0 {
		return section{Title: title, Blocks: []block{{Kind: blockText, Lines: []string{"无比对项目。"}}}}
	}
	names := c.MemberNames()
	for id, name := range opt.MemberNames {
		names[id] = name
	}
	t := &table{Cols: []column{{"成员", 0.12, false}, {"项目", 0.17, false}, {"申报", 0.17, true}, {"查实", 0.17, true}, {"差额", 0.15, true}, {"结果", 0.22, false}}}
	for i := range rows {
		t.Rows = append(t.Rows, comparisonRow(&rows[i], names[rows[i].MemberID]))
	}
	return section{Title: title, Blocks: []block{
		{Kind: blockTable, Table: t},
		{Kind: blockText, Lines: []string{"注：金额单位为元，收入为核算期内合计；差额＝查实－申报；" + markPrefix + "标记为不一致或未申报但查到的项目。"}},
	}}
}

func comparisonRow(r *hedui.ComparisonRow, name string) row {
	label := r.Label
	switch {
	case label != "":
	case r.Category != "":
		label = r.Category.Label()
	case r.Asset != "":
		label = r.Asset.Label()
	default:
		label = r.Item.Label()
	}
	declared, found, diff := compared(r)
	result := r.Flag.Label()
	if r.Flag == hedui.FlagMatch && r.WithinTolerance && r.DiffFen != 0 {
		result += "（差额在容差内）"
	}
	mark := r.Flag == hedui.FlagMismatch || r.Flag == hedui.FlagUndeclared
	if mark {
		result = markPrefix + result
	}
	return row{Cells: [][]string{{orDash(name)}, {label}, {declared}, {found}, {diff}, {result}}, Mark: mark}
}

// compared formats a row's declared, found and difference columns:
// registration, counts (with floor area for homes) or amounts.
func compared(r *hedui.ComparisonRow) (declared, found, diff string) {
	open := r.Flag == hedui.FlagNoAnswer || r.Flag == hedui.FlagNotChecked
	unit := map[hedui.AssetKind]string{hedui.AssetVehicle: "辆", hedui.AssetHouse: "套", hedui.AssetBusiness: "户"}[r.Asset]
	switch {
	case r.Item == hedui.ItemHukou && r.Category == "" && r.Asset == "":
		declared, found, diff = "在册", "—", "—"
		switch {
		case r.Deceased:
			found = "已登记死亡"
		case r.Flag == hedui.FlagNotFound:
			found = "查无户籍"
		case !open:
			found = "在册"
		}
		return declared, found, diff
	case unit != "":
		declared = strconv.Itoa(r.DeclaredCount) + unit
		found = strconv.Itoa(r.FoundCount) + unit
		if r.Asset == hedui.AssetHouse {
			declared += "/" + area(r.DeclaredArea)
			found += "/" + area(r.FoundArea)
		}
		if r.ExemptCount > 0 {
			found += "（豁免" + strconv.Itoa(r.ExemptCount) + unit + "）"
		}
		d := r.FoundCount - r.DeclaredCount
		diff = strconv.Itoa(d) + unit
		if d > 0 {
			diff = "+" + diff
		}
	default:
		declared, found, diff = Money(r.DeclaredFen), Money(r.FoundFen), signedMoney(r.DiffFen)
	}
	if open {
		found, diff = "—", "—"
	}
	return declared, found, diff
}
