package sqlstore

import (
	"context"
	"sync"
	"testing"
	"time"

	"hedui"
	"hedui/deptsim"
	"hedui/exchange"
	"hedui/recheck"
)

// startRound starts a round of 西峰区 as of day.
func (f *rfix) startRound(day hedui.Date) hedui.Round {
	f.e.t.Helper()
	r, err := f.e.db.StartRound(f.e.ctx, f.e.verifier, hedui.NewRound{Scope: "621002", AsOf: day})
	must(f.e.t, err)
	return r
}

func TestRecheckRoundEndToEnd(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.db.partSize = 4
		f := e.recheckFixture(10, false)
		r := f.startRound(today)
		if r.Households != 9 || r.Excluded != 1 || r.Parts != 3 {
			t.Fatalf("round = %+v, want 9 households, 1 excluded, 3 parts", r)
		}
		ex, err := e.db.RoundExcluded(e.ctx, e.verifier, r.ID)
		must(t, err)
		if len(ex) != 1 || ex[0].HouseholdID != f.ids[9] {
			t.Fatalf("excluded = %+v, want the household whose letter expired", ex)
		}
		if saved := drain(t, f, f.worker("a")); saved != 3 {
			t.Fatalf("saved %d parts, want 3", saved)
		}
		f.roundCounts(t, r.ID)
		p, err := e.db.RoundProgress(e.ctx, e.verifier, r.ID)
		must(t, err)
		if p.Overall.Dispatched != f.queries || p.Overall.Answered != f.queries || p.Overall.Evaluated != 9 ||
			len(p.Departments) != 3 || p.Departments[0].Evaluated != 9 {
			t.Errorf("progress = %+v", p)
		}
		// One audit entry per save, naming the households, not one per household.
		if n := e.countWhere(`SELECT COUNT(*) FROM audit_log WHERE action = 'recheck.save'`); n != 2 {
			t.Errorf("recheck.save audit entries = %d, want 2 (two claims of two parts and one)", n)
		}
		// First round: assets found are the baseline, not changes.
		if n := e.countWhere(`SELECT COUNT(*) FROM recheck_results WHERE round_id = $1 AND vehicles + homes > 0`, r.ID); n == 0 {
			t.Fatal("no household has a vehicle or a home: the first-round check proves nothing")
		}
		ws, err := e.db.Warnings(e.ctx, e.verifier, hedui.WarningFilter{RoundID: r.ID, Limit: 100})
		must(t, err)
		for _, w := range ws.Items {
			for _, c := range w.Changes {
				switch c.Kind {
				case hedui.ChangeVehicle, hedui.ChangeProperty, hedui.ChangeBusiness, hedui.ChangeJob:
					t.Errorf("first round flags %s for %s", c.Kind, w.Number)
				}
			}
		}

		// Half a year later one family has bought a car.
		buyer := f.pop.Households[2]
		id := buyer.Members[0].IDNumber
		truth := buyer.Truth[id]
		truth.Vehicles = append(truth.Vehicles, deptsim.Vehicle{Kind: hedui.RecordCar, Plate: "甘M·A1234", Model: "轿车",
			FirstRegistered: date("2026-05-01"), ValueFen: 9000000})
		buyer.Truth[id] = truth
		e.clock.Advance(184 * 24 * time.Hour)
		r2 := f.startRound(hedui.Today(e.clock.Now()))
		if r2.Households != 9 {
			t.Fatalf("second round asks %d households, want 9", r2.Households)
		}
		drain(t, f, f.worker("b"))
		f.roundCounts(t, r2.ID)
		ws, err = e.db.Warnings(e.ctx, e.verifier, hedui.WarningFilter{RoundID: r2.ID, Limit: 100})
		must(t, err)
		var car *hedui.RecheckWarning
		for i, w := range ws.Items {
			if i > 0 && w.GapFen > ws.Items[i-1].GapFen {
				t.Errorf("warnings not ranked by gap: %d after %d", w.GapFen, ws.Items[i-1].GapFen)
			}
			for _, c := range w.Changes {
				if c.Kind == hedui.ChangeVehicle {
					if w.HouseholdID != f.ids[2] {
						t.Errorf("new vehicle flagged for %s, whose vehicles did not change", w.Number)
					}
					car = &ws.Items[i]
				}
			}
		}
		if car == nil {
			t.Fatalf("no new-vehicle warning among %+v", ws.Items)
		}
		w, err := e.db.Warning(e.ctx, e.verifier, car.ID)
		must(t, err)
		found := false
		for _, ev := range w.Evidence {
			for _, rec := range ev.Records {
				found = found || rec.Fields["号牌号码"] == "甘M·A1234" || rec.Description != "" && ev.Item == hedui.ItemVehicle
			}
		}
		if !found || w.HeadMasked == "" {
			t.Errorf("warning evidence = %+v, want the vehicle answer", w.Evidence)
		}
		_, err = e.db.Warning(e.ctx, e.verQC, car.ID)
		wantKind(t, err, hedui.KindNotFound)

		x, err := e.db.RecommendExit(e.ctx, e.verifier, car.ID, "新购车辆，不符合低保条件")
		must(t, err)
		_, err = e.db.RecommendExit(e.ctx, e.verifier, car.ID, "again")
		wantKind(t, err, hedui.KindConflict)
		_, err = e.db.DecideExit(e.ctx, e.verifier, x.ID, hedui.ExitDecision{Approve: true})
		wantKind(t, err, hedui.KindPermission)
		agency := e.agency("621002")
		list, err := e.db.ExitRecommendations(e.ctx, agency, hedui.ExitPending)
		must(t, err)
		if len(list) != 1 || list[0].ID != x.ID {
			t.Fatalf("agency inbox = %+v", list)
		}
		d, err := e.db.DecideExit(e.ctx, agency, x.ID, hedui.ExitDecision{Approve: true, Note: "同意清退"})
		must(t, err)
		if d.Status != hedui.ExitApproved {
			t.Errorf("decision = %+v", d)
		}
		if n := e.countWhere(`SELECT COUNT(*) FROM roll_households WHERE id = $1 AND status = 'exited'`, f.ids[2]); n != 1 {
			t.Error("approved exit left the household on the roll")
		}

		cov, err := e.db.RecheckCoverage(e.ctx, e.city, date("2026-01-01"), hedui.Today(e.clock.Now()))
		must(t, err)
		people := 0
		for _, h := range f.pop.Households[:9] {
			people += len(h.Members)
		}
		people -= len(f.pop.Households[2].Members) // exited
		if len(cov) != 1 || cov[0].County != "621002" || cov[0].Reverified != people ||
			cov[0].Recipients != people+len(f.pop.Households[9].Members) {
			t.Errorf("coverage = %+v, want %d of %d", cov, people, people+len(f.pop.Households[9].Members))
		}
	})
}

