package rolls

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"hedui"
	"hedui/sheet"
)

// Default limits of Options.
const (
	DefaultMaxBytes = 32 << 20
	DefaultMaxRows  = 500_000
)

// examplePrefix starts the 户编号 of the template's example row, which is
// skipped so that a template filled in below it imports as it stands.
const examplePrefix = "示例"

// Options bound and clock Parse: Now is the day against which ID numbers
// and dates are checked. Zero values take DefaultMaxBytes, DefaultMaxRows
// and time.Now.
type Options = sheet.Limits

// Parse reads a roll file of county for an import in mode. It returns an
// error only when the file as a whole cannot be used (too large, not a
// table, a required column missing, no data); problems with rows are in
// RollUpload.Problems, and a household with any bad row is left out whole
// and listed in RollUpload.Rejected.
func Parse(name string, r io.Reader, county string, mode hedui.RollMode, opt Options) (hedui.RollUpload, error) {
	const op = "rolls.Parse"
	opt = opt.WithDefaults(DefaultMaxBytes, DefaultMaxRows)
	up := hedui.RollUpload{County: county, Mode: mode, FileName: name}
	data, err := sheet.ReadAll(r, opt.MaxBytes+1)
	if err != nil {
		return up, hedui.E(op, hedui.KindTransient, "read_failed", "读取文件失败，请重新上传", err)
	}
	if int64(len(data)) > opt.MaxBytes {
		return up, hedui.Errorf(op, hedui.KindTooLarge, "file_too_large", "文件超过%s的大小上限，请按乡镇拆分成多个文件，用增量方式分别导入", sheet.SizeText(opt.MaxBytes))
	}
	sum := sha256.Sum256(data)
	up.SHA256 = hex.EncodeToString(sum[:])
	b, err := sheet.Open(data, opt.MaxBytes*sheet.UnpackFactor)
	if err != nil {
		return up, hedui.E(op, err)
	}
	defer b.Close()
	p := &parser{up: &up, now: opt.Now(), byNumber: map[string]*household{}, byID: map[string]memberAt{}}
	p.resetColumns()
	isHeader := func(h string) bool { _, ok := lookupHeader(h); return ok }
	found, err := b.Each(isHeader, p.header, func(line int, cells []string) error {
		if up.Rows >= opt.MaxRows {
			return hedui.Errorf("", hedui.KindTooLarge, "too_many_rows", "文件超过%d行的上限，请按乡镇拆分成多个文件，用增量方式分别导入", opt.MaxRows)
		}
		p.row(line, cells)
		return nil
	})
	switch {
	case err != nil:
		return up, hedui.E(op, err)
	case !found:
		return up, hedui.E(op, p.missing())
	case up.Rows == 0:
		return up, hedui.Errorf(op, hedui.KindInvalid, "empty_roll", "文件中没有名册数据行，请在表头下方每个家庭成员填写一行")
	}
	p.finish()
	return up, nil
}

// parser collects the rows of one file into households.
type parser struct {
	up       *hedui.RollUpload
	now      time.Time
	dates    sheet.Dates
	xlsx     bool
	idx      [numCols]int
	head     [numCols]string
	order    []*household // in order of first row
	byNumber map[string]*household
	byID     map[string]memberAt // canonical ID number → where first seen
	problems []lineProblem
}

// household is one 户编号's rows while they are read.
type household struct {
	h      hedui.RollHousehold
	exit   bool // a row says 退出
	filled bool // a member's row was read
	bad    bool
	first  int
	fields map[col]cell // household-level cells as first given
}

type memberAt struct {
	number string
	line   int
}

func (p *parser) header(h sheet.Header) error {
	p.dates, p.xlsx = h.Dates, h.XLSX
	p.resetColumns()
	for i, raw := range h.Cells {
		name := sheet.Clean(raw)
		c, ok := lookupHeader(name)
		if !ok {
			continue // a county's own column: ignored
		}
		if j := p.idx[c]; j >= 0 {
			return hedui.Errorf("", hedui.KindInvalid, "duplicate_column",
				"表头第%d列“%s”和第%d列“%s”是同一列，请删除或改名其中一列", j+1, p.head[c], i+1, name)
		}
		p.idx[c], p.head[c] = i, name
	}
	return p.missing()
}

func (p *parser) resetColumns() {
	for i := range p.idx {
		p.idx[i], p.head[i] = -1, ""
	}
}

// missing reports the required columns the header lacks.
func (p *parser) missing() error {
	var miss []string
	for c := range numCols {
		if columns[c].required && p.idx[c] < 0 {
			miss = append(miss, columns[c].header)
		}
	}
	if len(miss) == 0 {
		return nil
	}
	return hedui.Errorf("", hedui.KindInvalid, "missing_columns",
		"缺少必需的列：%s。请下载名册模板，按模板的列名填写表头（列的顺序不限）", strings.Join(miss, "、"))
}

func (p *parser) colName(c col) string {
	if p.head[c] != "" {
		return p.head[c]
	}
	return columns[c].header
}

func (p *parser) problem(line int, c col, format string, a ...any) {
	p.problems = append(p.problems, lineProblem{line, hedui.Problem{Source: hedui.RollRowSource(line),
		Column: p.colName(c), Message: fmt.Sprintf(format, a...)}})
}

type lineProblem struct {
	line int
	p    hedui.Problem
}

// finish hands over the good households and lists the rejected ones.
func (p *parser) finish() {
	for _, h := range p.order {
		// Household cells are checked even when a member's row is bad,
		// so that one upload reports everything to fix.
		if h.filled && !p.complete(h) {
			h.bad = true
		}
		switch {
		case h.bad:
			p.up.Rejected = append(p.up.Rejected, h.h.Number)
		case h.exit:
			p.up.Households = append(p.up.Households, hedui.RollHousehold{County: p.up.County, Number: h.h.Number,
				Status: hedui.RollExited, Row: h.first})
		default:
			p.up.Households = append(p.up.Households, h.h)
		}
	}
	sort.SliceStable(p.problems, func(i, j int) bool { return p.problems[i].line < p.problems[j].line })
	p.up.Problems = make([]hedui.Problem, len(p.problems))
	for i, lp := range p.problems {
		p.up.Problems[i] = lp.p
	}
}
