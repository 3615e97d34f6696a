package batchfile

import (
	"crypto/sha256"
	"encoding/hex"
	"io"

	"hedui"
	"hedui/sheet"
)

// Sheet names of the workbooks this package writes.
const (
	requestSheet = "核对请求"
	answerSheet  = "核对反馈"
)

// WriteRequest writes the request file for one department: a row per
// subject × item of each query, in query, subject and item order, with the
// columns 查询编号, 对象编号, 姓名, 身份证号码, 核对项目代码, 核对项目 and
// 反馈截止日期. The department echoes 查询编号, 对象编号 and 核对项目代码 in
// its answers; a liaison may fill in the answer columns to the right of the
// request columns and return the same file.
//
// The manifest has the department, format, row and query counts and the
// SHA-256 of what was written; File, BatchID and CreatedAt are left for
// WriteOutbox.
func WriteRequest(w io.Writer, format Format, dept hedui.Department, qs []hedui.Query) (Manifest, error) {
	const op = "batchfile.WriteRequest"
	if err := checkFormat(format); err != nil {
		return Manifest{}, hedui.E(op, err)
	}
	if err := checkQueries(qs); err != nil {
		return Manifest{}, hedui.E(op, err)
	}
	h := sha256.New()
	tw, err := sheet.NewWriter(io.MultiWriter(w, h), format, sheet.Table{
		Sheet:  requestSheet,
		Header: headerRow(requestLayout, nil),
		Cols:   sheetColumns(requestLayout, nil),
	})
	if err != nil {
		return Manifest{}, hedui.E(op, hedui.KindInternal, err)
	}
	rows := 0
	cells := make([]string, len(requestLayout))
	for _, q := range qs {
		for _, s := range q.Subjects {
			for _, it := range q.Items {
				cells = append(cells[:0], q.ID, s.Ref, s.Name, s.IDNumber, string(it), it.Label(), q.DueOn.String())
				if err := tw.WriteRow(cells); err != nil {
					return Manifest{}, hedui.E(op, hedui.KindInternal, err)
				}
				rows++
			}
		}
	}
	if err := tw.Close(); err != nil {
		return Manifest{}, hedui.E(op, hedui.KindInternal, err)
	}
	return Manifest{
		Department:     dept.Code,
		DepartmentName: dept.Name,
		Format:         format,
		Rows:           rows,
		Queries:        len(qs),
		SHA256:         hex.EncodeToString(h.Sum(nil)),
	}, nil
}

func checkFormat(f Format) error {
	if !f.Valid() {
		return hedui.Errorf("", hedui.KindInvalid, "unknown_format", "文件格式%s不支持，请选择csv或xlsx", sheet.Quote(string(f)))
	}
	return nil
}

// checkQueries refuses queries whose rows could not be answered: without
// a query id, a subject ref or a known item the answer cannot be matched.
func checkQueries(qs []hedui.Query) error {
	for _, q := range qs {
		if q.ID == "" {
			return hedui.Errorf("", hedui.KindInvalid, "missing_query_id", "查询缺少查询编号，无法生成请求文件")
		}
		for _, it := range q.Items {
			if !it.Valid() {
				return hedui.Errorf("", hedui.KindInvalid, "invalid_item", "查询%s的核对项目%s无法识别", q.ID, sheet.Quote(string(it)))
			}
		}
		for _, s := range q.Subjects {
			if s.Ref == "" {
				return hedui.Errorf("", hedui.KindInvalid, "missing_subject_ref", "查询%s有核对对象缺少对象编号，无法生成请求文件", q.ID)
			}
		}
	}
	return nil
}
