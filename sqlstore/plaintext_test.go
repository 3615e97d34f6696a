package sqlstore

import (
	"fmt"
	"strings"
	"testing"

	"hedui"
)

// TestNoPlaintextAtRest reads every column of every table and looks for the
// names, ID numbers and address the test entered.
func TestNoPlaintextAtRest(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		in := e.family("欧阳建国", "司马秀英")
		in.Members = append(in.Members, e.person("欧阳小宝", hedui.RelChild, 10))
		in.Declaration.Incomes[0].Note = "欧阳建国在工地打零工"
		app := e.create(e.clerk, in)
		guardian := e.idNumber(70, true)
		l := hedui.NewLetter{Form: hedui.LetterPaper, SignedOn: hedui.DateOf(hedui.Civil(start))}
		for _, m := range app.Members {
			l.Signers = append(l.Signers, hedui.Signer{IDNumber: m.IDNumber})
		}
		l.Signers[2].AgentName, l.Signers[2].AgentIDNumber, l.Signers[2].AgentRelation = "上官爷爷", guardian, "祖父"
		app, err := e.db.AddLetter(e.ctx, e.clerk, app.ID, l)
		must(t, err)
		scan := "扫描件：欧阳建国 " + app.Members[0].IDNumber + " 司马秀英 " + app.Members[1].IDNumber
		app, err = e.db.PutLetterScan(e.ctx, e.clerk, app.ID, app.ActiveLetter().ID,
			hedui.Scan{FileName: "欧阳建国授权书.pdf", ContentType: "application/pdf", Data: []byte(scan)})
		must(t, err)
		_, err = e.db.Transition(e.ctx, e.clerk, app.ID, hedui.ActSubmit, "")
		must(t, err)
		_, err = e.db.Transition(e.ctx, e.verifier, app.ID, hedui.ActReturn, "司马秀英的收入未申报")
		must(t, err)
		_, err = e.db.Applications(e.ctx, e.verifier, hedui.Filter{IDNumber: app.Members[1].IDNumber})
		must(t, err)
		// Someone types his ID number into the username box.
		must(t, e.db.RecordLogin(e.ctx, app.Members[0].IDNumber, "192.0.2.9", false, start))

		secrets := []string{"欧阳建国", "司马秀英", "欧阳小宝", "上官爷爷", "长庆大道88号", guardian}
		for _, m := range app.Members {
			secrets = append(secrets, m.IDNumber)
		}
		cells := e.assertNoPlaintext(secrets)
		if cells < 200 {
			t.Fatalf("only %d cells read: the dump is not reading the tables", cells)
		}
	})
}

// assertNoPlaintext reads every cell of every table and fails the test for
// each that contains one of the secrets; it returns the cells read.
func (e *env) assertNoPlaintext(secrets []string) int {
	t := e.t
	t.Helper()
	cells := 0
	for _, table := range e.tables() {
		rows, err := e.db.SQL().QueryContext(e.ctx, "SELECT * FROM "+table)
		must(t, err)
		cols, err := rows.Columns()
		must(t, err)
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			must(t, rows.Scan(ptrs...))
			for i, v := range vals {
				var s string
				if b, ok := v.([]byte); ok {
					s = string(b)
				} else {
					s = fmt.Sprint(v)
				}
				cells++
				for _, secret := range secrets {
					if strings.Contains(s, secret) {
						t.Errorf("%s.%s holds plaintext %q", table, cols[i], secret[:3]+"…")
					}
				}
			}
		}
		must(t, rows.Err())
		rows.Close()
	}
	return cells
}

// tables lists the tables of the store's schema.
func (e *env) tables() []string {
	e.t.Helper()
	q := `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`
	if e.db.Engine() == "postgres" {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`
	}
	rows, err := e.db.SQL().QueryContext(e.ctx, q)
	must(e.t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		must(e.t, rows.Scan(&s))
		out = append(out, s)
	}
	must(e.t, rows.Err())
	if len(out) < 15 {
		e.t.Fatalf("only %d tables found: %v", len(out), out)
	}
	return out
}
