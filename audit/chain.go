// Package audit computes and checks the hash chain of the audit log.
//
// Each entry's hash is an HMAC-SHA256, under a key derived from the master
// key, of its predecessor's hash and of every field of the entry. Because
// the key is not in the database, someone with write access to the database
// alone cannot rewrite the log and recompute the chain; and because each
// hash covers the previous one, altering, deleting, inserting or reordering
// an entry breaks every hash from there on. A separate head record (the last
// sequence number and hash, written in the same transaction as each append)
// catches the deletion of entries at the end.
//
// The package is pure: the store feeds it entries in sequence order.
package audit

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"

	"hedui"
)

// Genesis is the previous hash of the first entry.
const Genesis = "0000000000000000000000000000000000000000000000000000000000000000"

// Hash returns the chain hash of e given its predecessor's hash. The time
// counts to the microsecond, the precision both databases keep; the store
// truncates At before writing.
func Hash(key []byte, prev string, e *hedui.AuditEntry) string {
	m := hmac.New(sha256.New, key)
	writeStr(m, prev)
	writeInt(m, e.Seq)
	writeInt(m, e.At.UnixMicro())
	writeInt(m, e.UserID)
	writeStr(m, e.Username)
	writeStr(m, string(e.Role))
	writeInt(m, e.OrgID)
	writeStr(m, e.Action)
	writeStr(m, e.ObjectType)
	writeStr(m, e.ObjectID)
	writeInt(m, e.CaseID)
	writeStr(m, e.ClientAddr)
	writeStr(m, e.Purpose)
	writeStr(m, e.Detail)
	return hex.EncodeToString(m.Sum(nil))
}

// Length-prefixing every field makes the encoding unambiguous: no two
// different entries hash the same bytes.
func writeStr(h hash.Hash, s string) {
	writeInt(h, int64(len(s)))
	h.Write([]byte(s))
}

func writeInt(h hash.Hash, v int64) {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(v))
	h.Write(b[:])
}

// Seal fills e.PrevHash and e.Hash for appending after (prevSeq, prevHash):
// the store calls it inside the appending transaction.
func Seal(key []byte, prevSeq int64, prevHash string, e *hedui.AuditEntry) {
	if prevHash == "" {
		prevHash = Genesis
	}
	e.Seq = prevSeq + 1
	e.PrevHash = prevHash
	e.Hash = Hash(key, prevHash, e)
}

// Verifier checks entries fed to it in ascending sequence order.
type Verifier struct {
	key  []byte
	seq  int64
	prev string
	n    int64
	brk  *hedui.AuditBreak
}

// NewVerifier starts a verification from the beginning of the log.
func NewVerifier(key []byte) *Verifier {
	return &Verifier{key: key, prev: Genesis}
}

// Add checks the next entry. After the first break it ignores the rest:
// the first bad entry is what an auditor needs.
func (v *Verifier) Add(e *hedui.AuditEntry) {
	if v.brk != nil {
		return
	}
	v.n++
	want := v.seq + 1
	switch {
	case e.Seq != want:
		v.fail(e.Seq, fmt.Sprintf("序号不连续：应为%d，实际为%d（条目被删除、插入或调换）", want, e.Seq))
	case e.PrevHash != v.prev:
		v.fail(e.Seq, "前序哈希与上一条不符（条目被删除、插入或调换）")
	case !hmac.Equal([]byte(Hash(v.key, e.PrevHash, e)), []byte(e.Hash)):
		v.fail(e.Seq, "条目内容与其哈希不符（条目被篡改）")
	default:
		v.seq, v.prev = e.Seq, e.Hash
	}
}

func (v *Verifier) fail(seq int64, reason string) {
	v.brk = &hedui.AuditBreak{Seq: seq, Reason: reason}
}

// Finish compares the end of the chain with the head record and returns the
// report. headSeq 0 with an empty headHash means an empty log.
func (v *Verifier) Finish(headSeq int64, headHash string) hedui.AuditReport {
	r := hedui.AuditReport{Entries: v.n, Head: v.prev}
	if v.brk == nil && (headSeq != v.seq || (headSeq > 0 && headHash != v.prev)) {
		v.fail(v.seq+1, fmt.Sprintf("日志末尾与头记录不符：头记录为第%d条，日志只到第%d条（末尾条目被删除或头记录被改动）", headSeq, v.seq))
	}
	r.Break = v.brk
	return r
}
