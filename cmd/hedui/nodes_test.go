package main

import (
	"fmt"
	"testing"
)

// Issue #7, points 6 and 7, at process level: real `hedui serve` nodes
// on loopback share a round through the database, and a node killed with
// SIGKILL in the middle of a part loses and duplicates nothing. The
// harness is in nodes_harness_test.go and nodes_setup_test.go.

// TestRoundSharedByNodesSurvivesKill runs two nodes on one PostgreSQL
// database, kills one while it works on a part, and checks that the
// other finishes the round with every household evaluated once.
func TestRoundSharedByNodesSurvivesKill(t *testing.T) {
	s := newRoundSetup(t, "postgres")
	a, b := s.startNode("a"), s.startNode("b")
	r := s.startRound()

	// Both nodes work; a is killed in the middle of a part once it has
	// saved some.
	part := s.heldPart(r, "a")
	a.kill()
	if status, node, _ := s.partState(part); status != "running" || node != "a" {
		t.Fatalf("part %d is %s by %q after the kill; the kill missed the part", part, status, node)
	}
	s.waitFinished(r)
	s.checkRound(r)

	// b took the killed part over once its lease ran out.
	if status, _, attempts := s.partState(part); status != "done" || attempts < 2 {
		t.Errorf("killed part %d: %s after %d claims; want done after a second claim", part, status, attempts)
	}
	// Both nodes saved parts of the round, and no one else did.
	work := s.work(r)
	for node, w := range work {
		if (node != "a" && node != "b") || w.evaluated == 0 {
			t.Errorf("node %q saved %+v", node, w)
		}
	}
	if len(work) != 2 {
		t.Errorf("work saved by %d nodes, want a and b: %+v", len(work), work)
	}
	b.kill()
}

// TestRoundResumesAfterRestart kills the only node in the middle of a
// part and starts it again: the round finishes with exact counts, on
// PostgreSQL and on an SQLite file.
func TestRoundResumesAfterRestart(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			s := newRoundSetup(t, engine)
			a := s.startNode("a")
			r := s.startRound()
			part := s.heldPart(r, "a")
			a.kill()
			if status, node, _ := s.partState(part); status != "running" || node != "a" {
				t.Fatalf("part %d is %s by %q after the kill; the kill missed the part", part, status, node)
			}
			if done := queryInt(t, s.db, fmt.Sprintf(`SELECT parts_done FROM recheck_rounds WHERE id = %d`, r.ID)); done >= r.Parts {
				t.Fatalf("every part was done before the kill")
			}
			s.startNode("a")
			s.waitFinished(r)
			s.checkRound(r)
			if status, _, attempts := s.partState(part); status != "done" || attempts < 2 {
				t.Errorf("killed part %d: %s after %d claims; want done after a second claim", part, status, attempts)
			}
		})
	}
}
