package batchfile

import (
	"testing"

	"hedui"
	"hedui/sheet"
)

func TestParseYesNo(t *testing.T) {
	for in, want := range map[string]bool{"是": true, "Y": true, "y": true, "1": true, "TRUE": true, "true": true, "yes": true,
		"否": false, "N": false, "0": false, "false": false, "": false} {
		if got, err := sheet.ParseYesNo(in); err != nil || got != want {
			t.Errorf("sheet.ParseYesNo(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"有", "也许", "2", "t"} {
		if _, err := sheet.ParseYesNo(in); err == nil {
			t.Errorf("sheet.ParseYesNo(%q) accepted", in)
		}
	}
}

func TestParseItem(t *testing.T) {
	for in, want := range map[string]hedui.Item{"bank": hedui.ItemBank, "BANK": hedui.ItemBank, "银行存贷款": hedui.ItemBank,
		"housing_fund": hedui.ItemHousingFund, "住房公积金": hedui.ItemHousingFund} {
		if got, ok := parseItem(in); !ok || got != want {
			t.Errorf("parseItem(%q) = %q, %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "银行", "lottery"} {
		if got, ok := parseItem(in); ok {
			t.Errorf("parseItem(%q) = %q", in, got)
		}
	}
}

func TestCleanCellAndHeaders(t *testing.T) {
	for in, want := range map[string]string{
		"abc": "abc", " abc\t": "abc", "\u3000张三\u00a0": "张三", "\ufeff查询编号": "查询编号",
		`="621002199001011234"`: "621002199001011234", `=SUM(A1)`: "=SUM(A1)", "": "",
	} {
		if got := sheet.Clean(in); got != want {
			t.Errorf("sheet.Clean(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]col{
		"金额（元）": colAmount, " 金额 (元) ": colAmount, "AMOUNT": colAmount, "查询编号*": colQueryID,
		"面积(㎡)": colArea, "核对项目": colItemLabel, "核对项目代码": colItem, "截止日期": colPeriodTo,
		"反馈截止日期": colDueOn, "数据截止日期": colAsOf,
	} {
		if got, ok := lookupHeader(in); !ok || got != want {
			t.Errorf("lookupHeader(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
}
