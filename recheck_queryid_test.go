package hedui

import "testing"

func TestParseRecheckQueryID(t *testing.T) {
	tests := []struct {
		id              string
		round, hh, dept int64
		ok              bool
	}{
		{"R1-2-3", 1, 2, 3, true},
		{"R12-345678-90", 12, 345678, 90, true},
		{RecheckQueryID(7, 1200000, 64), 7, 1200000, 64, true},
		{"R1-2", 0, 0, 0, false},
		{"R1-2-3-4", 0, 0, 0, false},
		{"1-2-3", 0, 0, 0, false},
		{"R01-2-3", 0, 0, 0, false}, // not what RecheckQueryID writes
		{"R+1-2-3", 0, 0, 0, false},
		{"R-1-2-3", 0, 0, 0, false},
		{"R1--3", 0, 0, 0, false},
		{"R1-2-x", 0, 0, 0, false},
		{"", 0, 0, 0, false},
	}
	for _, tt := range tests {
		r, h, d, ok := ParseRecheckQueryID(tt.id)
		if ok != tt.ok || r != tt.round || h != tt.hh || d != tt.dept {
			t.Errorf("ParseRecheckQueryID(%q) = %d, %d, %d, %v; want %d, %d, %d, %v", tt.id, r, h, d, ok,
				tt.round, tt.hh, tt.dept, tt.ok)
		}
		if ok && RecheckQueryID(r, h, d) != tt.id {
			t.Errorf("%q does not round-trip", tt.id)
		}
	}
}

func BenchmarkParseRecheckQueryID(b *testing.B) {
	id := RecheckQueryID(3, 118234, 57)
	for b.Loop() {
		if _, _, _, ok := ParseRecheckQueryID(id); !ok {
			b.Fatal("not parsed")
		}
	}
}
