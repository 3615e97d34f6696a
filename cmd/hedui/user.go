package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"hedui"
	"hedui/password"
)

const userUsage = `用法:
  hedui user create   -username NAME -role ROLE -division CODE [-org NAME] [-name 显示名]
  hedui user password -username NAME
  hedui user disable  -username NAME
  hedui user enable   -username NAME
  hedui user list
新密码从标准输入读取一行（或环境变量 HEDUI_PASSWORD）。角色: clerk verifier liaison agency admin auditor
`

func runUser(ctx context.Context, args []string, e *env) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, userUsage)
		return 2
	}
	sub := args[0]
	fs := flag.NewFlagSet("user "+sub, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var sf storeFlags
	sf.register(fs, "./hedui-data")
	username := fs.String("username", "", "account name")
	role := fs.String("role", "", "role (create)")
	div := fs.String("division", "", "division code of the account's organisation (create)")
	org := fs.String("org", "", "organisation name, when the division has more than one (create)")
	name := fs.String("name", "", "display name (create)")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	st, _, err := sf.open(ctx, false, false)
	if err != nil {
		return e.errorf("%v", err)
	}
	defer st.Close()
	by := hedui.SystemActor("命令行账户管理")
	if sub != "list" && *username == "" {
		return e.errorf("请用 -username 指定账户")
	}
	switch sub {
	case "create":
		r := hedui.Role(*role)
		if !r.Valid() {
			return e.errorf("未知角色 %q", *role)
		}
		orgID, err := findOrg(ctx, st, r, *div, *org)
		if err != nil {
			return e.errorf("%v", err)
		}
		pw, err := readPassword(e)
		if err != nil {
			return e.errorf("%v", err)
		}
		if *name == "" {
			*name = *username
		}
		// The same checks as the API and the pages.
		nu := hedui.NewUser{Username: *username, DisplayName: *name, Role: r, OrgID: orgID}
		if err := hedui.CheckNewUser("cmd.userCreate", &nu, pw); err != nil {
			return e.errorf("%s", hedui.MessageOf(err))
		}
		nu.PasswordHash = password.Hash(pw, password.Default)
		u, err := st.CreateUser(ctx, by, nu)
		if err != nil {
			return e.errorf("%s", hedui.MessageOf(err))
		}
		fmt.Fprintf(e.stdout, "已创建账户 %s（%s，%s）\n", u.Username, u.Role.Label(), u.OrgName)
	case "password":
		pw, err := readPassword(e)
		if err != nil {
			return e.errorf("%v", err)
		}
		if err := st.SetPassword(ctx, by, *username, password.Hash(pw, password.Default)); err != nil {
			return e.errorf("%s", hedui.MessageOf(err))
		}
		fmt.Fprintf(e.stdout, "已重置 %s 的密码\n", *username)
	case "disable", "enable":
		if err := st.SetDisabled(ctx, by, *username, sub == "disable"); err != nil {
			return e.errorf("%s", hedui.MessageOf(err))
		}
		fmt.Fprintf(e.stdout, "已%s账户 %s\n", map[string]string{"disable": "停用", "enable": "启用"}[sub], *username)
	case "list":
		us, err := st.Users(ctx, by)
		if err != nil {
			return e.errorf("%s", hedui.MessageOf(err))
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "账户\t姓名\t角色\t机构\t状态")
		for _, u := range us {
			state := "正常"
			if u.Disabled {
				state = "已停用"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Username, u.DisplayName, u.Role.Label(), u.OrgName, state)
		}
		tw.Flush()
	default:
		fmt.Fprint(e.stderr, userUsage)
		return 2
	}
	return 0
}

// findOrg picks the organisation a new account belongs to: the one named,
// or the only one at the division whose kind suits the role.
func findOrg(ctx context.Context, st hedui.Directory, r hedui.Role, div, name string) (int64, error) {
	if div == "" {
		return 0, fmt.Errorf("请用 -division 指定账户所属机构的行政区划代码")
	}
	orgs, err := st.Organisations(ctx)
	if err != nil {
		return 0, err
	}
	want := map[hedui.Role]hedui.OrgKind{
		hedui.RoleClerk: hedui.OrgTownship, hedui.RoleVerifier: hedui.OrgCentre, hedui.RoleLiaison: hedui.OrgDepartment,
		hedui.RoleAgency: hedui.OrgAgency, hedui.RoleAdmin: hedui.OrgAdmin, hedui.RoleAuditor: hedui.OrgOversight,
	}[r]
	var found []hedui.Organisation
	for _, o := range orgs {
		if o.Division == div && (o.Name == name || (name == "" && o.Kind == want)) {
			found = append(found, o)
		}
	}
	switch len(found) {
	case 1:
		return found[0].ID, nil
	case 0:
		return 0, fmt.Errorf("行政区划 %s 下没有适合角色“%s”的机构，请用 -org 指定机构名称", div, r.Label())
	}
	return 0, fmt.Errorf("行政区划 %s 下有%d个机构，请用 -org 指定机构名称", div, len(found))
}

func readPassword(e *env) (string, error) {
	pw := os.Getenv("HEDUI_PASSWORD")
	if pw == "" {
		fmt.Fprint(e.stderr, "新密码: ")
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if err != nil && line == "" {
			return "", fmt.Errorf("未读到密码：请从标准输入提供，或设置 HEDUI_PASSWORD")
		}
		pw = strings.TrimRight(line, "\r\n")
	}
	if msg := password.Acceptable(pw); msg != "" {
		return "", fmt.Errorf("%s", msg)
	}
	return pw, nil
}
