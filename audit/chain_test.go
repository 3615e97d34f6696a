package audit

import (
	"fmt"
	"testing"
	"time"

	"hedui"
)

func chain(key []byte, n int) []hedui.AuditEntry {
	var out []hedui.AuditEntry
	prevSeq, prev := int64(0), ""
	t0 := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	for i := range n {
		e := hedui.AuditEntry{At: t0.Add(time.Duration(i) * time.Second), UserID: 7, Username: "verifier.xifeng",
			Role: hedui.RoleVerifier, Action: hedui.AuditAppView, ObjectType: "application",
			ObjectID: fmt.Sprint(i), CaseID: int64(i), ClientAddr: "127.0.0.1", Purpose: "复审"}
		Seal(key, prevSeq, prev, &e)
		prevSeq, prev = e.Seq, e.Hash
		out = append(out, e)
	}
	return out
}

func verify(key []byte, es []hedui.AuditEntry, headSeq int64, headHash string) hedui.AuditReport {
	v := NewVerifier(key)
	for i := range es {
		v.Add(&es[i])
	}
	return v.Finish(headSeq, headHash)
}

func TestChain(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	good := chain(key, 5)
	head := good[4]
	tests := []struct {
		name    string
		mutate  func([]hedui.AuditEntry) []hedui.AuditEntry
		headSeq int64
		wantBad int64 // 0: intact
	}{
		{"intact", func(e []hedui.AuditEntry) []hedui.AuditEntry { return e }, 5, 0},
		{"altered", func(e []hedui.AuditEntry) []hedui.AuditEntry { e[2].Purpose = "好奇"; return e }, 5, 3},
		{"altered time", func(e []hedui.AuditEntry) []hedui.AuditEntry { e[1].At = e[1].At.Add(time.Microsecond); return e }, 5, 2},
		{"deleted middle", func(e []hedui.AuditEntry) []hedui.AuditEntry { return append(e[:2:2], e[3:]...) }, 5, 4},
		{"deleted tail", func(e []hedui.AuditEntry) []hedui.AuditEntry { return e[:4] }, 5, 5},
		{"reordered", func(e []hedui.AuditEntry) []hedui.AuditEntry { e[1], e[2] = e[2], e[1]; return e }, 5, 3},
		{"reordered with seqs swapped", func(e []hedui.AuditEntry) []hedui.AuditEntry {
			e[1], e[2] = e[2], e[1]
			e[1].Seq, e[2].Seq = 2, 3
			return e
		}, 5, 2},
		{"inserted", func(e []hedui.AuditEntry) []hedui.AuditEntry {
			x := e[1]
			x.Seq, x.ObjectID = 3, "forged"
			out := append([]hedui.AuditEntry{}, e[:2]...)
			out = append(out, x)
			for _, y := range e[2:] {
				y.Seq++
				out = append(out, y)
			}
			return out
		}, 6, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			es := tc.mutate(append([]hedui.AuditEntry{}, good...))
			r := verify(key, es, tc.headSeq, head.Hash)
			if tc.wantBad == 0 {
				if !r.OK() || r.Entries != 5 || r.Head != head.Hash {
					t.Fatalf("intact chain: %+v", r)
				}
				return
			}
			if r.OK() || r.Break.Seq != tc.wantBad {
				t.Fatalf("break = %+v, want at %d", r.Break, tc.wantBad)
			}
		})
	}
	if r := verify([]byte("another key......................"), good, 5, head.Hash); r.OK() {
		t.Fatal("chain verified under another key")
	}
	if r := verify(key, nil, 0, ""); !r.OK() {
		t.Fatalf("empty log: %+v", r)
	}
}
