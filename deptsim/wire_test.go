package deptsim

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"

	"hedui"
	"hedui/exchange/online"
)

// TestAnswerWireMatchesJSON checks the hand-written wire form against
// encoding/json on every answer of a population, and on strings that need
// escaping.
func TestAnswerWireMatchesJSON(t *testing.T) {
	pop := Generate(Config{Seed: 11, Households: 400, Now: testNow})
	items := []hedui.Item{hedui.ItemHukou, hedui.ItemVehicle, hedui.ItemPayroll, hedui.ItemSubsidy, hedui.ItemSocialInsurance,
		hedui.ItemHousing, hedui.ItemTax, hedui.ItemBusiness, hedui.ItemBank, hedui.ItemSecurities, hedui.ItemHousingFund, hedui.ItemAssistance}
	var answers []online.Answer
	for _, h := range pop.Households {
		q := hedui.Query{Items: items}
		for _, m := range h.Members {
			q.Subjects = append(q.Subjects, hedui.Subject{Ref: "R1-2-3-" + m.IDNumber[14:], IDNumber: m.IDNumber})
		}
		for _, a := range pop.Answer(q, hedui.DateOf(testNow), testNow) {
			answers = append(answers, online.AnswerOf(a))
			// What storing the answer reuses must be what it would write.
			if want := hedui.AppendRecordsJSON(nil, a.Records); a.RecordsJSON != nil && !bytes.Equal(a.RecordsJSON, want) ||
				a.RecordsJSON == nil && len(a.Records) > 0 {
				t.Fatalf("RecordsJSON %s, want %s", a.RecordsJSON, want)
			}
		}
	}
	odd := hedui.Record{Kind: "x<y>&\"\\", Description: "tab\there\u2028\x01 bad\xff", Fields: map[string]string{"b": "<", "a": "&", "": ""}}
	answers = append(answers,
		online.Answer{SubjectRef: "ref\n", Item: "bank", Records: []hedui.Record{odd, {Kind: "deposit", Quantity: 2, AreaM2x100: -3}}},
		online.Answer{SubjectRef: "r", Item: "bank", NoRecord: true, Records: []hedui.Record{}})
	found := 0
	for _, a := range answers {
		want, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		var got []byte
		sum, records := payloadSHA256(&got, a)
		if !bytes.Equal(got, want) {
			t.Fatalf("wire form differs:\n got %s\nwant %s", got, want)
		}
		if h := sha256.Sum256(want); sum != hex.EncodeToString(h[:]) || !bytes.Equal(records, hedui.AppendRecordsJSON(nil, a.Records)) {
			t.Fatalf("hash %s or records %s not of the wire form %s", sum, records, want)
		}
		if len(a.Records) > 0 {
			found++
		}
	}
	if found < len(answers)/10 {
		t.Fatalf("only %d of %d answers carry records: the test compares too little", found, len(answers))
	}
}
