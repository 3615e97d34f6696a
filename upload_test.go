package hedui

import (
	"strings"
	"testing"
)

func TestSizeLabel(t *testing.T) {
	for n, want := range map[int64]string{10 << 20: "10MB", 1 << 20: "1MB", 512 << 10: "512KB", 1000: "1000字节"} {
		if got := SizeLabel(n); got != want {
			t.Errorf("SizeLabel(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestCleanFileName(t *testing.T) {
	long := strings.Repeat("长", MaxFileNameRunes+5) + ".pdf"
	tests := map[string]string{
		"授权书.pdf":                  "授权书.pdf",
		`C:\Users\wang\授权书.pdf`:    "授权书.pdf",
		"../../etc/passwd":         "passwd",
		"a\"b\x00c.png":            "abc.png",
		"..":                       "",
		"  ":                       "",
		string([]byte{0xff, 0xfe}): "",
	}
	for in, want := range tests {
		if got := CleanFileName(in); got != want {
			t.Errorf("CleanFileName(%q) = %q, want %q", in, got, want)
		}
	}
	if got := []rune(CleanFileName(long)); len(got) != MaxFileNameRunes || !strings.HasSuffix(string(got), ".pdf") {
		t.Errorf("long name kept %d runes: %q", len(got), string(got))
	}
}

func TestSniffScan(t *testing.T) {
	for data, want := range map[string]string{
		"%PDF-1.7\n":            "application/pdf",
		"\xff\xd8\xff\xe0JFIF":  "image/jpeg",
		"\x89PNG\r\n\x1a\nIHDR": "image/png",
	} {
		st, ok := SniffScan([]byte(data))
		if !ok || st.ContentType != want {
			t.Errorf("SniffScan(%q) = %v %v, want %s", data, st, ok, want)
		}
		if byType, _ := ScanTypeOf(want); !byType.Matches([]byte(data)) {
			t.Errorf("%s does not match its own bytes", want)
		}
	}
	for _, data := range []string{"", "GIF89a", "<html>", "PK\x03\x04"} {
		if _, ok := SniffScan([]byte(data)); ok {
			t.Errorf("SniffScan(%q) accepted", data)
		}
	}
}
