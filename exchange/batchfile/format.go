package batchfile

import "hedui/sheet"

// Format is a file format the centre and the departments exchange.
type Format = sheet.Format

// The formats: see package sheet.
const (
	CSV  = sheet.CSV
	XLSX = sheet.XLSX
)
