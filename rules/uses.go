package rules

import "github.com/expr-lang/expr/ast"

// A county rule's reason cites the rows behind the fields it reads: a rule
// about PerCapitaFen cites the income rows, one about Vehicles the vehicle
// rows. uses maps each model field to the subjects of those rows.
func mask(ss ...subject) uint32 {
	var m uint32
	for _, s := range ss {
		m |= 1 << s
	}
	return m
}

var (
	incomeMask    = mask(subWage, subBusinessIncome, subPension, subTransfer, subAssistance, subProperty, subOther, subCompensation, subFamilyPlan, subScholarship, subReward)
	financialMask = mask(subDeposit, subSecurities, subWealth, subHousingFund)
	memberMask    = mask(subHukou)
)

var fieldUses = map[string]uint32{
	"Income": incomeMask, "IncomeByMonth": incomeMask, "GrossIncomeFen": incomeMask, "ExcludedIncomeFen": incomeMask,
	"DeductionsFen": incomeMask, "CountedIncomeFen": incomeMask, "PerCapitaFen": incomeMask, "IncomeFen": incomeMask,
	"WageFen": mask(subWage), "PublicPayroll": mask(subWage), "PublicPayrollMembers": mask(subWage),
	"DepositsFen": mask(subDeposit), "SecuritiesFen": mask(subSecurities), "WealthFen": mask(subWealth),
	"HousingFundFen": mask(subHousingFund), "LoansFen": mask(subLoan), "FinancialAssetsFen": financialMask,
	"Vehicles": mask(subVehicle), "VehiclesExempt": mask(subVehicle),
	"Homes": mask(subHouse), "HomeAreaM2x100": mask(subHouse),
	"Businesses": mask(subBusiness), "BusinessCapitalFen": mask(subBusiness),
	"Members": memberMask, "MemberCount": memberMask, "Deceased": memberMask, "Age": memberMask,
	"DisabilityGrade": memberMask, "Labour": memberMask, "LivesTogether": memberMask, "Counted": memberMask,
	"UnableToWork": memberMask, "AbleSupporters": memberMask,
}

type usesVisitor struct{ mask uint32 }

func (v *usesVisitor) Visit(node *ast.Node) {
	switch n := (*node).(type) {
	case *ast.IdentifierNode:
		v.mask |= fieldUses[n.Value]
	case *ast.MemberNode:
		if s, ok := n.Property.(*ast.StringNode); ok {
			v.mask |= fieldUses[s.Value]
		}
	}
}

// usesOf is the subjects whose rows a compiled rule reads.
func usesOf(root ast.Node) uint32 {
	v := &usesVisitor{}
	ast.Walk(&root, v)
	return v.mask
}
