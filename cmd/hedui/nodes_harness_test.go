package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"hedui/crypt"
)

// The process-level tests of re-verification rounds (nodes_test.go) run
// the real binary: several `hedui serve` nodes and a `hedui deptsim` on
// loopback, over one database, and kill nodes with SIGKILL. This file
// holds their harness: the binary, a database per test, and processes in
// their own process groups that never outlive the test.

var heduiBin struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// TestMain removes the binary the process-level tests built.
func TestMain(m *testing.M) {
	code := m.Run()
	if heduiBin.dir != "" {
		os.RemoveAll(heduiBin.dir)
	}
	os.Exit(code)
}

// buildHedui builds this command once per test binary.
func buildHedui(t *testing.T) string {
	t.Helper()
	heduiBin.once.Do(func() {
		if heduiBin.dir, heduiBin.err = os.MkdirTemp("", "hedui-bin-"); heduiBin.err != nil {
			return
		}
		heduiBin.path = filepath.Join(heduiBin.dir, "hedui")
		out, err := exec.Command("go", "build", "-o", heduiBin.path, ".").CombinedOutput()
		if err != nil {
			heduiBin.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if heduiBin.err != nil {
		t.Fatal(heduiBin.err)
	}
	return heduiBin.path
}

// postgresDatabase creates an empty database on the server
// HEDUI_TEST_POSTGRES names, dropped when the test ends, and returns its
// URL. It skips the test when the variable is unset.
func postgresDatabase(t *testing.T) string {
	t.Helper()
	server := os.Getenv("HEDUI_TEST_POSTGRES")
	if server == "" {
		t.Skip("HEDUI_TEST_POSTGRES is not set: the PostgreSQL process-level test is skipped")
	}
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	name := "hedui_nodes_" + strings.ToLower(rand.Text()[:12])
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	u, err := url.Parse(server)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// proc is a child process in its own process group, with its output.
type proc struct {
	name   string
	url    string // where it serves, once started
	cmd    *exec.Cmd
	stdout syncBuffer // what it prints for people: its URL
	log    syncBuffer // everything, for failure messages
	done   chan struct{}
}

// startProc starts bin with args and extra environment, waits until it
// prints its URL, and kills its group when the test ends.
func startProc(t *testing.T, name, bin string, env []string, args ...string) *proc {
	t.Helper()
	p := &proc{name: name, cmd: exec.Command(bin, args...), done: make(chan struct{})}
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.Stdout = io.MultiWriter(&p.stdout, &p.log)
	p.cmd.Stderr = &p.log
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := p.cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	go func() { p.cmd.Wait(); close(p.done) }()
	t.Cleanup(p.kill)
	deadline := time.Now().Add(2 * time.Minute)
	for !urlRe.MatchString(p.stdout.String()) {
		select {
		case <-p.done:
			t.Fatalf("%s exited before serving: %s\n%s", name, p.cmd.ProcessState, p.log.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not start:\n%s", name, p.log.String())
		}
	}
	p.url = urlRe.FindString(p.stdout.String())
	return p
}

// kill sends SIGKILL to the process's group and waits for it; a process
// already gone is left alone.
// freeze stops the process (SIGSTOP) where it is, so that what it holds
// cannot change while the test looks; thaw lets it go on.
func (p *proc) freeze() { syscall.Kill(-p.cmd.Process.Pid, syscall.SIGSTOP) }
func (p *proc) thaw()   { syscall.Kill(-p.cmd.Process.Pid, syscall.SIGCONT) }

func (p *proc) kill() {
	select {
	case <-p.done:
		return
	default:
	}
	syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
	<-p.done
}

// runHedui runs a short command of the binary and fails the test on a
// non-zero exit.
func runHedui(t *testing.T, bin string, env []string, stdin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("hedui %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// masterKey is a fresh master key and the environment that hands it to
// every process of a test, without settings inherited from the shell.
func masterKey() (key []byte, env []string) {
	key = make([]byte, crypt.KeySize)
	rand.Read(key)
	return key, []string{crypt.EnvKey + "=" + crypt.EncodeKey(key), "HEDUI_DB=", "HEDUI_KEY_FILE=", "HEDUI_NODE=",
		"HEDUI_EXCHANGE_SECRET=", "HEDUI_CALLBACK_KEYS=", "HEDUI_PUBLIC_URL="}
}

// waitFor polls cond until it holds, failing the test with the
// processes' logs after an overall timeout that is generous on purpose:
// it only stops a hung test and says nothing about speed.
func waitFor(t *testing.T, what string, logs func() string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s\n%s", what, logs())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// queryInt runs a COUNT-like query.
func queryInt(t *testing.T, db *sql.DB, query string) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(context.Background(), query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}
