package deptsim

// The record kinds simulated departments answer with are the root
// vocabulary (hedui.Record*, hedui.RecordKinds in recordkinds.go): the
// comparison rules match on them without importing the simulator.

// Field names: department columns carried in Record.Fields. Amounts in
// fields are written in yuan with two decimals, dates as 2006-01-02, as a
// department's export would show them.
const (
	// hukou (公安户政)
	FieldName         = "姓名"
	FieldIDNumber     = "公民身份号码"
	FieldHukouAddress = "户籍地址"
	FieldHukouType    = "户口性质"
	FieldRelationship = "与户主关系"
	FieldStatus       = "人员状态"
	FieldDeathDate    = "死亡日期"

	// vehicle (公安交管)
	FieldPlate           = "号牌号码"
	FieldPlateType       = "号牌种类"
	FieldModel           = "品牌型号"
	FieldVehicleType     = "车辆类型"
	FieldUse             = "使用性质"
	FieldFirstRegistered = "初次登记日期"
	FieldVehicleStatus   = "机动车状态"

	// payroll (财政), social insurance (人社), tax (税务)
	FieldEmployer        = "工作单位"
	FieldMonth           = "所属期"
	FieldGrossPay        = "应发工资"
	FieldNetPay          = "实发工资"
	FieldStaffType       = "人员类别"
	FieldScheme          = "险种"
	FieldBenefit         = "待遇金额"
	FieldBenefitStart    = "待遇开始日期"
	FieldContributorBase = "缴费基数"
	FieldPersonalPart    = "个人缴费"
	FieldEmployerPart    = "单位缴费"
	FieldIncomeItem      = "所得项目"
	FieldIncome          = "收入额"
	FieldTaxPaid         = "已缴税额"
	FieldWithholder      = "扣缴义务人"

	// housing (不动产登记)
	FieldLocation   = "坐落"
	FieldArea       = "建筑面积"
	FieldPlannedUse = "规划用途"
	FieldCertNo     = "不动产权证号"
	FieldRegistered = "登记日期"
	FieldOwnership  = "共有情况"

	// business (市场监管)
	FieldCreditCode = "统一社会信用代码"
	FieldEntityName = "主体名称"
	FieldEntityType = "市场主体类型"
	FieldRegStatus  = "登记状态"
	FieldCapital    = "认缴出资额"
	FieldFounded    = "成立日期"
	FieldRole       = "担任职务"

	// subsidy (财政/农业), assistance (民政/残联)
	FieldProgramme = "项目名称"
	FieldAmount    = "发放金额"
	FieldPaidOn    = "发放日期"
	FieldPayer     = "发放单位"

	// bank (人民银行/各银行), securities, housing fund (公积金中心)
	FieldBank           = "开户行"
	FieldAccountType    = "账户类型"
	FieldAccountNo      = "账号"
	FieldBalance        = "余额"
	FieldCurrency       = "币种"
	FieldBroker         = "证券公司"
	FieldSecurityClass  = "证券类别"
	FieldMarketValue    = "市值"
	FieldFundEmployer   = "缴存单位"
	FieldFundStatus     = "账户状态"
	FieldMonthlyDeposit = "月缴存额"
)
