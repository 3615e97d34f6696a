package sheet

import (
	"fmt"
	"io"
)

// Format is a file format of tables exchanged with offices.
type Format string

const (
	// CSV is comma-separated text. Written as UTF-8 with a byte-order mark
	// and CRLF; read as UTF-8 or GB18030.
	CSV Format = "csv"
	// XLSX is an Office Open XML workbook; the first sheet with a header
	// row is read.
	XLSX Format = "xlsx"
)

// Valid reports whether f is a format this package writes.
func (f Format) Valid() bool { return f == CSV || f == XLSX }

// Ext is the file name extension, without the dot.
func (f Format) Ext() string { return string(f) }

// ContentType is the media type to serve a file of the format with.
func (f Format) ContentType() string {
	if f == XLSX {
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return "text/csv; charset=utf-8"
}

// Table is what a writer needs to know about the sheet it writes.
type Table struct {
	Sheet  string   // XLSX sheet name
	Header []string // first row
	Cols   []Column // XLSX presentation, one per header cell
}

// Column is how one column looks in a workbook.
type Column struct {
	Width float64
	// Text keeps the column as text so that Excel keeps every digit of
	// an ID number instead of showing 6.21E+17.
	Text bool
}

// Writer writes rows of text cells in one format. Every file hedui writes
// for people to open in Excel goes through it, so that none can drift in
// encoding or layout.
type Writer interface {
	WriteRow(cells []string) error
	// Close finishes the file; nothing may be written after.
	Close() error
}

// NewWriter writes t's header and returns a writer for the rows.
func NewWriter(w io.Writer, f Format, t Table) (Writer, error) {
	switch f {
	case CSV:
		return newCSVWriter(w, t)
	case XLSX:
		return newXLSXWriter(w, t)
	}
	return nil, fmt.Errorf("unknown format %q", f)
}
