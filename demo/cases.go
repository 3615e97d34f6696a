package demo

import (
	"context"
	"fmt"
	"time"

	"hedui"
	"hedui/idcard"
)

// person is an example member. The names are invented and the ID numbers
// are generated with valid check characters; none is a real person.
type person struct {
	name   string
	rel    hedui.Relationship
	birth  string
	seq    int
	labour hedui.LabourCapacity
	disab  int
}

// exampleCase is one example application and how far it has come.
type exampleCase struct {
	key      string
	clerk    string
	verifier string
	address  string
	hukou    hedui.HukouType
	aid      []hedui.AssistanceType
	members  []person
	income   hedui.Fen // declared monthly wage of the head
	deposit  hedui.Fen
	letter   bool // an electronic letter signed by all
	steps    []hedui.Action
	comment  string // reason for a return
}

var cases = []exampleCase{
	{key: "demo-1", clerk: "clerk.xiaojin", verifier: "verifier.xifeng", address: "西峰区肖金镇米堡村3组（示例）", hukou: hedui.HukouRural,
		aid: []hedui.AssistanceType{hedui.AidDibao}, income: 60000, deposit: 300000, letter: true,
		members: []person{{"王建国", hedui.RelHead, "1968-03-12", 11, hedui.LabourPartial, 3}, {"李秀兰", hedui.RelSpouse, "1970-07-02", 22, hedui.LabourFull, 0}, {"王小明", hedui.RelChild, "2012-09-18", 31, hedui.LabourNone, 0}},
		steps:   []hedui.Action{hedui.ActSubmit, hedui.ActAccept}},
	{key: "demo-2", clerk: "clerk.xiaojin", verifier: "verifier.xifeng", address: "西峰区肖金镇肖金村8组（示例）", hukou: hedui.HukouRural,
		aid: []hedui.AssistanceType{hedui.AidDibao, hedui.AidMedical}, income: 45000, letter: true,
		members: []person{{"张桂芳", hedui.RelHead, "1955-01-23", 42, hedui.LabourNone, 2}, {"张喆", hedui.RelGrandchild, "2010-05-30", 53, hedui.LabourNone, 0}},
		steps:   []hedui.Action{hedui.ActSubmit}},
	{key: "demo-3", clerk: "clerk.xiaojin", address: "西峰区肖金镇左嘴村2组（示例）", hukou: hedui.HukouRural,
		aid:     []hedui.AssistanceType{hedui.AidTekun},
		members: []person{{"刘德厚", hedui.RelHead, "1946-11-08", 71, hedui.LabourNone, 1}}},
	{key: "demo-4", clerk: "clerk.dongzhi", verifier: "verifier.xifeng", address: "西峰区董志镇南李村5组（示例）", hukou: hedui.HukouRural,
		aid: []hedui.AssistanceType{hedui.AidDibao}, income: 120000, deposit: 1500000, letter: true,
		members: []person{{"赵永强", hedui.RelHead, "1979-04-16", 93, hedui.LabourFull, 0}, {"孙丽娟", hedui.RelSpouse, "1981-12-01", 84, hedui.LabourFull, 0}},
		steps:   []hedui.Action{hedui.ActSubmit, hedui.ActReturn}, comment: "存款证明缺少银行盖章，请补充后重新提交"},
	{key: "demo-5", clerk: "clerk.huanxian", verifier: "verifier.huanxian", address: "环县环城镇城东社区（示例）", hukou: hedui.HukouUrban,
		aid: []hedui.AssistanceType{hedui.AidDibao}, income: 80000, letter: true,
		members: []person{{"马文堃", hedui.RelHead, "1985-08-21", 15, hedui.LabourFull, 0}, {"马思雨", hedui.RelChild, "2016-02-29", 26, hedui.LabourNone, 0}},
		steps:   []hedui.Action{hedui.ActSubmit, hedui.ActAccept}},
}

// SeedCases creates the example applications that do not exist yet and
// returns how many it created. It needs SeedAccounts first.
func SeedCases(ctx context.Context, st hedui.Store, now time.Time) (int, error) {
	created := 0
	for _, c := range cases {
		ok, err := seedCase(ctx, st, c, now)
		if err != nil {
			return created, fmt.Errorf("demo: case %s: %w", c.key, err)
		}
		if ok {
			created++
		}
	}
	return created, nil
}

func seedCase(ctx context.Context, st hedui.Store, c exampleCase, now time.Time) (bool, error) {
	clerk, err := Actor(ctx, st, c.clerk)
	if err != nil {
		return false, err
	}
	area := clerk.Division[:6]
	in := hedui.NewApplication{
		Kind: hedui.KindNew, Aid: c.aid, IdempotencyKey: c.key,
		Household: &hedui.NewHousehold{Township: clerk.Division, Address: c.address, Hukou: c.hukou},
	}
	ids := make([]string, len(c.members))
	for i, p := range c.members {
		birth, err := time.Parse(time.DateOnly, p.birth)
		if err != nil {
			return false, err
		}
		ids[i] = idcard.Make(area, birth, p.seq)
		in.Members = append(in.Members, hedui.NewMember{Name: p.name, IDNumber: ids[i], Relationship: p.rel, Hukou: c.hukou, Labour: p.labour, DisabilityGrade: p.disab})
	}
	monthStart := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	from, to := hedui.Date{Time: monthStart.AddDate(0, -6, 0)}, hedui.Date{Time: monthStart.AddDate(0, 0, -1)}
	if c.income > 0 || c.deposit > 0 {
		d := &hedui.Declaration{}
		if c.income > 0 {
			d.Incomes = append(d.Incomes, hedui.Income{IDNumber: ids[0], Category: hedui.IncomeWage, Source: "务工（示例）", PeriodFrom: from, PeriodTo: to, AmountFen: c.income * 6})
		}
		if c.deposit > 0 {
			d.Assets = append(d.Assets, hedui.Asset{IDNumber: ids[0], Kind: hedui.AssetDeposit, Description: "活期存款（示例）", ValueFen: c.deposit})
		}
		in.Declaration = d
	}
	app, fresh, err := st.CreateApplication(ctx, clerk, in)
	if err != nil || !fresh {
		return false, err
	}
	if c.letter {
		l := hedui.NewLetter{Form: hedui.LetterElectronic, SignedOn: hedui.DateOf(now)}
		for i, p := range c.members {
			s := hedui.Signer{IDNumber: ids[i], Method: hedui.SignElectronic}
			if age(p.birth, now) < hedui.GuardianAge {
				s.AgentName, s.AgentIDNumber, s.AgentRelation = c.members[0].name, ids[0], "监护人"
			}
			l.Signers = append(l.Signers, s)
		}
		if app, err = st.AddLetter(ctx, clerk, app.ID, l); err != nil {
			return false, err
		}
	}
	for _, step := range c.steps {
		by := clerk
		if step != hedui.ActSubmit {
			if by, err = Actor(ctx, st, c.verifier); err != nil {
				return false, err
			}
		}
		comment := ""
		if step == hedui.ActReturn {
			comment = c.comment
		}
		if app, err = st.Transition(ctx, by, app.ID, step, comment); err != nil {
			return false, err
		}
	}
	return true, nil
}

func age(birth string, now time.Time) int {
	b, _ := time.Parse(time.DateOnly, birth)
	return idcard.Age(idcard.Number{Birth: b}, now)
}
