package batchfile

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"hedui"
)

// Refusal is an answer of an imported file that its query does not
// accept; Message is Chinese and names no full ID number.
type Refusal struct {
	Line    int    // the answer's first line in the file, 0 when unknown
	Column  string // the file's header of the offending column
	Code    string // unknown_query, unknown_subject, item_not_queried, id_number_mismatch
	Source  string // the answer's Source
	Message string
}

// Match ties each answer of imp to its query: lookup returns the query
// with its subjects, or nil when it does not exist or is not addressed to
// the caller's department (an error stops the match). The subject must be
// one of the query's, the item one it asks for, and the ID number in the
// file the subject's — otherwise the department looked up the wrong
// person, and the answer is refused. The accepted answers are returned
// per department, with DepartmentID, MemberID and Channel (manual) set.
// The API's and the pages' uploads share it.
func Match(imp *Import, lookup func(queryID string) (*hedui.Query, error)) (map[int64][]hedui.Answer, []Refusal, error) {
	queries := map[string]*hedui.Query{}
	byDept := map[int64][]hedui.Answer{}
	var refused []Refusal
	refuse := func(a hedui.Answer, column, code, format string, args ...any) {
		refused = append(refused, Refusal{Line: answerLine(imp.Name, a.Source), Column: column, Code: code, Source: a.Source,
			Message: fmt.Sprintf(format, args...)})
	}
	for _, a := range imp.Answers {
		q, seen := queries[a.QueryID]
		if !seen {
			var err error
			if q, err = lookup(a.QueryID); err != nil {
				return nil, nil, err
			}
			queries[a.QueryID] = q
		}
		if q == nil {
			refuse(a, "查询编号", "unknown_query", "查询编号%s不存在或不是发给本部门的，请按核对请求文件原样填写", a.QueryID)
			continue
		}
		k := slices.IndexFunc(q.Subjects, func(s hedui.Subject) bool { return s.Ref == a.SubjectRef })
		if k < 0 {
			refuse(a, "对象编号", "unknown_subject", "对象编号%s不属于查询%s，请按核对请求文件原样填写", a.SubjectRef, q.ID)
			continue
		}
		if !slices.Contains(q.Items, a.Item) {
			refuse(a, "核对项目代码", "item_not_queried", "查询%s没有核对项目“%s”", q.ID, a.Item.Label())
			continue
		}
		if !strings.EqualFold(strings.TrimSpace(imp.IDNumbers[a.SubjectRef]), strings.TrimSpace(q.Subjects[k].IDNumber)) {
			refuse(a, "身份证号码", "id_number_mismatch", "对象编号%s的身份证号码与核对请求不一致，请核实是否查错了人", a.SubjectRef)
			continue
		}
		a.DepartmentID = q.DepartmentID
		a.MemberID = q.Subjects[k].MemberID
		a.Channel = hedui.ChannelManual
		byDept[q.DepartmentID] = append(byDept[q.DepartmentID], a)
	}
	return byDept, refused, nil
}

// answerLine reads the line of an answer's source "<file name>:<line>".
func answerLine(file, source string) int {
	rest, ok := strings.CutPrefix(source, file+":")
	if !ok {
		return 0
	}
	n, err := strconv.Atoi(rest)
	if err != nil || n < 0 {
		return 0
	}
	return n
}
