package deptsim

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"

	"hedui"
	"hedui/exchange/online"
)

// A city-wide round asks the simulator for millions of answers, each with
// the hash of its wire form; encoding/json's reflection was most of the
// simulator's time. payloadSHA256 writes exactly the bytes json.Marshal
// writes for an online.Answer (TestAnswerWireMatchesJSON compares them on
// a whole population), so the hash is the same.

// payloadSHA256 is the hex SHA-256 of the answer's wire form, which it
// writes in *scratch (kept for the next answer: a city round hashes
// millions); records is the part of *scratch that holds the records.
func payloadSHA256(scratch *[]byte, a online.Answer) (sum string, records []byte) {
	b := appendAnswerHead((*scratch)[:0], &a)
	at := len(b)
	b = append(hedui.AppendRecordsJSON(b, a.Records), '}')
	*scratch = b
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:]), b[at : len(b)-1]
}

// appendAnswerHead writes the wire form up to the records.
func appendAnswerHead(b []byte, a *online.Answer) []byte {
	b = append(b, `{"subject_ref":`...)
	b = hedui.AppendJSONString(b, a.SubjectRef)
	b = append(b, `,"item":`...)
	b = hedui.AppendJSONString(b, string(a.Item))
	b = append(b, `,"no_record":`...)
	b = strconv.AppendBool(b, a.NoRecord)
	b = append(b, `,"as_of":`...)
	b = a.AsOf.AppendJSON(b)
	return append(b, `,"records":`...)
}
