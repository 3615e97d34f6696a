package batchfile

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"sort"

	"hedui"
	"hedui/sheet"
)

// Default limits of ReadOptions.
const (
	DefaultMaxBytes = 20 << 20
	DefaultMaxRows  = 200_000
)

// ReadOptions bounds and clocks ReadAnswers and ReadRequest: Now is when
// the file is received (Answer.ReceivedAt) and the day against which birth
// dates and 数据截止日期 are checked. Zero values take DefaultMaxBytes,
// DefaultMaxRows and time.Now.
type ReadOptions = sheet.Limits

// Import is what an answer file holds.
type Import struct {
	Name       string // the file name given to ReadAnswers
	Format     Format // told from the content, not the name
	Encoding   string // CSV only: EncodingUTF8, EncodingUTF8BOM or EncodingGB18030
	Sheet      string // XLSX only: the sheet read
	FileSHA256 string // hex SHA-256 of the file as received
	Rows       int    // non-empty data rows, good or bad

	// Answers holds one Answer per (query id, subject ref, item), in the
	// order of their first rows, each with all its rows as Records.
	// Source is "<file name>:<line>" of the first row; PayloadSHA256 is the
	// SHA-256 of the answer's rows in a canonical form that does not depend
	// on format, encoding, column order or spelling, so importing the same
	// content again can be recognised. ReceivedAt is ReadOptions.Now.
	// The caller sets DepartmentID, MemberID and Channel.
	Answers []hedui.Answer

	// IDNumbers maps each subject ref of Answers to the canonical ID
	// number the file gives for it (every row of a ref agrees, or the rows
	// are Problems). The centre matches answers by ref, never by ID number;
	// the caller must still check that each ref belongs to a query of this
	// department and that this number is that subject's, and reject the
	// answer otherwise: a mismatch means the department looked up the
	// wrong person.
	IDNumbers map[string]string

	// Problems lists what is wrong with rows, in line order. A rejected
	// row holds back the other rows of its answer, or of every answer it
	// may belong to when its ids or item cannot be read, each with a
	// ProblemHeldBack; all other answers are kept.
	Problems []Problem
}

// Problem is one thing wrong with one row of an answer file.
type Problem struct {
	Line    int    // CSV line or XLSX row number, 1-based
	Column  string // the header as written in the file; empty for the whole row
	Code    string // one of the Problem… constants, for filtering
	Message string // Chinese, says what to fix; ID numbers masked
}

// Problem codes.
const (
	ProblemQueryID            = "missing_query_id"    // 查询编号 empty
	ProblemSubjectRef         = "missing_subject_ref" // 对象编号 empty
	ProblemIDExcel            = "id_number_excel"     // ID number mangled by Excel
	ProblemIDNumber           = "invalid_id_number"   // ID number empty or invalid
	ProblemIDConflict         = "id_number_conflict"  // one ref, two ID numbers
	ProblemItem               = "invalid_item"        // item empty, unknown or contradictory
	ProblemNoRecord           = "invalid_no_record"   // 查无记录 not yes or no
	ProblemAmount             = "invalid_amount"
	ProblemQuantity           = "invalid_quantity"
	ProblemArea               = "invalid_area"
	ProblemDate               = "invalid_date"
	ProblemPeriod             = "period_reversed"        // 起始日期 after 截止日期
	ProblemAsOfFuture         = "as_of_in_future"        // 数据截止日期 after today
	ProblemNoRecordAndRecords = "no_record_with_records" // 查无记录=是 and record content
	ProblemNoContent          = "no_content"             // neither 查无记录=是 nor content
	ProblemHeldBack           = "held_back"              // good row of an answer with a bad row
)

// ReadAnswers reads an answer file in CSV or XLSX. It returns an error
// only when the file as a whole cannot be used (too large, not a table,
// required columns missing); problems with single rows are in
// Import.Problems and the good answers are still returned.
func ReadAnswers(name string, r io.Reader, opt ReadOptions) (*Import, error) {
	const op = "batchfile.ReadAnswers"
	opt = opt.WithDefaults(DefaultMaxBytes, DefaultMaxRows)
	data, err := sheet.ReadAll(r, opt.MaxBytes+1)
	if err != nil {
		return nil, hedui.E(op, hedui.KindTransient, "read_failed", "读取文件失败，请重新上传", err)
	}
	if int64(len(data)) > opt.MaxBytes {
		return nil, hedui.Errorf(op, hedui.KindTooLarge, "file_too_large", "文件超过%s的大小上限，请拆分成多个文件分别上传", sheet.SizeText(opt.MaxBytes))
	}
	sum := sha256.Sum256(data)
	imp := &Import{Name: name, FileSHA256: hex.EncodeToString(sum[:])}
	rd := newReader(imp, opt)
	err = rd.readTable(data, rd.row)
	if err != nil {
		return nil, hedui.E(op, err)
	}
	rd.finish()
	sort.SliceStable(imp.Problems, func(i, j int) bool { return imp.Problems[i].Line < imp.Problems[j].Line })
	return imp, nil
}

// Encodings reported in Import.Encoding.
const (
	EncodingUTF8    = sheet.EncodingUTF8
	EncodingUTF8BOM = sheet.EncodingUTF8BOM
	EncodingGB18030 = sheet.EncodingGB18030
)
