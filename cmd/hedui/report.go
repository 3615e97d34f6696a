package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"

	"hedui"
	"hedui/report"
)

// Exit codes of `hedui report verify` besides 0 (authentic and current),
// 1 (could not check) and 2 (usage).
const (
	exitNotAuthentic = 3 // not a report this platform issued
	exitSuperseded   = 4 // authentic, but a later version replaces it
)

const reportUsage = "用法: hedui report verify -code XXXX-XXXX | -file 报告.pdf [-data DIR | -db URL]"

// runReport checks a report the way the public verification endpoint
// does, against the database directly: by the code printed on it or by
// the SHA-256 of its PDF file. The check is audited.
func runReport(ctx context.Context, args []string, e *env) int {
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintln(e.stderr, reportUsage)
		return 2
	}
	fs := flag.NewFlagSet("report verify", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var sf storeFlags
	sf.register(fs, "./hedui-data")
	code := fs.String("code", "", "the verification code printed on the report, e.g. ABCD-2345")
	file := fs.String("file", "", "a saved report `PDF`: its SHA-256 is checked")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	var key string
	switch {
	case (*code == "") == (*file == ""):
		fmt.Fprintln(e.stderr, reportUsage+"\n（-code 和 -file 须且只能提供一个）")
		return 2
	case *code != "":
		c, ok := report.ParseCode(*code)
		if !ok {
			return e.errorf("验证码 %q 格式不正确：应为报告页脚印制的8位字母数字，如 ABCD-2345", *code)
		}
		key = c
	default:
		sum, err := fileSHA256(*file)
		if err != nil {
			return e.errorf("读取报告文件：%v", err)
		}
		key = sum
	}
	st, _, err := sf.open(ctx, false, false)
	if err != nil {
		return e.errorf("%v", err)
	}
	defer st.Close()
	c, err := st.VerifyReport(ctx, hedui.SystemActor("命令行核验报告真伪"), key)
	if err != nil {
		return e.errorf("%s", hedui.MessageOf(err))
	}
	fmt.Fprintln(e.stdout, c.Message)
	if !c.Authentic {
		return exitNotAuthentic
	}
	fmt.Fprintf(e.stdout, "报告编号：%s\n版本：第%d版%s\n出具单位：%s\n出具时间：%s\n打印次数：%d\n", c.Number, c.Version,
		map[bool]string{true: "（现行版本）", false: fmt.Sprintf("（已被第%d版替代）", c.CurrentVersion)}[c.Current],
		c.Centre, c.IssuedAt.In(hedui.CST).Format("2006-01-02 15:04"), c.Prints)
	if !c.Current {
		return exitSuperseded
	}
	return 0
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
