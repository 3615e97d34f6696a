package rules

import (
	"strings"
	"testing"

	"hedui"
)

func TestCompileRule(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // "" compiles; else a fragment of the Chinese message
	}{
		{"per capita", `PerCapitaFen < StandardFen`, ""},
		{"members", `count(Members, .Counted && .Age >= 60) == MemberCount`, ""},
		{"income category", `Income.Wage + Income.Business > 100000 && len(IncomeByMonth) == Months`, ""},
		{"monthly peak", `any(IncomeByMonth, # > 2 * StandardFen)`, ""},
		{"assets", `Vehicles == 0 && Homes <= 1 && HomeAreaM2x100 > 12000 && FinancialAssetsFen > FinancialLimitFen / 2`, ""},
		{"empty", "  ", "不能为空"},
		{"unknown field", `Salary > 0`, "第1行第1列有误：未知的字段或名称 Salary"},
		{"unknown field on line two", "PerCapitaFen > 0 &&\n  Cars > 1", "第2行第3列有误：未知的字段或名称 Cars"},
		{"not boolean", `PerCapitaFen + 1`, "结果应为真或假"},
		{"syntax", `PerCapitaFen >`, "第1行"},
		{"type mismatch", `Hukou > 3`, "第1行"},
		{"now is disabled", `now().Year() > 2000`, "第1行"},
	}
	for _, tt := range tests {
		_, err := CompileRule(tt.src)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, hedui.MessageOf(err))
		case tt.want != "" && err == nil:
			t.Errorf("%s: compiled, want an error", tt.name)
		case tt.want != "":
			if hedui.KindOf(err) != hedui.KindInvalid || hedui.CodeOf(err) != "invalid_rule" || !strings.Contains(hedui.MessageOf(err), tt.want) {
				t.Errorf("%s: %v %q, want KindInvalid with %q", tt.name, hedui.KindOf(err), hedui.MessageOf(err), tt.want)
			}
		}
	}
}

func TestCompilePolicyNamesTheRule(t *testing.T) {
	p := testPolicy()
	p.Rules = []hedui.PolicyRule{
		{ID: "ok", Name: "正常", Effect: hedui.EffectInfo, Expr: `MemberCount > 0`},
		{ID: "broken", Name: "坏规则", Effect: hedui.EffectVisit, Expr: "Vehicles > 0 &&\nDeposits > 1"},
	}
	_, err := Compile(p)
	var he *hedui.Error
	if err == nil || !asError(err, &he) || he.Field != "rules[1].expr" ||
		!strings.Contains(he.Message, "规则broken（坏规则）：规则表达式第2行第1列有误") {
		t.Fatalf("got %v (%+v)", err, he)
	}
	p.Rules = []hedui.PolicyRule{{ID: RuleVehicles, Name: "重名", Effect: hedui.EffectInfo, Expr: `true`}}
	if _, err := Compile(p); err == nil || !strings.Contains(hedui.MessageOf(err), "内置规则") {
		t.Errorf("a county rule with a built-in id: %v", err)
	}
}

func asError(err error, target **hedui.Error) bool {
	e, ok := err.(*hedui.Error)
	*target = e
	return ok
}

// A rule's reason cites the rows behind the fields it reads.
func TestRuleUses(t *testing.T) {
	tests := []struct {
		src  string
		want uint32
	}{
		{`Vehicles > 0`, mask(subVehicle)},
		{`DepositsFen > 0 || Homes > 1`, mask(subDeposit, subHouse)},
		{`any(Members, .PublicPayroll)`, mask(subHukou, subWage)},
		{`PerCapitaFen > 0`, incomeMask},
		{`true`, 0},
	}
	for _, tt := range tests {
		p, err := CompileRule(tt.src)
		if err != nil {
			t.Fatal(err)
		}
		if p.uses != tt.want {
			t.Errorf("%s: uses %b, want %b", tt.src, p.uses, tt.want)
		}
	}
}

// A rule that fails at run time asks for a person, it does not guess.
func TestRuleRuntimeError(t *testing.T) {
	p := testPolicy()
	p.Rules = []hedui.PolicyRule{{ID: "index", Name: "第十个月", Effect: hedui.EffectExclude, Expr: `IncomeByMonth[10] > 0`}}
	c, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	out := Check(c, &household(person(1, head, 45)).in)
	if out.Overall != hedui.OverallVisit || out.Category != hedui.CategoryDibao {
		t.Errorf("got %s/%s, want a visit with the category the figures give", out.Overall, out.Category)
	}
}
