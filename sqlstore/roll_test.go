package sqlstore

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"hedui"
	"hedui/idcard"
)

// rollHousehold is a roll household of the 西峰区 test township with n
// members, numbered XF<i>; its people are new to the env.
func (e *env) rollHousehold(i, n int) hedui.RollHousehold {
	h := hedui.RollHousehold{County: "621002", Region: townBeijie + "001", Number: fmt.Sprintf("XF%05d", i),
		Category: hedui.CategoryDibao, Hukou: hedui.HukouUrban, BenefitFen: 52000, IncomeFen: 30000,
		Since: date("2023-05-01"), Address: fmt.Sprintf("西峰区北街%d号", i), LetterNumber: fmt.Sprintf("SQ%05d", i),
		LetterUntil: date("2027-12-31"), Status: hedui.RollActive, Row: i + 1}
	for k := 0; k < n; k++ {
		rel := hedui.RelHead
		if k > 0 {
			rel = hedui.RelChild
		}
		h.Members = append(h.Members, e.rollMember(fmt.Sprintf("成员%d之%d", i, k), rel, 50-k*20))
	}
	return h
}

func (e *env) rollMember(name string, rel hedui.Relationship, age int) hedui.Member {
	idn := e.idNumber(age, age%2 == 0)
	n, err := idcard.Parse(idn, start)
	must(e.t, err)
	return hedui.Member{Name: name, IDNumber: idn, Gender: n.Gender(), BirthDate: hedui.DateOf(n.Birth),
		Relationship: rel, DisabilityGrade: 0, Labour: hedui.LabourFull, LivesTogether: true}
}

func rollUpload(mode hedui.RollMode, sha string, hs ...hedui.RollHousehold) hedui.RollUpload {
	rows := 0
	for _, h := range hs {
		rows += max(len(h.Members), 1)
	}
	return hedui.RollUpload{County: "621002", Mode: mode, FileName: "西峰区低保名册.xlsx", SHA256: sha, Rows: rows, Households: hs}
}

func (e *env) importRoll(by hedui.Actor, up hedui.RollUpload) hedui.RollImport {
	e.t.Helper()
	r, err := e.db.ImportRoll(e.ctx, by, up)
	must(e.t, err)
	return r
}

func counts(r hedui.RollImport) string {
	return fmt.Sprintf("added=%d updated=%d unchanged=%d exited=%d problems=%d", r.Added, r.Updated, r.Unchanged, r.Exited, len(r.Problems))
}

func TestRollImportIdempotentAndFull(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		hs := []hedui.RollHousehold{e.rollHousehold(1, 2), e.rollHousehold(2, 3), e.rollHousehold(3, 1)}
		r := e.importRoll(e.verifier, rollUpload(hedui.RollFull, "sha-a", hs...))
		if got := counts(r); got != "added=3 updated=0 unchanged=0 exited=0 problems=0" {
			t.Fatalf("first import: %s", got)
		}
		first, err := e.db.RollHouseholds(e.ctx, e.verifier, hedui.RollFilter{Number: "XF00002"})
		must(t, err)
		if first.Total != 1 || first.Items[0].Members != 3 {
			t.Fatalf("household XF00002: %+v", first)
		}
		before, err := e.db.RollHousehold(e.ctx, e.verifier, first.Items[0].ID)
		must(t, err)

		// The same file again changes nothing and says so.
		r = e.importRoll(e.verifier, rollUpload(hedui.RollFull, "sha-a", hs...))
		if got := counts(r); got != "added=0 updated=0 unchanged=3 exited=0 problems=0" || r.SameAs == 0 || r.Changed() {
			t.Fatalf("repeat import: %s same_as=%d", got, r.SameAs)
		}
		if !strings.Contains(r.Outcome(), "相同") {
			t.Errorf("outcome %q does not say the content is the same", r.Outcome())
		}
		again, err := e.db.RollHousehold(e.ctx, e.verifier, before.ID)
		must(t, err)
		if !again.UpdatedAt.Equal(before.UpdatedAt) || again.ImportID != before.ImportID || again.Members[0].ID != before.Members[0].ID {
			t.Fatalf("unchanged household was rewritten: %+v → %+v", before, again)
		}

		// A full import without XF00003 and with XF00002's benefit
		// changed and one member gone: one update, one exit, member ids kept.
		hs[1].BenefitFen = 61000
		hs[1].Members = hs[1].Members[:2]
		r = e.importRoll(e.verifier, rollUpload(hedui.RollFull, "sha-b", hs[0], hs[1]))
		if got := counts(r); got != "added=0 updated=1 unchanged=1 exited=1 problems=0" || r.SameAs != 0 {
			t.Fatalf("full import: %s", got)
		}
		after, err := e.db.RollHousehold(e.ctx, e.verifier, before.ID)
		must(t, err)
		if after.BenefitFen != 61000 || len(after.Members) != 2 || after.Members[0].ID != before.Members[0].ID ||
			after.Members[1].IDNumber != hs[1].Members[1].IDNumber || after.Address != hs[1].Address {
			t.Fatalf("updated household: %+v", after)
		}
		exited, err := e.db.RollHouseholds(e.ctx, e.verifier, hedui.RollFilter{Status: hedui.RollExited})
		must(t, err)
		if exited.Total != 1 || exited.Items[0].Number != "XF00003" {
			t.Fatalf("exited: %+v", exited)
		}

		// Coming back on a later full import re-activates it.
		r = e.importRoll(e.verifier, rollUpload(hedui.RollFull, "sha-c", hs...))
		if got := counts(r); got != "added=0 updated=1 unchanged=2 exited=0 problems=0" {
			t.Fatalf("return: %s", got)
		}
		list, err := e.db.RollImports(e.ctx, e.verifier, "")
		must(t, err)
		if len(list) != 4 || list[0].FileName != "西峰区低保名册.xlsx" || list[0].By != "verifier" {
			t.Fatalf("imports: %+v", list)
		}
		// One audit entry per import, not per household.
		var n int
		must(t, e.db.SQL().QueryRowContext(e.ctx, `SELECT COUNT(*) FROM audit_log WHERE action = $1`, hedui.AuditRollImport).Scan(&n))
		if n != 4 {
			t.Fatalf("%d import audit entries, want 4", n)
		}
	})
}

