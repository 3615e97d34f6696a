package web

import (
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"hedui"
)

// appForm is the new-application form as typed: every value is kept as a
// string so that a form with errors comes back exactly as it was sent.
type appForm struct {
	Key      string // idempotency key: a double-click registers one case
	Kind     string
	Aid      []string
	Address  string
	Hukou    string
	Members  []memberRow
	Incomes  []incomeRow
	Assets   []assetRow
	Errors   map[string]string
	Problems int // how many fields are marked
}

type memberRow struct {
	Name, IDNumber, Relationship, Hukou, Disability, Labour, Together string
}

type incomeRow struct {
	Member, Category, Source, From, To, Amount, Note string
}

type assetRow struct {
	Member, Kind, Description, Value, Quantity, Area string
}

// formOptions are the choices of the form's selects, with their labels
// from the domain vocabulary.
type formOptions struct {
	Kinds         []hedui.AppKind
	Aid           []hedui.AssistanceType
	Relationships []hedui.Relationship
	Hukous        []hedui.HukouType
	Labours       []hedui.LabourCapacity
	Incomes       []hedui.IncomeCategory
	Assets        []hedui.AssetKind
	Disabilities  []int
}

func newFormOptions() formOptions {
	return formOptions{
		Kinds: []hedui.AppKind{hedui.KindNew, hedui.KindPeriodic, hedui.KindSpotCheck, hedui.KindCrossRegion, hedui.KindObjection},
		Aid: []hedui.AssistanceType{hedui.AidDibao, hedui.AidTekun, hedui.AidLowIncome, hedui.AidMedical, hedui.AidTemporary,
			hedui.AidDisaster, hedui.AidHousing, hedui.AidEducation, hedui.AidEmployment},
		Relationships: []hedui.Relationship{hedui.RelHead, hedui.RelSpouse, hedui.RelChild, hedui.RelParent, hedui.RelGrandchild,
			hedui.RelGrandparent, hedui.RelSibling, hedui.RelChildInLaw, hedui.RelOther},
		Hukous:  []hedui.HukouType{hedui.HukouRural, hedui.HukouUrban},
		Labours: []hedui.LabourCapacity{hedui.LabourFull, hedui.LabourPartial, hedui.LabourNone},
		Incomes: []hedui.IncomeCategory{hedui.IncomeWage, hedui.IncomeBusiness, hedui.IncomeProperty, hedui.IncomeTransfer,
			hedui.IncomePension, hedui.IncomeOther, hedui.IncomeCompensation, hedui.IncomeFamilyPlan, hedui.IncomeScholarship,
			hedui.IncomeReward, hedui.IncomeAssistance},
		Assets: []hedui.AssetKind{hedui.AssetDeposit, hedui.AssetWealth, hedui.AssetSecurities, hedui.AssetVehicle, hedui.AssetHouse,
			hedui.AssetBusiness, hedui.AssetHousingFund, hedui.AssetLoan, hedui.AssetOther},
		Disabilities: []int{0, 1, 2, 3, 4},
	}
}

// newPage is the form with its options.
type newPage struct {
	Form appForm
	Opt  formOptions
}

// blankForm is the form as first shown: one member, the head.
func blankForm() appForm {
	return appForm{
		Key:     newIdempotencyKey(),
		Kind:    string(hedui.KindNew),
		Members: []memberRow{{Relationship: string(hedui.RelHead), Disability: "0", Labour: string(hedui.LabourFull), Together: "yes"}},
		Errors:  map[string]string{},
	}
}

func newIdempotencyKey() string { return "web-" + rand.Text() }

var idemKey = regexp.MustCompile(`^web-[A-Z2-7]{16,64}$`)

// parseAppForm reads the posted form. Rows left blank are dropped; the
// rest are numbered afresh so that error keys match the rows shown again.
func parseAppForm(r *http.Request) appForm {
	pf := r.PostForm
	f := appForm{
		Key:     pf.Get("key"),
		Kind:    pf.Get("kind"),
		Aid:     pf["aid"],
		Address: strings.TrimSpace(pf.Get("address")),
		Hukou:   pf.Get("hukou"),
		Errors:  map[string]string{},
	}
	if !idemKey.MatchString(f.Key) {
		f.Key = newIdempotencyKey()
	}
	var renumber map[string]string
	f.Members, renumber = parseMemberRows(pf)
	f.Incomes, f.Assets = parseDeclRows(pf, func(ref string) string { return renumber[ref] })
	return f
}

// formCol reads the i-th value of a repeated field, trimmed.
func formCol(pf url.Values, name string, i int) string {
	if v := pf[name]; i < len(v) {
		return strings.TrimSpace(v[i])
	}
	return ""
}

