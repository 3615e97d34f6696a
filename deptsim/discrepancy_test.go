package deptsim

import (
	"fmt"
	"strings"
	"testing"

	"hedui"
)

// householdQuery asks every department about every member.
func householdQuery(h *Household) hedui.Query {
	q := hedui.Query{ID: "Q-" + h.Key, Items: hedui.Items}
	for i, m := range h.Members {
		q.Subjects = append(q.Subjects, hedui.Subject{Ref: fmt.Sprintf("%s-%d", q.ID, i+1), MemberID: int64(i + 1), Name: m.Name, IDNumber: m.IDNumber})
	}
	return q
}

// found indexes answers by ID number and item.
type found map[string]map[hedui.Item][]hedui.Record

func answersFor(pop *Population, h *Household) found {
	q := householdQuery(h)
	ids := map[string]string{}
	for _, s := range q.Subjects {
		ids[s.Ref] = s.IDNumber
	}
	out := found{}
	for _, a := range pop.Answer(q, hedui.DateOf(testNow), testNow) {
		id := ids[a.SubjectRef]
		if out[id] == nil {
			out[id] = map[hedui.Item][]hedui.Record{}
		}
		out[id][a.Item] = a.Records
	}
	return out
}

func declaredAssets(h *Household, id string, kind hedui.AssetKind) []hedui.Asset {
	var out []hedui.Asset
	for _, a := range h.Declaration.Assets {
		if a.IDNumber == id && a.Kind == kind {
			out = append(out, a)
		}
	}
	return out
}

func recordWith(recs []hedui.Record, field, value string) bool {
	for _, r := range recs {
		if r.Fields[field] == value {
			return true
		}
	}
	return false
}

// visible checks, for each kind, that the answers show what the
// declaration hides: the point of planting it.
var visible = map[DiscrepancyKind]func(h *Household, d Discrepancy, f found) error{
	HiddenCar: func(h *Household, d Discrepancy, f found) error {
		if !recordWith(f[d.IDNumber][hedui.ItemVehicle], FieldPlate, d.Key) {
			return fmt.Errorf("no vehicle record with the plate")
		}
		for _, a := range declaredAssets(h, d.IDNumber, hedui.AssetVehicle) {
			if strings.Contains(a.Description, d.Key) {
				return fmt.Errorf("the car is declared")
			}
		}
		return nil
	},
	UnreportedSalary: func(h *Household, d Discrepancy, f found) error {
		recs := f[d.IDNumber][hedui.ItemPayroll]
		if d.Item == hedui.ItemTax {
			recs = f[d.IDNumber][hedui.ItemTax]
			if !recordWith(f[d.IDNumber][hedui.ItemSocialInsurance], FieldEmployer, d.Key) {
				return fmt.Errorf("no social insurance contributions from the employer")
			}
		}
		if !recordWith(recs, FieldEmployer, d.Key) && !recordWith(recs, FieldWithholder, d.Key) {
			return fmt.Errorf("no %s record from the employer", d.Item)
		}
		for _, in := range h.Declaration.Incomes {
			if in.IDNumber == d.IDNumber && in.Category == hedui.IncomeWage {
				return fmt.Errorf("a wage is declared")
			}
		}
		return nil
	},
	UndeclaredCompany: func(h *Household, d Discrepancy, f found) error {
		if !recordWith(f[d.IDNumber][hedui.ItemBusiness], FieldCreditCode, d.Key) {
			return fmt.Errorf("no business record with the credit code")
		}
		for _, a := range declaredAssets(h, d.IDNumber, hedui.AssetBusiness) {
			if strings.Contains(a.Description, d.Key) {
				return fmt.Errorf("the company is declared")
			}
		}
		return nil
	},
	SecondFlat: func(h *Household, d Discrepancy, f found) error {
		recs := f[d.IDNumber][hedui.ItemHousing]
		if len(recs) < 2 || !recordWith(recs, FieldCertNo, d.Key) {
			return fmt.Errorf("%d housing records, none with the certificate", len(recs))
		}
		if n := len(declaredAssets(h, d.IDNumber, hedui.AssetHouse)); n >= len(recs) {
			return fmt.Errorf("%d homes declared, %d registered", n, len(recs))
		}
		return nil
	},
	DeceasedMember: func(h *Household, d Discrepancy, f found) error {
		recs := f[d.IDNumber][hedui.ItemHukou]
		if len(recs) != 1 || recs[0].Kind != hedui.RecordDeceased || recs[0].Fields[FieldDeathDate] != d.Key {
			return fmt.Errorf("hukou answer %+v", recs)
		}
		for _, m := range h.Members {
			if m.IDNumber == d.IDNumber {
				return nil
			}
		}
		return fmt.Errorf("the deceased member is not listed")
	},
	UnderstatedDeposits: func(h *Household, d Discrepancy, f found) error {
		var truth, declared hedui.Fen
		for _, r := range f[d.IDNumber][hedui.ItemBank] {
			truth += r.AmountFen
		}
		for _, a := range declaredAssets(h, d.IDNumber, hedui.AssetDeposit) {
			declared += a.ValueFen
		}
		if truth < 2_000_000 || declared*2 > truth {
			return fmt.Errorf("balance %d fen, declared %d fen", truth, declared)
		}
		return nil
	},
}

