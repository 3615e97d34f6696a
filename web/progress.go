package web

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"hedui"
)

// Progress is the state of one long piece of work that runs in the
// background while its page shows how far it has come (#6.3).
//
// To run work in the background from a handler:
//
//	p, err := s.startJob(sess, jobSpec{
//		Title:  "…",               // shown on the job page
//		Result: "/somewhere",      // where "查看结果" leads when done
//		Total:  n,                 // may be 0 and set later with SetTotal
//	}, func(ctx context.Context, p *Progress) error {
//		for _, x := range work {
//			p.Step(problemOrEmpty) // one unit done; a non-empty problem counts as failed
//		}
//		return nil // a returned error ends the job as failed, with its message
//	})
//	if err != nil { return err }
//	http.Redirect(w, r, p.URL(), http.StatusSeeOther)
//
// The job page (GET /jobs/{id}) renders templates/partials/progress.html;
// static/progress.js polls GET /jobs/{id}/progress (JSON, progressState)
// and moves the <progress> bar, then reloads the page once the job ends.
// Without JavaScript the page refreshes itself every few seconds while the
// job runs. Another page can embed the same partial with {{template
// "progress" .}} given a progressState.
//
// A job belongs to the user who started it: every other user, even of the
// same role, gets "not found". The work runs with the starter's actor, so
// the store scopes and audits it as it would the same calls made from a
// page. Jobs live in this process only: finished ones are kept for
// jobKeep, and a restart forgets them (the work itself is in the store,
// and re-running it must be idempotent, as the city dispatch is).
type Progress struct {
	id      string
	owner   int64
	title   string
	result  string
	started time.Time

	mu       sync.Mutex
	total    int
	done     int
	failed   int
	problems []string
	finished bool
	fatal    string
	ended    time.Time
}

// jobSpec describes a job to start.
type jobSpec struct {
	Title  string
	Result string // the page that shows the outcome
	Total  int
}

// maxProblems bounds the problems a job keeps for its page.
const maxProblems = 200

// SetTotal sets the number of units of work, when it is known only once
// the job has started.
func (p *Progress) SetTotal(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total = n
}

// Step records one unit of work done. A non-empty problem marks the unit
// failed and is listed on the job page (the first maxProblems of them).
func (p *Progress) Step(problem string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	if problem != "" {
		p.failed++
		if len(p.problems) < maxProblems {
			p.problems = append(p.problems, problem)
		}
	}
}

// URL is the job's page.
func (p *Progress) URL() string { return "/jobs/" + p.id }

func (p *Progress) finish(fatal string, at time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.finished, p.fatal, p.ended = true, fatal, at
}

// progressState is a snapshot of a job, for the page and the JSON poll.
type progressState struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Total    int      `json:"total"`
	Done     int      `json:"done"`
	Failed   int      `json:"failed"`
	Percent  int      `json:"percent"`
	Finished bool     `json:"finished"`
	Error    string   `json:"error,omitempty"`
	Result   string   `json:"result_url,omitempty"`
	Problems []string `json:"problems"`
	PollURL  string   `json:"-"`
}

func (p *Progress) state() progressState {
	p.mu.Lock()
	defer p.mu.Unlock()
	st := progressState{ID: p.id, Title: p.title, Total: p.total, Done: p.done, Failed: p.failed,
		Finished: p.finished, Error: p.fatal, Result: p.result,
		Problems: append([]string{}, p.problems...), PollURL: p.URL() + "/progress"}
	switch {
	case p.total > 0:
		st.Percent = min(100, p.done*100/p.total)
	case p.finished:
		st.Percent = 100
	}
	return st
}

// jobKeep is how long a finished job stays readable.
const jobKeep = time.Hour

// maxRunningJobs bounds the jobs one user may have running at once, so
// that repeated clicks cannot flood the store.
const maxRunningJobs = 3

// jobs is the registry of the server's jobs, keyed by an unguessable id.
type jobs struct {
	mu sync.Mutex
	m  map[string]*Progress
	wg sync.WaitGroup
}

