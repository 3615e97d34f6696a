package batchfile

import (
	"fmt"
	"io"

	"hedui"
	"hedui/sheet"
)

// ReadRequest reads a request file, as WriteRequest writes it, back into
// the queries it asks: the department's side of the batch channel. The
// format is told from the content (CSV in UTF-8, with or without the mark,
// or GB18030; or XLSX), and headers are matched as loosely as in answer
// files. Queries come in the order of their first rows, with their
// subjects and items in first-row order; each has ID, Items, DueOn and
// Subjects with Ref, Name and the canonical IDNumber. Nothing else of a
// hedui.Query travels in the file. Columns other than the request's, such
// as answer columns a liaison filled in, are ignored.
//
// Unlike ReadAnswers it is strict: the file comes from the centre's
// software, so any bad row (a missing id, an unknown item, an invalid ID
// number, a subject ref that names two people or sits in two queries, two
// due dates for one query) makes the whole file an error, whose Chinese
// message names the first bad row. Rows repeated verbatim are harmless
// and read once.
func ReadRequest(name string, r io.Reader, opt ReadOptions) ([]hedui.Query, error) {
	const op = "batchfile.ReadRequest"
	opt = opt.WithDefaults(DefaultMaxBytes, DefaultMaxRows)
	data, err := sheet.ReadAll(r, opt.MaxBytes+1)
	if err != nil {
		return nil, hedui.E(op, hedui.KindTransient, "read_failed", "读取请求文件失败，请重试", err)
	}
	if int64(len(data)) > opt.MaxBytes {
		return nil, hedui.Errorf(op, hedui.KindTooLarge, "file_too_large", "请求文件超过%s的大小上限", sheet.SizeText(opt.MaxBytes))
	}
	rq := &requestReader{rd: newReader(&Import{Name: name}, opt), byID: map[string]int{}, refs: map[string]subjectRow{}}
	if err := rq.rd.readTable(data, rq.row); err != nil {
		if hedui.CodeOf(err) == "missing_columns" {
			// The answer reader's message tells a liaison how to fill in
			// an answer; this file should have come from the centre.
			err = hedui.E("", hedui.KindInvalid, "missing_columns",
				"不是核对请求文件：表头须包含查询编号、对象编号、身份证号码、核对项目代码（或核对项目）", err)
		}
		return nil, hedui.E(op, err)
	}
	if ps := rq.rd.imp.Problems; len(ps) > 0 {
		more := ""
		if len(ps) > 1 {
			more = fmt.Sprintf("（另有%d处问题）", len(ps)-1)
		}
		return nil, hedui.Errorf(op, hedui.KindInvalid, "invalid_request", "请求文件第%d行有误：%s%s", ps[0].Line, ps[0].Message, more)
	}
	return rq.queries, nil
}

// requestReader collects the queries of a request file row by row.
type requestReader struct {
	rd      *reader
	queries []hedui.Query
	byID    map[string]int        // query id → index in queries
	refs    map[string]subjectRow // subject ref → where it was first seen
}

// subjectRow is a subject as its first row gave it.
type subjectRow struct {
	query string
	s     hedui.Subject
	line  int
}

// row reads one non-empty data row; problems go to rd.imp.Problems.
func (rq *requestReader) row(line int, cells []string) {
	rs := &rowState{rd: rq.rd, line: line, cells: cells}
	queryID, ref := rs.get(colQueryID), rs.get(colSubjectRef)
	if queryID == "" {
		rs.fail(colQueryID, ProblemQueryID, "查询编号为空")
	}
	if ref == "" {
		rs.fail(colSubjectRef, ProblemSubjectRef, "对象编号为空")
	}
	item, _ := rs.item()
	id, code, msg := checkIDNumber(rs.get(colIDNumber), rq.rd.civil)
	if msg != "" {
		rs.fail(colIDNumber, code, msg)
	}
	due := parseCell(rs, colDueOn, ProblemDate, rq.rd.dates.Parse)
	if rs.bad {
		return
	}
	s := hedui.Subject{Ref: ref, Name: rs.get(colName), IDNumber: id}

	i, seen := rq.byID[queryID]
	if !seen {
		i = len(rq.queries)
		rq.byID[queryID] = i
		rq.queries = append(rq.queries, hedui.Query{ID: queryID, DueOn: due})
	}
	q := &rq.queries[i]
	if q.DueOn != due {
		rs.fail(colDueOn, ProblemDate, fmt.Sprintf("同一查询%s的反馈截止日期前后不一致（%s与%s）", sheet.Quote(queryID), q.DueOn, due))
		return
	}
	switch first, known := rq.refs[ref]; {
	case !known:
		rq.refs[ref] = subjectRow{queryID, s, line}
		q.Subjects = append(q.Subjects, s)
	case first.query != queryID:
		rs.fail(colSubjectRef, ProblemSubjectRef, fmt.Sprintf("对象编号%s在第%d行属于查询%s，一个对象只能属于一个查询", sheet.Quote(ref), first.line, sheet.Quote(first.query)))
		return
	case first.s.IDNumber != id:
		rs.fail(colIDNumber, ProblemIDConflict, fmt.Sprintf("对象编号%s在第%d行的身份证号码与本行不同", sheet.Quote(ref), first.line))
		return
	case first.s.Name != s.Name:
		rs.fail(colName, ProblemSubjectRef, fmt.Sprintf("对象编号%s在第%d行的姓名与本行不同", sheet.Quote(ref), first.line))
		return
	}
	if !containsItem(q.Items, item) {
		q.Items = append(q.Items, item)
	}
}

func containsItem(items []hedui.Item, it hedui.Item) bool {
	for _, x := range items {
		if x == it {
			return true
		}
	}
	return false
}

// readTable reads the table in data, CSV or the first XLSX sheet with a
// header row, and hands each non-empty row after the header to row. It
// fills in Import's Format, Encoding and Sheet and counts Import.Rows
// against ReadOptions.MaxRows.
//
// It is the reading request and answer files share; only what a row
// means differs.
func (rd *reader) readTable(data []byte, row func(line int, cells []string)) error {
	b, err := sheet.Open(data, rd.opt.MaxBytes*sheet.UnpackFactor)
	if err != nil {
		return err
	}
	defer b.Close()
	rd.imp.Format, rd.imp.Encoding = b.Format, b.Encoding
	if b.Format == sheet.CSV {
		// A data row takes at least the ids and an ID number, some 32
		// bytes; the bound keeps a file of blank lines from reserving
		// much memory.
		rd.sizeFor(min(b.Lines(), len(data)/32, rd.opt.MaxRows))
	}
	isHeader := func(h string) bool { _, ok := lookupHeader(h); return ok }
	found, err := b.Each(isHeader, func(h sheet.Header) error {
		rd.imp.Sheet, rd.dates, rd.xlsx = h.Sheet, h.Dates, h.XLSX
		return rd.setHeader(h.Cells)
	}, func(line int, cells []string) error {
		rd.imp.Rows++
		if rd.imp.Rows > rd.opt.MaxRows {
			return hedui.Errorf("", hedui.KindTooLarge, "too_many_rows", "文件超过%d行的上限，请拆分成多个文件分别上传", rd.opt.MaxRows)
		}
		row(line, cells)
		return nil
	})
	if err == nil && !found {
		return rd.missingColumns()
	}
	return err
}
