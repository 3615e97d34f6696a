package benchcity

import "testing"

func TestVmHWM(t *testing.T) {
	tests := []struct {
		name   string
		status string
		want   int64
		ok     bool
	}{
		{"present", "Name:\thedui\nVmPeak:\t 900 kB\nVmHWM:\t  123456 kB\nVmRSS:\t 1000 kB\n", 123456 << 10, true},
		{"absent", "Name:\thedui\nVmRSS:\t 1000 kB\n", 0, false},
		{"other unit", "VmHWM:\t 12 MB\n", 0, false},
		{"not a number", "VmHWM:\t x kB\n", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := vmHWM([]byte(tt.status))
			if (err == nil) != tt.ok || got != tt.want {
				t.Fatalf("vmHWM = %d, %v; want %d (ok %v)", got, err, tt.want, tt.ok)
			}
		})
	}
}

func TestPeakRSSReadsThisProcess(t *testing.T) {
	before, err := PeakRSS()
	if err != nil {
		t.Skip("no /proc here:", err)
	}
	// The buffer is resident while it is touched, so the peak covers it
	// whatever the heap held before (freed pages may be reused).
	buf := make([]byte, 64<<20)
	for i := range buf {
		buf[i] = byte(i)
	}
	after, err := PeakRSS()
	if err != nil {
		t.Fatal(err)
	}
	if after < before || after < int64(len(buf)) {
		t.Fatalf("peak went from %d to %d after touching %d bytes", before, after, len(buf))
	}
	_ = buf[len(buf)-1]
}
