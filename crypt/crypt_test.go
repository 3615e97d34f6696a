package crypt

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSealOpen(t *testing.T) {
	kr, err := New(GenerateKey())
	if err != nil {
		t.Fatal(err)
	}
	for _, pt := range []string{"", "张三", "62100219800101123X", strings.Repeat("长", 1000)} {
		s := kr.SealString(pt, "members.name")
		if strings.Contains(s, pt) && pt != "" {
			t.Fatalf("sealed value contains plaintext")
		}
		got, err := kr.OpenString(s, "members.name")
		if err != nil || got != pt {
			t.Fatalf("Open(Seal(%q)) = %q, %v", pt, got, err)
		}
		if s == kr.SealString(pt, "members.name") {
			t.Fatalf("two seals of %q are equal: nonce reused", pt)
		}
	}
}

func TestOpenRejects(t *testing.T) {
	kr, _ := New(GenerateKey())
	other, _ := New(GenerateKey())
	good := kr.SealString("62100219800101123X", "members.id")
	tampered := []byte(good)
	tampered[len(tampered)-3] ^= 1
	for name, tc := range map[string]struct{ v, ad string }{
		"wrong ad":     {good, "members.name"},
		"tampered":     {string(tampered), "members.id"},
		"other key":    {other.SealString("x", "members.id"), "members.id"},
		"not sealed":   {"62100219800101123X", "members.id"},
		"bad version":  {"v9" + good[2:], "members.id"},
		"short body":   {"v1." + kr.KeyID() + ".AAAA", "members.id"},
		"empty string": {"", "members.id"},
	} {
		if _, err := kr.Open(tc.v, tc.ad); err == nil {
			t.Errorf("%s: Open succeeded", name)
		}
	}
}

func TestRotation(t *testing.T) {
	oldKey, newKey := GenerateKey(), GenerateKey()
	old, _ := New(oldKey)
	sealed := old.SealString("secret", "x")
	kr, err := New(newKey, oldKey)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := kr.OpenString(sealed, "x"); err != nil || got != "secret" {
		t.Fatalf("old value after rotation: %q, %v", got, err)
	}
	if !strings.Contains(kr.SealString("s", "x"), "."+kr.KeyID()+".") || kr.KeyID() == old.KeyID() {
		t.Fatal("new values must be sealed with the new primary key")
	}
	if _, err := New(newKey, newKey); err == nil {
		t.Fatal("duplicate keys accepted")
	}
}

func TestBlindIndex(t *testing.T) {
	k := GenerateKey()
	a, _ := New(k)
	b, _ := New(k)
	c, _ := New(GenerateKey())
	x := a.BlindIndex("62100219800101123x")
	if x != b.BlindIndex(" 62100219800101123X ") {
		t.Fatal("blind index not stable or not normalised")
	}
	if x == c.BlindIndex("62100219800101123X") {
		t.Fatal("blind index independent of key")
	}
	if x == a.BlindIndex("621002198001011231") {
		t.Fatal("different values collide")
	}
}

func TestLoadAndCreate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "master.key")
	kr, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Create(path); err == nil {
		t.Fatal("Create overwrote an existing key file")
	}
	fi, _ := os.Stat(path)
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v", fi.Mode().Perm())
	}
	t.Setenv(EnvKey, "")
	again, err := Load(path)
	if err != nil || again.KeyID() != kr.KeyID() {
		t.Fatalf("Load: %v", err)
	}
	os.Chmod(path, 0o644)
	if _, err := Load(path); err == nil {
		t.Fatal("world-readable key file accepted")
	}
	k := GenerateKey()
	t.Setenv(EnvKey, EncodeKey(k))
	env, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := New(k)
	if env.KeyID() != want.KeyID() {
		t.Fatal("environment key not used")
	}
	t.Setenv(EnvKey, "not base64!")
	if _, err := Load(path); err == nil {
		t.Fatal("bad environment key accepted")
	}
}

func TestSealBinary(t *testing.T) {
	kr, _ := New(GenerateKey())
	other, _ := New(GenerateKey())
	for _, pt := range []string{"", `{"x":[{"m":1,"i":"vehicle"}]}`, strings.Repeat("长", 1000)} {
		b := kr.SealBinary([]byte(pt), "recheck_answers.payload")
		if pt != "" && strings.Contains(string(b), pt) {
			t.Fatalf("sealed value contains plaintext")
		}
		got, err := kr.OpenBinary(b, "recheck_answers.payload")
		if err != nil || string(got) != pt {
			t.Fatalf("OpenBinary(SealBinary(%q)) = %q, %v", pt, got, err)
		}
		// A column that held text sealed values before it became binary.
		got, err = kr.OpenBinary([]byte(kr.Seal([]byte(pt), "recheck_answers.payload")), "recheck_answers.payload")
		if err != nil || string(got) != pt {
			t.Fatalf("OpenBinary(Seal(%q)) = %q, %v", pt, got, err)
		}
	}
	good := kr.SealBinary([]byte("62100219800101123X"), "a")
	tampered := append([]byte(nil), good...)
	tampered[len(tampered)-3] ^= 1
	for name, tc := range map[string]struct {
		v  []byte
		ad string
	}{
		"wrong ad":    {good, "b"},
		"tampered":    {tampered, "a"},
		"other key":   {other.SealBinary([]byte("x"), "a"), "a"},
		"not sealed":  {[]byte("62100219800101123X"), "a"},
		"bad version": {append([]byte("b9"), good[2:]...), "a"},
		"no key id":   {[]byte("b1"), "a"},
		"short body":  {[]byte("b1." + kr.KeyID() + ".\x00\x01"), "a"},
		"empty":       {nil, "a"},
	} {
		if _, err := kr.OpenBinary(tc.v, tc.ad); err == nil {
			t.Errorf("%s: OpenBinary succeeded", name)
		}
	}
}
