package batchfile

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"hedui"
	"hedui/sheet"
)

// noCol marks a problem with a row as a whole.
const noCol col = -1

// reader turns the rows of one answer file into an Import.
type reader struct {
	imp      *Import
	opt      ReadOptions
	now      time.Time  // Answer.ReceivedAt
	civil    time.Time  // now on China's wall clock, for idcard.Parse
	today    hedui.Date // the civil date in China
	dates    sheet.Dates
	xlsx     bool // numbers may carry float noise; see excelNumber
	idx      [numCols]int
	head     [numCols]string  // headers as written in the file
	width    int              // cells in the header row
	extras   []extraCol       // the department's own columns
	groups   []group          // in order of first row
	byKey    map[groupKey]int // index in groups
	records  []hedui.Record   // backing store of single-record answers
	held     map[groupKey]int // scope of a bad row → its line; see hold
	idByRef  map[string]refID
	canon    []byte   // canonical rows of all groups; see span
	fieldKey []string // scratch for sorting field names
}

// extraCol is a column kept verbatim in Record.Fields.
type extraCol struct {
	idx  int
	name string
}

type groupKey struct {
	queryID, ref string
	item         hedui.Item
}

// group collects the good rows of one answer.
type group struct {
	answer hedui.Answer
	id     string // canonical ID number
	first  int    // line of the first row
	row    span   // its canonical row in reader.canon
	more   []span // those of further rows, in file order
}

// span locates a canonical row in reader.canon. Rows are kept in one
// buffer and hashed at the end because most answers have a single row:
// a running hash per answer would cost an allocation each.
type span struct{ from, to int }

type refID struct {
	id   string
	line int
}

func newReader(imp *Import, opt ReadOptions) *reader {
	now := opt.Now()
	rd := &reader{
		imp: imp, opt: opt, now: now, civil: hedui.Civil(now), today: hedui.Today(now),
		held: map[groupKey]int{}, idByRef: map[string]refID{},
	}
	rd.sizeFor(0)
	rd.resetColumns()
	return rd
}

// sizeFor allocates for about rows answers at once: growing maps and
// slices row by row costs more than reading the rows.
func (rd *reader) sizeFor(rows int) {
	rd.byKey = make(map[groupKey]int, rows)
	rd.groups = make([]group, 0, rows)
	rd.records = make([]hedui.Record, 0, rows)
	rd.canon = make([]byte, 0, rows*128)
}

func (rd *reader) resetColumns() {
	for i := range rd.idx {
		rd.idx[i], rd.head[i] = -1, ""
	}
	rd.extras, rd.width = nil, 0
}

// colName is how a column is called in messages: as the file calls it.
func (rd *reader) colName(c col) string {
	if c == noCol {
		return ""
	}
	if h := rd.head[c]; h != "" {
		return h
	}
	return columns[c].header
}

func (rd *reader) setHeader(cells []string) error {
	rd.resetColumns()
	rd.width = len(cells)
	names := map[string]int{}
	for i, raw := range cells {
		h := sheet.Clean(raw)
		if h == "" {
			rd.extras = append(rd.extras, extraCol{i, unnamed(i)})
			continue
		}
		if c, ok := lookupHeader(h); ok {
			if j := rd.idx[c]; j >= 0 {
				return duplicateColumn(rd.head[c], j, h, i)
			}
			rd.idx[c], rd.head[c] = i, h
			continue
		}
		n := sheet.NormHeader(h)
		if j, dup := names[n]; dup {
			return duplicateColumn(sheet.Clean(cells[j]), j, h, i)
		}
		names[n] = i
		rd.extras = append(rd.extras, extraCol{i, h})
	}
	return rd.missingColumns()
}

// unnamed names a column without a header, so that its values are kept.
func unnamed(i int) string { return "第" + strconv.Itoa(i+1) + "列" }

func duplicateColumn(a string, i int, b string, j int) error {
	return hedui.Errorf("", hedui.KindInvalid, "duplicate_column",
		"表头第%d列“%s”和第%d列“%s”是同一列，请删除或改名其中一列", i+1, a, j+1, b)
}

// missingColumns reports the required columns the header lacks.
func (rd *reader) missingColumns() error {
	var miss []string
	for _, c := range []col{colQueryID, colSubjectRef, colIDNumber} {
		if rd.idx[c] < 0 {
			miss = append(miss, columns[c].header)
		}
	}
	if rd.idx[colItem] < 0 && rd.idx[colItemLabel] < 0 {
		miss = append(miss, "核对项目代码（或核对项目）")
	}
	if len(miss) == 0 {
		return nil
	}
	return hedui.Errorf("", hedui.KindInvalid, "missing_columns",
		"缺少必需的列：%s。表头须包含查询编号、对象编号、身份证号码、核对项目代码（或核对项目），请在核对中心下发的请求文件上填写反馈",
		strings.Join(miss, "、"))
}

func (rd *reader) problem(line int, c col, code, msg string) {
	rd.imp.Problems = append(rd.imp.Problems, Problem{Line: line, Column: rd.colName(c), Code: code, Message: msg})
}

// hold records that a bad row may belong to answers, which must then not
// be imported in part. The scope is as narrow as the row allows: its
// answer when ref and item are readable, all of the subject's answers when
// only the ref is (refs are unique across queries), all of the query's
// when only the query id is. A row with neither can be tied to nothing;
// it is only reported.
func (rd *reader) hold(k groupKey, itemOK bool, line int) {
	switch {
	case k.ref != "" && itemOK:
		k.queryID = ""
	case k.ref != "":
		k.queryID, k.item = "", ""
	case k.queryID != "":
		k.item = ""
	default:
		return
	}
	if _, ok := rd.held[k]; !ok {
		rd.held[k] = line
	}
}

