package sqlstore

import (
	"fmt"
	"testing"
	"time"

	"hedui"
)

// xfix is the exchange fixture: the departments of 西峰区 covering all
// twelve items over four channels, one of 庆城县, one of the city, and the
// liaisons of two of them.
type xfix struct {
	police, finance, hrss, bank hedui.Department // 西峰区
	qcPolice                    hedui.Department // 庆城县
	cityFund                    hedui.Department // 庆阳市
	liaison                     hedui.Actor      // 西峰区公安局
	liaisonBank                 hedui.Actor      // 西峰区人民银行
}

var agreement2026 = hedui.Agreement{Number: "XY-2026-001", SignedOn: date("2025-12-20"), ValidFrom: date("2026-01-01")}

// today is the fake clock's civil date.
var today = hedui.Today(start)

// dept describes a department for CreateDepartment.
func dept(code, name string, level hedui.Level, division string, ch hedui.Channel, items ...hedui.Item) hedui.Department {
	d := hedui.Department{Code: code, Name: name, Level: level, Division: division, Items: items, Channel: ch,
		Agreement: agreement2026, Active: true}
	if ch == hedui.ChannelOnline {
		d.Endpoint = "https://" + code + ".example.gov.cn/api"
	}
	return d
}

func (e *env) createDept(d hedui.Department) hedui.Department {
	e.t.Helper()
	out, err := e.db.CreateDepartment(e.ctx, e.admin, d)
	must(e.t, err)
	return out
}

// liaisonOf creates a liaison account in a department's organisation.
func (e *env) liaisonOf(d hedui.Department, username string) hedui.Actor {
	e.t.Helper()
	u, err := e.db.CreateUser(e.ctx, e.admin, hedui.NewUser{Username: username, DisplayName: "联络员" + username,
		Role: hedui.RoleLiaison, OrgID: d.OrgID, PasswordHash: "$test$hash"})
	must(e.t, err)
	a := hedui.ActorOf(u)
	a.ClientAddr, a.Purpose = "192.0.2.2", "测试"
	return a
}

func (e *env) departments() *xfix {
	e.t.Helper()
	county, city := hedui.LevelCounty, hedui.LevelCity
	f := &xfix{
		police: e.createDept(dept("621002-police", "西峰区公安局", county, "621002", hedui.ChannelOnline,
			hedui.ItemHukou, hedui.ItemVehicle)),
		finance: e.createDept(dept("621002-finance", "西峰区财政局", county, "621002", hedui.ChannelBatchFile,
			hedui.ItemPayroll, hedui.ItemSubsidy, hedui.ItemTax, hedui.ItemBusiness)),
		hrss: e.createDept(dept("621002-hrss", "西峰区人力资源和社会保障局", county, "621002", hedui.ChannelManual,
			hedui.ItemSocialInsurance, hedui.ItemHousing, hedui.ItemHousingFund, hedui.ItemAssistance)),
		qcPolice: e.createDept(dept("621021-police", "庆城县公安局", county, "621021", hedui.ChannelManual, hedui.ItemHukou)),
		cityFund: e.createDept(dept("621000-fund", "庆阳市住房公积金管理中心", city, "621000", hedui.ChannelManual,
			hedui.ItemHousingFund)),
	}
	bank := dept("621002-bank", "人民银行西峰区支行", county, "621002", hedui.ChannelSimulator, hedui.ItemBank, hedui.ItemSecurities)
	bank.ReplyDays = 10
	f.bank = e.createDept(bank)
	f.liaison = e.liaisonOf(f.police, "liaison")
	f.liaisonBank = e.liaisonOf(f.bank, "liaisonbank")
	return f
}

// fakeDue adds calendar days: the store's use of it is what is tested.
func fakeDue(sent hedui.Date, n int) (hedui.Date, error) {
	return hedui.Date{Time: sent.AddDate(0, 0, n)}, nil
}

// accepted registers a two-person family in 北街, signs, submits and
// accepts it.
func (e *env) accepted(head, spouse string) *hedui.Application {
	e.t.Helper()
	app := e.sign(e.clerk, e.create(e.clerk, e.family(head, spouse)), hedui.LetterElectronic)
	_, err := e.db.Transition(e.ctx, e.clerk, app.ID, hedui.ActSubmit, "")
	must(e.t, err)
	app, err = e.db.Transition(e.ctx, e.verifier, app.ID, hedui.ActAccept, "")
	must(e.t, err)
	return app
}

// dispatched is accepted followed by a county dispatch.
func (e *env) dispatched(head, spouse string) (*hedui.Application, hedui.Dispatched) {
	e.t.Helper()
	app := e.accepted(head, spouse)
	d, err := e.db.Dispatch(e.ctx, e.verifier, app.ID, hedui.LevelCounty, fakeDue)
	must(e.t, err)
	return app, d
}

// queryTo returns the query addressed to a department.
func queryTo(t testing.TB, qs []hedui.Query, d hedui.Department) hedui.Query {
	t.Helper()
	for _, q := range qs {
		if q.DepartmentID == d.ID {
			return q
		}
	}
	t.Fatalf("no query to %s among %d", d.Code, len(qs))
	return hedui.Query{}
}

// answersFor answers every subject × item of q: items in noRecord are
// 查无记录, the others one deposit record whose amount is salt.
func answersFor(q hedui.Query, salt int64, noRecord ...hedui.Item) []hedui.Answer {
	var out []hedui.Answer
	for _, s := range q.Subjects {
		for _, it := range q.Items {
			a := hedui.Answer{QueryID: q.ID, SubjectRef: s.Ref, Item: it, AsOf: date("2026-03-01")}
			if contains(noRecord, it) {
				a.NoRecord = true
			} else {
				a.Records = []hedui.Record{{Kind: "deposit", AmountFen: hedui.Fen(salt),
					PeriodFrom: date("2026-01-01"), PeriodTo: date("2026-02-28"),
					Fields: map[string]string{"账户": fmt.Sprintf("6222***%04d", salt%10000)}}}
			}
			out = append(out, a)
		}
	}
	return out
}

// record records answers as the system and fails on error.
func (e *env) record(d hedui.Department, as []hedui.Answer) hedui.IngestReport {
	e.t.Helper()
	rep, err := e.db.RecordAnswers(e.ctx, hedui.SystemActor("测试"), d.ID, as)
	must(e.t, err)
	return rep
}

// queryRow reads a query's outbox columns raw.
func (e *env) queryRow(id string) (status string, attempts int, lastError string, nextAttempt, lease time.Time) {
	e.t.Helper()
	must(e.t, e.db.SQL().QueryRowContext(e.ctx, `SELECT status, attempts, last_error, next_attempt_at, lease_until
		FROM queries WHERE id = $1`, id).Scan(&status, &attempts, &lastError, timeCol{&nextAttempt}, timeCol{&lease}))
	return
}

// appStatus reads an application's status raw.
func (e *env) appStatus(id int64) hedui.Status {
	e.t.Helper()
	var s hedui.Status
	must(e.t, e.db.SQL().QueryRowContext(e.ctx, `SELECT status FROM applications WHERE id = $1`, id).Scan(&s))
	return s
}

// auditCount counts the entries of one action.
func (e *env) auditCount(action string) int {
	e.t.Helper()
	var n int
	must(e.t, e.db.SQL().QueryRowContext(e.ctx, `SELECT COUNT(*) FROM audit_log WHERE action = $1`, action).Scan(&n))
	return n
}