// parseMemberRows reads the member rows, dropping blank ones. renumber
// maps a member's position in the posted form (1-based) to its position
// among the rows kept, for the declaration rows that point at members.
func parseMemberRows(pf url.Values) (rows []memberRow, renumber map[string]string) {
	col := func(name string, i int) string { return formCol(pf, name, i) }
	renumber = map[string]string{}
	for i := range pf["m_name"] {
		m := memberRow{
			Name: col("m_name", i), IDNumber: col("m_id", i), Relationship: col("m_rel", i), Hukou: col("m_hukou", i),
			Disability: col("m_disab", i), Labour: col("m_labour", i), Together: col("m_together", i),
		}
		if m.Name == "" && m.IDNumber == "" {
			continue
		}
		rows = append(rows, m)
		renumber[strconv.Itoa(i+1)] = strconv.Itoa(len(rows))
	}
	return rows, renumber
}

// parseDeclRows reads the income and asset rows, dropping blank ones;
// member maps each row's member reference as posted to the form's.
func parseDeclRows(pf url.Values, member func(string) string) (incomes []incomeRow, assets []assetRow) {
	col := func(name string, i int) string { return formCol(pf, name, i) }
	for i := range pf["inc_cat"] {
		in := incomeRow{
			Member: member(col("inc_member", i)), Category: col("inc_cat", i), Source: col("inc_source", i),
			From: col("inc_from", i), To: col("inc_to", i), Amount: col("inc_amount", i), Note: col("inc_note", i),
		}
		if in.Source == "" && in.From == "" && in.To == "" && in.Amount == "" && in.Note == "" {
			continue
		}
		incomes = append(incomes, in)
	}
	for i := range pf["as_kind"] {
		a := assetRow{
			Member: member(col("as_member", i)), Kind: col("as_kind", i), Description: col("as_desc", i),
			Value: col("as_value", i), Quantity: col("as_qty", i), Area: col("as_area", i),
		}
		if a.Description == "" && a.Value == "" && a.Quantity == "" && a.Area == "" {
			continue
		}
		assets = append(assets, a)
	}
	return incomes, assets
}

// money reads an amount in 元 with at most two decimals into 分, exactly.
var moneyRe = regexp.MustCompile(`^(\d{1,12})(?:\.(\d{1,2}))?$`)

func parseFen(s string) (int64, bool) {
	s = strings.NewReplacer(",", "", "，", "", " ", "").Replace(s)
	m := moneyRe.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	whole, _ := strconv.ParseInt(m[1], 10, 64)
	frac := m[2]
	for len(frac) < 2 {
		frac += "0"
	}
	f, _ := strconv.ParseInt(frac, 10, 64)
	return whole*100 + f, true
}

// toNew turns the form into the store's input, recording in f.Errors
// every field it cannot read. Members are checked one by one here, so
// that all the wrong ID numbers are marked at once; the store checks
// everything again.
func (s *Server) toNew(f *appForm) hedui.NewApplication {
	t := s.text.get
	in := hedui.NewApplication{
		Kind:           hedui.AppKind(f.Kind),
		Household:      &hedui.NewHousehold{Address: f.Address, Hukou: hedui.HukouType(f.Hukou)},
		IdempotencyKey: f.Key,
	}
	for _, a := range f.Aid {
		in.Aid = append(in.Aid, hedui.AssistanceType(a))
	}
	if f.Address == "" {
		f.Errors["household.address"] = t("form.error.address")
	}
	if !in.Household.Hukou.Valid() {
		f.Errors["household.hukou_type"] = t("form.error.hukou")
	}
	if len(in.Aid) == 0 {
		f.Errors["assistance_types"] = t("form.error.aid")
	}
	if len(f.Members) == 0 {
		f.Members = blankForm().Members
		f.Errors["members[0].name"] = t("form.error.no_members")
	}
	in.Members = s.toMembers(f, in.Household.Hukou)
	in.Declaration = s.toDeclaration(f)
	return in
}

// toMembers turns the member rows into the store's input, marking in
// f.Errors every field it cannot read; a member without a hukou of his
// own takes the household's.
func (s *Server) toMembers(f *appForm, household hedui.HukouType) []hedui.NewMember {
	const op = "web.members"
	t := s.text.get
	var out []hedui.NewMember
	now := s.civilNow()
	for i, m := range f.Members {
		key := fmt.Sprintf("members[%d]", i)
		nm := hedui.NewMember{Name: m.Name, IDNumber: m.IDNumber, Relationship: hedui.Relationship(m.Relationship),
			Hukou: hedui.HukouType(m.Hukou), Labour: hedui.LabourCapacity(m.Labour)}
		if nm.Hukou == "" {
			nm.Hukou = household
		}
		if d, err := strconv.Atoi(m.Disability); err == nil {
			nm.DisabilityGrade = d
		} else if m.Disability != "" {
			f.Errors[key+".disability_grade"] = t("form.error.disability")
		}
		together := m.Together != "no"
		nm.LivesTogether = &together
		if _, err := hedui.CheckMember(op, key, nm, now); err != nil {
			f.addError(err)
		}
		out = append(out, nm)
	}
	return out
}

