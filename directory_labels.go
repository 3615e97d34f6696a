package hedui

// OrgKinds lists the kinds of organisation, for forms and validation.
var OrgKinds = []OrgKind{OrgTownship, OrgCentre, OrgDepartment, OrgAgency, OrgAdmin, OrgOversight}

var orgKindLabels = map[OrgKind]string{
	OrgTownship: "乡镇（街道）经办窗口", OrgCentre: "核对中心", OrgDepartment: "成员单位（数据部门）",
	OrgAgency: "经办机构", OrgAdmin: "平台管理", OrgOversight: "审计/纪检",
}

// Valid reports whether k is a known kind.
func (k OrgKind) Valid() bool { _, ok := orgKindLabels[k]; return ok }

// Label is the Chinese name.
func (k OrgKind) Label() string {
	if s, ok := orgKindLabels[k]; ok {
		return s
	}
	return string(k)
}

var levelLabels = map[Level]string{
	LevelProvince: "省级", LevelCity: "市级", LevelCounty: "县（区）级", LevelTownship: "乡镇（街道）",
}

// Label is the Chinese name of the level.
func (l Level) Label() string {
	if s, ok := levelLabels[l]; ok {
		return s
	}
	return string(l)
}

// AuditOrgCreate is the audit action of an organisation created by an
// administrator.
const AuditOrgCreate = "organisation.create"
