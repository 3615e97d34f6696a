package batchfile

import (
	"fmt"
	"time"

	"hedui"
	"hedui/sheet"
)

// rowState is one data row while it is being read.
type rowState struct {
	rd    *reader
	line  int
	cells []string
	bad   bool // a problem was reported; the row is not imported
}

// get returns the cleaned value of a known column, "" when absent.
func (rs *rowState) get(c col) string {
	i := rs.rd.idx[c]
	if i < 0 || i >= len(rs.cells) {
		return ""
	}
	return sheet.Clean(rs.cells[i])
}

func (rs *rowState) fail(c col, code, msg string) {
	rs.bad = true
	rs.rd.problem(rs.line, c, code, msg)
}

// parseCell parses an optional column, reporting a bad value as a problem
// that names the column and quotes the value. Absent values are zero.
func parseCell[T any](rs *rowState, c col, code string, parse func(string) (T, error)) T {
	var zero T
	s := rs.get(c)
	if s == "" {
		return zero
	}
	if rs.rd.xlsx {
		s = sheet.ExcelNumber(s)
	}
	v, err := parse(s)
	if err != nil {
		rs.fail(c, code, rs.rd.colName(c)+sheet.Quote(s)+"无效："+err.Error())
		return zero
	}
	return v
}

// recordCols are the columns whose values make a row a record.
var recordCols = []col{colKind, colAmount, colQuantity, colArea, colPeriodFrom, colPeriodTo, colDescription}

// row reads one non-empty data row and files it under its answer.
func (rd *reader) row(line int, cells []string) {
	rs := &rowState{rd: rd, line: line, cells: cells}
	queryID, ref := rs.get(colQueryID), rs.get(colSubjectRef)
	if queryID == "" {
		rs.fail(colQueryID, ProblemQueryID, "查询编号为空，请按核对请求文件原样填写")
	}
	if ref == "" {
		rs.fail(colSubjectRef, ProblemSubjectRef, "对象编号为空，请按核对请求文件原样填写")
	}
	item, itemOK := rs.item()
	id, code, msg := checkIDNumber(rs.get(colIDNumber), rd.civil)
	if msg != "" {
		rs.fail(colIDNumber, code, msg)
	}

	noRecordText := rs.get(colNoRecord)
	noRecord, noRecordErr := sheet.ParseYesNo(noRecordText)
	if noRecordErr != nil {
		rs.fail(colNoRecord, ProblemNoRecord, "查无记录"+sheet.Quote(noRecordText)+"无法识别："+noRecordErr.Error())
	}
	rec := hedui.Record{
		Kind:        rs.get(colKind),
		AmountFen:   parseCell(rs, colAmount, ProblemAmount, sheet.ParseYuan),
		Quantity:    parseCell(rs, colQuantity, ProblemQuantity, sheet.ParseQuantity),
		AreaM2x100:  parseCell(rs, colArea, ProblemArea, sheet.ParseArea),
		PeriodFrom:  parseCell(rs, colPeriodFrom, ProblemDate, rd.dates.Parse),
		PeriodTo:    parseCell(rs, colPeriodTo, ProblemDate, rd.dates.Parse),
		Description: rs.get(colDescription),
		Fields:      rs.fields(),
	}
	asOf := parseCell(rs, colAsOf, ProblemDate, rd.dates.Parse)

	content := rec.Fields != nil
	for _, c := range recordCols {
		content = content || rs.get(c) != ""
	}
	switch {
	case noRecord && content:
		rs.fail(colNoRecord, ProblemNoRecordAndRecords, "本行标记了查无记录，却又填写了记录内容：有记录请把查无记录改为“否”，否则请删除记录内容")
	case !noRecord && !content && noRecordErr == nil:
		rs.fail(noCol, ProblemNoContent, "本行既未标记查无记录，也没有记录内容：查无记录请在“查无记录”列填“是”，否则请填写记录类型、金额等")
	}
	if !rec.PeriodFrom.IsZero() && !rec.PeriodTo.IsZero() && rec.PeriodFrom.After(rec.PeriodTo.Time) {
		rs.fail(colPeriodFrom, ProblemPeriod, fmt.Sprintf("起始日期%s晚于截止日期%s，请核对", rec.PeriodFrom, rec.PeriodTo))
	}
	if asOf.After(rd.today.Time) {
		rs.fail(colAsOf, ProblemAsOfFuture, fmt.Sprintf("数据截止日期%s晚于今天，请核对", asOf))
	}
	if ref != "" && id != "" {
		if prev, seen := rd.idByRef[ref]; !seen {
			rd.idByRef[ref] = refID{id, line}
		} else if prev.id != id {
			rs.fail(colIDNumber, ProblemIDConflict, fmt.Sprintf(
				"对象编号%s在第%d行的身份证号码与本行不同，同一对象只能有一个身份证号码，请核对", sheet.Quote(ref), prev.line))
		}
	}
	k := groupKey{queryID, ref, item}
	if !rs.bad && queryID != "" && ref != "" && itemOK {
		rd.add(rs, k, id, noRecord, rec, asOf)
	}
	if rs.bad {
		rd.hold(k, itemOK, line)
	}
}

