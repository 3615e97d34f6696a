package online

import (
	"fmt"

	"hedui"
)

// QueriesPath is appended to a department's endpoint to post a query.
const QueriesPath = "/queries"

// Status says whether a Response carries the answers.
type Status string

const (
	StatusAnswered Status = "answered" // the answers are in this document
	StatusAccepted Status = "accepted" // the answers will come by callback
)

// Request is the document the centre posts for one query. Subjects carry
// only ref, name and ID number: a department learns nothing else.
type Request struct {
	QueryID        string          `json:"query_id"`
	DepartmentCode string          `json:"department_code"`
	Items          []hedui.Item    `json:"items"`
	Subjects       []hedui.Subject `json:"subjects"`
	DueOn          hedui.Date      `json:"due_on"`
	CallbackURL    string          `json:"callback_url,omitempty"`
}

// Response is a department's answer document, both in a response body and
// in a callback.
type Response struct {
	QueryID string   `json:"query_id"`
	Status  Status   `json:"status"`
	Answers []Answer `json:"answers,omitempty"`
}

// Answer is one subject × item on the wire.
type Answer struct {
	SubjectRef string         `json:"subject_ref"`
	Item       hedui.Item     `json:"item"`
	NoRecord   bool           `json:"no_record"`
	AsOf       hedui.Date     `json:"as_of"`
	Records    []hedui.Record `json:"records"`
}

// ErrorBody is the optional body of a 4xx or 5xx response. Message is
// Chinese and ends up in the query's failure reason.
type ErrorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// NewRequest builds the document for q. callbackURL may be empty.
func NewRequest(q hedui.Query, deptCode, callbackURL string) Request {
	return Request{
		QueryID: q.ID, DepartmentCode: deptCode, Items: q.Items,
		Subjects: q.Subjects, DueOn: q.DueOn, CallbackURL: callbackURL,
	}
}

// Query is the request as the department sees it: a query without the
// centre's bookkeeping and without member ids.
func (r *Request) Query() hedui.Query {
	return hedui.Query{ID: r.QueryID, Items: r.Items, Subjects: r.Subjects, DueOn: r.DueOn}
}

// Validate is the department side's check of a request. The message is
// Chinese, for an ErrorBody.
func (r *Request) Validate() error {
	const op = "online.Request.Validate"
	if r.QueryID == "" {
		return hedui.Errorf(op, hedui.KindInvalid, "missing_query_id", "缺少查询编号 query_id")
	}
	if len(r.Items) == 0 {
		return hedui.Errorf(op, hedui.KindInvalid, "missing_items", "缺少核对项目 items")
	}
	for _, it := range r.Items {
		if !it.Valid() {
			return hedui.Errorf(op, hedui.KindInvalid, "invalid_item", "未知的核对项目：%s", it)
		}
	}
	if len(r.Subjects) == 0 {
		return hedui.Errorf(op, hedui.KindInvalid, "missing_subjects", "缺少核对对象 subjects")
	}
	refs := make(map[string]bool, len(r.Subjects))
	for i, s := range r.Subjects {
		if s.Ref == "" || s.IDNumber == "" {
			return hedui.Errorf(op, hedui.KindInvalid, "invalid_subject", "第%d个核对对象缺少 ref 或身份证号码", i+1)
		}
		if refs[s.Ref] {
			return hedui.Errorf(op, hedui.KindInvalid, "duplicate_subject", "核对对象编号 %s 重复", s.Ref)
		}
		refs[s.Ref] = true
	}
	return nil
}

// AnswerOf puts a hedui.Answer on the wire, for departments (and the
// simulator) that build answers with the root vocabulary.
func AnswerOf(a hedui.Answer) Answer {
	return Answer{SubjectRef: a.SubjectRef, Item: a.Item, NoRecord: a.NoRecord, AsOf: a.AsOf, Records: a.Records}
}

// answerKey identifies one subject × item.
type answerKey struct {
	ref  string
	item hedui.Item
}

func (k answerKey) String() string { return fmt.Sprintf("%s/%s", k.ref, k.item) }
