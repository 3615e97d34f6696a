package deptsim

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"hedui"
	"hedui/exchange/online"
)

// Department is one simulated department on a Server.
type Department struct {
	Code  string       // path prefix: the endpoint is <server>/<Code>
	Items []hedui.Item // items it provides; empty means all twelve
	// Async departments answer "accepted" and post the answers to the
	// query's callback_url CallbackDelay later.
	Async         bool
	CallbackDelay time.Duration
	Behaviour     Behaviour
	Signer        *online.Signer // its own key; nil uses ServerConfig.Signer
}

// ServerConfig configures a Server.
type ServerConfig struct {
	Departments []Department
	// Centre holds the centre's keys; a request that does not verify is
	// refused with 401.
	Centre *online.Verifier
	// Signer signs responses and callbacks for departments without their
	// own key. Unsigned responses are allowed (a centre may not check
	// them), unsigned callbacks are not.
	Signer          *online.Signer
	Client          *http.Client // posts callbacks; default: 30 s timeout
	Now             func() time.Time
	Logger          *slog.Logger
	MaxRequestBytes int64 // default 1 MiB
}

// Server serves simulated departments over the online wire format, each
// under its own path prefix: POST /<code>/queries. Close stops pending
// callbacks.
type Server struct {
	pop      *Population
	cfg      ServerConfig
	depts    map[string]*Department
	mux      *http.ServeMux
	attempts attempts

	ctx    context.Context // ends on Close
	cancel context.CancelFunc
	mu     sync.Mutex // guards closed against wg.Add
	closed bool
	wg     sync.WaitGroup
}

// NewServer checks the configuration and returns the handler.
func NewServer(pop *Population, cfg ServerConfig) (*Server, error) {
	if pop == nil || cfg.Centre == nil {
		return nil, errors.New("deptsim: a server needs a population and the centre's verifier")
	}
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: 30 * time.Second}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.MaxRequestBytes <= 0 {
		cfg.MaxRequestBytes = 1 << 20
	}
	s := &Server{pop: pop, cfg: cfg, depts: map[string]*Department{}, mux: http.NewServeMux()}
	for i := range cfg.Departments {
		d := &cfg.Departments[i]
		if d.Code == "" || strings.ContainsAny(d.Code, "/?#% ") {
			return nil, fmt.Errorf("deptsim: department code %q cannot be a path segment", d.Code)
		}
		if s.depts[d.Code] != nil {
			return nil, fmt.Errorf("deptsim: department %s listed twice", d.Code)
		}
		if len(d.Items) == 0 {
			d.Items = hedui.Items
		}
		for _, it := range d.Items {
			if !it.Valid() {
				return nil, fmt.Errorf("deptsim: department %s: unknown item %q", d.Code, it)
			}
		}
		if d.Signer == nil {
			d.Signer = cfg.Signer
		}
		if d.Async && d.Signer == nil {
			return nil, fmt.Errorf("deptsim: department %s answers by callback and needs a signer", d.Code)
		}
		s.depts[d.Code] = d
	}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.mux.HandleFunc("POST /{dept}"+online.QueriesPath, s.serveQuery)
	return s, nil
}

// EndpointPath is a department's endpoint relative to the server's URL,
// for hedui.Department.Endpoint.
func EndpointPath(code string) string { return "/" + code }

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// Close stops pending callbacks and waits for them to end. Queries that
// arrive afterwards are refused with 503.
func (s *Server) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.cancel()
	s.wg.Wait()
	return nil
}

func (s *Server) serveQuery(w http.ResponseWriter, r *http.Request) {
	d, ok := s.depts[r.PathValue("dept")]
	if !ok {
		s.fail(w, r, nil, http.StatusNotFound, "unknown_department", "未知的部门编码")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxRequestBytes))
	if err != nil {
		s.fail(w, r, d, http.StatusRequestEntityTooLarge, "too_large", "查询内容过大或读取失败")
		return
	}
	// Verify before anything else, on the path as received.
	if _, err := s.cfg.Centre.VerifyRequest(r, body); err != nil {
		s.cfg.Logger.Warn("deptsim: refused a request", "department", d.Code, "err", err)
		s.fail(w, r, d, http.StatusUnauthorized, "bad_signature", "签名验证失败")
		return
	}
	var req online.Request
	if err := json.Unmarshal(body, &req); err != nil {
		s.fail(w, r, d, http.StatusBadRequest, "invalid_json", "查询内容不是有效的JSON文档")
		return
	}
	if msg, code := s.check(d, &req); msg != "" {
		s.fail(w, r, d, http.StatusBadRequest, code, msg)
		return
	}
	if !wait(r.Context().Done(), d.Behaviour.Latency) {
		return
	}
	accepted := online.Response{QueryID: req.QueryID, Status: online.StatusAccepted}
	switch d.Behaviour.Decide(req.QueryID, s.attempts.next(d.Code+"/"+req.QueryID)) {
	case OutcomeError:
		w.Header().Set("Retry-After", "1")
		s.fail(w, r, d, http.StatusServiceUnavailable, "unavailable", "系统维护中，请稍后重试")
	case OutcomeGarbage:
		// What a misconfigured gateway sends: HTML, unsigned, status 200.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<html><body><h1>502 Bad Gateway</h1></body></html>")
	case OutcomeSilence:
		s.reply(w, r, d, http.StatusAccepted, accepted)
	default:
		if !d.Async {
			s.reply(w, r, d, http.StatusOK, online.Response{QueryID: req.QueryID, Status: online.StatusAnswered, Answers: s.answers(req)})
			return
		}
		if !s.schedule(d, req) {
			s.fail(w, r, d, http.StatusServiceUnavailable, "closing", "模拟部门正在停止服务")
			return
		}
		s.reply(w, r, d, http.StatusAccepted, accepted)
	}
}

// check returns a Chinese message and a code when the department cannot
// take the request.
func (s *Server) check(d *Department, req *online.Request) (string, string) {
	if err := req.Validate(); err != nil {
		return hedui.MessageOf(err), hedui.CodeOf(err)
	}
	if req.DepartmentCode != d.Code {
		return fmt.Sprintf("查询发给部门“%s”，本接口属于部门“%s”", req.DepartmentCode, d.Code), "wrong_department"
	}
	for _, it := range req.Items {
		if !slices.Contains(d.Items, it) {
			return "本部门不提供核对项目：" + it.Label(), "unsupported_item"
		}
	}
	if d.Async && req.CallbackURL == "" {
		return "本部门通过回调反馈结果，查询须提供回调地址 callback_url", "missing_callback_url"
	}
	return "", ""
}

// answers computes the department's answers now.
func (s *Server) answers(req online.Request) []online.Answer {
	now := s.cfg.Now()
	hs := s.pop.Answer(req.Query(), hedui.DateOf(now), now)
	out := make([]online.Answer, len(hs))
	for i, a := range hs {
		out[i] = online.AnswerOf(a)
	}
	return out
}

// reply writes a JSON document, signed over the request's method and path
// when the department has a key.
func (s *Server) reply(w http.ResponseWriter, r *http.Request, d *Department, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	signer := s.cfg.Signer
	if d != nil {
		signer = d.Signer
	}
	if signer != nil {
		signer.SignHeader(w.Header(), r.Method, r.URL.EscapedPath(), body)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(body)
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, d *Department, status int, code, msg string) {
	s.reply(w, r, d, status, online.ErrorBody{Code: code, Message: msg})
}
