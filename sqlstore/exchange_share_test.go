package sqlstore

import (
	"testing"

	"hedui"
)

func TestShareRatios(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f := e.departments()
		expired := dept("621002-market", "西峰区市场监督管理局", hedui.LevelCounty, "621002", hedui.ChannelManual, hedui.ItemBusiness)
		expired.Agreement.ValidUntil = date("2026-02-28")
		e.createDept(expired)
		inactive := dept("621002-old", "已撤销的部门", hedui.LevelCounty, "621002", hedui.ChannelManual, hedui.ItemTax)
		inactive.Active = false
		e.createDept(inactive)
		_, d := e.dispatched("张建国", "李秀英")
		e.record(f.police, answersFor(queryTo(t, d.Queries, f.police), 1))
		e.record(f.finance, answersFor(queryTo(t, d.Queries, f.finance), 1)[:1])

		march, april := []hedui.Date{date("2026-03-01"), date("2026-03-31")}, []hedui.Date{date("2026-04-01"), date("2026-04-30")}
		all := []hedui.ShareRatio{
			// 西峰区 5 (one without agreement) + 庆城县 1 + the city's own 1
			{Region: "621000", Name: "庆阳市", Units: 7, WithAgreement: 6, Sharing: 2, Ratio: 2.0 / 7},
			{Region: "621002", Name: "西峰区", Units: 5, WithAgreement: 4, Sharing: 2, Ratio: 0.4},
			{Region: "621021", Name: "庆城县", Units: 1, WithAgreement: 1, Sharing: 0, Ratio: 0},
		}
		quiet := []hedui.ShareRatio{
			{Region: "621000", Name: "庆阳市", Units: 7, WithAgreement: 6},
			{Region: "621002", Name: "西峰区", Units: 5, WithAgreement: 4},
			{Region: "621021", Name: "庆城县", Units: 1, WithAgreement: 1},
		}
		for _, tc := range []struct {
			name   string
			by     hedui.Actor
			period []hedui.Date
			want   []hedui.ShareRatio
		}{
			{"city verifier", e.city, march, all},
			{"admin", e.admin, march, all},
			{"auditor", e.auditor, march, all},
			{"system", hedui.SystemActor("测试"), march, all},
			{"county verifier", e.verifier, march, all[1:2]},
			{"other county verifier", e.verQC, march, all[2:]},
			{"a month without answers", e.city, april, quiet},
		} {
			got, err := e.db.ShareRatios(e.ctx, tc.by, tc.period[0], tc.period[1])
			must(t, err)
			if len(got) != len(tc.want) {
				t.Errorf("%s: %+v", tc.name, got)
				continue
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("%s: row %d = %+v, want %+v", tc.name, i, got[i], tc.want[i])
				}
			}
		}
		_, err := e.db.ShareRatios(e.ctx, e.clerk, march[0], march[1])
		wantKind(t, err, hedui.KindPermission)
		_, err = e.db.ShareRatios(e.ctx, f.liaison, march[0], march[1])
		wantKind(t, err, hedui.KindPermission)
		_, err = e.db.ShareRatios(e.ctx, e.city, march[1], march[0])
		wantKind(t, err, hedui.KindInvalid)
	})
}
