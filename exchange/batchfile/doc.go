// Package batchfile is the file format of the batch channel: departments
// without an online interface exchange files with the centre through the
// front-end exchange machine (前置机), and liaisons upload the same files
// through the manual channel.
//
// The centre writes one request file per department and batch (WriteRequest,
// WriteOutbox) and reads the answer files the department returns
// (ReadAnswers). WriteAnswers produces answer files in the same layout, for
// the department simulator and for tests.
//
// Files are CSV or XLSX with Chinese headers, because the people on the
// other side open them in Excel: CSV is written as UTF-8 with a byte-order
// mark and CRLF line endings (without the mark Excel shows GBK mojibake),
// and XLSX keeps identifier columns formatted as text so that Excel never
// turns an 18-digit ID number into 6.21E+17. On input, CSV may be UTF-8
// (with or without the mark) or GB18030/GBK, the format is told from the
// content rather than the file name, and header names are matched loosely
// (Chinese or English, half- or full-width brackets).
//
// Reading is forgiving per row and strict per answer. A bad row is reported
// as a Problem with its line number and a Chinese message saying what to
// fix, and the other rows are still imported; but all rows of one subject ×
// item form one Answer, and if any of them is bad the whole Answer is held
// back, because importing two of a person's three bank accounts would look
// like a complete answer that understates their assets. A bad row whose
// item cannot be read holds back all of its subject's answers, and one
// without a subject ref all of its query's, for the same reason.
//
// The package does no I/O beyond the writer, reader or directory it is
// given and knows nothing of the store. Checking that query ids and subject
// refs exist, and that the ID number in the file is the subject's, is the
// caller's job; Import.IDNumbers hands over what the file claims for that.
package batchfile
