package batchfile

// Format is a file format the centre and the departments exchange.
type Format string

const (
	// CSV is comma-separated text. Written as UTF-8 with a byte-order mark
	// and CRLF; read as UTF-8 or GB18030.
	CSV Format = "csv"
	// XLSX is an Office Open XML workbook; only its first sheet with a
	// header row is read.
	XLSX Format = "xlsx"
)

// Valid reports whether f is a format this package writes.
func (f Format) Valid() bool { return f == CSV || f == XLSX }

// Ext is the file name extension, without the dot.
func (f Format) Ext() string { return string(f) }
