package http

import (
	"cmp"
	stdhttp "net/http"
	"slices"

	"hedui"
)

// handleApplicationAnswers serves GET /api/v1/applications/{id}/answers:
// every department answer about the case's members, with its 反馈时间
// (received_at) and the date its data is as of, ordered by member, item
// and arrival. 查无记录 is an answer (no_record); a subject × item without
// an answer does not appear here and shows as pending in .../queries.
func (s *Server) handleApplicationAnswers(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	as, err := s.store.Answers(r.Context(), by, id)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	if len(as) > 0 {
		qs, err := s.store.Queries(r.Context(), by, id)
		if err != nil {
			return err
		}
		for _, q := range qs {
			names[q.DepartmentID] = q.Department
		}
	}
	slices.SortStableFunc(as, func(a, b hedui.Answer) int {
		return cmp.Or(cmp.Compare(a.MemberID, b.MemberID), cmp.Compare(slices.Index(hedui.Items, a.Item), slices.Index(hedui.Items, b.Item)),
			a.ReceivedAt.Compare(b.ReceivedAt), cmp.Compare(a.ID, b.ID))
	})
	out := make([]answerView, 0, len(as))
	for _, a := range as {
		a.Records = nonNil(a.Records)
		out = append(out, answerView{Answer: a, DepartmentName: names[a.DepartmentID], ItemLabel: a.Item.Label(), ChannelLabel: a.Channel.Label()})
	}
	writeJSON(w, stdhttp.StatusOK, map[string]any{"application_id": id, "total": len(out), "items": out})
	return nil
}
