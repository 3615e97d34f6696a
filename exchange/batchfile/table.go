package batchfile

import (
	"fmt"
	"io"
)

// table is what a writer needs to know about the sheet it writes.
type table struct {
	sheet  string        // XLSX sheet name
	header []string      // first row
	cols   []sheetColumn // XLSX presentation, one per header cell
}

// sheetColumn is how one column looks in a workbook.
type sheetColumn struct {
	width float64
	text  bool
}

// tableWriter writes rows of text cells in one format. Request and answer
// files share it, so the two cannot drift apart in encoding or layout.
type tableWriter interface {
	writeRow(cells []string) error
	// close finishes the file; nothing may be written after.
	close() error
}

// newTableWriter writes t's header and returns a writer for the rows.
func newTableWriter(w io.Writer, f Format, t table) (tableWriter, error) {
	switch f {
	case CSV:
		return newCSVWriter(w, t)
	case XLSX:
		return newXLSXWriter(w, t)
	}
	return nil, fmt.Errorf("unknown format %q", f)
}