func TestRollImportIncremental(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		a, b := e.rollHousehold(1, 2), e.rollHousehold(2, 2)
		e.importRoll(e.verifier, rollUpload(hedui.RollFull, "sha-1", a, b))
		c := e.rollHousehold(3, 1)
		a.Category = hedui.CategoryTekun
		leave := hedui.RollHousehold{County: "621002", Number: b.Number, Status: hedui.RollExited, Row: 4}
		r := e.importRoll(e.city, rollUpload(hedui.RollIncremental, "sha-2", a, c, leave))
		if got := counts(r); got != "added=1 updated=1 unchanged=0 exited=1 problems=0" {
			t.Fatalf("incremental: %s", got)
		}
		page, err := e.db.RollHouseholds(e.ctx, e.city, hedui.RollFilter{Status: hedui.RollActive})
		must(t, err)
		if page.Total != 2 {
			t.Fatalf("active: %+v", page)
		}
		// Nothing absent from an incremental file leaves the roll.
		r = e.importRoll(e.verifier, rollUpload(hedui.RollIncremental, "sha-3", c))
		if got := counts(r); got != "added=0 updated=0 unchanged=1 exited=0 problems=0" {
			t.Fatalf("second incremental: %s", got)
		}
		// Finding a household by a member's ID number.
		page, err = e.db.RollHouseholds(e.ctx, e.verifier, hedui.RollFilter{IDNumber: c.Members[0].IDNumber})
		must(t, err)
		if page.Total != 1 || page.Items[0].Number != c.Number || strings.Contains(page.Items[0].HeadMasked, c.Members[0].IDNumber) {
			t.Fatalf("by ID number: %+v", page)
		}
	})
}

func TestRollImportRejects(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		a := e.rollHousehold(1, 2)
		e.importRoll(e.verifier, rollUpload(hedui.RollFull, "sha-1", a))
		// A person already on XF00001 cannot join XF00002; a township of
		// another county is refused; the parser's rejects are kept.
		b := e.rollHousehold(2, 1)
		b.Members = append(b.Members, a.Members[1])
		c := e.rollHousehold(3, 1)
		c.Region = townQingc
		up := rollUpload(hedui.RollFull, "sha-2", b, c)
		up.Rejected = []string{"XF00009", a.Number}
		up.Problems = []hedui.Problem{{Source: hedui.RollRowSource(9), Column: "身份证号码", Message: "校验码错误"}}
		r := e.importRoll(e.verifier, up)
		if got := counts(r); got != "added=0 updated=0 unchanged=0 exited=0 problems=3" {
			t.Fatalf("import: %s %+v", got, r.Problems)
		}
		cols := []string{}
		for _, p := range r.Problems {
			cols = append(cols, p.Source+"/"+p.Column)
			if strings.Contains(p.Message, a.Members[1].IDNumber) {
				t.Errorf("problem shows a full ID number: %s", p.Message)
			}
		}
		if got := strings.Join(cols, " "); got != "第9行/身份证号码 第4行/区划代码 第3行/身份证号码" {
			t.Fatalf("problems: %s", got)
		}
		list, err := e.db.RollImports(e.ctx, e.verifier, "621002")
		must(t, err)
		if len(list[0].Problems) != 3 {
			t.Fatalf("stored problems: %+v", list[0].Problems)
		}
		// Moving the person within one file is fine: XF00001 loses him.
		a.Members = a.Members[:1]
		r = e.importRoll(e.verifier, rollUpload(hedui.RollFull, "sha-3", a, b))
		if got := counts(r); got != "added=1 updated=1 unchanged=0 exited=0 problems=0" {
			t.Fatalf("move: %s %+v", got, r.Problems)
		}
	})
}

