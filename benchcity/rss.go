package benchcity

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
)

// PeakRSS is the process's peak resident set size in bytes (VmHWM in
// /proc/self/status): what the machine had to give it, garbage included.
// It fails where there is no /proc (not Linux).
func PeakRSS() (int64, error) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, fmt.Errorf("benchcity: peak memory: %w", err)
	}
	return vmHWM(b)
}

// vmHWM reads the "VmHWM:  123456 kB" line of a status file.
func vmHWM(status []byte) (int64, error) {
	sc := bufio.NewScanner(bytes.NewReader(status))
	for sc.Scan() {
		rest, ok := bytes.CutPrefix(sc.Bytes(), []byte("VmHWM:"))
		if !ok {
			continue
		}
		f := bytes.Fields(rest)
		if len(f) != 2 || string(f[1]) != "kB" {
			return 0, fmt.Errorf("benchcity: unreadable VmHWM line %q", sc.Text())
		}
		kb, err := strconv.ParseInt(string(f[0]), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("benchcity: unreadable VmHWM line %q", sc.Text())
		}
		return kb << 10, nil
	}
	return 0, fmt.Errorf("benchcity: no VmHWM in /proc/self/status")
}

// ResetPeakRSS starts the peak over from the current resident size, so that
// two runs in one process are measured apart. Linux resets it when "5" is
// written to /proc/self/clear_refs; where that is refused the peak simply
// carries over, which can only overstate the second run.
func ResetPeakRSS() bool {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}
