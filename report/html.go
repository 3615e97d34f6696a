package report

import (
	_ "embed"
	"errors"
	"html/template"
	"io"
	"strconv"

	"hedui"
)

var (
	//go:embed report.html
	pageText string
	//go:embed report.css
	pageCSS string

	page = template.Must(template.New("report").Funcs(template.FuncMap{
		"pairs": fieldRows,
		"odd":   func(fs []field) bool { return len(fs) == 1 && !fs[0].Wide },
		"pct":   func(f float64) string { return strconv.FormatFloat(f*100, 'f', 1, 64) + "%" },
	}).Parse(pageText))
)

// RenderHTML writes the report as a standalone, printable HTML page with
// the same content as the PDF: the CSS is embedded, and the page loads
// nothing and runs no script.
func RenderHTML(w io.Writer, c *hedui.ReportContent, opt Options) error {
	if c == nil {
		return errors.New("report: no content")
	}
	return page.Execute(w, struct {
		*view
		CSS template.CSS
	}{buildView(c, &opt), template.CSS(pageCSS)})
}

// fieldRows groups fields two to a row, wide ones alone, as the PDF does.
func fieldRows(fs []field) [][]field {
	var rows [][]field
	for i := 0; i < len(fs); {
		if fs[i].Wide || i+1 == len(fs) || fs[i+1].Wide {
			rows = append(rows, fs[i:i+1])
			i++
			continue
		}
		rows = append(rows, fs[i:i+2])
		i += 2
	}
	return rows
}
