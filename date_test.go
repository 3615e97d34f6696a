package hedui

import (
	"encoding/json"
	"testing"
)

// TestDateJSON guards against the embedded time.Time's JSON methods, which
// would be promoted over MarshalText and write or demand a full timestamp.
func TestDateJSON(t *testing.T) {
	tests := []struct {
		in, want string
		err      bool
	}{
		{`"2024-03-15"`, `"2024-03-15"`, false},
		{`""`, `""`, false},
		{`null`, `""`, false},
		{`"2024-03-15T00:00:00Z"`, "", true},
		{`"2024-02-30"`, "", true},
		{`20240315`, "", true},
	}
	for _, tt := range tests {
		var d Date
		err := json.Unmarshal([]byte(tt.in), &d)
		if (err != nil) != tt.err {
			t.Errorf("Unmarshal(%s) error = %v, want error %v", tt.in, err, tt.err)
			continue
		}
		if err != nil {
			continue
		}
		got, err := json.Marshal(d)
		if err != nil || string(got) != tt.want {
			t.Errorf("round trip of %s = %s, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}

// TestDateAppendJSON: the hand-written writer agrees with time's formatter
// at the edges of every field, and with the zero date.
func TestDateAppendJSON(t *testing.T) {
	for _, s := range []string{"0001-01-02", "0999-12-31", "1000-01-09", "1970-10-10", "2024-02-29", "2026-11-27", "9999-12-31"} {
		d, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(d.AppendJSON([]byte("x"))); got != `x"`+s+`"` {
			t.Errorf("AppendJSON(%s) = %s", s, got)
		}
	}
	if got := string(Date{}.AppendJSON(nil)); got != `""` {
		t.Errorf("AppendJSON(zero) = %s", got)
	}
}
