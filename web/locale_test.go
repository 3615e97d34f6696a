package web

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"hedui"
)

// TestCatalogueHasEveryKey finds the keys the templates and handlers use
// and checks that the catalogue has each, so that no page shows a [key].
func TestCatalogueHasEveryKey(t *testing.T) {
	c := mustLoadCatalogue()
	used := map[string]bool{}
	tmplKey := regexp.MustCompile(`\{\{-?\s*t "([a-z0-9_.]+)"`)
	err := fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := templateFS.ReadFile(p)
		for _, m := range tmplKey.FindAllSubmatch(b, -1) {
			used[string(m[1])] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	goKey := regexp.MustCompile(`(?:text\.get|\bt)\("([a-z0-9_]+\.[a-z0-9_.]+)"`)
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range goKey.FindAllSubmatch(b, -1) {
			used[string(m[1])] = true
		}
	}
	// Keys built at run time.
	for _, k := range []string{"login.notice.expired", "login.notice.logged_out", "login.notice.idle", "flash.created", "flash.letter", "flash.scan",
		"home.clerk.todo", "home.clerk.sent", "home.verifier.review", "home.verifier.dispatch", "home.verifier.verifying"} {
		used[k] = true
	}
	for _, st := range []int{400, 403, 404, 409, 413, 422, 500, 503} {
		used["error.title."+itoa(int64(st))] = true
	}
	for _, f := range []hedui.LetterForm{hedui.LetterPaper, hedui.LetterElectronic} {
		used["letter.form."+string(f)] = true
	}
	for _, s := range []hedui.LetterStatus{hedui.LetterActive, hedui.LetterEnded, hedui.LetterSuperseded} {
		used["letter.status."+string(s)] = true
	}
	for _, m := range []hedui.SignMethod{hedui.SignSignature, hedui.SignFingerprint, hedui.SignElectronic} {
		used["letter.method."+string(m)] = true
	}
	delete(used, "admin.users.done.")
	for _, b := range []hedui.DeductionBasis{hedui.DeductDisability, hedui.DeductWork} {
		used["admin.policy.ded.basis."+string(b)] = true
	}
	for _, d := range []string{"created", "disabled", "enabled", "password"} {
		used["admin.users.done."+d] = true
	}
	if len(used) < 100 {
		t.Fatalf("found only %d keys: the scan is broken", len(used))
	}
	for k := range used {
		if _, ok := c[k]; !ok {
			t.Errorf("catalogue lacks %q", k)
		}
	}
}

// TestNoInlineScriptOrStyle keeps the templates within the CSP
// default-src 'self': no inline script, handler attribute or style.
func TestNoInlineScriptOrStyle(t *testing.T) {
	bad := regexp.MustCompile(`(?i)<script(?:\s[^>]*)?>\s*[^<\s]|<style|\sstyle=|\son[a-z]+=|javascript:|https?://`)
	err := fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := templateFS.ReadFile(p)
		if m := bad.Find(b); m != nil {
			t.Errorf("%s: %q breaks the CSP or loads from elsewhere", p, m)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
