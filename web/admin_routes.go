package web

import (
	"errors"

	"hedui"
)

// adminRoutes are the administrator's pages: accounts, organisations,
// departments with their agreements, policy versions with a dry run, and
// the holiday calendar. None of them shows case data.
func (s *Server) adminRoutes() []route {
	adminOnly := []hedui.Role{hedui.RoleAdmin}
	const user = "/admin/users/{username}"
	return []route{
		{method: "GET", pattern: "/admin/users", purpose: "账户管理", roles: adminOnly, h: s.handleUsers},
		{method: "POST", pattern: "/admin/users", purpose: "账户管理", roles: adminOnly, h: s.handleUserCreate},
		{method: "POST", pattern: user + "/disable", purpose: "账户管理", roles: adminOnly, h: s.userSetDisabled(true)},
		{method: "POST", pattern: user + "/enable", purpose: "账户管理", roles: adminOnly, h: s.userSetDisabled(false)},
		{method: "POST", pattern: user + "/password", purpose: "账户管理", roles: adminOnly, h: s.handleUserPassword},
		{method: "GET", pattern: "/admin/organisations", purpose: "机构管理", roles: adminOnly, h: s.handleOrganisations},
		{method: "POST", pattern: "/admin/organisations", purpose: "机构管理", roles: adminOnly, h: s.handleOrganisationCreate},
		{method: "GET", pattern: "/admin/departments", purpose: "查看成员单位", roles: adminOnly, h: s.handleDepartments},
		{method: "GET", pattern: "/admin/departments/new", purpose: "成员单位管理", roles: adminOnly, h: s.handleDepartmentNew},
		{method: "POST", pattern: "/admin/departments", purpose: "成员单位管理", roles: adminOnly, h: s.handleDepartmentSave},
		{method: "GET", pattern: "/admin/departments/{id}", purpose: "成员单位管理", roles: adminOnly, h: s.handleDepartmentEdit},
		{method: "POST", pattern: "/admin/departments/{id}", purpose: "成员单位管理", roles: adminOnly, h: s.handleDepartmentSave},
		{method: "GET", pattern: "/admin/policies", purpose: "查看政策参数", roles: adminOnly, h: s.handlePolicyList},
		{method: "GET", pattern: "/admin/policies/new", purpose: "政策参数管理", roles: adminOnly, h: s.handlePolicyNew},
		{method: "POST", pattern: "/admin/policies", purpose: "政策参数管理", roles: adminOnly, h: s.handlePolicyCreate},
		{method: "GET", pattern: "/admin/holidays", purpose: "查看节假日安排", roles: adminOnly, h: s.handleHolidays},
		{method: "POST", pattern: "/admin/holidays", purpose: "节假日安排管理", roles: adminOnly, h: s.handleHolidayPut},
	}
}

// fieldOf is the form field a store or validation error names, "" when
// it names none.
func fieldOf(err error) string {
	var e *hedui.Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// userFacing reports whether err is a refusal the form shows to the user
// (as opposed to a failure the error page handles).
func userFacing(err error) bool {
	switch hedui.KindOf(err) {
	case hedui.KindInvalid, hedui.KindMalformed, hedui.KindConflict:
		return true
	}
	return false
}
