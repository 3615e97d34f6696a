package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/xuri/excelize/v2"

	"hedui"
)

// headerSearchRows is how many non-empty rows may precede the header:
// offices put a title, a date or a unit name above the table.
const headerSearchRows = 20

// Book is an uploaded table file: CSV (one table) or an XLSX workbook.
type Book struct {
	Format   Format
	Encoding string // CSV only: EncodingUTF8, EncodingUTF8BOM or EncodingGB18030
	text     []byte // CSV, decoded
	f        *excelize.File
}

// Open tells the format from the content rather than the file name and
// opens it. maxUnpacked bounds what an XLSX may inflate to. Errors are
// hedui errors with a Chinese message saying what to do with the file.
func Open(data []byte, maxUnpacked int64) (b *Book, err error) {
	switch {
	case bytes.HasPrefix(data, xlsxMagic):
		// excelize parses untrusted input; a panic in it is an error
		// about the file.
		defer func() {
			if p := recover(); p != nil {
				b, err = nil, errBadXLSX(fmt.Errorf("excelize panic: %v", p))
			}
		}()
		f, err := openXLSX(data, maxUnpacked)
		if errors.Is(err, errTooLarge) {
			return nil, hedui.Errorf("", hedui.KindTooLarge, "file_too_large", "Excel文件解压后超过%s的上限，请拆分成多个文件分别上传", SizeText(maxUnpacked))
		}
		if err != nil {
			return nil, errBadXLSX(err)
		}
		return &Book{Format: XLSX, f: f}, nil
	case bytes.HasPrefix(data, OLEMagic):
		return nil, hedui.Errorf("", hedui.KindInvalid, "unsupported_format", "这是旧版Excel（.xls）或设置了密码的Excel文件，请去掉密码并另存为.xlsx或CSV后重新上传")
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return nil, hedui.Errorf("", hedui.KindInvalid, "unsupported_encoding", "文件是UTF-16编码（Excel的“Unicode文本”），请另存为“CSV UTF-8（逗号分隔）”或.xlsx后重新上传")
	}
	text, enc, err := decodeCSV(data)
	if err != nil {
		return nil, hedui.E("", hedui.KindInvalid, "bad_encoding", "无法识别文件编码，请另存为“CSV UTF-8（逗号分隔）”或.xlsx后重新上传", err)
	}
	return &Book{Format: CSV, Encoding: enc, text: text}, nil
}

func errBadXLSX(err error) error {
	return hedui.E("", hedui.KindMalformed, "bad_xlsx", "无法读取该Excel文件，文件可能已损坏，请用Excel打开后另存为.xlsx再上传", err)
}

// Close releases the workbook.
func (b *Book) Close() {
	if b.f != nil {
		b.f.Close()
	}
}

// Lines is an upper bound of the rows of a CSV file, for sizing what a
// reader collects; zero for a workbook.
func (b *Book) Lines() int { return bytes.Count(b.text, []byte{'\n'}) + 1 }

// Header is the header row Each found.
type Header struct {
	Sheet string   // XLSX: the sheet's name
	Cells []string // as written
	Dates Dates    // how to read the dates of this table
	XLSX  bool     // numbers may carry float noise; see ExcelNumber
}

// Each finds the table: in a CSV file, or the first sheet of a workbook
// with one, the first non-empty row among the first few that has a cell
// for which isHeader is true. It calls header with that row and then row
// with every following non-empty row and its 1-based line (CSV line or
// XLSX row number). found is false when no sheet has such a row. An error
// from header or row stops the reading and is returned.
func (b *Book) Each(isHeader func(cell string) bool, header func(Header) error,
	row func(line int, cells []string) error) (found bool, err error) {
	if b.Format == CSV {
		src := newCSVSource(b.text)
		cells, found, err := findHeader(src, isHeader)
		if err != nil || !found {
			return false, err
		}
		if err := header(Header{Cells: cells}); err != nil {
			return true, err
		}
		return true, eachRow(src, row)
	}
	defer func() {
		if p := recover(); p != nil {
			err = errBadXLSX(fmt.Errorf("excelize panic: %v", p))
		}
	}()
	for _, name := range b.f.GetSheetList() {
		src, err := newXLSXSource(b.f, name)
		if err != nil {
			continue // a chart sheet, say: not where tables are
		}
		cells, found, err := findHeader(src, isHeader)
		if err == nil && found {
			err = header(Header{Sheet: name, Cells: cells, Dates: Dates{Serial: true, Date1904: src.date1904}, XLSX: true})
			if err == nil {
				err = eachRow(src, row)
			}
		}
		src.close()
		if err != nil || found {
			return found, err
		}
	}
	return false, nil
}

// source yields the rows of a table.
type source interface {
	// next returns the next row and its 1-based line, or io.EOF after
	// the last row.
	next() (line int, cells []string, err error)
}

// findHeader consumes rows up to and including the header.
func findHeader(src source, isHeader func(string) bool) ([]string, bool, error) {
	for seen := 0; seen < headerSearchRows; {
		_, cells, err := src.next()
		switch {
		case errors.Is(err, io.EOF):
			return nil, false, nil
		case err != nil:
			return nil, false, err
		}
		if Blank(cells) {
			continue
		}
		seen++
		for _, h := range cells {
			if isHeader(h) {
				// Sources reuse their row buffer.
				return append([]string(nil), cells...), true, nil
			}
		}
	}
	return nil, false, nil
}

// eachRow hands the non-empty rows left in src to row.
func eachRow(src source, row func(line int, cells []string) error) error {
	for {
		line, cells, err := src.next()
		switch {
		case errors.Is(err, io.EOF):
			return nil
		case err != nil:
			return err
		case Blank(cells):
			continue // empty rows are layout, not data
		}
		if err := row(line, cells); err != nil {
			return err
		}
	}
}

// ReadAll reads up to limit bytes, sized up front when r knows its length
// (an upload spooled to a file, a bytes.Reader) to avoid regrowing the
// buffer through a 20 MiB file.
func ReadAll(r io.Reader, limit int64) ([]byte, error) {
	var size int64
	switch v := r.(type) {
	case interface{ Len() int }:
		size = int64(v.Len())
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
	}
	var buf bytes.Buffer
	buf.Grow(int(min(size, limit)) + bytes.MinRead)
	_, err := buf.ReadFrom(io.LimitReader(r, limit))
	return buf.Bytes(), err
}

// SizeText writes a byte count the way people read file sizes.
func SizeText(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d 字节", n)
}
