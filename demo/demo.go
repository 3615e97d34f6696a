// Package demo fills a store with what a newcomer needs to try hedui: the
// divisions of 庆阳市, its verification centres and township offices, one
// account per role, and a handful of example applications at different
// stages. Everything here is example data, labelled as such; every function
// is idempotent so that `hedui demo` can be run again on the same data.
package demo

import (
	"context"
	"errors"
	"fmt"

	"hedui"
	"hedui/division"
)

// Password is the password of every demo account.
const Password = "demo12345"

// City is the demo city, 庆阳市.
const City = "621000"

// Account is a demo login.
type Account struct {
	Username    string
	DisplayName string
	Role        hedui.Role
	Division    string // where the account's organisation sits
	Org         string // the organisation's name
}

// Organisation names, built from division names so that every county and
// township gets one.
func centreName(div string) string     { return div + "居民家庭经济状况核对中心" }
func townshipOffice(div string) string { return div + "社会救助经办窗口" }

const (
	adminOrg     = "庆阳市民政局信息中心"
	oversightOrg = "庆阳市民政局纪检监察室"
)

// Accounts are the demo logins, one or more per role.
var Accounts = []Account{
	{"clerk.xiaojin", "肖金镇经办员（示例）", hedui.RoleClerk, "621002100", townshipOffice("肖金镇")},
	{"clerk.dongzhi", "董志镇经办员（示例）", hedui.RoleClerk, "621002101", townshipOffice("董志镇")},
	{"clerk.huanxian", "环城镇经办员（示例）", hedui.RoleClerk, "621022100", townshipOffice("环城镇")},
	{"verifier.xifeng", "西峰区核对员（示例）", hedui.RoleVerifier, "621002", centreName("西峰区")},
	{"verifier.huanxian", "环县核对员（示例）", hedui.RoleVerifier, "621022", centreName("环县")},
	{"verifier.city", "市核对中心核对员（示例）", hedui.RoleVerifier, City, centreName("庆阳市")},
	{"admin", "系统管理员（示例）", hedui.RoleAdmin, City, adminOrg},
	{"auditor", "审计员（示例）", hedui.RoleAuditor, City, oversightOrg},
	{"agency.xifeng", "西峰区低保中心经办员（示例）", hedui.RoleAgency, "621002", agencyOrgs[0].Name},
	{"agency.huanxian", "环县低保中心经办员（示例）", hedui.RoleAgency, "621022", agencyOrgs[1].Name},
}

// SeedReference loads the divisions and creates the city and county
// verification centres, a social-assistance office in every township, the
// administration and oversight bodies, and the assistance agencies of
// 西峰区 and 环县.
func SeedReference(ctx context.Context, st hedui.Store) error {
	ds, err := division.Qingyang()
	if err != nil {
		return err
	}
	if err := st.PutDivisions(ctx, ds); err != nil {
		return fmt.Errorf("demo: divisions: %w", err)
	}
	orgs := []hedui.Organisation{
		{Name: adminOrg, Kind: hedui.OrgAdmin, Division: City},
		{Name: oversightOrg, Kind: hedui.OrgOversight, Division: City},
	}
	for _, d := range ds {
		switch {
		case d.Code == City:
			orgs = append(orgs, hedui.Organisation{Name: centreName(d.Name), Kind: hedui.OrgCentre, Division: d.Code})
		case d.Level == hedui.LevelCounty && d.ParentCode == City:
			orgs = append(orgs, hedui.Organisation{Name: centreName(d.Name), Kind: hedui.OrgCentre, Division: d.Code})
		case d.Level == hedui.LevelTownship:
			orgs = append(orgs, hedui.Organisation{Name: townshipOffice(d.Name), Kind: hedui.OrgTownship, Division: d.Code})
		}
	}
	orgs = append(orgs, agencyOrgs...)
	for _, o := range orgs {
		if _, err := st.EnsureOrganisation(ctx, o); err != nil {
			return fmt.Errorf("demo: organisation %s: %w", o.Name, err)
		}
	}
	return nil
}

// SeedAccounts creates the demo accounts that do not exist yet; an existing
// account is left as it is (its password may have been changed). hash turns
// a password into its stored hash.
func SeedAccounts(ctx context.Context, st hedui.Store, hash func(string) string) error {
	return seedAccounts(ctx, st, hash, Accounts)
}

// SeedLiaisons creates the demo liaison accounts; it needs SeedDepartments
// first, which creates the departments' organisations.
func SeedLiaisons(ctx context.Context, st hedui.Store, hash func(string) string) error {
	return seedAccounts(ctx, st, hash, LiaisonAccounts)
}

func seedAccounts(ctx context.Context, st hedui.Store, hash func(string) string, list []Account) error {
	orgs, err := st.Organisations(ctx)
	if err != nil {
		return err
	}
	orgID := map[string]int64{}
	for _, o := range orgs {
		orgID[o.Name+"@"+o.Division] = o.ID
	}
	sys := hedui.SystemActor("创建演示账户")
	var pwHash string
	for _, a := range list {
		if _, err := st.User(ctx, a.Username); err == nil {
			continue
		} else if hedui.KindOf(err) != hedui.KindNotFound {
			return err
		}
		id, ok := orgID[a.Org+"@"+a.Division]
		if !ok {
			return fmt.Errorf("demo: organisation %s at %s missing; run SeedReference first", a.Org, a.Division)
		}
		if pwHash == "" {
			pwHash = hash(Password)
		}
		_, err := st.CreateUser(ctx, sys, hedui.NewUser{Username: a.Username, DisplayName: a.DisplayName, Role: a.Role, OrgID: id, PasswordHash: pwHash})
		if err != nil && hedui.KindOf(err) != hedui.KindConflict {
			return fmt.Errorf("demo: account %s: %w", a.Username, err)
		}
	}
	return nil
}

// ErrNoAccount is returned by Actor for an unknown demo username.
var ErrNoAccount = errors.New("demo: no such account")

// Actor returns the actor of a demo account, for seeding cases and tests.
func Actor(ctx context.Context, st hedui.Store, username string) (hedui.Actor, error) {
	u, err := st.User(ctx, username)
	if err != nil {
		if hedui.KindOf(err) == hedui.KindNotFound {
			return hedui.Actor{}, ErrNoAccount
		}
		return hedui.Actor{}, err
	}
	a := hedui.ActorOf(u)
	a.ClientAddr, a.Purpose = "127.0.0.1", "演示数据"
	return a, nil
}
