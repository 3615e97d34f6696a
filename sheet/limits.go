package sheet

import "time"

// UnpackFactor bounds how far an XLSX may inflate relative to the largest
// file accepted. Spreadsheet XML compresses about tenfold; more than this
// is a ZIP bomb.
const UnpackFactor = 16

// Limits bound the reading of one file and clock the checks of its cells.
// Zero values take the defaults of the package that reads the file.
type Limits struct {
	MaxBytes int64 // largest file accepted
	MaxRows  int   // most non-empty data rows
	// Now is when the file is received and the day against which ID
	// numbers and dates are checked; time.Now.
	Now func() time.Time
}

// WithDefaults fills the zero fields of l: maxBytes, maxRows and time.Now.
func (l Limits) WithDefaults(maxBytes int64, maxRows int) Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = maxBytes
	}
	if l.MaxRows <= 0 {
		l.MaxRows = maxRows
	}
	if l.Now == nil {
		l.Now = time.Now
	}
	return l
}
