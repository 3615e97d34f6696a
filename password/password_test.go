package password

import (
	"errors"
	"testing"
)

var fast = Params{Memory: 1024, Time: 1, Threads: 1}

func TestHashCheck(t *testing.T) {
	h := Hash("demo12345", fast)
	if err := Check("demo12345", h); err != nil {
		t.Fatalf("right password: %v", err)
	}
	if err := Check("demo12346", h); !errors.Is(err, ErrMismatch) {
		t.Fatalf("wrong password: %v", err)
	}
	if Hash("demo12345", fast) == h {
		t.Fatal("salt not random")
	}
	for _, bad := range []string{"", "$argon2i$v=19$m=1,t=1,p=1$AA$AA", "$argon2id$v=19$m=x$AA$AA", "$argon2id$v=19$m=1024,t=1,p=1$!!$AA"} {
		if err := Check("x", bad); err == nil || errors.Is(err, ErrMismatch) {
			t.Errorf("Check(%q) = %v, want a format error", bad, err)
		}
	}
}

func TestAcceptable(t *testing.T) {
	for pw, ok := range map[string]bool{"short": false, "demo12345": true, "八个汉字的密码吧": true} {
		if got := Acceptable(pw) == ""; got != ok {
			t.Errorf("Acceptable(%q) ok=%v, want %v", pw, got, ok)
		}
	}
}

func BenchmarkHashDefault(b *testing.B) {
	for b.Loop() {
		Hash("demo12345", Default)
	}
}