// item reads the item from its code or, failing that, its Chinese label,
// and insists the two agree when both are given: a liaison who changed one
// and not the other has made a mistake somewhere.
func (rs *rowState) item() (hedui.Item, bool) {
	code, label := rs.get(colItem), rs.get(colItemLabel)
	where := colItem
	if rs.rd.idx[colItem] < 0 {
		where = colItemLabel
	}
	switch {
	case code == "" && label == "":
		rs.fail(where, ProblemItem, "核对项目为空，请填写核对项目代码（如 bank）或名称（如 银行存贷款）")
		return "", false
	case code == "":
		it, ok := parseItem(label)
		if !ok {
			rs.fail(colItemLabel, ProblemItem, "核对项目"+sheet.Quote(label)+"无法识别，请按核对请求文件填写核对项目名称或代码")
		}
		return it, ok
	}
	it, ok := parseItem(code)
	if !ok {
		rs.fail(colItem, ProblemItem, "核对项目代码"+sheet.Quote(code)+"无法识别，请按核对请求文件填写（如 bank）")
		return "", false
	}
	if other, known := parseItem(label); label != "" && known && other != it {
		rs.fail(colItemLabel, ProblemItem, fmt.Sprintf("核对项目代码%s与核对项目%s不一致，请核对后修改其中之一", sheet.Quote(code), sheet.Quote(label)))
	}
	return it, true
}

// fields collects the department's own columns, and any value beyond the
// header, which would otherwise be lost evidence. Nil when all are empty.
func (rs *rowState) fields() map[string]string {
	var m map[string]string
	put := func(name, v string) {
		if v == "" {
			return
		}
		if m == nil {
			m = make(map[string]string, len(rs.rd.extras))
		}
		m[name] = v
	}
	for _, e := range rs.rd.extras {
		if e.idx < len(rs.cells) {
			put(e.name, sheet.Clean(rs.cells[e.idx]))
		}
	}
	for i := rs.rd.width; i < len(rs.cells); i++ {
		put(unnamed(i), sheet.Clean(rs.cells[i]))
	}
	return m
}

// checkIDNumber is sheet.CheckIDNumber with this package's problem codes.
func checkIDNumber(s string, now time.Time) (id, code, msg string) {
	id, p, msg := sheet.CheckIDNumber(s, now)
	switch p {
	case sheet.IDOK:
		return id, "", ""
	case sheet.IDEmpty:
		return "", ProblemIDNumber, "身份证号码为空，请按核对请求文件原样填写"
	case sheet.IDExcel:
		return "", ProblemIDExcel, msg
	}
	return "", ProblemIDNumber, msg
}
