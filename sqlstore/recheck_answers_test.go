package sqlstore

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"hedui"
	"hedui/crypt"
)

// A packed row reads back as the answers it was made of, whatever their
// records, text and provenance.
func TestRecheckPackRoundTrip(t *testing.T) {
	kr, err := crypt.New(testKey)
	must(t, err)
	db := &DB{kr: kr, d: sqliteDialect}
	at := time.Date(2026, 3, 10, 2, 0, 0, 123456000, time.UTC)
	qid := hedui.RecheckQueryID(3, 44, 5)
	answer := func(member int64, item hedui.Item, source string, recs ...hedui.Record) hedui.Answer {
		return hedui.Answer{QueryID: qid, SubjectRef: hedui.RecheckSubjectRef(qid, member), MemberID: member,
			DepartmentID: 5, Item: item, NoRecord: len(recs) == 0, Records: recs, AsOf: date("2026-03-09"), ReceivedAt: at,
			Channel: hedui.ChannelBatchFile, Source: source, PayloadSHA256: "ab12"}
	}
	later := answer(8, hedui.ItemHukou, "")
	later.ReceivedAt, later.AsOf, later.Channel = at.Add(time.Hour), date("2026-03-10"), hedui.ChannelManual
	tests := [][]hedui.Answer{
		{answer(7, hedui.ItemHukou, "a.csv:2")},
		{
			answer(7, hedui.ItemVehicle, "答复\"文件\".csv:3", hedui.Record{Kind: hedui.RecordCar, AmountFen: 9000000, Quantity: 1,
				PeriodFrom: date("2020-01-01"), Description: "甘M<A>&1\\\x01\t", Fields: map[string]string{"号牌号码": "甘M·A1234", "b": "\n"}}),
			answer(7, hedui.ItemHousing, "a.csv:4", hedui.Record{Kind: hedui.RecordHouse, AreaM2x100: 8550}),
			later,
		},
	}
	for _, as := range tests {
		row := db.packRow(new(packBuf), 3, queryKey{44, 5}, answerPtrs(as))
		b, err := kr.OpenBinary(row[4].([]byte), adRecheckAnswers)
		must(t, err)
		got, err := unpackRow(3, 44, 5, b)
		must(t, err)
		if !reflect.DeepEqual(got, as) {
			t.Errorf("round trip:\n got %+v\nwant %+v", got, as)
		}
		// Records already encoded by the answer's maker are stored as they are.
		encoded := slices.Clone(as)
		for i := range encoded {
			if len(encoded[i].Records) > 0 {
				encoded[i].RecordsJSON = hedui.AppendRecordsJSON(nil, encoded[i].Records)
			}
		}
		again, err := kr.OpenBinary(db.packRow(new(packBuf), 3, queryKey{44, 5}, answerPtrs(encoded))[4].([]byte), adRecheckAnswers)
		must(t, err)
		if string(again) != string(b) {
			t.Errorf("packed with RecordsJSON:\n got %s\nwant %s", again, b)
		}
	}
}
