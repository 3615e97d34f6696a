package rules

import "hedui"

// Expectation is one answer the departments owe: an item about a member.
// A missing owed answer is 未反馈, and makes the case 信息不全.
type Expectation struct {
	MemberID int64      `json:"member_id"`
	Item     hedui.Item `json:"item"`
}

// ExpectationsFrom lists what the queries asked: every subject × item.
func ExpectationsFrom(queries []hedui.Query) []Expectation {
	var out []Expectation
	for _, q := range queries {
		for _, s := range q.Subjects {
			for _, it := range q.Items {
				out = append(out, Expectation{MemberID: s.MemberID, Item: it})
			}
		}
	}
	return out
}
