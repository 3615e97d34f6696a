package report

import (
	"slices"
	"strconv"
	"strings"

	"hedui"
)

// recordKinds names the record kinds of recordkinds.go in Chinese, with
// what the amount is and what a single date means.
var recordKinds = map[string]struct{ label, amount, date string }{
	hedui.RecordResident:            {"户籍登记", "", "登记日期"},
	hedui.RecordDeceased:            {"死亡注销", "", "死亡日期"},
	hedui.RecordCar:                 {"汽车", "", "初次登记"},
	hedui.RecordTruck:               {"货车", "", "初次登记"},
	hedui.RecordSalary:              {"财政供养工资", "应发", ""},
	hedui.RecordPension:             {"养老金", "发放", ""},
	hedui.RecordUnemployment:        {"失业保险金", "发放", ""},
	hedui.RecordContribution:        {"社保缴费", "缴费基数", ""},
	hedui.RecordHouse:               {"房产", "", "登记日期"},
	hedui.RecordWageIncome:          {"工资薪金所得", "收入", ""},
	hedui.RecordBusinessIncome:      {"经营所得", "收入", ""},
	hedui.RecordCompany:             {"公司", "认缴资本", "成立日期"},
	hedui.RecordIndividual:          {"个体工商户", "资金数额", "成立日期"},
	hedui.RecordFarmland:            {"耕地地力保护补贴", "发放", ""},
	hedui.RecordReforestation:       {"退耕还林补助", "发放", ""},
	hedui.RecordElderlyAllowance:    {"高龄津贴", "发放", ""},
	hedui.RecordDeposit:             {"存款", "余额", "开户日期"},
	hedui.RecordStock:               {"股票", "市值", ""},
	hedui.RecordFund:                {"基金", "市值", ""},
	hedui.RecordBond:                {"债券", "市值", ""},
	hedui.RecordFundAccount:         {"公积金账户", "余额", ""},
	hedui.RecordDibao:               {"低保金", "发放", ""},
	hedui.RecordTemporary:           {"临时救助金", "发放", ""},
	hedui.RecordDisabilityAllowance: {"残疾人补贴", "发放", ""},
}

// recordText is one record as a line of the report: kind, amount in
// yuan, dates, quantity, area, description and the department's own
// fields in key order.
func recordText(r *hedui.Record) string {
	k, ok := recordKinds[r.Kind]
	if !ok {
		k.label = r.Kind
	}
	if k.amount == "" {
		k.amount = "金额"
	}
	if k.date == "" {
		k.date = "日期"
	}
	parts := make([]string, 0, 6+len(r.Fields))
	if r.AmountFen != 0 {
		parts = append(parts, k.amount+Money(r.AmountFen)+"元")
	}
	if p := period(r.PeriodFrom, r.PeriodTo, k.date); p != "" {
		parts = append(parts, p)
	}
	if r.Quantity > 1 {
		parts = append(parts, "数量"+strconv.Itoa(r.Quantity))
	}
	if r.AreaM2x100 != 0 {
		parts = append(parts, "面积"+area(r.AreaM2x100))
	}
	if r.Description != "" {
		parts = append(parts, r.Description)
	}
	keys := make([]string, 0, len(r.Fields))
	for key := range r.Fields {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	for _, key := range keys {
		if v := r.Fields[key]; v != "" {
			parts = append(parts, key+"："+v)
		}
	}
	if len(parts) == 0 {
		return k.label
	}
	return k.label + "：" + strings.Join(parts, "，")
}

func itemLabels(items []hedui.Item) string {
	s := make([]string, len(items))
	for i, it := range items {
		s[i] = it.Label()
	}
	return strings.Join(s, "、")
}
