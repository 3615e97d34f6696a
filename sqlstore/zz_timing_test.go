package sqlstore

import (
	"os"
	"runtime/pprof"
	"syscall"
	"testing"
	"time"
)

func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestZZTiming(t *testing.T) {
	be := backends()[0]
	if os.Getenv("ZZPG") != "" {
		be = backends()[1]
	}
	e := newEnv(t, be, Options{})
	f := e.recheckFixture(3001, false)
	pf, _ := os.Create("/tmp/zz.prof")
	pprof.StartCPUProfile(pf)
	defer pprof.StopCPUProfile()
	c0 := cpuNow()
	f.startRound(today)
	t.Log("start cpu", cpuNow()-c0)
	w := f.worker("x")
	var ci, cp, cs time.Duration
	for {
		parts, err := e.db.ClaimRecheckParts(e.ctx, "x", 2, time.Minute)
		must(t, err)
		if len(parts) == 0 {
			break
		}
		c0 = cpuNow()
		in, err := e.db.RecheckInput(e.ctx, parts)
		must(t, err)
		ci += cpuNow() - c0
		c0 = cpuNow()
		out, err := w.Process(e.ctx, &in)
		must(t, err)
		cp += cpuNow() - c0
		c0 = cpuNow()
		must(t, e.db.SaveRecheckParts(e.ctx, "x", parts, out))
		cs += cpuNow() - c0
	}
	t.Log("input", ci, "process", cp, "save", cs)
}
