package batchfile

import (
	"io"
	"slices"
	"strconv"

	"hedui"
	"hedui/sheet"
)

// WriteAnswers writes answers in the layout ReadAnswers reads: the columns
// 查询编号, 对象编号, 身份证号码, 核对项目代码, 核对项目, 查无记录, 记录类型,
// 金额(元), 数量, 面积(平方米), 起始日期, 截止日期, 说明, 数据截止日期, then one
// column per Record.Fields name, sorted. An answer takes one row per
// record, or one row with 查无记录 = 是. idNumbers maps each subject ref to
// the subject's ID number, which answer files must carry.
//
// It is what the department simulator uses to produce answer files, so it
// refuses answers that ReadAnswers would reject rather than write a file
// that cannot be read back.
func WriteAnswers(w io.Writer, format Format, answers []hedui.Answer, idNumbers map[string]string) error {
	const op = "batchfile.WriteAnswers"
	if err := checkFormat(format); err != nil {
		return hedui.E(op, err)
	}
	extras, err := checkAnswers(answers, idNumbers)
	if err != nil {
		return hedui.E(op, err)
	}
	tw, err := sheet.NewWriter(w, format, sheet.Table{
		Sheet:  answerSheet,
		Header: headerRow(answerLayout, extras),
		Cols:   sheetColumns(answerLayout, extras),
	})
	if err != nil {
		return hedui.E(op, hedui.KindInternal, err)
	}
	cells := make([]string, 0, len(answerLayout)+len(extras))
	for _, a := range answers {
		head := []string{a.QueryID, a.SubjectRef, idNumbers[a.SubjectRef], string(a.Item), a.Item.Label()}
		if a.NoRecord {
			cells = append(append(cells[:0], head...), sheet.YesNo(true), "", "", "", "", "", "", "", a.AsOf.String())
			cells = append(cells, make([]string, len(extras))...)
			if err := tw.WriteRow(cells); err != nil {
				return hedui.E(op, hedui.KindInternal, err)
			}
			continue
		}
		for _, r := range a.Records {
			cells = append(append(cells[:0], head...), sheet.YesNo(false), r.Kind,
				sheet.FormatOptional(int64(r.AmountFen)), quantityText(r.Quantity), sheet.FormatOptional(r.AreaM2x100),
				r.PeriodFrom.String(), r.PeriodTo.String(), r.Description, a.AsOf.String())
			for _, name := range extras {
				cells = append(cells, r.Fields[name])
			}
			if err := tw.WriteRow(cells); err != nil {
				return hedui.E(op, hedui.KindInternal, err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		return hedui.E(op, hedui.KindInternal, err)
	}
	return nil
}

func quantityText(q int) string {
	if q == 0 {
		return ""
	}
	return strconv.Itoa(q)
}

// checkAnswers validates answers for writing and returns the names of the
// extra columns their records use, sorted.
func checkAnswers(answers []hedui.Answer, idNumbers map[string]string) ([]string, error) {
	invalid := func(code, format string, a ...any) error {
		return hedui.Errorf("", hedui.KindInvalid, code, format, a...)
	}
	seen := map[string]string{} // normalised field name → name
	var extras []string
	for _, a := range answers {
		switch {
		case a.QueryID == "" || a.SubjectRef == "":
			return nil, invalid("missing_ids", "反馈缺少查询编号或对象编号")
		case !a.Item.Valid():
			return nil, invalid("invalid_item", "对象%s的核对项目%s无法识别", a.SubjectRef, sheet.Quote(string(a.Item)))
		case idNumbers[a.SubjectRef] == "":
			return nil, invalid("missing_id_number", "对象%s缺少身份证号码", a.SubjectRef)
		case a.NoRecord && len(a.Records) > 0:
			return nil, invalid("no_record_with_records", "对象%s的%s反馈标记了查无记录却带有记录", a.SubjectRef, a.Item.Label())
		case !a.NoRecord && len(a.Records) == 0:
			return nil, invalid("no_content", "对象%s的%s反馈既未标记查无记录也没有记录", a.SubjectRef, a.Item.Label())
		}
		for _, r := range a.Records {
			if !hasContent(r) || r.Quantity < 0 || r.AreaM2x100 < 0 {
				return nil, invalid("invalid_record", "对象%s的%s反馈有空记录或负的数量、面积", a.SubjectRef, a.Item.Label())
			}
			for name := range r.Fields {
				n := sheet.NormHeader(name)
				if prev, ok := seen[n]; ok {
					if prev != name {
						return nil, invalid("invalid_field", "附加字段名%s与%s读回时无法区分，请改名", sheet.Quote(prev), sheet.Quote(name))
					}
					continue
				}
				if _, known := lookupHeader(name); known || n == "" || name != sheet.Clean(name) {
					return nil, invalid("invalid_field", "附加字段名%s为空、首尾有空格或与标准列重名，请改名", sheet.Quote(name))
				}
				seen[n] = name
				extras = append(extras, name)
			}
		}
	}
	slices.Sort(extras)
	return extras, nil
}

// hasContent reports whether a record says anything; a row without
// content would be read back as a mistake.
func hasContent(r hedui.Record) bool {
	if r.Kind != "" || r.AmountFen != 0 || r.Quantity != 0 || r.AreaM2x100 != 0 ||
		!r.PeriodFrom.IsZero() || !r.PeriodTo.IsZero() || r.Description != "" {
		return true
	}
	for _, v := range r.Fields {
		if v != "" {
			return true
		}
	}
	return false
}
