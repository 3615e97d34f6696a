package http

import (
	"fmt"
	"time"

	"hedui"
)

// reportView is a report as the API returns it: the record, its content
// and where to fetch the printable document.
type reportView struct {
	hedui.Report
	KindLabel string `json:"kind_label"`
	PDFURL    string `json:"pdf_url"`
	HTMLURL   string `json:"html_url"`
}

func viewReport(r hedui.Report) reportView {
	c := &r.Content
	c.Aid, c.Members, c.Supporters = nonNil(c.Aid), nonNil(c.Members), nonNil(c.Supporters)
	c.Sources, c.Rows = nonNil(c.Sources), nonNil(c.Rows)
	c.Conclusion.Rows, c.Conclusion.Reasons = nonNil(c.Conclusion.Rows), nonNil(c.Conclusion.Reasons)
	for i := range c.Sources {
		c.Sources[i].Items, c.Sources[i].Rows = nonNil(c.Sources[i].Items), nonNil(c.Sources[i].Rows)
	}
	return reportView{Report: r, KindLabel: c.Kind.Label(), PDFURL: reportURL(r.ID, "/pdf"), HTMLURL: reportURL(r.ID, "/html")}
}

func reportURL(id int64, suffix string) string {
	return fmt.Sprintf("/api/v1/reports/%d%s", id, suffix)
}

// reportSummary is a version in a chain's list: no content.
type reportSummary struct {
	ID             int64      `json:"id"`
	ApplicationID  int64      `json:"application_id"`
	Chain          int64      `json:"chain_id"`
	Number         string     `json:"number"`
	Version        int        `json:"version"`
	Replaces       int64      `json:"replaces,omitempty"`
	Current        bool       `json:"current"`
	IssuedAt       time.Time  `json:"issued_at"`
	IssuedBy       string     `json:"issued_by"`
	Centre         string     `json:"centre"`
	SHA256         string     `json:"sha256"`
	Code           string     `json:"code"`
	Prints         int        `json:"prints"`
	ObjectionUntil hedui.Date `json:"objection_until"`
	PDFURL         string     `json:"pdf_url"`
	HTMLURL        string     `json:"html_url"`
}

func summariseReport(r hedui.Report) reportSummary {
	return reportSummary{ID: r.ID, ApplicationID: r.ApplicationID, Chain: r.Chain, Number: r.Number, Version: r.Version,
		Replaces: r.Replaces, Current: r.Current, IssuedAt: r.IssuedAt, IssuedBy: r.IssuedBy, Centre: r.Centre,
		SHA256: r.SHA256, Code: r.Code, Prints: r.Prints, ObjectionUntil: r.ObjectionEnds,
		PDFURL: reportURL(r.ID, "/pdf"), HTMLURL: reportURL(r.ID, "/html")}
}

// inboxItemView is an inbox row with the Chinese names of its codes.
type inboxItemView struct {
	hedui.InboxItem
	KindLabel     string `json:"kind_label"`
	StatusLabel   string `json:"status_label"`
	OverallLabel  string `json:"overall_label"`
	CategoryLabel string `json:"category_label"`
	DecisionLabel string `json:"agency_decision_label,omitempty"`
	PDFURL        string `json:"pdf_url"`
}

func viewInboxItem(it hedui.InboxItem) inboxItemView {
	v := inboxItemView{InboxItem: it, KindLabel: it.Kind.Label(), StatusLabel: it.Status.Label(),
		OverallLabel: it.Overall.Label(), CategoryLabel: it.Category.Label(), PDFURL: reportURL(it.ReportID, "/pdf")}
	if it.Decision != "" {
		v.DecisionLabel = it.Decision.Label()
	}
	return v
}

// agencyDecisionView is the agency's decision with its label.
type agencyDecisionView struct {
	hedui.AgencyDecision
	DecisionLabel string `json:"decision_label"`
}
