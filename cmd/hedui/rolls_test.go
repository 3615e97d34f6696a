package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hedui/crypt"
	"hedui/deptsim"
	"hedui/sheet"
)

func TestRollsImport(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "d")
	t.Setenv(crypt.EnvKey, "")
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"migrate", "-data", data}, nil, &out, &errOut); code != 0 {
		t.Fatalf("migrate: %d %s", code, errOut.String())
	}
	pop := deptsim.Generate(deptsim.Config{Seed: 5, Households: 12, Townships: []string{"621002100"},
		Now: time.Now().AddDate(0, -1, 0)})
	var roll bytes.Buffer
	if err := pop.WriteRoll(&roll, "621002", sheet.CSV); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "西峰区名册.csv")
	bad := filepath.Join(dir, "有误.csv")
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(good, roll.Bytes(), 0o600))
	must(os.WriteFile(bad, bytes.Replace(roll.Bytes(), []byte("本人(户主)"), []byte("邻居"), 1), 0o600))
	steps := []struct {
		args  []string
		stdin string
		code  int
		want  string
	}{
		{[]string{"rolls", "import", "-county", "621002", "-file", good}, "", 0, "新增12户"},
		{[]string{"rolls", "import", "-county", "621002", "-file", good}, "", 0, "文件内容与第1次导入相同"},
		{[]string{"rolls", "import", "-county", "621002", "-file", bad, "-mode", "incremental"}, "", 3, "与户主关系"},
		{[]string{"rolls", "import", "-county", "621002", "-file", filepath.Join(dir, "none.csv")}, "", 1, "no such file"},
		{[]string{"rolls", "import", "-county", "621002", "-file", good, "-mode", "sometimes"}, "", 1, "-mode"},
		{[]string{"user", "create", "-username", "ver.qc", "-role", "verifier", "-division", "621021"}, "a-strong-password\n", 0, "已创建"},
		{[]string{"rolls", "import", "-county", "621002", "-file", good, "-user", "ver.qc"}, "", 1, "只能导入本县区的名册"},
		{[]string{"rolls"}, "", 1, "用法"},
	}
	for _, s := range steps {
		out.Reset()
		errOut.Reset()
		code := run(context.Background(), append(s.args, "-data", data), strings.NewReader(s.stdin), &out, &errOut)
		if code != s.code || !strings.Contains(out.String()+errOut.String(), s.want) {
			t.Errorf("%v: exit %d, output %q %q; want %d and %q", s.args, code, out.String(), errOut.String(), s.code, s.want)
		}
	}
}
