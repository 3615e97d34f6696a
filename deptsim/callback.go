package deptsim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"hedui/exchange/online"
)

// callbackAttempts is how often an async department tries to deliver its
// answers before giving up, as a real one would after a while.
const callbackAttempts = 3

// schedule starts the callback for an accepted query, unless the server
// is closing.
func (s *Server) schedule(d *Department, req online.Request) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.wg.Add(1)
	go s.callback(d, req)
	return true
}

// callback waits CallbackDelay, then posts the answers, computed at that
// moment, to the query's callback_url.
func (s *Server) callback(d *Department, req online.Request) {
	defer s.wg.Done()
	if !wait(s.ctx.Done(), d.CallbackDelay) {
		return
	}
	body, err := json.Marshal(online.Response{QueryID: req.QueryID, Status: online.StatusAnswered, Answers: s.answers(req)})
	if err != nil {
		s.cfg.Logger.Error("deptsim: callback", "department", d.Code, "query", req.QueryID, "err", err)
		return
	}
	for n := 1; ; n++ {
		err := s.post(d, req.CallbackURL, body)
		if err == nil {
			return
		}
		if n == callbackAttempts {
			s.cfg.Logger.Warn("deptsim: callback abandoned", "department", d.Code, "query", req.QueryID, "err", err)
			return
		}
		if !wait(s.ctx.Done(), time.Duration(n)*time.Second) {
			return
		}
	}
}

func (s *Server) post(d *Department, target string, body []byte) error {
	req, err := http.NewRequestWithContext(s.ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	d.Signer.SignRequest(req, body)
	resp, err := s.cfg.Client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("callback answered HTTP %d", resp.StatusCode)
	}
	return nil
}
