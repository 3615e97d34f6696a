package report

import (
	"fmt"
	"strconv"

	"hedui"
)

func conclusionSection(title string, k *hedui.Conclusion) section {
	fs := []field{
		{Label: "核对结论", Value: k.Overall.Label(), Strong: true},
		{Label: "建议救助类别", Value: k.Category.Label(), Strong: true},
		{Label: "共同生活家庭人口", Value: strconv.Itoa(k.Members) + "人"},
		{Label: "核算期", Value: strconv.Itoa(k.Months) + "个月（截至" + isoDate(k.AsOf) + "）"},
		{Label: "家庭总收入", Value: Money(k.GrossIncomeFen) + "元"},
		{Label: "不计入收入", Value: Money(k.ExcludedIncomeFen) + "元"},
		{Label: "扣减费用", Value: Money(k.DeductionsFen) + "元"},
		{Label: "计入收入", Value: Money(k.CountedIncomeFen) + "元"},
		{Label: "人均月收入", Value: Money(k.PerCapitaFen) + "元", Strong: true},
		{Label: "低保标准", Value: Money(k.StandardFen) + "元/人·月"},
	}
	if k.NearPoorLineFen > 0 {
		fs = append(fs, field{Label: "低保边缘标准", Value: Money(k.NearPoorLineFen) + "元/人·月"})
	}
	if k.Category == hedui.CategoryDibao {
		fs = append(fs, field{Label: "月保障金额", Value: Money(k.BenefitFen) + "元", Strong: true})
	}
	a := &k.Assets
	fin := Money(a.FinancialFen) + "元"
	if a.FinancialLimitFen > 0 {
		fin += "（限额" + Money(a.FinancialLimitFen) + "元）"
	}
	veh := strconv.Itoa(a.Vehicles) + "辆"
	if a.VehiclesExempt > 0 {
		veh += "（另有豁免" + strconv.Itoa(a.VehiclesExempt) + "辆）"
	}
	fs = append(fs,
		field{Label: "金融资产", Value: fin},
		field{Label: "机动车辆", Value: veh},
		field{Label: "住房", Value: strconv.Itoa(a.Homes) + "套，" + area(a.HomeAreaM2x100)},
		field{Label: "工商登记", Value: strconv.Itoa(a.Businesses) + "户"},
		field{Label: "适用政策", Value: "第" + strconv.Itoa(k.PolicyVersion) + "版"},
	)
	blocks := []block{{Kind: blockFields, Fields: fs}}
	reasons := make([]string, len(k.Reasons))
	for i, r := range k.Reasons {
		reasons[i] = fmt.Sprintf("%s（%s；规则 %s，政策第%d版）", r.Text, r.Effect.Label(), r.RuleID, r.RuleVersion)
	}
	if len(reasons) == 0 {
		reasons = []string{"无。"}
	}
	blocks = append(blocks, block{Kind: blockList, Label: "结论理由", Lines: reasons})
	return section{Title: title, Blocks: blocks}
}

func decisionSection(title string, d *hedui.Decision) section {
	action := map[hedui.DecisionAction]string{hedui.DecisionConfirm: "确认核对结论", hedui.DecisionOverride: "改判"}[d.Action]
	fs := []field{{Label: "处理", Value: orDash(action), Strong: true}}
	if d.Action == hedui.DecisionOverride {
		fs = append(fs,
			field{Label: "改判结论", Value: d.Overall.Label(), Strong: true},
			field{Label: "改判类别", Value: d.Category.Label(), Strong: true})
		if d.Category == hedui.CategoryDibao {
			fs = append(fs, field{Label: "月保障金额", Value: Money(d.BenefitFen) + "元"})
		}
	}
	if d.Reason != "" {
		fs = append(fs, field{Label: "理由", Value: d.Reason, Wide: true})
	}
	fs = append(fs, field{Label: "核对人员", Value: orDash(d.By)}, field{Label: "处理时间", Value: clock(d.At)})
	return section{Title: title, Blocks: []block{{Kind: blockFields, Fields: fs}}}
}
