package sqlstore

import (
	"math"
	"testing"
	"time"

	"hedui"
)

// TestCountyOversight: the city sees each of its counties with the cases
// by status, the flagged and escalated ones, the overdue queries and the
// days to conclusion; a county sees only its own line; others nothing.
func TestCountyOversight(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f := e.departments()
		p := e.createPolicy(testPolicy("621002", hedui.HukouUrban, "2026-01-01"))
		_, d := e.dispatched("张建国", "李秀英")
		flagged := e.accepted("王小明", "赵丽")
		escalated := e.accepted("刘德华", "陈美玲")
		e.create(e.clerk, e.family("周星驰", "吴孟达"))
		e.create(e.clerkQC, e.family("孙悟空", "白骨精"))
		must(t, e.db.MarkForCity(e.ctx, e.verifier, escalated.ID, true, "有异地房产线索"))
		_, err := e.db.Escalate(e.ctx, e.verifier, "621002", hedui.Quarter{Year: 2026, Q: 1})
		must(t, err)
		must(t, e.db.MarkForCity(e.ctx, e.verifier, flagged.ID, true, "有异地房产线索"))
		concluded := e.verified(f, "郭靖", "黄蓉")
		e.clock.Advance(72 * time.Hour)
		e.decide(p, concluded, hedui.CategoryDibao)
		// Far enough ahead that every open query is past due.
		late := hedui.Today(e.clock.Now().AddDate(1, 0, 0))

		rows, err := e.db.CountyOversight(e.ctx, e.city, late)
		must(t, err)
		if len(rows) != 2 || rows[0].County != "621002" || rows[1].County != "621021" {
			t.Fatalf("city rows %+v", rows)
		}
		xf, qc := rows[0], rows[1]
		want := map[hedui.Status]int{hedui.StatusVerifying: 1, hedui.StatusAccepted: 2, hedui.StatusDraft: 1, hedui.StatusDecided: 1}
		for s, n := range want {
			if xf.ByStatus[s] != n {
				t.Errorf("西峰区 %s: %d, want %d (%v)", s, xf.ByStatus[s], n, xf.ByStatus)
			}
		}
		if xf.Total != 5 || xf.Flagged != 1 || xf.Escalated != 1 || xf.Concluded != 1 ||
			xf.OverdueQueries != len(d.Queries) || xf.OverdueCases != 1 {
			t.Errorf("西峰区 %+v", xf)
		}
		if math.Abs(xf.AvgDaysToConclusion-3) > 0.1 {
			t.Errorf("days to conclusion %v, want about 3", xf.AvgDaysToConclusion)
		}
		if qc.Total != 1 || qc.ByStatus[hedui.StatusDraft] != 1 || qc.OverdueQueries != 0 || qc.AvgDaysToConclusion != 0 {
			t.Errorf("庆城县 %+v", qc)
		}
		// On the dispatch day nothing is overdue yet.
		rows, err = e.db.CountyOversight(e.ctx, e.city, hedui.Today(e.clock.Now()))
		must(t, err)
		if rows[0].OverdueQueries != 0 {
			t.Errorf("overdue on the dispatch day: %+v", rows[0])
		}

		for _, tc := range []struct {
			name string
			by   hedui.Actor
			want []string
			kind hedui.Kind // 0: no error
		}{
			{"county verifier", e.verifier, []string{"621002"}, 0},
			{"other county's verifier", e.verQC, []string{"621021"}, 0},
			{"system", hedui.SystemActor("测试"), []string{"621002", "621021"}, 0},
			{"clerk", e.clerk, nil, hedui.KindPermission},
			{"admin", e.admin, nil, hedui.KindPermission},
		} {
			rows, err := e.db.CountyOversight(e.ctx, tc.by, late)
			if tc.kind != 0 {
				if !isKind(err, tc.kind) {
					t.Errorf("%s: got %v, want %v", tc.name, err, tc.kind)
				}
				continue
			}
			must(t, err)
			var got []string
			for _, r := range rows {
				got = append(got, r.County)
			}
			if len(got) != len(tc.want) || (len(got) > 0 && got[0] != tc.want[0]) {
				t.Errorf("%s sees %v, want %v", tc.name, got, tc.want)
			}
		}
	})
}
