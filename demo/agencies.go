package demo

import "hedui"

// agencyOrgs are the demo's assistance agencies (经办机构): the 低保
// centres of 西峰区 and 环县, at county level, so that each receives the
// reports of its county's cases.
var agencyOrgs = []hedui.Organisation{
	{Name: "西峰区民政局低保中心", Kind: hedui.OrgAgency, Division: "621002"},
	{Name: "环县民政局低保中心", Kind: hedui.OrgAgency, Division: "621022"},
}
