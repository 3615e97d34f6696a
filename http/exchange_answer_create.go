package http

import (
	"fmt"
	stdhttp "net/http"
	"slices"
	"strings"

	"hedui"
)

// answerInput is one answer typed into the portal: about one subject of
// the query and one item, either 查无记录 or the records found.
type answerInput struct {
	SubjectRef string         `json:"subject_ref"`
	Item       hedui.Item     `json:"item"`
	NoRecord   bool           `json:"no_record"`
	AsOf       hedui.Date     `json:"as_of"`
	Records    []hedui.Record `json:"records"`
}

type answerFormRequest struct {
	Answers []answerInput `json:"answers"`
}

// ingestResponse says what recording answers achieved. Problems are
// answers the store refused (the others are kept).
type ingestResponse struct {
	Recorded   int           `json:"recorded"`
	Duplicates int           `json:"duplicates"`
	Problems   []problemView `json:"problems"`
}

// Limits of a portal form.
const (
	maxFormAnswers = 500
	maxRecords     = 200
)

// handleExchangeAnswerCreate serves POST /api/v1/exchange/queries/{queryID}/answers:
// the liaison answers by form. Answers are immutable evidence: sending the
// same answer again records nothing new (a duplicate), and a correction is
// a new answer beside the old one.
func (s *Server) handleExchangeAnswerCreate(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	const op = "http.exchangeAnswerCreate"
	id, err := pathQueryID(r)
	if err != nil {
		return err
	}
	ds, err := s.liaisonDepartments(r.Context(), by)
	if err != nil {
		return err
	}
	var in answerFormRequest
	if err := s.decodeJSON(w, r, &in); err != nil {
		return err
	}
	switch {
	case len(in.Answers) == 0:
		return hedui.FieldErrorf(op, hedui.KindInvalid, "missing_answers", "answers", "请至少填写一项反馈")
	case len(in.Answers) > maxFormAnswers:
		return hedui.FieldErrorf(op, hedui.KindInvalid, "too_many_answers", "answers", "一次最多提交%d项反馈，请分批提交或上传反馈文件", maxFormAnswers)
	}
	q, err := s.store.Query(r.Context(), by, id)
	if err != nil {
		return err
	}
	if !ownsQuery(ds, q) {
		return queryNotFound(op)
	}
	now := s.now()
	answers := make([]hedui.Answer, 0, len(in.Answers))
	seen := map[string]int{}
	for i, a := range in.Answers {
		ans, err := formAnswer(q, a, i, hedui.Today(now))
		if err != nil {
			return err
		}
		key := ans.SubjectRef + "\x00" + string(ans.Item)
		if j, dup := seen[key]; dup {
			return hedui.FieldErrorf(op, hedui.KindInvalid, "duplicate_answer", fmt.Sprintf("answers[%d]", i),
				"第%d项与第%d项是同一对象的同一核对项目，请合并为一项", i+1, j+1)
		}
		seen[key] = i
		ans.ReceivedAt = now
		answers = append(answers, ans)
	}
	rep, err := s.store.RecordAnswers(r.Context(), by, q.DepartmentID, answers)
	if err != nil {
		return err
	}
	out := ingestResponse{Recorded: rep.Recorded, Duplicates: rep.Duplicates, Problems: make([]problemView, 0, len(rep.Problems))}
	for _, p := range rep.Problems {
		out.Problems = append(out.Problems, problemView{Source: p.Source, Column: p.Column, Message: p.Message})
	}
	writeJSON(w, stdhttp.StatusOK, out)
	return nil
}

// formAnswer checks one form answer against its query and builds the
// answer to store. The store hashes what the liaison stated (not when), so
// a resubmitted form is recognised as a duplicate.
func formAnswer(q hedui.Query, in answerInput, i int, today hedui.Date) (hedui.Answer, error) {
	const op = "http.formAnswer"
	field := fmt.Sprintf("answers[%d]", i)
	invalid := func(code, sub, format string, a ...any) error {
		return hedui.FieldErrorf(op, hedui.KindInvalid, code, field+sub, "第%d项反馈："+format, append([]any{i + 1}, a...)...)
	}
	in.SubjectRef = strings.TrimSpace(in.SubjectRef)
	k := slices.IndexFunc(q.Subjects, func(s hedui.Subject) bool { return s.Ref == in.SubjectRef })
	switch {
	case in.SubjectRef == "":
		return hedui.Answer{}, invalid("missing_subject_ref", ".subject_ref", "请选择核对对象")
	case k < 0:
		return hedui.Answer{}, invalid("unknown_subject", ".subject_ref", "对象编号%s不属于查询%s", in.SubjectRef, q.ID)
	case !slices.Contains(q.Items, in.Item):
		return hedui.Answer{}, invalid("item_not_queried", ".item", "查询%s没有核对项目“%s”", q.ID, in.Item.Label())
	case in.NoRecord && len(in.Records) > 0:
		return hedui.Answer{}, invalid("no_record_with_records", ".records", "标记了查无记录，却又填写了记录；有记录请取消查无记录")
	case !in.NoRecord && len(in.Records) == 0:
		return hedui.Answer{}, invalid("no_content", ".records", "请填写查到的记录，或标记查无记录")
	case len(in.Records) > maxRecords:
		return hedui.Answer{}, invalid("too_many_records", ".records", "一项反馈最多%d条记录，请改用反馈文件上传", maxRecords)
	case in.AsOf.After(today.Time):
		return hedui.Answer{}, invalid("as_of_in_future", ".as_of", "数据截止日期%s晚于今天，请核对", in.AsOf)
	}
	if in.AsOf.IsZero() {
		in.AsOf = today
	}
	for j, rec := range in.Records {
		sub := fmt.Sprintf(".records[%d]", j)
		switch {
		case !recordHasContent(rec):
			return hedui.Answer{}, invalid("empty_record", sub, "第%d条记录是空的，请填写内容或删除该条", j+1)
		case rec.Quantity < 0 || rec.AreaM2x100 < 0:
			return hedui.Answer{}, invalid("negative_value", sub, "第%d条记录的数量和面积不能为负数", j+1)
		case !rec.PeriodFrom.IsZero() && !rec.PeriodTo.IsZero() && rec.PeriodFrom.After(rec.PeriodTo.Time):
			return hedui.Answer{}, invalid("period_reversed", sub+".period_from", "第%d条记录的起始日期晚于截止日期", j+1)
		}
	}
	a := hedui.Answer{
		QueryID:      q.ID,
		SubjectRef:   in.SubjectRef,
		MemberID:     q.Subjects[k].MemberID,
		DepartmentID: q.DepartmentID,
		Item:         in.Item,
		NoRecord:     in.NoRecord,
		Records:      in.Records,
		AsOf:         in.AsOf,
		Channel:      hedui.ChannelManual,
		Source:       "portal",
	}
	return a, nil
}

// recordHasContent reports whether a record says anything at all.
func recordHasContent(r hedui.Record) bool {
	if strings.TrimSpace(r.Kind) != "" || r.AmountFen != 0 || r.Quantity != 0 || r.AreaM2x100 != 0 ||
		!r.PeriodFrom.IsZero() || !r.PeriodTo.IsZero() || strings.TrimSpace(r.Description) != "" {
		return true
	}
	for _, v := range r.Fields {
		if strings.TrimSpace(v) != "" {
			return true
		}
	}
	return false
}
