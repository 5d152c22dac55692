package claims_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/projecttest"
	"github.com/msglint/msglint/rules/claims"
	"github.com/msglint/msglint/rules/consistency"
)

// all is every claims rule and consistency/claim-conflict, which reads
// their shared statistics (claims.Stats): the cases check that it finds
// nothing in the claims cases, and the benchmarks measure the analysis
// with both of its readers.
var all = []*lint.Rule{claims.Mismatch, claims.Uncited, claims.Expired, claims.Forbidden,
	claims.MissingDisclaimer, claims.Unregistered, consistency.ClaimConflict}

// TestCases lints every case folder under testdata (but the fuzz corpus)
// with every claims rule and checks the inline expectations.
func TestCases(t *testing.T) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() || e.Name() == "fuzz" {
			continue
		}
		dir := filepath.Join("testdata", e.Name())
		t.Run(e.Name(), func(t *testing.T) { projecttest.RunCase(t, dir, all...) })
	}
}

func TestMismatchFix(t *testing.T) {
	res := projecttest.Lint(t, filepath.Join("testdata", "mismatch-fix"), all...)
	var fixes []string
	for _, d := range res.Findings {
		if d.Rule != claims.Mismatch.Name {
			continue
		}
		if d.Fix == nil {
			fixes = append(fixes, "")
			continue
		}
		if d.Fix.Start < 0 {
			t.Errorf("%s:%d: fix has no source range", d.Path, d.Line)
		}
		fixes = append(fixes, d.Fix.Replacement)
	}
	want := []string{"38% higher sales win rates", "", "38% higher sales win rates"}
	if strings.Join(fixes, "|") != strings.Join(want, "|") {
		t.Errorf("fixes = %q, want %q", fixes, want)
	}
}

func TestRuleDocs(t *testing.T) {
	for _, r := range all {
		if r.Name == "" || r.Summary == "" || r.Doc == "" || r.Bad == "" || r.Good == "" || r.Default == lint.Off {
			t.Errorf("%s: incomplete documentation", r.Name)
		}
	}
}