func newJobs() *jobs { return &jobs{m: map[string]*Progress{}} }

// get returns the job if it exists and belongs to owner.
func (j *jobs) get(id string, owner int64) (*Progress, bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	p, ok := j.m[id]
	if !ok || p.owner != owner {
		return nil, false
	}
	return p, true
}

// wait blocks until every running job has ended (tests, shutdown).
func (j *jobs) wait() { j.wg.Wait() }

// add registers a new job for owner after dropping the jobs finished
// longer than jobKeep ago; it refuses when owner runs too many.
func (j *jobs) add(p *Progress, now time.Time) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	running := 0
	for id, q := range j.m {
		q.mu.Lock()
		finished, ended := q.finished, q.ended
		q.mu.Unlock()
		switch {
		case finished && now.Sub(ended) > jobKeep:
			delete(j.m, id)
		case !finished && q.owner == p.owner:
			running++
		}
	}
	if running >= maxRunningJobs {
		return hedui.Errorf("web.startJob", hedui.KindConflict, "too_many_jobs", "您已有%d项后台任务正在进行，请等其完成后再试", running)
	}
	j.m[p.id] = p
	return nil
}

// startJob runs work in the background as the session's user and returns
// its progress at once. The work's context is not the request's, which
// ends with the redirect; a panic in the work ends the job as failed.
func (s *Server) startJob(sess *session, spec jobSpec, work func(ctx context.Context, p *Progress) error) (*Progress, error) {
	p := &Progress{id: rand.Text(), owner: sess.user.ID, title: spec.Title, result: spec.Result,
		total: spec.Total, started: s.now()}
	if err := s.jobs.add(p, s.now()); err != nil {
		return nil, err
	}
	s.jobs.wg.Add(1)
	go func() {
		defer s.jobs.wg.Done()
		fatal := ""
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("job panic", "job", p.title, "error", fmt.Sprint(r))
				fatal = s.text.get("error.internal")
			}
			p.finish(fatal, s.now())
		}()
		if err := work(context.Background(), p); err != nil {
			fatal = s.jobError(err)
		}
	}()
	return p, nil
}

// jobError is the message a failed job shows: the store's Chinese message
// for the kinds written for users, the generic one (and a log line) else.
func (s *Server) jobError(err error) string {
	switch hedui.KindOf(err) {
	case hedui.KindNotFound, hedui.KindPermission, hedui.KindInvalid, hedui.KindMalformed, hedui.KindConflict:
		return hedui.MessageOf(err)
	}
	s.log.Error("job failed", "error", err)
	return s.text.get("error.internal")
}

// jobRoutes are the job page and its JSON poll, open to every signed-in
// user for his own jobs.
func (s *Server) jobRoutes() []route {
	return []route{
		{method: "GET", pattern: "/jobs/{id}", purpose: "查看后台任务", h: s.handleJobShow},
		{method: "GET", pattern: "/jobs/{id}/progress", purpose: "查看后台任务", h: s.handleJobProgress},
	}
}

func (s *Server) findJob(r *http.Request, sess *session) (*Progress, error) {
	p, ok := s.jobs.get(r.PathValue("id"), sess.user.ID)
	if !ok {
		return nil, hedui.Errorf("web.findJob", hedui.KindNotFound, "job_not_found", "%s", s.text.get("job.not_found"))
	}
	return p, nil
}

// handleJobShow serves GET /jobs/{id}: the job's progress, its problems,
// and when it is done the link to its result.
func (s *Server) handleJobShow(w http.ResponseWriter, r *http.Request, sess *session) error {
	p, err := s.findJob(r, sess)
	if err != nil {
		return err
	}
	st := p.state()
	s.render(w, r, http.StatusOK, "job", view{Title: st.Title, Sess: sess, Page: st})
	return nil
}

// handleJobProgress serves GET /jobs/{id}/progress: the snapshot as JSON
// for static/progress.js.
func (s *Server) handleJobProgress(w http.ResponseWriter, r *http.Request, sess *session) error {
	p, err := s.findJob(r, sess)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	return json.NewEncoder(w).Encode(p.state())
}
