package demo

import (
	"context"
	"fmt"
	"time"

	"hedui"
)

// deptTemplate is a member unit every county has.
type deptTemplate struct {
	code  string // suffix of the department code
	name  string // suffix of the department name
	items []hedui.Item
}

// countyDepts are the county-level member units of the seed plan (§五.二).
var countyDepts = []deptTemplate{
	{"police", "公安局", []hedui.Item{hedui.ItemHukou, hedui.ItemVehicle}},
	{"finance", "财政局", []hedui.Item{hedui.ItemPayroll, hedui.ItemSubsidy}},
	{"hrss", "人力资源和社会保障局", []hedui.Item{hedui.ItemSocialInsurance}},
	{"housing", "住房和城乡建设局", []hedui.Item{hedui.ItemHousing}},
	{"tax", "税务局", []hedui.Item{hedui.ItemTax}},
	{"market", "市场监督管理局", []hedui.Item{hedui.ItemBusiness}},
	{"bank", "人民银行支行（代各商业银行）", []hedui.Item{hedui.ItemBank}},
	{"civil", "民政局（各类救助）", []hedui.Item{hedui.ItemAssistance}},
}

// cityDepts are queried by the city centre in the quarterly escalation.
var cityDepts = []deptTemplate{
	{"finance-office", "金融工作办公室（证券）", []hedui.Item{hedui.ItemSecurities}},
	{"housing-fund", "住房公积金管理中心", []hedui.Item{hedui.ItemHousingFund}},
	{"realestate", "不动产登记中心", []hedui.Item{hedui.ItemHousing}},
}

// demoManual are the departments of 西峰区 whose liaisons answer by hand in
// the demo, so that the liaison accounts have work; every other department
// is the in-process simulator.
var demoManual = map[string]string{
	"621002-police": "liaison.police",
	"621002-bank":   "liaison.bank",
}

// LiaisonAccounts are the demo liaisons, one per manual department.
var LiaisonAccounts = []Account{
	{"liaison.police", "西峰区公安局联络员（示例）", hedui.RoleLiaison, "621002", "西峰区公安局"},
	{"liaison.bank", "人民银行西峰区支行联络员（示例）", hedui.RoleLiaison, "621002", "西峰区人民银行支行（代各商业银行）"},
}

// DepartmentStore is what seeding departments needs.
type DepartmentStore interface {
	Departments(ctx context.Context, by hedui.Actor) ([]hedui.Department, error)
	CreateDepartment(ctx context.Context, by hedui.Actor, d hedui.Department) (hedui.Department, error)
}

// exampleAgreement is an example information-sharing agreement, labelled
// as such in its number.
func exampleAgreement(code string) hedui.Agreement {
	return hedui.Agreement{
		Number:     "示例协议-" + code,
		SignedOn:   hedui.Date{Time: time.Date(2025, 12, 20, 0, 0, 0, 0, time.UTC)},
		ValidFrom:  hedui.Date{Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)},
		ValidUntil: hedui.Date{Time: time.Date(2028, 12, 31, 0, 0, 0, 0, time.UTC)},
	}
}

// Departments lists the demo's member units: every county's and the
// city's, with example agreements.
func Departments(divisions []hedui.Division) []hedui.Department {
	var out []hedui.Department
	add := func(div hedui.Division, level hedui.Level, t deptTemplate) {
		code := div.Code + "-" + t.code
		channel := hedui.ChannelSimulator
		if _, ok := demoManual[code]; ok {
			channel = hedui.ChannelManual
		}
		out = append(out, hedui.Department{Code: code, Name: div.Name + t.name, Level: level, Division: div.Code,
			Items: t.items, Channel: channel, ReplyDays: hedui.DefaultReplyDays, Agreement: exampleAgreement(code), Active: true})
	}
	for _, div := range divisions {
		switch {
		case div.Code == City:
			for _, t := range cityDepts {
				add(div, hedui.LevelCity, t)
			}
		case div.Level == hedui.LevelCounty && div.ParentCode == City:
			for _, t := range countyDepts {
				add(div, hedui.LevelCounty, t)
			}
		}
	}
	return out
}

// SeedDepartments registers the demo departments that do not exist yet.
func SeedDepartments(ctx context.Context, st DepartmentStore, divisions []hedui.Division) error {
	sys := hedui.SystemActor("创建演示部门")
	have, err := st.Departments(ctx, sys)
	if err != nil {
		return err
	}
	exists := map[string]bool{}
	for _, d := range have {
		exists[d.Code] = true
	}
	for _, d := range Departments(divisions) {
		if exists[d.Code] {
			continue
		}
		if _, err := st.CreateDepartment(ctx, sys, d); err != nil {
			return fmt.Errorf("demo: department %s: %w", d.Code, err)
		}
	}
	return nil
}
