package config

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoadConfig parses arbitrary bytes as a config file: it must never
// panic, and it returns either a config (with positioned warnings) or a
// positioned error.
func FuzzLoadConfig(f *testing.F) {
	for _, pat := range []string{"testdata/*.yaml", "testdata/*/*.yaml", "testdata/*/*/*.yaml"} {
		files, _ := filepath.Glob(pat)
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	for _, s := range []string{
		"", "~", "[]", "version: 1\n", "terms: [\n", "terms:\n\t- x\n",
		"a: &a [*a]\n", "teams: {a: &x [b], c: *x}\n", "overrides:\n  - &o {files: [a]}\n  - <<: *o\n",
		"<<: {version: 1}\n", "<<: [*a]\n", "claims: [{id: a, pattern: '(', value: .nan}]\n",
		"funnel: {signals: {decision: [x, {phrase: y, weight: 2}, {weight: 1}, [z]]}}\n",
		"version: 1\n---\nversion: 1\n", "? [a]\n: b\n", "\xef\xbb\xbfversion: 1\n", "terms: [{name: \xff}]\n",
		"terms: [{name: Acme, variants: [acme, Acme Co, ACME CO]}]\n",
	} {
		f.Add([]byte(s))
	}
	opts := LoadOptions{KnownRules: []string{"naming/variant", "claims/forbidden"}}
	f.Fuzz(func(t *testing.T, src []byte) {
		// the "is it a msglint config" test runs on any file a config names
		_ = looksLikeConfig(src, configKeys)
		c, err := Parse("fuzz.yaml", src, opts)
		if err != nil {
			if c != nil {
				t.Fatalf("config and error both returned: %v", err)
			}
			var e *Error
			if !errors.As(err, &e) || e.File != "fuzz.yaml" || e.Msg == "" {
				t.Fatalf("error is not a positioned *Error: %#v", err)
			}
			_ = err.Error()
			return
		}
		if c == nil || c.Version != 1 || c.Coverage.Severity == "" || len(c.Funnel.Stages) == 0 {
			t.Fatalf("bad config without error: %+v", c)
		}
		for _, w := range c.Warnings {
			if !w.Warning || w.File != "fuzz.yaml" || w.Line < 1 || w.Msg == "" {
				t.Fatalf("warning is not a positioned warning: %#v", w)
			}
			_ = w.Error()
		}
		for _, cl := range c.Claims {
			if _, err := CompilePattern(cl.Pattern, cl.CaseSensitive); err != nil {
				t.Fatalf("accepted an invalid pattern %q: %v", cl.Pattern, err)
			}
		}
	})
}
