// Package sheet reads and writes the tables that offices exchange as files:
// CSV and XLSX with Chinese headers. Answer and request files of the batch
// channel (package exchange/batchfile) and assistance rolls (package rolls)
// share it, so that a file that opens in one place opens in the other.
//
// Reading tells the format from the content rather than the file name.
// CSV may be UTF-8 (with or without a byte-order mark) or GB18030/GBK;
// legacy .xls and UTF-16 text are refused with a message saying how to
// save the file instead. The header row is found by the names of its
// columns, below any title rows, so columns may come in any order. Cells
// are read as text: dates, amounts and ID numbers are parsed from their
// digits by the helpers here (money never passes through a float), and
// the damage Excel does to ID numbers (6.21E+17, trailing zeros) is
// recognised and explained.
//
// Writing produces CSV as UTF-8 with a byte-order mark and CRLF (what
// Excel on a Chinese Windows opens correctly) and XLSX with identifier
// columns formatted as text.
package sheet