// heldBy returns the line of a bad row that holds g back, or 0.
func (rd *reader) heldBy(g *group) int {
	a := g.answer
	for _, k := range [...]groupKey{{ref: a.SubjectRef, item: a.Item}, {ref: a.SubjectRef}, {queryID: a.QueryID}} {
		if line, ok := rd.held[k]; ok {
			return line
		}
	}
	return 0
}

// finish turns the groups into answers, holding back those with a bad row.
func (rd *reader) finish() {
	rd.imp.Answers = make([]hedui.Answer, 0, len(rd.groups))
	rd.imp.IDNumbers = make(map[string]string, len(rd.idByRef))
	for i := range rd.groups {
		g := &rd.groups[i]
		if bad := rd.heldBy(g); bad != 0 {
			rd.problem(g.first, noCol, ProblemHeldBack, fmt.Sprintf(
				"本行未导入：第%d行有错误，且与本行属于同一项反馈。为免只导入部分记录，该项反馈整体未导入，请修正第%d行后重新导入整个文件",
				bad, bad))
			continue
		}
		a := g.answer
		a.Source = rd.imp.Name + ":" + strconv.Itoa(g.first)
		a.PayloadSHA256 = rd.payloadHash(g)
		rd.imp.Answers = append(rd.imp.Answers, a)
		rd.imp.IDNumbers[a.SubjectRef] = g.id
	}
}

// payloadHash is the hex SHA-256 of an answer's canonical rows.
func (rd *reader) payloadHash(g *group) string {
	var sum [sha256.Size]byte
	if len(g.more) == 0 {
		sum = sha256.Sum256(rd.canon[g.row.from:g.row.to])
	} else {
		h := sha256.New()
		for _, r := range append([]span{g.row}, g.more...) {
			h.Write(rd.canon[r.from:r.to])
		}
		h.Sum(sum[:0])
	}
	return hex.EncodeToString(sum[:])
}

// add files a good row under its answer, unless it contradicts the rows
// already there.
func (rd *reader) add(rs *rowState, k groupKey, id string, noRecord bool, rec hedui.Record, asOf hedui.Date) {
	i, seen := rd.byKey[k]
	if !seen {
		i = len(rd.groups)
		rd.byKey[k] = i
		rd.groups = append(rd.groups, group{
			answer: hedui.Answer{QueryID: k.queryID, SubjectRef: k.ref, Item: k.item, ReceivedAt: rd.now},
			id:     id, first: rs.line})
	}
	g := &rd.groups[i]
	switch {
	case !seen:
	case noRecord && len(g.answer.Records) > 0:
		rs.fail(colNoRecord, ProblemNoRecordAndRecords, fmt.Sprintf(
			"同一对象同一核对项目在第%d行已填写了记录，本行却标记查无记录，请删除其中之一", g.first))
		return
	case !noRecord && g.answer.NoRecord:
		rs.fail(noCol, ProblemNoRecordAndRecords, fmt.Sprintf(
			"同一对象同一核对项目在第%d行已标记查无记录，本行却填写了记录，请删除其中之一", g.first))
		return
	}
	switch {
	case noRecord:
		g.answer.NoRecord = true
	case len(g.answer.Records) == 0:
		// Capped at one, so a second record, or the caller, appending
		// to it copies rather than overwrite a neighbour.
		n := len(rd.records)
		rd.records = append(rd.records, rec)
		g.answer.Records = rd.records[n : n+1 : n+1]
	default:
		g.answer.Records = append(g.answer.Records, rec)
	}
	// Rows of one answer normally share their as-of date; if not, the
	// answer is as fresh as its freshest row.
	if asOf.After(g.answer.AsOf.Time) {
		g.answer.AsOf = asOf
	}
	from := len(rd.canon)
	rd.canon = rd.appendCanonical(rd.canon, k, id, noRecord, &rec, asOf)
	if sp := (span{from, len(rd.canon)}); !seen {
		g.row = sp
	} else {
		g.more = append(g.more, sp)
	}
}

// appendCanonical encodes a row's meaning, not its spelling: every value
// in its parsed form, in a fixed order, length-prefixed so no two rows
// encode alike, with the department's own fields sorted by name.
func (rd *reader) appendCanonical(b []byte, k groupKey, id string, noRecord bool, r *hedui.Record, asOf hedui.Date) []byte {
	str := func(s string) {
		b = strconv.AppendInt(b, int64(len(s)), 10)
		b = append(b, ':')
		b = append(b, s...)
		b = append(b, ',')
	}
	num := func(v int64) {
		b = strconv.AppendInt(b, v, 10)
		b = append(b, ',')
	}
	str(k.queryID)
	str(k.ref)
	str(string(k.item))
	str(id)
	if noRecord {
		str("1")
	} else {
		str("0")
	}
	str(r.Kind)
	num(int64(r.AmountFen))
	num(int64(r.Quantity))
	num(r.AreaM2x100)
	date := func(d hedui.Date) {
		if !d.IsZero() {
			y, m, dd := d.Date()
			b = strconv.AppendInt(b, int64(y*10000+int(m)*100+dd), 10)
		}
		b = append(b, ',')
	}
	date(r.PeriodFrom)
	date(r.PeriodTo)
	str(r.Description)
	date(asOf)
	rd.fieldKey = rd.fieldKey[:0]
	for name := range r.Fields {
		rd.fieldKey = append(rd.fieldKey, name)
	}
	slices.Sort(rd.fieldKey)
	for _, name := range rd.fieldKey {
		str(name)
		str(r.Fields[name])
	}
	return append(b, '\n')
}
