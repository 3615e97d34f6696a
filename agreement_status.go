package hedui

// AgreementStatus is where a sharing agreement stands on a given day.
type AgreementStatus string

const (
	AgreementActive   AgreementStatus = "active"   // 在有效期内
	AgreementExpired  AgreementStatus = "expired"  // 已过期
	AgreementNone     AgreementStatus = "none"     // 未签订
	AgreementUpcoming AgreementStatus = "upcoming" // 尚未生效
)

var agreementStatusLabels = map[AgreementStatus]string{
	AgreementActive: "在有效期内", AgreementExpired: "已过期", AgreementNone: "未签订", AgreementUpcoming: "尚未生效",
}

// Label is the Chinese name.
func (s AgreementStatus) Label() string {
	if l, ok := agreementStatusLabels[s]; ok {
		return l
	}
	return string(s)
}

// Status computes the agreement's status on day from its dates, in step
// with ActiveOn: without a number or a start date there is no agreement.
func (a Agreement) Status(day Date) AgreementStatus {
	switch {
	case a.Number == "" || a.ValidFrom.IsZero():
		return AgreementNone
	case day.Before(a.ValidFrom.Time):
		return AgreementUpcoming
	case !a.ValidUntil.IsZero() && day.After(a.ValidUntil.Time):
		return AgreementExpired
	}
	return AgreementActive
}
