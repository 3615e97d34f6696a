package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"

	"github.com/xuri/excelize/v2"
)

// xlsxMagic starts every ZIP archive, and so every XLSX workbook.
var xlsxMagic = []byte("PK\x03\x04")

// OLEMagic starts legacy .xls workbooks and encrypted .xlsx ones alike.
var OLEMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// NumFmtText is Excel's built-in "@" (Text) number format.
const NumFmtText = 49

type xlsxWriter struct {
	w    io.Writer
	f    *excelize.File
	sw   *excelize.StreamWriter
	row  int
	vals []any
}

// newXLSXWriter writes a one-sheet workbook through excelize's stream
// writer, so a large batch does not build a DOM per cell.
func newXLSXWriter(w io.Writer, t Table) (*xlsxWriter, error) {
	f := excelize.NewFile()
	x := &xlsxWriter{w: w, f: f}
	if err := x.setup(t); err != nil {
		f.Close()
		return nil, err
	}
	return x, nil
}

func (x *xlsxWriter) setup(t Table) error {
	if err := x.f.SetSheetName(x.f.GetSheetName(0), t.Sheet); err != nil {
		return err
	}
	sw, err := x.f.NewStreamWriter(t.Sheet)
	if err != nil {
		return err
	}
	x.sw = sw
	bold, err := x.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	text, err := x.f.NewStyle(&excelize.Style{NumFmt: NumFmtText})
	if err != nil {
		return err
	}
	for i, c := range t.Cols {
		if err := sw.SetColWidth(i+1, i+1, c.Width); err != nil {
			return err
		}
		// The column style, not just the cells written, is text: a
		// liaison who types or pastes an ID number into a new row must
		// not see it turned into 6.21E+17.
		if c.Text {
			if err := sw.SetColStyle(i+1, i+1, text); err != nil {
				return err
			}
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(t.Header))
	for i, h := range t.Header {
		head[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	x.row = 1
	return sw.SetRow("A1", head)
}

// WriteRow writes every cell as a string: amounts and dates stay exactly
// as formatted (money never passes through a float), and an ID number can
// never become a number.
func (x *xlsxWriter) WriteRow(cells []string) error {
	x.row++
	x.vals = x.vals[:0]
	for _, c := range cells {
		if c == "" {
			x.vals = append(x.vals, nil) // no empty inline strings
		} else {
			x.vals = append(x.vals, c)
		}
	}
	ref, err := excelize.CoordinatesToCellName(1, x.row)
	if err != nil {
		return err
	}
	return x.sw.SetRow(ref, x.vals)
}

func (x *xlsxWriter) Close() error {
	defer x.f.Close()
	if err := x.sw.Flush(); err != nil {
		return err
	}
	_, err := x.f.WriteTo(x.w)
	return err
}

// xlsxSource reads the rows of one sheet.
type xlsxSource struct {
	rows     *excelize.Rows
	line     int
	date1904 bool
}

// errTooLarge reports an archive that would unpack beyond the limit.
var errTooLarge = errors.New("unpacked size over limit")

// openXLSX opens a workbook, refusing archives that unpack to more than
// limit bytes before excelize inflates anything (a ZIP bomb would
// otherwise fill memory or the temporary directory).
func openXLSX(data []byte, limit int64) (*excelize.File, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > uint64(limit) {
			return nil, errTooLarge
		}
	}
	return excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: limit})
}

// newXLSXSource starts reading sheet of f.
func newXLSXSource(f *excelize.File, sheet string) (*xlsxSource, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	s := &xlsxSource{rows: rows}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		s.date1904 = *props.Date1904
	}
	return s, nil
}

// next returns raw cell values: number formats are not applied, so a date
// arrives as its serial number and an amount with all its digits, and the
// reader interprets them itself rather than trusting a display format.
func (s *xlsxSource) next() (int, []string, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return 0, nil, err
		}
		return 0, nil, io.EOF
	}
	s.line++ // Next steps through missing rows too, so this is the row number
	cells, err := s.rows.Columns(excelize.Options{RawCellValue: true})
	return s.line, cells, err
}

func (s *xlsxSource) close() { s.rows.Close() }
