package rules_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/projecttest"
	"github.com/msglint/msglint/rules"
)

// TestFixSafetyDeclared runs every rule over the rule test corpora
// (rules/*/testdata) and the examples, and checks that each rule whose
// diagnostics carry a fix declares a fix safety (lint.FixSafe or
// lint.FixHeuristic): `msglint fix` applies fixes by that declaration, so
// a fix from a rule declared lint.FixNone would never be applied.
func TestFixSafetyDeclared(t *testing.T) {
	cases := testCorpora(t)
	fixed := map[string]bool{}
	for _, c := range cases {
		res := projecttest.Lint(t, c)
		for _, d := range res.Findings {
			if d.Fix != nil {
				fixed[d.Rule] = true
			}
		}
	}
	var names []string
	for n := range fixed {
		names = append(names, n)
	}
	sort.Strings(names)
	t.Logf("rules with fixes in the corpora: %s", strings.Join(names, " "))
	for _, n := range names {
		r, ok := rules.Get(n)
		if !ok {
			t.Errorf("a fix from %s, which is not in rules.All()", n)
			continue
		}
		if r.Fix == lint.FixNone {
			t.Errorf("%s reports fixes but declares Fix: lint.FixNone; declare lint.FixSafe or lint.FixHeuristic", n)
		}
	}
	// The corpora cover the safe and the heuristic rules both, or the
	// check above would pass vacuously.
	for _, n := range []string{"naming/variant", "naming/inconsistent", "claims/mismatch"} {
		if !fixed[n] {
			t.Errorf("no fix from %s in the corpora", n)
		}
	}
}

// testCorpora lists the rule test corpora (rules/*/testdata/*) and the
// examples.
func testCorpora(t *testing.T) []string {
	var cases []string
	dirs, _ := filepath.Glob("*/testdata")
	dirs = append(dirs, "../examples")
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.IsDir() && !fuzzCorpus(filepath.Join(dir, e.Name())) {
				cases = append(cases, filepath.Join(dir, e.Name()))
			}
		}
	}
	if len(cases) < 10 {
		t.Fatalf("only %d test corpora found: %v", len(cases), cases)
	}
	return cases
}

// fuzzCorpus reports whether dir is Go's fuzz corpus (testdata/fuzz/FuzzX),
// not a lint test case.
func fuzzCorpus(dir string) bool {
	m, _ := filepath.Glob(filepath.Join(dir, "Fuzz*"))
	return len(m) > 0
}
