package sqlstore

import (
	"context"
	"fmt"
	"testing"
	"time"

	"hedui"
	"hedui/crypt"
	"hedui/idcard"
)

// BenchmarkCreateApplication registers households of three in one
// township, each with its declaration, and reports applications/s.
func BenchmarkCreateApplication(b *testing.B) {
	for _, be := range backends() {
		b.Run(be.name, func(b *testing.B) {
			ctx := context.Background()
			kr, err := crypt.New(testKey)
			must(b, err)
			db := be.open(b, Options{Keyring: kr, Now: func() time.Time { return start }})
			must(b, db.Migrate(ctx))
			must(b, db.PutDivisions(ctx, testDivisions))
			org, err := db.EnsureOrganisation(ctx, hedui.Organisation{Name: "窗口", Kind: hedui.OrgTownship, Division: townBeijie})
			must(b, err)
			u, err := db.CreateUser(ctx, hedui.SystemActor("bench"), hedui.NewUser{Username: "clerk", DisplayName: "经办",
				Role: hedui.RoleClerk, OrgID: org.ID, PasswordHash: "h"})
			must(b, err)
			by := hedui.ActorOf(u)
			person := func(i, k int, rel hedui.Relationship) hedui.NewMember {
				birth := time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/300)
				return hedui.NewMember{Name: fmt.Sprintf("人员%d-%d", i, k), IDNumber: idcard.Make("621002", birth, (i%300)*3+k),
					Relationship: rel, Hukou: hedui.HukouRural}
			}
			for i := 0; b.Loop(); i++ {
				head := person(i, 0, hedui.RelHead)
				in := hedui.NewApplication{
					Aid:       []hedui.AssistanceType{hedui.AidDibao},
					Household: &hedui.NewHousehold{Address: "董志镇某村", Hukou: hedui.HukouRural},
					Members:   []hedui.NewMember{head, person(i, 1, hedui.RelSpouse), person(i, 2, hedui.RelChild)},
					Declaration: &hedui.Declaration{Incomes: []hedui.Income{{IDNumber: head.IDNumber, Category: hedui.IncomeWage,
						PeriodFrom: date("2025-01-01"), PeriodTo: date("2025-12-31"), AmountFen: 1800000}}},
				}
				if _, _, err := db.CreateApplication(ctx, by, in); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "applications/s")
		})
	}
}
