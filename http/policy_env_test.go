package http

import (
	"context"
	"time"

	"hedui"
	"hedui/rules"
)

// policyStart is when the test policies take effect: before the test
// clock, so that they are in force.
var policyStart = hedui.Date{Time: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}

// examplePolicy is the example policy of a county and hukou type, in
// force from policyStart.
func examplePolicy(county string, hukou hedui.HukouType) hedui.Policy {
	for _, p := range rules.ExamplePolicies() {
		if p.County == county && p.Hukou == hukou {
			p.EffectiveFrom = policyStart
			return p
		}
	}
	panic("no example policy for " + county)
}

// ensurePolicies stores the example policies of the counties, urban and
// rural, unless one is in force already.
func (e *env) ensurePolicies(counties ...string) {
	e.t.Helper()
	ctx := context.Background()
	today := hedui.Today(e.clock.Now())
	for _, county := range counties {
		for _, h := range []hedui.HukouType{hedui.HukouUrban, hedui.HukouRural} {
			if _, err := e.store.PolicyAt(ctx, county, h, today); err == nil {
				continue
			}
			if _, err := e.store.CreatePolicy(ctx, hedui.SystemActor("测试"), examplePolicy(county, h)); err != nil {
				e.t.Fatal(err)
			}
		}
	}
}

// policyOf is the rural policy of a county in force today.
func (e *env) policyOf(county string) hedui.Policy {
	e.t.Helper()
	e.ensurePolicies(county)
	p, err := e.store.PolicyAt(context.Background(), county, hedui.HukouRural, hedui.Today(e.clock.Now()))
	if err != nil {
		e.t.Fatal(err)
	}
	return p
}

// answerAll answers every subject × item of the case's queries as its
// departments' systems would: a registration for hukou, 查无记录 for the
// rest. The case becomes verified.
func (e *env) answerAll(c caseRef) {
	e.t.Helper()
	ctx := context.Background()
	today := hedui.Today(e.clock.Now())
	for code := range c.queries {
		q := e.queryOf(c, code)
		var as []hedui.Answer
		for _, s := range q.Subjects {
			for _, it := range q.Items {
				a := hedui.Answer{QueryID: q.ID, SubjectRef: s.Ref, Item: it, AsOf: today, NoRecord: true}
				if it == hedui.ItemHukou {
					a.NoRecord, a.Records = false, []hedui.Record{{Kind: hedui.RecordResident, PeriodFrom: today}}
				}
				as = append(as, a)
			}
		}
		rep, err := e.store.RecordAnswers(ctx, hedui.SystemActor("测试"), e.dept(code).ID, as)
		if err != nil || len(rep.Problems) > 0 {
			e.t.Fatalf("answers to %s: %v %+v", code, err, rep.Problems)
		}
	}
}

// verify dispatches an accepted case and answers every query, with the
// county's policies in force.
func (e *env) verify(c caseRef) caseRef {
	e.t.Helper()
	e.ensurePolicies(c.place.county)
	c = e.dispatch(c)
	e.answerAll(c)
	return c
}

// conclude evaluates a verified case as its county's verifier.
func (e *env) conclude(c caseRef) caseRef {
	e.t.Helper()
	var v conclusionView
	e.must(201, e.as(c.place.verifier), "POST", c.path("/evaluate"), nil, &v)
	c.conclusionID = v.ID
	return c
}

// policyReader: administrators, auditors and the city centre read every
// county's policies, a county verifier his own (another's is 404);
// everyone else is refused.
func policyReader(acct string, c caseRef) int {
	switch roleOf(acct) {
	case hedui.RoleAdmin, hedui.RoleAuditor:
		return 200
	case hedui.RoleVerifier:
		if d := townshipOf(acct); d == c.place.county || d == "621000" {
			return 200
		}
		return 404
	}
	return 403
}

// policyTrier: administrators try a draft on any county, verifiers on a
// county of their region.
func policyTrier(acct string, c caseRef) int {
	switch roleOf(acct) {
	case hedui.RoleAdmin:
		return 200
	case hedui.RoleVerifier:
		if d := townshipOf(acct); d == c.place.county || d == "621000" {
			return 200
		}
	}
	return 403
}
