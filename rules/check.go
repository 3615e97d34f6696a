package rules

import "hedui"

// CaseInput is one case as the rules need it: the members, what they
// declared, what the departments answered and which answers are owed,
// and the day the verification is made as of.
type CaseInput struct {
	ID          int64             `json:"id"` // the application, for reports
	Members     []hedui.Member    `json:"members"`
	Declaration hedui.Declaration `json:"declaration"`
	Answers     []hedui.Answer    `json:"answers"`
	Expected    []Expectation     `json:"expected"`
	AsOf        hedui.Date        `json:"as_of"`
}

// Checker compares, computes and evaluates cases one after another,
// reusing its working space. It is not safe for concurrent use: give each
// goroutine its own. The zero value is ready.
type Checker struct {
	s  sheet
	m  Model
	sc scratch
	// Compute's comparison rows and their evidence, kept for the next
	// call: the model does not hold them.
	rows []hedui.ComparisonRow
	ev   []hedui.EvidenceRef
}

// Check compares the declaration with the answers, computes the household
// and evaluates it under a compiled policy. The conclusion owns its rows
// and reasons: nothing in it is reused.
func (k *Checker) Check(c *Compiled, in *CaseInput) hedui.Conclusion {
	k.s.reset(in.Members, &in.Declaration, in.Answers, in.Expected, c.Policy, in.AsOf)
	rows, _ := k.s.compare(nil, nil)
	k.s.model(&k.m, rows)
	return c.evaluate(&k.sc, &k.m, rows)
}

// Compute compares and computes the household without evaluating it.
// The model is the checker's own: it holds until the next call.
func (k *Checker) Compute(members []hedui.Member, decl *hedui.Declaration, answers []hedui.Answer, expected []Expectation,
	p *hedui.Policy, asOf hedui.Date) *Model {
	k.s.reset(members, decl, answers, expected, p, asOf)
	k.rows, k.ev = k.s.compare(k.rows, k.ev)
	k.s.model(&k.m, k.rows)
	return &k.m
}

// Check is Checker.Check on a fresh checker.
func Check(c *Compiled, in *CaseInput) hedui.Conclusion {
	var k Checker
	return k.Check(c, in)
}
