package batchfile

import (
	"hedui/sheet"
)

// col identifies a column this package knows. Files may hold them in any
// order and may add columns of their own.
type col int

const (
	colQueryID col = iota
	colSubjectRef
	colName
	colIDNumber
	colItem
	colItemLabel
	colDueOn
	colNoRecord
	colKind
	colAmount
	colQuantity
	colArea
	colPeriodFrom
	colPeriodTo
	colDescription
	colAsOf
	numCols
)

// column describes a known column.
type column struct {
	header  string   // the Chinese header this package writes
	code    string   // the English code, accepted on input like the header
	aliases []string // other spellings seen in office files
	width   float64  // XLSX column width in characters
	text    bool     // XLSX: keep the column as text so Excel keeps every digit
}

var columns = [numCols]column{
	colQueryID:     {header: "查询编号", code: "query_id", width: 24, text: true},
	colSubjectRef:  {header: "对象编号", code: "subject_ref", width: 26, text: true},
	colName:        {header: "姓名", code: "name", width: 10},
	colIDNumber:    {header: "身份证号码", code: "id_number", aliases: []string{"身份证号", "公民身份号码"}, width: 21, text: true},
	colItem:        {header: "核对项目代码", code: "item", width: 18},
	colItemLabel:   {header: "核对项目", code: "item_label", aliases: []string{"核对项目名称"}, width: 14},
	colDueOn:       {header: "反馈截止日期", code: "due_on", width: 13},
	colNoRecord:    {header: "查无记录", code: "no_record", width: 10},
	colKind:        {header: "记录类型", code: "kind", width: 12},
	colAmount:      {header: "金额(元)", code: "amount_yuan", aliases: []string{"金额", "amount"}, width: 16},
	colQuantity:    {header: "数量", code: "quantity", width: 8},
	colArea:        {header: "面积(平方米)", code: "area_m2", aliases: []string{"面积", "面积(㎡)", "面积(m2)"}, width: 14},
	colPeriodFrom:  {header: "起始日期", code: "period_from", aliases: []string{"开始日期"}, width: 13},
	colPeriodTo:    {header: "截止日期", code: "period_to", aliases: []string{"结束日期"}, width: 13},
	colDescription: {header: "说明", code: "description", aliases: []string{"备注"}, width: 30},
	colAsOf:        {header: "数据截止日期", code: "as_of", width: 13},
}

// requestLayout and answerLayout are the columns written, in order.
var (
	requestLayout = []col{colQueryID, colSubjectRef, colName, colIDNumber, colItem, colItemLabel, colDueOn}
	answerLayout  = []col{colQueryID, colSubjectRef, colIDNumber, colItem, colItemLabel, colNoRecord,
		colKind, colAmount, colQuantity, colArea, colPeriodFrom, colPeriodTo, colDescription, colAsOf}
)

// extraWidth is the XLSX width of a department's own columns.
const extraWidth = 16

// byHeader maps every accepted spelling, normalised, to its column.
var byHeader = func() map[string]col {
	m := make(map[string]col)
	for c := range numCols {
		d := columns[c]
		for _, s := range append([]string{d.header, d.code}, d.aliases...) {
			m[sheet.NormHeader(s)] = c
		}
	}
	return m
}()

// lookupHeader returns the known column a header names.
func lookupHeader(h string) (col, bool) {
	c, ok := byHeader[sheet.NormHeader(h)]
	return c, ok
}

// headerRow lists the headers of a layout followed by extra field names.
func headerRow(layout []col, extras []string) []string {
	row := make([]string, 0, len(layout)+len(extras))
	for _, c := range layout {
		row = append(row, columns[c].header)
	}
	return append(row, extras...)
}

// sheetColumns is the XLSX presentation of a layout plus extra columns.
func sheetColumns(layout []col, extras []string) []sheet.Column {
	out := make([]sheet.Column, 0, len(layout)+len(extras))
	for _, c := range layout {
		out = append(out, sheet.Column{Width: columns[c].width, Text: columns[c].text})
	}
	for range extras {
		out = append(out, sheet.Column{Width: extraWidth})
	}
	return out
}
