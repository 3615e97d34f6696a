package web

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"hedui"
)

// follow waits for the background job a POST started and follows the
// redirects from its page, as the browser's reloads do, to the page that
// shows the outcome.
func (c *client) follow(p page) page {
	c.e.t.Helper()
	for i := 0; p.status == http.StatusSeeOther && i < 5; i++ {
		loc := p.header.Get("Location")
		if strings.HasPrefix(loc, "/jobs/") {
			c.e.server.jobs.wait()
		}
		p = c.get(loc)
	}
	return p
}

// TestJobs: a job counts its steps and problems, belongs to its starter,
// ends failed with the store's message or after a panic, and a user may
// not run more than maxRunningJobs at once.
func TestJobs(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.login("verifier.city")
	s := e.server
	sess := func(username string) *session {
		u, err := e.store.User(context.Background(), username)
		if err != nil {
			t.Fatal(err)
		}
		return &session{user: u, by: hedui.ActorOf(u)}
	}
	city := sess("verifier.city")
	start := func(work func(context.Context, *Progress) error) *Progress {
		t.Helper()
		p, err := s.startJob(city, jobSpec{Title: "测试任务", Result: "/city?job=" + jobIDPlaceholder, Total: 3}, work)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	ok := start(func(_ context.Context, p *Progress) error {
		p.Step("")
		p.Step("第2件：不符合条件")
		p.Step("")
		return nil
	})
	s.jobs.wait() // at most maxRunningJobs run at once
	refused := start(func(context.Context, *Progress) error {
		return hedui.Errorf("test", hedui.KindConflict, "test_conflict", "批次已在处理中")
	})
	broken := start(func(context.Context, *Progress) error { panic("boom") })
	s.jobs.wait()
	internal := start(func(context.Context, *Progress) error { return errors.New("disk on fire") })
	s.jobs.wait()

	for _, tc := range []struct {
		p       *Progress
		done    int
		failed  int
		percent int
		err     string
	}{
		{ok, 3, 1, 100, ""},
		{refused, 0, 0, 0, "批次已在处理中"},
		{broken, 0, 0, 0, s.text.get("error.internal")},
		{internal, 0, 0, 0, s.text.get("error.internal")},
	} {
		st := tc.p.state()
		if !st.Finished || st.Done != tc.done || st.Failed != tc.failed || st.Percent != tc.percent || st.Error != tc.err {
			t.Errorf("%s: %+v", tc.p.id, st)
		}
		if !strings.HasSuffix(st.Result, "?job="+tc.p.id) {
			t.Errorf("result URL %q", st.Result)
		}
	}
	if p := c.get(ok.URL()); p.status != http.StatusOK || !strings.Contains(p.body, "第2件：不符合条件") || !strings.Contains(p.body, `id="job-result"`) {
		t.Errorf("job page: %d %s", p.status, excerpt(p.body))
	}
	if p := c.get(refused.URL()); !strings.Contains(p.body, `id="job-error">批次已在处理中`) {
		t.Errorf("failed job page: %s", excerpt(p.body))
	}

	// Running jobs are bounded per user, not across users.
	release := make(chan struct{})
	block := func(context.Context, *Progress) error { <-release; return nil }
	for range maxRunningJobs {
		start(block)
	}
	_, err := s.startJob(city, jobSpec{Title: "再来一个"}, block)
	if hedui.KindOf(err) != hedui.KindConflict {
		t.Errorf("job over the limit: %v", err)
	}
	if _, err := s.startJob(sess("verifier.xifeng"), jobSpec{Title: "另一位用户"}, block); err != nil {
		t.Errorf("another user's job: %v", err)
	}
	close(release)
	s.jobs.wait()

	// Finished jobs are forgotten after jobKeep.
	e.clock.Advance(jobKeep + time.Minute)
	start(func(context.Context, *Progress) error { return nil })
	s.jobs.wait()
	if _, found := s.jobs.get(ok.id, city.user.ID); found {
		t.Error("a job finished long ago is still kept")
	}
}
