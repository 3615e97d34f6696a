// Package report renders a verification report (核对报告, domain brief §7)
// from its frozen content, hedui.ReportContent: as an A4 PDF in Chinese
// (RenderPDF) and as the same content on a standalone web page
// (RenderHTML). It also seals reports (Seal, Issue, ParseCode) and makes
// their numbers (NumberScheme, FormatNumber). It is pure: no storage, no
// HTTP.
//
// # Content
//
// Both renderers draw one view built from the content, so they show the
// same text: the header (number, date, assistance types, kind, applicant
// and ID number, address, what a correction replaces); the household
// members; the people obliged to support them; one part per department
// with every answer row, its records (kind, amount in yuan, dates, area,
// description, the department's fields), 数据截止日期 and 反馈时间, or
// 查无记录, or 未反馈; the comparison of declaration and findings, with
// 不一致 and 未申报但查到 rows shaded and marked ▲; the conclusion with its
// figures and reasons (rule id, policy version); the verifier's decision.
// Every PDF page ends with the use restriction, the objection window, the
// centre and date, the verification code and where to check it, and
// 第N页 共M页. Tables continue across pages with their header row
// repeated; a row taller than a page is split between lines. Text wraps
// by measuring glyph advances: between CJK characters, at spaces, never
// before closing punctuation.
//
// # Font
//
// fonts/NotoSansSC_400Regular.ttf is Noto Sans SC Regular with TrueType
// outlines (from the npm package @expo-google-fonts/noto-sans-sc, SIL
// Open Font License 1.1, fonts/OFL.txt; provenance in fonts/README.md).
// It is embedded in the binary and parsed once per process. Each PDF
// embeds a subset of it (Type0/CIDFontType2, Identity-H, with a
// ToUnicode map so text extracts and searches), so a PDF renders the
// same on a machine with no fonts installed, rare name characters such
// as 喆 and 堃 included. A character the font lacks (most of CJK Ext-B)
// prints as an empty box but still extracts as itself. There is one
// weight: headings are set larger, emphasis is the glyph outline stroked
// thicker.
//
// # Speed and size
//
// The PDF writer (internal/pdf) and the subsetter (internal/ttf) are the
// package's own: signintech/gopdf, with the font parsed once and shared,
// took 20 ms for a four-page document (it copies the full metrics and
// location tables of the font's 30,898 glyphs into every subset and
// compresses it all again). Here the glyphs of the report's own wording
// (every label it can print, ASCII and common address words: about 470
// glyphs) are compressed once per process and spliced into each
// document's deflate stream; a report compresses only the few glyphs its
// names and addresses add, plus its page contents. A typical report
// (three members, twelve departments, four pages) is about 100 KB and
// renders in about 2 ms: BenchmarkRenderPDF reports reports/s.
//
// # Determinism and sealing
//
// The same content and options give byte-identical PDFs: the creation
// date is the report date (00:00 China time), the file identifier and
// the subset name derive from the content, nothing depends on map order
// or the clock. A change to this package's wording or layout changes the
// bytes, so the PDF as issued is what is kept and served; re-rendering
// reproduces it only with the same version of the package.
//
// The verification code printed on the report is derived from the
// SHA-256 of the document with a server key (Seal): the first 40 bits of
// an HMAC, as eight Crockford base32 characters, XXXX-XXXX. A code cannot
// be printed on the bytes it is derived from, so Issue renders an
// unsealed draft, derives the code from it, and renders the final PDF
// with the code; the final PDF's SHA-256 is what is recorded. A reader
// checks a paper copy by its code and an electronic copy by its SHA-256.
// Forty bits keep codes typable; they are not unique among millions of
// reports, so a lookup by code alone may find more than one report.
//
// # Looking at a sample
//
// No sample PDF is committed. To write one, with the web page and a
// 28-page report (40 members, 300 answer rows), and look at page 1:
//
//	mkdir -p /tmp/hedui-report
//	HEDUI_REPORT_SAMPLE=/tmp/hedui-report go test -run TestWriteSample ./report/
//	pdftoppm -png -r 60 -f 1 -l 1 /tmp/hedui-report/sample.pdf /tmp/hedui-report/page
//
// The tests extract the PDFs' text with pdftotext, render page 1 with
// pdftoppm and check the embedded font with pdffonts (poppler-utils),
// with fontconfig pointed at an empty configuration, as on a fresh
// machine. Without poppler-utils they skip, unless CI=true.
package report