// agency is an agency account of a county.
func (e *env) agency(county string) hedui.Actor {
	e.t.Helper()
	org, err := e.db.EnsureOrganisation(e.ctx, hedui.Organisation{Name: "民政局社会救助股" + county, Kind: hedui.OrgAgency, Division: county})
	must(e.t, err)
	u, err := e.db.CreateUser(e.ctx, e.admin, hedui.NewUser{Username: "agency" + county, DisplayName: "经办",
		Role: hedui.RoleAgency, OrgID: org.ID, PasswordHash: "$test$hash"})
	must(e.t, err)
	return hedui.ActorOf(u)
}

// A node that dies mid-round loses its parts when the lease runs out;
// another finishes the round with nothing lost or doubled, and the dead
// node, if it comes back, cannot save what it held.
func TestRecheckResumeAfterLostLease(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.db.partSize = 3
		f := e.recheckFixture(10, false)
		r := f.startRound(today)
		a := f.worker("a")
		if _, err := a.RunOnce(e.ctx); err != nil { // a saves two parts
			t.Fatal(err)
		}
		held, err := e.db.ClaimRecheckParts(e.ctx, "a", 1, time.Minute) // then claims the last and dies
		must(t, err)
		if len(held) != 1 {
			t.Fatalf("claimed %d parts, want 1", len(held))
		}
		in, err := e.db.RecheckInput(e.ctx, held)
		must(t, err)
		out, err := a.Process(e.ctx, &in)
		must(t, err)
		b := f.worker("b")
		if n, _ := b.RunOnce(e.ctx); n != 0 {
			t.Fatalf("b took %d parts under a live lease", n)
		}
		e.clock.Advance(2 * time.Minute)
		if saved := drain(t, f, b); saved != 1 {
			t.Fatalf("b saved %d parts, want the 1 left", saved)
		}
		wantKind(t, e.db.SaveRecheckParts(e.ctx, "a", held, out), hedui.KindConflict)
		f.roundCounts(t, r.ID)
	})
}

