package claims_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/projecttest"
	"github.com/msglint/msglint/rules/claims"
)

var all = []*lint.Rule{claims.Mismatch, claims.Uncited, claims.Expired, claims.Forbidden,
	claims.MissingDisclaimer, claims.Unregistered, claims.Conflict}

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

func TestConflictRelated(t *testing.T) {
	res := projecttest.Lint(t, filepath.Join("testdata", "conflict"), all...)
	n := 0
	for _, d := range res.Findings {
		if d.Rule != claims.Conflict.Name {
			continue
		}
		n++
		if len(d.Related) != 2 {
			t.Errorf("%s:%d: related = %+v, want the 2 other places", d.Path, d.Line, d.Related)
		}
		t.Logf("%s:%d: %s", d.Path, d.Line, d.Message)
	}
	if n != 3 {
		t.Errorf("got %d conflict findings, want 3", n)
	}
}

func TestRuleDocs(t *testing.T) {
	for _, r := range all {
		if r.Name == "" || r.Summary == "" || r.Doc == "" || r.Bad == "" || r.Good == "" || r.Default == lint.Off {
			t.Errorf("%s: incomplete documentation", r.Name)
		}
	}
}

// TestConflictMessageCapped: a statement with many figures names the three
// most common other ones and counts the rest.
func TestConflictMessageCapped(t *testing.T) {
	res := projecttest.Lint(t, filepath.Join("testdata", "conflict-many-figures"), all...)
	var msg string
	for _, d := range res.Findings {
		if d.Rule == claims.Conflict.Name && strings.HasSuffix(d.Path, "p1.md") {
			msg = d.Message
		}
	}
	want := `"Acme CloudSync cuts onboarding time by 10%." says 10%, but the same statement says 60% in 2 other places and 20% in 1 other place and 30% in 1 other place and 2 other figures in 2 places; most places say 60%`
	if msg != want {
		t.Errorf("message:\n got %s\nwant %s", msg, want)
	}
}
