package report

import (
	_ "embed"
	"sync"
	"time"

	"hedui"
	"hedui/report/internal/ttf"
)

// fontData is Noto Sans SC Regular, TrueType outlines (SIL OFL 1.1, see
// fonts/OFL.txt and fonts/README.md).
//
//go:embed fonts/NotoSansSC_400Regular.ttf
var fontData []byte

// base is the parsed font with the report's own wording as the glyph set
// every document starts with, built once per process.
var base = sync.OnceValues(func() (*ttf.Base, error) {
	f, err := ttf.Parse(fontData)
	if err != nil {
		return nil, err
	}
	return ttf.NewBase(f, baseRunes()), nil
})

// LoadFont parses the embedded font and compresses the shared glyph set,
// which the first rendering does otherwise (about 10 ms). Call it
// at start-up to fail early and keep the first report fast.
func LoadFont() error {
	_, err := base()
	return err
}

// commonText is wording most reports print besides the template's own:
// departments, addresses and the fields departments return. Its glyphs
// are compressed once; a report only compresses glyphs beyond them.
// Changing it changes the bytes of every report rendered afterwards.
const commonText = "省市县区乡镇街道村社区组号楼单元室局中心银行分支有限公司" +
	"0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" +
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" +
	"，。、；：？！（）《》“”‘’【】—…·•％＋－＝／㎡▲"

// baseRunes is every rune of the report's fixed wording, found by
// building the view of a report that uses every label, plus commonText.
func baseRunes() []rune {
	rs := []rune(commonText)
	add := func(s string) { rs = append(rs, []rune(s)...) }
	v := buildView(labelSample(), &Options{Code: "0000-0000", VerifyURL: "x", PrintCount: 1})
	add(v.Title)
	for _, f := range v.Header {
		add(f.Label + f.Value)
	}
	for _, s := range v.Sections {
		add(s.Title)
		for _, b := range s.Blocks {
			add(b.Label)
			for _, f := range b.Fields {
				add(f.Label + f.Value)
			}
			for _, l := range b.Lines {
				add(l)
			}
			if b.Table != nil {
				for _, c := range b.Table.Cols {
					add(c.Title)
				}
				for _, r := range b.Table.Rows {
					for _, c := range r.Cells {
						for _, l := range c {
							add(l)
						}
					}
				}
			}
		}
	}
	f := v.Foot
	add(f.Restriction + f.Objection + f.Centre + f.Date + f.Verify + f.Print + "第页共续确认核对结论（草稿，未签发）")
	return rs
}

// labelSample is a report content using every label the view can print.
func labelSample() *hedui.ReportContent {
	c := &hedui.ReportContent{
		Date: hedui.DateOf(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)), Kind: hedui.KindNew,
		Replaces: "x", Decision: &hedui.Decision{Action: hedui.DecisionOverride, Category: hedui.CategoryDibao, Reason: "x"},
	}
	c.Aid = []hedui.AssistanceType{hedui.AidDibao, hedui.AidTekun, hedui.AidMedical, hedui.AidTemporary,
		hedui.AidDisaster, hedui.AidHousing, hedui.AidEducation, hedui.AidEmployment, hedui.AidLowIncome}
	for _, r := range []hedui.Relationship{hedui.RelHead, hedui.RelSpouse, hedui.RelChild, hedui.RelParent,
		hedui.RelGrandchild, hedui.RelGrandparent, hedui.RelSibling, hedui.RelChildInLaw, hedui.RelOther} {
		c.Members = append(c.Members, hedui.ReportPerson{Relationship: r})
	}
	for _, k := range []hedui.AppKind{hedui.KindPeriodic, hedui.KindSpotCheck, hedui.KindCrossRegion, hedui.KindObjection} {
		c.Applicant.Name += k.Label()
	}
	src := hedui.ReportSource{Items: hedui.Items, Answered: false}
	for kind := range recordKinds {
		rec := hedui.Record{Kind: kind, AmountFen: 1, Quantity: 2, AreaM2x100: 1, PeriodFrom: c.Date}
		src.Rows = append(src.Rows, hedui.ReportAnswer{Item: hedui.ItemBank, Records: []hedui.Record{rec}})
	}
	src.Rows = append(src.Rows, hedui.ReportAnswer{NoRecord: true})
	c.Sources = []hedui.ReportSource{src, {}}
	for _, f := range []hedui.ItemFlag{hedui.FlagMatch, hedui.FlagMismatch, hedui.FlagUndeclared,
		hedui.FlagNotFound, hedui.FlagNoAnswer, hedui.FlagNotChecked} {
		c.Rows = append(c.Rows, hedui.ComparisonRow{Flag: f, Item: hedui.ItemHukou, Deceased: true, WithinTolerance: true, DiffFen: 1})
	}
	for _, a := range []hedui.AssetKind{hedui.AssetDeposit, hedui.AssetSecurities, hedui.AssetWealth, hedui.AssetVehicle,
		hedui.AssetHouse, hedui.AssetBusiness, hedui.AssetHousingFund, hedui.AssetLoan, hedui.AssetOther} {
		c.Rows = append(c.Rows, hedui.ComparisonRow{Asset: a, ExemptCount: 1, DiffFen: 1, Flag: hedui.FlagNotFound})
	}
	for _, i := range []hedui.IncomeCategory{hedui.IncomeWage, hedui.IncomeBusiness, hedui.IncomeProperty, hedui.IncomeTransfer,
		hedui.IncomeOther, hedui.IncomePension, hedui.IncomeCompensation, hedui.IncomeFamilyPlan, hedui.IncomeScholarship,
		hedui.IncomeReward, hedui.IncomeAssistance} {
		c.Rows = append(c.Rows, hedui.ComparisonRow{Category: i})
	}
	k := &c.Conclusion
	k.Category, k.NearPoorLineFen = hedui.CategoryDibao, 1
	k.Assets.FinancialLimitFen, k.Assets.VehiclesExempt = 1, 1
	for _, o := range []hedui.Overall{hedui.OverallClear, hedui.OverallVisit, hedui.OverallExceeds, hedui.OverallIncomplete} {
		k.Reasons = append(k.Reasons, hedui.Reason{Text: o.Label()})
	}
	for _, cat := range []hedui.Category{"", hedui.CategoryNearPoor, hedui.CategoryTekun, hedui.CategoryNone} {
		k.Reasons = append(k.Reasons, hedui.Reason{Text: cat.Label()})
	}
	for _, e := range []hedui.RuleEffect{hedui.EffectExclude, hedui.EffectVisit, hedui.EffectInfo, hedui.EffectIncomplete} {
		k.Reasons = append(k.Reasons, hedui.Reason{Effect: e})
	}
	c.Decision.Overall = hedui.OverallClear
	return c
}
