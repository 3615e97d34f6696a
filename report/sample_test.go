package report

import (
	"fmt"
	"time"

	"hedui"
)

// sampleContent is a typical report: three members, one supporter and
// twelve sources, one of which has not answered.
func sampleContent() (*hedui.ReportContent, Options) {
	day := func(y int, m time.Month, d int) hedui.Date {
		return hedui.DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
	}
	at := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 17, 0, 0, hedui.CST) }
	asOf := day(2026, 3, 1)
	months := func(kind string, fen hedui.Fen, fields map[string]string) []hedui.Record {
		var rs []hedui.Record
		for m := time.September; m <= time.December+2; m++ {
			from := day(2025, m, 1)
			rs = append(rs, hedui.Record{Kind: kind, AmountFen: fen, PeriodFrom: from, PeriodTo: hedui.DateOf(from.AddDate(0, 1, -1)), Fields: fields})
		}
		return rs
	}
	ans := func(member string, item hedui.Item, d int, recs ...hedui.Record) hedui.ReportAnswer {
		return hedui.ReportAnswer{Member: member, Item: item, NoRecord: len(recs) == 0, Records: recs, AsOf: asOf, ReceivedAt: at(d, 9+d%8)}
	}
	names := []string{"张喆", "马文堃", "张思远"}
	none := func(item hedui.Item, d int) []hedui.ReportAnswer {
		var rows []hedui.ReportAnswer
		for _, n := range names {
			rows = append(rows, ans(n, item, d))
		}
		return rows
	}
	c := &hedui.ReportContent{
		Number: "621002-2026-核-000123", Date: day(2026, 3, 12),
		Aid:  []hedui.AssistanceType{hedui.AidDibao, hedui.AidMedical},
		Kind: hedui.KindNew,
		Applicant: hedui.ReportPerson{Name: "张喆", IDNumber: "621002198103151234", Relationship: hedui.RelHead,
			HukouPlace: "甘肃省庆阳市西峰区后官寨镇"},
		Address: "甘肃省庆阳市西峰区北街街道九龙路社区3号楼2单元501室",
		Members: []hedui.ReportPerson{
			{MemberID: 1, Name: "张喆", IDNumber: "621002198103151234", Relationship: hedui.RelHead, HukouPlace: "甘肃省庆阳市西峰区后官寨镇"},
			{MemberID: 2, Name: "马文堃", IDNumber: "62100219830708202X", Relationship: hedui.RelSpouse, HukouPlace: "甘肃省庆阳市西峰区后官寨镇"},
			{MemberID: 3, Name: "张思远", IDNumber: "621002201109014415", Relationship: hedui.RelChild, HukouPlace: "甘肃省庆阳市西峰区后官寨镇"},
		},
		Supporters: []hedui.ReportPerson{{Name: "张建国", IDNumber: "621002195501101218", Relationship: hedui.RelParent, HukouPlace: "甘肃省庆阳市镇原县城关镇"}},
		Centre:     "庆阳市西峰区居民家庭经济状况核对中心",
		ObjectDays: 5,
	}
	c.Sources = []hedui.ReportSource{
		{Department: "庆阳市公安局西峰分局", Items: []hedui.Item{hedui.ItemHukou}, Answered: true, Rows: []hedui.ReportAnswer{
			ans("张喆", hedui.ItemHukou, 3, hedui.Record{Kind: hedui.RecordResident, PeriodFrom: day(1999, 5, 2), Fields: map[string]string{"户籍地址": "西峰区后官寨镇"}}),
			ans("马文堃", hedui.ItemHukou, 3, hedui.Record{Kind: hedui.RecordResident, PeriodFrom: day(2006, 1, 9)}),
			ans("张思远", hedui.ItemHukou, 3, hedui.Record{Kind: hedui.RecordResident, PeriodFrom: day(2011, 9, 20)}),
		}},
		{Department: "庆阳市公安局交通警察支队", Items: []hedui.Item{hedui.ItemVehicle}, Answered: true, Rows: []hedui.ReportAnswer{
			ans("张喆", hedui.ItemVehicle, 4), ans("张思远", hedui.ItemVehicle, 4),
			ans("马文堃", hedui.ItemVehicle, 4, hedui.Record{Kind: hedui.RecordCar, Quantity: 1, PeriodFrom: day(2021, 6, 18),
				Description: "五菱宏光 甘M·3K721", Fields: map[string]string{"使用性质": "非营运", "车辆类型": "小型普通客车"}}),
		}},
		{Department: "西峰区财政局", Items: []hedui.Item{hedui.ItemPayroll}, Answered: true, Rows: none(hedui.ItemPayroll, 5)},
		{Department: "西峰区人力资源和社会保障局", Items: []hedui.Item{hedui.ItemSocialInsurance}, Answered: true, Rows: []hedui.ReportAnswer{
			ans("张喆", hedui.ItemSocialInsurance, 5, months(hedui.RecordContribution, 260000, map[string]string{"险种": "企业职工基本养老保险"})...),
			ans("马文堃", hedui.ItemSocialInsurance, 5), ans("张思远", hedui.ItemSocialInsurance, 5),
		}},
		{Department: "西峰区不动产登记中心", Items: []hedui.Item{hedui.ItemHousing}, Answered: true, Rows: []hedui.ReportAnswer{
			ans("张喆", hedui.ItemHousing, 6, hedui.Record{Kind: hedui.RecordHouse, Quantity: 1, AreaM2x100: 8950, PeriodFrom: day(2012, 4, 11),
				Fields: map[string]string{"不动产权证号": "甘(2012)西峰区不动产权第0012345号", "用途": "住宅"}}),
			ans("马文堃", hedui.ItemHousing, 6), ans("张思远", hedui.ItemHousing, 6),
		}},
		{Department: "国家税务总局庆阳市西峰区税务局", Items: []hedui.Item{hedui.ItemTax}, Answered: true, Rows: []hedui.ReportAnswer{
			ans("张喆", hedui.ItemTax, 6, months(hedui.RecordWageIncome, 260000, map[string]string{"扣缴义务人": "庆阳兴隆商贸有限公司"})...),
			ans("马文堃", hedui.ItemTax, 6), ans("张思远", hedui.ItemTax, 6),
		}},
		{Department: "西峰区市场监督管理局", Items: []hedui.Item{hedui.ItemBusiness}, Answered: true, Rows: none(hedui.ItemBusiness, 7)},
		{Department: "西峰区农业农村局", Items: []hedui.Item{hedui.ItemSubsidy}, Answered: true, Rows: []hedui.ReportAnswer{
			ans("张喆", hedui.ItemSubsidy, 7, hedui.Record{Kind: hedui.RecordFarmland, AmountFen: 48650, PeriodFrom: day(2025, 1, 1), PeriodTo: day(2025, 12, 31)}),
			ans("马文堃", hedui.ItemSubsidy, 7), ans("张思远", hedui.ItemSubsidy, 7),
		}},
		{Department: "中国人民银行西峰区支行（代各商业银行）", Items: []hedui.Item{hedui.ItemBank}, Answered: true, Rows: []hedui.ReportAnswer{
			ans("张喆", hedui.ItemBank, 9,
				hedui.Record{Kind: hedui.RecordDeposit, AmountFen: 1234567, Fields: map[string]string{"开户行": "中国农业银行庆阳分行", "账号尾号": "4471"}},
				hedui.Record{Kind: hedui.RecordDeposit, AmountFen: 30012, Fields: map[string]string{"开户行": "甘肃西峰农村商业银行", "账号尾号": "0923"}}),
			ans("马文堃", hedui.ItemBank, 9, hedui.Record{Kind: hedui.RecordDeposit, AmountFen: 506000, Fields: map[string]string{"开户行": "中国邮政储蓄银行庆阳市分行", "账号尾号": "1180"}}),
			ans("张思远", hedui.ItemBank, 9),
		}},
		{Department: "中国证券登记结算有限责任公司（证券账户查询）", Items: []hedui.Item{hedui.ItemSecurities}, Answered: false},
		{Department: "庆阳市住房公积金管理中心", Items: []hedui.Item{hedui.ItemHousingFund}, Answered: true, Rows: []hedui.ReportAnswer{
			ans("张喆", hedui.ItemHousingFund, 10, hedui.Record{Kind: hedui.RecordFundAccount, AmountFen: 1825000, Fields: map[string]string{"缴存状态": "正常"}}),
			ans("马文堃", hedui.ItemHousingFund, 10), ans("张思远", hedui.ItemHousingFund, 10),
		}},
		{Department: "西峰区民政局", Items: []hedui.Item{hedui.ItemAssistance}, Answered: true, Rows: none(hedui.ItemAssistance, 10)},
	}
	c.Rows = []hedui.ComparisonRow{
		{MemberID: 1, Item: hedui.ItemHukou, Label: "户籍状态", Flag: hedui.FlagMatch, WithinTolerance: true},
		{MemberID: 1, Item: hedui.ItemTax, Category: hedui.IncomeWage, Label: "工资性收入", Flag: hedui.FlagMismatch, DeclaredFen: 1200000, FoundFen: 1560000, DiffFen: 360000, CountedFen: 1560000, Understated: true},
		{MemberID: 1, Item: hedui.ItemSubsidy, Category: hedui.IncomeTransfer, Label: "转移净收入", Flag: hedui.FlagMatch, DeclaredFen: 48000, FoundFen: 48650, DiffFen: 650, CountedFen: 48000, WithinTolerance: true},
		{MemberID: 1, Item: hedui.ItemBank, Asset: hedui.AssetDeposit, Label: "银行存款", Flag: hedui.FlagMatch, DeclaredFen: 1264579, FoundFen: 1264579, CountedFen: 1264579, WithinTolerance: true},
		{MemberID: 1, Item: hedui.ItemHousing, Asset: hedui.AssetHouse, Label: "房产", Flag: hedui.FlagMatch, DeclaredCount: 1, FoundCount: 1, DeclaredArea: 8950, FoundArea: 8950, WithinTolerance: true},
		{MemberID: 2, Item: hedui.ItemHukou, Label: "户籍状态", Flag: hedui.FlagMatch, WithinTolerance: true},
		{MemberID: 2, Item: hedui.ItemBank, Asset: hedui.AssetDeposit, Label: "银行存款", Flag: hedui.FlagUndeclared, FoundFen: 506000, DiffFen: 506000, CountedFen: 506000, Understated: true},
		{MemberID: 2, Item: hedui.ItemVehicle, Asset: hedui.AssetVehicle, Label: "机动车辆", Flag: hedui.FlagUndeclared, FoundCount: 1, Understated: true},
		{MemberID: 3, Item: hedui.ItemHukou, Label: "户籍状态", Flag: hedui.FlagMatch, WithinTolerance: true},
		{MemberID: 3, Item: hedui.ItemSecurities, Asset: hedui.AssetSecurities, Label: "有价证券", Flag: hedui.FlagNoAnswer},
	}
	c.Conclusion = hedui.Conclusion{PolicyID: 7, PolicyVersion: 3, AsOf: asOf, Overall: hedui.OverallVisit, Category: hedui.CategoryDibao,
		BenefitFen: 31800, Members: 3, Months: 6, GrossIncomeFen: 1608650, ExcludedIncomeFen: 0, DeductionsFen: 0, CountedIncomeFen: 1608650,
		PerCapitaFen: 89370, StandardFen: 100000, NearPoorLineFen: 150000,
		Assets: hedui.AssetSummary{DepositsFen: 1770579, FinancialFen: 1770579, FinancialLimitFen: 3600000, Vehicles: 1, Homes: 1, HomeAreaM2x100: 8950},
		Rows:   c.Rows,
		Reasons: []hedui.Reason{
			{RuleID: "income_understated", RuleVersion: 3, Effect: hedui.EffectVisit, Text: "张喆的工资性收入查实15,600.00元，申报12,000.00元，超出容差"},
			{RuleID: "vehicle_undeclared", RuleVersion: 3, Effect: hedui.EffectVisit, Text: "马文堃名下登记机动车1辆，申报中未列"},
			{RuleID: "missing_answer", RuleVersion: 3, Effect: hedui.EffectInfo, Text: "中国证券登记结算有限责任公司尚未反馈，有价证券未核实"},
			{RuleID: "dibao_income", RuleVersion: 3, Effect: hedui.EffectInfo, Text: fmt.Sprintf("人均月收入%s元低于低保标准%s元", Money(89370), Money(100000))},
		}}
	c.Decision = &hedui.Decision{Action: hedui.DecisionConfirm, By: "李娜（核对员）", At: at(12, 10)}
	return c, Options{Code: "7KQ2-M9XD", VerifyURL: "https://hedui.example.gov.cn/verify"}
}