func TestDiscrepanciesVisible(t *testing.T) {
	pop := Generate(Config{Seed: 9, Households: 700, Now: testNow, DiscrepancyRate: 1})
	counts := map[DiscrepancyKind]int{}
	for i := range pop.Households {
		h := &pop.Households[i]
		f := answersFor(pop, h)
		for _, d := range h.Discrepancies {
			counts[d.Kind]++
			if d.Kind.Label() == string(d.Kind) || d.Detail == "" {
				t.Errorf("discrepancy %s has no Chinese label or detail", d.Kind)
			}
			if err := visible[d.Kind](h, d, f); err != nil {
				t.Errorf("household %s, %s: %v", h.Key, d.Kind, err)
			}
		}
	}
	for _, k := range DiscrepancyKinds {
		if counts[k] < 50 {
			t.Errorf("only %d households with %s", counts[k], k)
		}
	}
}

// TestHonestDeclarationsMatch checks the other half: where nothing was
// planted, the declaration agrees with the answers, line for line.
func TestHonestDeclarationsMatch(t *testing.T) {
	pop := Generate(Config{Seed: 10, Households: 800, Now: testNow, DiscrepancyRate: -1})
	for i := range pop.Households {
		h := &pop.Households[i]
		f := answersFor(pop, h)
		for _, m := range h.Members {
			recs := f[m.IDNumber]
			checks := []amountCheck{
				{"vehicles", int64(len(declaredAssets(h, m.IDNumber, hedui.AssetVehicle))), int64(len(recs[hedui.ItemVehicle]))},
				{"homes", int64(len(declaredAssets(h, m.IDNumber, hedui.AssetHouse))), int64(len(recs[hedui.ItemHousing]))},
				{"businesses", int64(len(declaredAssets(h, m.IDNumber, hedui.AssetBusiness))), int64(len(recs[hedui.ItemBusiness]))},
				{"deposits", int64(sumAssets(declaredAssets(h, m.IDNumber, hedui.AssetDeposit))), int64(sumRecords(recs[hedui.ItemBank], hedui.RecordDeposit))},
				{"pensions", int64(sumIncome(h, m.IDNumber, hedui.IncomePension)), int64(sumRecords(recs[hedui.ItemSocialInsurance], hedui.RecordPension))},
				{"assistance", int64(sumIncome(h, m.IDNumber, hedui.IncomeAssistance)), int64(sumRecords(recs[hedui.ItemAssistance], ""))},
			}
			if pay := recs[hedui.ItemPayroll]; len(pay) > 0 {
				checks = append(checks, amountCheck{"public salary", int64(sumIncome(h, m.IDNumber, hedui.IncomeWage)), int64(sumRecords(pay, hedui.RecordSalary))})
			}
			for _, c := range checks {
				if c.declared != c.found {
					t.Errorf("household %s: %s declared %d, found %d", h.Key, c.what, c.declared, c.found)
				}
			}
		}
	}
}

// amountCheck compares a declared count or amount with what was found.
type amountCheck struct {
	what            string
	declared, found int64
}

func sumAssets(as []hedui.Asset) hedui.Fen {
	var s hedui.Fen
	for _, a := range as {
		s += a.ValueFen
	}
	return s
}

func sumIncome(h *Household, id string, cat hedui.IncomeCategory) hedui.Fen {
	var s hedui.Fen
	for _, in := range h.Declaration.Incomes {
		if in.IDNumber == id && in.Category == cat {
			s += in.AmountFen
		}
	}
	return s
}

// sumRecords adds the amounts of records of a kind ("" for all).
func sumRecords(recs []hedui.Record, kind string) hedui.Fen {
	var s hedui.Fen
	for _, r := range recs {
		if kind == "" || r.Kind == kind {
			s += r.AmountFen
		}
	}
	return s
}
