package hedui

import "fmt"

// NewReportContent assembles what the report shows (domain brief §7) from
// a draft: the applicant and members in full, one section per query with
// every answer row and its 反馈时间, the comparison, the latest conclusion
// with the verifier's decision, and the footer's centre, restriction and
// objection window. number is the report number made from the draft's
// slot under the configured scheme.
//
// The place of registration printed for each member is the household's
// township and hukou type: the platform records no other hukou address.
// People obliged to support the family (赡养、抚养、扶养义务人) are the
// spouses, children and parents registered with the household who do not
// live in it (LivesTogether false): they are not counted as members of
// the 共同生活家庭, but the law makes them answer for the family's support.
func NewReportContent(d *ReportDraft, number string) ReportContent {
	app := d.Application
	c := ReportContent{
		Number:      number,
		Date:        d.Slot.Date,
		Aid:         append([]AssistanceType{}, app.Aid...),
		Kind:        app.Kind,
		Address:     app.Household.Address,
		Members:     []ReportPerson{},
		Supporters:  []ReportPerson{},
		Sources:     []ReportSource{},
		Rows:        d.Conclusion.Rows,
		Conclusion:  d.Conclusion.Conclusion,
		Decision:    d.Conclusion.Decision,
		Centre:      d.Centre,
		Restriction: DefaultRestriction,
		ObjectDays:  d.ObjectionDays,
	}
	if c.Rows == nil {
		c.Rows = []ComparisonRow{}
	}
	if d.ReplacesNumber != "" {
		c.Replaces = fmt.Sprintf("%s（第%d版）", d.ReplacesNumber, d.ReplacesVersion)
	}
	place := d.Township
	if h := app.Household.Hukou; h != "" {
		place += "（" + h.Label() + "）"
	}
	names := make(map[int64]string, len(app.Members))
	for _, m := range app.Members {
		p := ReportPerson{MemberID: m.ID, Name: m.Name, IDNumber: m.IDNumber, Relationship: m.Relationship, HukouPlace: place}
		names[m.ID] = m.Name
		if m.Relationship == RelHead && c.Applicant.Name == "" {
			c.Applicant = p
		}
		if obligedToSupport(m) {
			c.Supporters = append(c.Supporters, p)
			continue
		}
		c.Members = append(c.Members, p)
	}
	for _, q := range d.Queries {
		s := ReportSource{Department: q.Department, Items: append([]Item{}, q.Items...), Answered: q.Status == QueryAnswered,
			Rows: []ReportAnswer{}}
		for _, a := range d.Answers {
			if a.QueryID != q.ID {
				continue
			}
			name, ok := names[a.MemberID]
			if !ok {
				name = "（已不在户成员）"
			}
			recs := a.Records
			if recs == nil {
				recs = []Record{}
			}
			s.Rows = append(s.Rows, ReportAnswer{Member: name, Item: a.Item, NoRecord: a.NoRecord, Records: recs,
				AsOf: a.AsOf, ReceivedAt: a.ReceivedAt})
		}
		c.Sources = append(c.Sources, s)
	}
	return c
}

// obligedToSupport reports whether m is listed as a person obliged to
// support the family rather than as a member living in it.
func obligedToSupport(m Member) bool {
	if m.LivesTogether {
		return false
	}
	switch m.Relationship {
	case RelSpouse, RelChild, RelParent:
		return true
	}
	return false
}
