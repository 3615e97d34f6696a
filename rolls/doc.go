// Package rolls reads the assistance rolls (低保/特困名册) that counties
// export from the provincial system, so that every recipient can be
// re-verified, and writes the template and roll files in the same layout.
//
// A roll file is CSV (UTF-8, UTF-8 with a byte-order mark, or
// GB18030/GBK) or XLSX with one row per household member; the rows of a
// household share its 户编号 and repeat (or leave blank after the first)
// the household's cells. Columns are found by name (see Columns), in any
// order, below any title rows; a county's own extra columns are ignored.
//
// Every cell is checked. A problem names the row, the column as the file
// calls it and, in Chinese, what to fix; ID numbers in messages are
// masked. A household with any bad row is rejected whole, because
// importing part of a family would understate it: Parse returns the good
// households in hedui.RollUpload.Households and the numbers of the
// rejected ones in Rejected, so that a full import does not mistake them
// for households that left the roll. Whether a township exists, and
// whether a person is already on another household of the stored roll,
// only the store can tell; it adds those problems on import.
//
// The package does no I/O beyond the reader and writer it is given.
package rolls