// Two nodes work one round at once: every household is evaluated once.
func TestRecheckTwoWorkers(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.db.partSize = 2
		f := e.recheckFixture(21, false)
		r := f.startRound(today)
		var wg sync.WaitGroup
		saved := make([]int, 2)
		for i, node := range []string{"a", "b"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				w := f.worker(node)
				for {
					n, err := w.RunOnce(e.ctx)
					if err != nil {
						t.Error(err)
						return
					}
					if n == 0 {
						return
					}
					saved[i] += n
				}
			}()
		}
		wg.Wait()
		if saved[0]+saved[1] != r.Parts {
			t.Errorf("saved %v parts, want %d in all", saved, r.Parts)
		}
		f.roundCounts(t, r.ID)
	})
}

func TestRecheckScheduleScope(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		s := hedui.ExampleRecheckSchedule("621002", hedui.CategoryDibao, date("2026-01-01"))
		_, err := e.db.PutRecheckSchedule(e.ctx, e.verQC, s)
		wantKind(t, err, hedui.KindPermission)
		_, err = e.db.PutRecheckSchedule(e.ctx, e.admin, s)
		wantKind(t, err, hedui.KindPermission)
		bad := s
		bad.OtherMonths = 0
		_, err = e.db.PutRecheckSchedule(e.ctx, e.verifier, bad)
		wantKind(t, err, hedui.KindInvalid)
		_, err = e.db.PutRecheckSchedule(e.ctx, e.city, s)
		must(t, err)
		got, err := e.db.RecheckSchedules(e.ctx, e.verifier, "")
		must(t, err)
		if len(got) != 1 || !got[0].Example || got[0].OtherMonths != 6 {
			t.Errorf("schedules = %+v", got)
		}
		got, err = e.db.RecheckSchedules(e.ctx, e.verQC, "")
		must(t, err)
		if len(got) != 0 {
			t.Errorf("庆城县 sees 西峰区's schedules: %+v", got)
		}
		_, err = e.db.StartRound(e.ctx, e.verQC, hedui.NewRound{Scope: "621002"})
		wantKind(t, err, hedui.KindPermission)
	})
}

// Worker.Run works a round to its end in several loops.
func TestRecheckWorkerRun(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		e.db.partSize = 3
		f := e.recheckFixture(13, false)
		r := f.startRound(today)
		ctx, cancel := context.WithCancel(e.ctx)
		done := make(chan struct{})
		go func() {
			defer close(done)
			recheck.NewWorker(e.db, recheck.Options{Node: "run", Loops: 3, Poll: 10 * time.Millisecond,
				Adapters: map[hedui.Channel]exchange.Adapter{
					hedui.ChannelSimulator: deptsim.NewAdapter(f.pop, deptsim.Behaviour{}, e.clock.Now)}}).Run(ctx)
		}()
		for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			got, err := e.db.round(e.ctx, e.db.db, r.ID)
			must(t, err)
			if got.Status == hedui.RoundFinished {
				break
			}
		}
		cancel()
		<-done
		f.roundCounts(t, r.ID)
	})
}
