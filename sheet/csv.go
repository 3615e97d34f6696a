package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"hedui"
)

// UTF8BOM tells Excel that a CSV file is UTF-8; without it Excel on a
// Chinese Windows assumes GBK and shows mojibake.
var UTF8BOM = []byte{0xEF, 0xBB, 0xBF}

type csvWriter struct{ w *csv.Writer }

func newCSVWriter(w io.Writer, t Table) (*csvWriter, error) {
	if _, err := w.Write(UTF8BOM); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // Excel and Notepad on Windows expect CRLF
	c := &csvWriter{cw}
	return c, c.WriteRow(t.Header)
}

func (c *csvWriter) WriteRow(cells []string) error { return c.w.Write(cells) }

func (c *csvWriter) Close() error {
	c.w.Flush()
	return c.w.Error()
}

// Encodings reported in Import.Encoding.
const (
	EncodingUTF8    = "UTF-8"
	EncodingUTF8BOM = "UTF-8 BOM"
	EncodingGB18030 = "GB18030"
)

// decodeCSV returns data as UTF-8 and the encoding it was in. Valid UTF-8
// is taken as UTF-8 because GBK text of any length is almost never valid
// UTF-8; anything else is decoded as GB18030, a superset of GBK and GB2312.
func decodeCSV(data []byte) ([]byte, string, error) {
	if rest, ok := bytes.CutPrefix(data, UTF8BOM); ok {
		return rest, EncodingUTF8BOM, nil
	}
	if utf8.Valid(data) {
		return data, EncodingUTF8, nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	return out, EncodingGB18030, err
}

// csvSource reads rows of a decoded CSV file.
//
// Quotes are parsed strictly first, because a lenient parser lets one
// unclosed quote swallow every later row into a single cell, silently;
// that is a file-level error. A quote problem confined to one line (a
// stray inch sign, or the ="…" some systems write to keep Excel from
// reformatting a number) is harmless, and that line is read again
// leniently.
type csvSource struct {
	r     *csv.Reader
	comma rune
	text  []byte
	prev  int64 // offset where the row being read starts
}

func newCSVSource(text []byte) *csvSource {
	s := &csvSource{r: newCSVReader(text, sniffComma(text)), text: text}
	s.comma = s.r.Comma
	s.r.ReuseRecord = true
	return s
}

func newCSVReader(text []byte, comma rune) *csv.Reader {
	r := csv.NewReader(bytes.NewReader(text))
	r.Comma = comma
	r.FieldsPerRecord = -1 // offices trim or pad rows; missing cells read as empty
	return r
}

func (s *csvSource) next() (int, []string, error) {
	rec, err := s.r.Read()
	start, end := s.prev, s.r.InputOffset()
	s.prev = end
	var pe *csv.ParseError
	switch {
	case err == nil:
		line, _ := s.r.FieldPos(0)
		return line, rec, nil
	case !errors.As(err, &pe):
		return 0, nil, err
	case pe.Line != pe.StartLine:
		return 0, nil, hedui.Errorf("", hedui.KindInvalid, "unclosed_quote",
			"第%d行的英文双引号没有闭合，之后的内容都无法读取，请检查该行的引号后重新上传", pe.StartLine)
	}
	lenient := newCSVReader(s.text[start:end], s.comma)
	lenient.LazyQuotes = true
	if rec, err = lenient.Read(); err != nil {
		return 0, nil, hedui.Errorf("", hedui.KindInvalid, "bad_csv_line", "第%d行无法读取，请检查该行的英文双引号和逗号", pe.StartLine)
	}
	return pe.StartLine, rec, nil
}

// sniffComma picks tab when the first line has tabs and no commas: Excel's
// "text (tab-delimited)" export, which offices also call CSV.
func sniffComma(text []byte) rune {
	first := text
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		first = text[:i]
	}
	if bytes.IndexByte(first, '\t') >= 0 && bytes.IndexByte(first, ',') < 0 {
		return '\t'
	}
	return ','
}
