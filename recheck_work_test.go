package hedui

import "testing"

func TestParseRecheckQueryID(t *testing.T) {
	tests := []struct {
		id             string
		round, hh, dep int64
		ok             bool
	}{
		{"R1-22-333", 1, 22, 333, true},
		{RecheckQueryID(7, 120000, 4), 7, 120000, 4, true},
		{"R1-22", 0, 0, 0, false},
		{"R1-22-3-4", 0, 0, 0, false},
		{"Q1-2-3", 0, 0, 0, false},
		{"R01-2-3", 0, 0, 0, false},
		{"R1--3", 0, 0, 0, false},
		{"R0-2-3", 0, 0, 0, false},
	}
	for _, tt := range tests {
		r, h, d, ok := ParseRecheckQueryID(tt.id)
		if ok != tt.ok || r != tt.round || h != tt.hh || d != tt.dep {
			t.Errorf("ParseRecheckQueryID(%q) = %d %d %d %v, want %d %d %d %v", tt.id, r, h, d, ok, tt.round, tt.hh, tt.dep, tt.ok)
		}
	}
}