func TestRollScope(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.importRoll(e.verifier, rollUpload(hedui.RollFull, "sha-1", e.rollHousehold(1, 1)))
		_, err := e.db.ImportRoll(e.ctx, e.verQC, rollUpload(hedui.RollFull, "sha-x", e.rollHousehold(2, 1)))
		wantKind(t, err, hedui.KindPermission)
		_, err = e.db.ImportRoll(e.ctx, e.clerk, rollUpload(hedui.RollFull, "sha-x", e.rollHousehold(2, 1)))
		wantKind(t, err, hedui.KindPermission)
		_, err = e.db.ImportRoll(e.ctx, e.admin, rollUpload(hedui.RollFull, "sha-x", e.rollHousehold(2, 1)))
		wantKind(t, err, hedui.KindPermission)
		mine, err := e.db.RollHouseholds(e.ctx, e.verifier, hedui.RollFilter{})
		must(t, err)
		if mine.Total != 1 {
			t.Fatalf("own county: %+v", mine)
		}
		other, err := e.db.RollHouseholds(e.ctx, e.verQC, hedui.RollFilter{})
		must(t, err)
		if other.Total != 0 {
			t.Fatalf("other county sees %d households", other.Total)
		}
		_, err = e.db.RollHousehold(e.ctx, e.verQC, mine.Items[0].ID)
		wantKind(t, err, hedui.KindNotFound)
		if _, err := e.db.RollHousehold(e.ctx, e.city, mine.Items[0].ID); err != nil {
			t.Fatalf("city verifier: %v", err)
		}
		_, err = e.db.RollHouseholds(e.ctx, e.auditor, hedui.RollFilter{})
		wantKind(t, err, hedui.KindPermission)
		imports, err := e.db.RollImports(e.ctx, e.verQC, "")
		must(t, err)
		if len(imports) != 0 {
			t.Fatalf("other county sees imports: %+v", imports)
		}
		_, err = e.db.ImportRoll(e.ctx, hedui.SystemActor("test"), hedui.RollUpload{County: "621099", Mode: hedui.RollFull})
		wantKind(t, err, hedui.KindInvalid)
	})
}

// BenchmarkImportRoll imports a new roll of 10,000 households (25,000
// members; HEDUI_BENCH_ROLL_HOUSEHOLDS sets another size) per iteration,
// replacing the roll of the iteration before.
func BenchmarkImportRoll(b *testing.B) {
	for _, be := range backends() {
		b.Run(be.name, func(b *testing.B) {
			e := newEnv(b, be, Options{})
			n := 10000
			if v, err := strconv.Atoi(os.Getenv("HEDUI_BENCH_ROLL_HOUSEHOLDS")); err == nil && v > 0 {
				n = v // e.g. 120000 for a city
			}
			hs := make([]hedui.RollHousehold, n)
			k := 0
			for i := range hs {
				hs[i] = e.rollHousehold(i, 0)
				for j := range 2 + i%2 {
					// A city's worth of distinct numbers: 25,000 birth
					// dates × sequence numbers.
					k++
					id, err := idcard.Parse(idcard.Make("621002", time.Date(1940, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, k%25000), 1+k/25000), start)
					if err != nil {
						b.Fatal(err)
					}
					rel := hedui.RelHead
					if j > 0 {
						rel = hedui.RelChild
					}
					hs[i].Members = append(hs[i].Members, hedui.Member{Name: fmt.Sprintf("成员%d", k), IDNumber: id.Canonical,
						Gender: id.Gender(), BirthDate: hedui.DateOf(id.Birth), Relationship: rel, Labour: hedui.LabourFull, LivesTogether: true})
				}
			}
			members := 0
			for _, h := range hs {
				members += len(h.Members)
			}
			sys := hedui.SystemActor("bench")
			b.ResetTimer()
			begin := time.Now()
			for i := 0; i < b.N; i++ {
				// Each iteration is a new roll for the same county: every
				// household of the last one changes its number.
				for k := range hs {
					hs[k].Number = fmt.Sprintf("B%02d-%05d", i, k)
				}
				up := rollUpload(hedui.RollFull, fmt.Sprint("bench-", i), hs...)
				r, err := e.db.ImportRoll(e.ctx, sys, up)
				if err != nil {
					b.Fatal(err)
				}
				if r.Added != n {
					b.Fatalf("added %d of %d: %+v", r.Added, n, r.Problems)
				}
			}
			sec := time.Since(begin).Seconds()
			b.ReportMetric(float64(n*b.N)/sec, "households/s")
			b.ReportMetric(float64(members*b.N)/sec, "members/s")
		})
	}
}
