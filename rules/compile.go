package rules

import (
	"errors"
	"fmt"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/vm"

	"hedui"
)

// Program is a compiled, type-checked county rule.
type Program struct {
	src  string
	prog *vm.Program
	uses uint32 // subjects whose rows the rule reads, for evidence
}

// Source is the rule's text.
func (p *Program) Source() string { return p.src }

// run evaluates the rule over m on v.
func (p *Program) run(v *vm.VM, m *Model) (bool, error) {
	out, err := v.Run(p.prog, m)
	if err != nil {
		return false, err
	}
	b, _ := out.(bool)
	return b, nil
}

// Eval evaluates the rule over m.
func (p *Program) Eval(m *Model) (bool, error) {
	var v vm.VM
	return p.run(&v, m)
}

// maxRuleNodes bounds a rule's size, so that a rule cannot make the
// comparison of a city's households slow.
const maxRuleNodes = 500

var compileOptions = []expr.Option{
	expr.Env(&Model{}),
	expr.AsBool(),
	expr.DisableBuiltin("now"), // a rule must give the same answer tomorrow
	expr.MaxNodes(maxRuleNodes),
}

// CompileRule parses and type-checks a county rule: a boolean expression
// over Model. A broken rule is refused with a KindInvalid error whose
// Chinese message names the line and column.
func CompileRule(src string) (*Program, error) {
	const op = "rules.CompileRule"
	if strings.TrimSpace(src) == "" {
		return nil, hedui.Errorf(op, hedui.KindInvalid, "invalid_rule", "规则表达式不能为空")
	}
	prog, err := expr.Compile(src, compileOptions...)
	if err != nil {
		var fe *file.Error
		if errors.As(err, &fe) {
			return nil, &hedui.Error{Op: op, Kind: hedui.KindInvalid, Code: "invalid_rule", Err: err,
				Message: fmt.Sprintf("规则表达式第%d行第%d列有误：%s", fe.Line, fe.Column+1, explain(fe.Message))}
		}
		return nil, &hedui.Error{Op: op, Kind: hedui.KindInvalid, Code: "invalid_rule", Err: err,
			Message: "规则表达式有误：" + explain(err.Error())}
	}
	return &Program{src: src, prog: prog, uses: usesOf(prog.Node())}, nil
}

// explain puts the compiler's common messages into Chinese and keeps the
// rest as they are (they quote the rule).
func explain(msg string) string {
	for _, t := range [...]struct{ prefix, zh string }{
		{"unknown name ", "未知的字段或名称 "},
		{"expected bool, but got ", "规则的结果应为真或假，实际为 "},
		{"unexpected token ", "无法识别的符号 "},
		{"type ", "类型不匹配："},
		{"invalid operation: ", "无效的运算："},
		{"compilation failed: too many nodes", "规则过长"},
	} {
		if rest, ok := strings.CutPrefix(msg, t.prefix); ok {
			return t.zh + rest
		}
	}
	return msg
}

// Compiled is a policy version ready to evaluate: parameters checked,
// county rules compiled. It must not be changed once compiled, and may be
// shared between goroutines.
type Compiled struct {
	Policy *hedui.Policy
	rules  []*Program
}

// Compile checks a policy version and compiles its county rules. This is
// what saving a policy runs: a broken rule is refused naming the rule and
// where in it.
func Compile(p *hedui.Policy) (*Compiled, error) {
	const op = "rules.Compile"
	if err := p.Validate(); err != nil {
		return nil, err
	}
	c := &Compiled{Policy: p, rules: make([]*Program, len(p.Rules))}
	for i, r := range p.Rules {
		field := fmt.Sprintf("rules[%d]", i)
		if IsBuiltin(r.ID) {
			return nil, hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_policy", field+".id", "规则编号%s与内置规则重复，请换一个编号", r.ID)
		}
		prog, err := CompileRule(r.Expr)
		if err != nil {
			return nil, &hedui.Error{Op: op, Kind: hedui.KindInvalid, Code: "invalid_rule", Field: field + ".expr", Err: err,
				Message: fmt.Sprintf("规则%s（%s）：%s", r.ID, r.Name, hedui.MessageOf(err))}
		}
		c.rules[i] = prog
	}
	return c, nil
}