// toDeclaration turns the income and asset rows into the store's input,
// marking in f.Errors every field it cannot read; the rows name members
// by their position in f.Members. It returns nil for no rows.
func (s *Server) toDeclaration(f *appForm) *hedui.Declaration {
	t := s.text.get
	idOf := func(ref string) string {
		n, err := strconv.Atoi(ref)
		if err != nil || n < 1 || n > len(f.Members) {
			return ""
		}
		return f.Members[n-1].IDNumber
	}
	var d hedui.Declaration
	for i, row := range f.Incomes {
		key := fmt.Sprintf("declaration.incomes[%d]", i)
		in := hedui.Income{IDNumber: idOf(row.Member), Category: hedui.IncomeCategory(row.Category), Source: row.Source,
			Note: row.Note}
		if in.IDNumber == "" {
			f.Errors[key+".member"] = t("form.error.member")
		}
		var err1, err2 error
		in.PeriodFrom, err1 = hedui.ParseDate(row.From)
		in.PeriodTo, err2 = hedui.ParseDate(row.To)
		if err1 != nil || err2 != nil {
			f.Errors[key+".period"] = t("form.error.period")
		}
		if fen, ok := parseFen(row.Amount); ok {
			in.AmountFen = hedui.Fen(fen)
		} else {
			f.Errors[key+".amount_fen"] = t("form.error.amount")
		}
		d.Incomes = append(d.Incomes, in)
	}
	for i, row := range f.Assets {
		key := fmt.Sprintf("declaration.assets[%d]", i)
		a := hedui.Asset{IDNumber: idOf(row.Member), Kind: hedui.AssetKind(row.Kind), Description: row.Description}
		if a.IDNumber == "" {
			f.Errors[key+".member"] = t("form.error.member")
		}
		if row.Value != "" {
			if fen, ok := parseFen(row.Value); ok {
				a.ValueFen = hedui.Fen(fen)
			} else {
				f.Errors[key+".value_fen"] = t("form.error.amount")
			}
		}
		if row.Quantity != "" {
			if n, err := strconv.Atoi(row.Quantity); err == nil && n >= 0 && n < 1000 {
				a.Quantity = n
			} else {
				f.Errors[key+".quantity"] = t("form.error.quantity")
			}
		}
		if row.Area != "" {
			if v, ok := parseFen(row.Area); ok {
				a.AreaM2x100 = v
			} else {
				f.Errors[key+".area"] = t("form.error.area")
			}
		}
		d.Assets = append(d.Assets, a)
	}
	if len(d.Incomes)+len(d.Assets) == 0 {
		return nil
	}
	return &d
}

// addError marks the field a store or validation error names. Fields the
// form shows under another name are mapped; an error about no field in
// particular goes to the form's top.
func (f *appForm) addError(err error) {
	key := ""
	var e *hedui.Error
	if errors.As(err, &e) {
		key = e.Field
	}
	switch {
	case strings.HasPrefix(key, "assistance_types"):
		key = "assistance_types"
	case strings.HasSuffix(key, ".id_number") && strings.HasPrefix(key, "declaration."):
		key = strings.TrimSuffix(key, ".id_number") + ".member"
	case strings.HasSuffix(key, ".period_from") || strings.HasSuffix(key, ".period_to"):
		key = key[:strings.LastIndex(key, ".")] + ".period"
	case strings.HasSuffix(key, ".area_m2x100"):
		key = strings.TrimSuffix(key, "_m2x100")
	}
	if !f.shows(key) {
		key = ""
	}
	if _, dup := f.Errors[key]; !dup {
		f.Errors[key] = hedui.MessageOf(err)
	}
}

// shows reports whether the form has a place for an error about key.
func (f *appForm) shows(key string) bool {
	switch key {
	case "household.address", "household.hukou_type", "assistance_types", "kind":
		return true
	}
	m := rowKey.FindStringSubmatch(key)
	if m == nil {
		return false
	}
	i, _ := strconv.Atoi(m[2])
	rest := m[3]
	switch m[1] {
	case "members":
		return i < len(f.Members) && slices.Contains([]string{"", ".name", ".id_number", ".relationship", ".hukou_type", ".disability_grade", ".labour_capacity"}, rest)
	case "declaration.incomes":
		return i < len(f.Incomes) && slices.Contains([]string{"", ".member", ".category", ".source", ".period", ".amount_fen"}, rest)
	case "declaration.assets":
		return i < len(f.Assets) && slices.Contains([]string{"", ".member", ".kind", ".description", ".value_fen", ".quantity", ".area"}, rest)
	}
	return false
}

var rowKey = regexp.MustCompile(`^(members|declaration\.incomes|declaration\.assets)\[(\d{1,3})\](.*)$`)
