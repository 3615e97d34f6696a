package demo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"hedui"
	"hedui/deptsim"
	"hedui/idcard"
)

// SimSeed seeds the demo's synthetic population.
const SimSeed = 2026

// clerkOf maps the demo townships to their clerk.
var clerkOf = map[string]string{
	"621002100": "clerk.xiaojin",
	"621002101": "clerk.dongzhi",
	"621022100": "clerk.huanxian",
}

var verifierOf = map[string]string{"621002": "verifier.xifeng", "621022": "verifier.huanxian"}

// Epoch returns the day the demo data of dir was first made, recording
// today on the first call. The synthetic population is generated as of that
// day, so that a demo restarted next week still finds the same people.
func Epoch(dir string, now time.Time) (time.Time, error) {
	path := filepath.Join(dir, "demo.json")
	var rec struct {
		Epoch string `json:"epoch"`
	}
	b, err := os.ReadFile(path)
	switch {
	case err == nil:
		if err := json.Unmarshal(b, &rec); err != nil {
			return time.Time{}, fmt.Errorf("demo: %s: %w", path, err)
		}
		return time.Parse(time.DateOnly, rec.Epoch)
	case errors.Is(err, fs.ErrNotExist):
		rec.Epoch = hedui.Today(now).String()
		b, _ = json.Marshal(rec)
		if err := os.WriteFile(path, b, 0o600); err != nil {
			return time.Time{}, err
		}
		return time.Parse(time.DateOnly, rec.Epoch)
	}
	return time.Time{}, err
}

// Population is the demo's synthetic population in the three demo
// townships: what the simulated departments know, and what the families
// declare (some of them dishonestly, on purpose).
func Population(epoch time.Time, households int) *deptsim.Population {
	return deptsim.Generate(deptsim.Config{Seed: SimSeed, Households: households, Now: epoch,
		Townships: []string{"621002100", "621002101", "621022100"}})
}

// CaseStore is what seeding simulated cases needs.
type CaseStore interface {
	hedui.Store
	Dispatch(ctx context.Context, by hedui.Actor, appID int64, level hedui.Level, due hedui.DueFunc) (hedui.Dispatched, error)
}

// SeedSimulatedCases registers the population's households as applications
// at different stages: drafts, submitted, accepted, and verifications
// launched (whose answers the simulated departments then give). It returns
// how many it created; existing ones are left alone.
func SeedSimulatedCases(ctx context.Context, st CaseStore, pop *deptsim.Population, due hedui.DueFunc) (int, error) {
	created := 0
	for i := range pop.Households {
		h := &pop.Households[i]
		ok, err := seedSimulated(ctx, st, h, i, pop.Now, due)
		if err != nil {
			return created, fmt.Errorf("demo: simulated household %s: %w", h.Key, err)
		}
		if ok {
			created++
		}
	}
	return created, nil
}

// stages cycles the cases through the lifecycle so every screen has work.
var stages = [][]hedui.Action{
	nil,
	{hedui.ActSubmit},
	{hedui.ActSubmit, hedui.ActAccept},
	{hedui.ActSubmit, hedui.ActAccept, hedui.ActDispatch},
	{hedui.ActSubmit, hedui.ActAccept, hedui.ActDispatch},
	{hedui.ActSubmit, hedui.ActAccept, hedui.ActDispatch},
}

func seedSimulated(ctx context.Context, st CaseStore, h *deptsim.Household, i int, signed time.Time, due hedui.DueFunc) (bool, error) {
	clerk, err := Actor(ctx, st, clerkOf[h.Township])
	if err != nil {
		return false, err
	}
	app, fresh, err := st.CreateApplication(ctx, clerk, h.Application())
	if err != nil || !fresh {
		return false, err
	}
	steps := stages[i%len(stages)]
	if len(steps) == 0 {
		return true, nil
	}
	if app, err = st.AddLetter(ctx, clerk, app.ID, letterFor(h, signed)); err != nil {
		return false, err
	}
	verifier, err := Actor(ctx, st, verifierOf[h.Township[:6]])
	if err != nil {
		return false, err
	}
	for _, step := range steps {
		switch step {
		case hedui.ActSubmit:
			_, err = st.Transition(ctx, clerk, app.ID, step, "")
		case hedui.ActDispatch:
			_, err = st.Dispatch(ctx, verifier, app.ID, hedui.LevelCounty, due)
		default:
			_, err = st.Transition(ctx, verifier, app.ID, step, "")
		}
		if err != nil {
			return false, err
		}
	}
	return true, nil
}

// letterFor is an electronic letter signed by every member, minors through
// the first adult of the household.
func letterFor(h *deptsim.Household, signed time.Time) hedui.NewLetter {
	l := hedui.NewLetter{Form: hedui.LetterElectronic, SignedOn: hedui.DateOf(signed)}
	var guardian *hedui.NewMember
	for i := range h.Members {
		if n, err := idcard.Parse(h.Members[i].IDNumber, signed); err == nil && idcard.Age(n, signed) >= hedui.GuardianAge {
			guardian = &h.Members[i]
			break
		}
	}
	for _, m := range h.Members {
		s := hedui.Signer{IDNumber: m.IDNumber, Method: hedui.SignElectronic}
		if n, err := idcard.Parse(m.IDNumber, signed); err == nil && idcard.Age(n, signed) < hedui.GuardianAge && guardian != nil {
			s.AgentName, s.AgentIDNumber, s.AgentRelation = guardian.Name, guardian.IDNumber, "监护人"
		}
		l.Signers = append(l.Signers, s)
	}
	return l
}
