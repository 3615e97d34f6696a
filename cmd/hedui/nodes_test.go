package main

import (
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
	s.startNode("a")
	r := s.startRound(s.startNode("b"))
	t.Logf("round %d of %d parts started", r.ID, r.Parts)
	s.answerDepartments(r)
	t.Logf("departments answered")
	a, b := s.startNode("a"), s.startNode("b")

	// Both nodes evaluate; a is killed in the middle of a part once it
	// has saved some, and b finishes alone.
	part := s.killMidPart(r, a, "a", true)
	t.Logf("node a killed in the middle of part %d", part)
	s.waitFinished(r)
	t.Logf("round finished")
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
// part, once while it asks the departments and once while it evaluates
// their answers, and starts it again each time: the round finishes with
// exact counts, on PostgreSQL and on an SQLite file.
func TestRoundResumesAfterRestart(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			s := newRoundSetup(t, engine)
			a := s.startNode("a")
			r := s.startRound(a)
			asking := s.killMidPart(r, a, "a", false)
			s.startNode("a")
			s.answerDepartments(r)
			a = s.startNode("a")
			evaluating := s.killMidPart(r, a, "a", true)
			s.startNode("a")
			s.waitFinished(r)
			s.checkRound(r)
			for _, part := range []int64{asking, evaluating} {
				if status, _, attempts := s.partState(part); status != "done" || attempts < 2 {
					t.Errorf("killed part %d: %s after %d claims; want done after a second claim", part, status, attempts)
				}
			}
		})
	}
}
