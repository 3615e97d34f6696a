package http

import (
	stdhttp "net/http"

	"hedui"
)

// meResponse tells the UI who is logged in and which parts to show. The
// store enforces every one of these; the flags only spare users buttons
// that would fail.
type meResponse struct {
	User      hedui.User   `json:"user"`
	RoleLabel string       `json:"role_label"`
	Scope     hedui.Scope  `json:"case_scope"`
	Can       capabilities `json:"can"`
}

type capabilities struct {
	ReadCases          bool `json:"read_cases"`
	CreateApplications bool `json:"create_applications"`
	ReviewApplications bool `json:"review_applications"`
	ManageUsers        bool `json:"manage_users"`
	ReadAudit          bool `json:"read_audit"`
	AnswerQueries      bool `json:"answer_queries"`
	ManageDepartments  bool `json:"manage_departments"`
	ManageHolidays     bool `json:"manage_holidays"`
	ManagePolicies     bool `json:"manage_policies"`
	ReadPolicies       bool `json:"read_policies"`
	ReadReports        bool `json:"read_reports"`
	IssueReports       bool `json:"issue_reports"`
	AgencyInbox        bool `json:"agency_inbox"`
	ManageWebhooks     bool `json:"manage_webhooks"`
}

// handleMe serves GET /api/v1/me.
func (s *Server) handleMe(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	u, err := s.store.User(r.Context(), by.Username)
	if err != nil {
		return err
	}
	scope := by.CaseScope()
	writeJSON(w, stdhttp.StatusOK, meResponse{
		User:      u,
		RoleLabel: by.Role.Label(),
		Scope:     scope,
		Can: capabilities{
			ReadCases:          !scope.IsZero() && s.roleMay("GET", "/api/v1/applications", by.Role),
			CreateApplications: !scope.IsZero() && s.roleMay("POST", "/api/v1/applications", by.Role),
			ReviewApplications: !scope.IsZero() && by.Role == hedui.RoleVerifier,
			ManageUsers:        s.roleMay("POST", "/api/v1/users", by.Role),
			ReadAudit:          s.roleMay("GET", "/api/v1/audit", by.Role),
			AnswerQueries:      s.roleMay("POST", "/api/v1/exchange/answer-files", by.Role),
			ManageDepartments:  s.roleMay("POST", "/api/v1/departments", by.Role),
			ManageHolidays:     s.roleMay("PUT", "/api/v1/holidays/{year}", by.Role),
			ManagePolicies:     s.roleMay("POST", "/api/v1/policies", by.Role),
			ReadPolicies:       s.roleMay("GET", "/api/v1/policies", by.Role),
			ReadReports:        !by.ReportScope().IsZero() && s.roleMay("GET", "/api/v1/reports/{id}", by.Role),
			IssueReports:       !scope.IsZero() && s.roleMay("POST", "/api/v1/applications/{id}/report", by.Role),
			AgencyInbox:        !by.ReportScope().IsZero() && s.roleMay("GET", "/api/v1/agency/inbox", by.Role),
			ManageWebhooks:     s.roleMay("POST", "/api/v1/webhooks", by.Role),
		},
	})
	return nil
}
