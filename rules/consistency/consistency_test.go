package consistency_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/projecttest"
	"github.com/msglint/msglint/rules/claims"
	"github.com/msglint/msglint/rules/consistency"
)

// all is consistency/claim-conflict with every claims rule (whose shared
// statistics it reads), as the cases were checked when the rule lived in
// package claims: the claims rules must find nothing in them either.
var all = []*lint.Rule{claims.Mismatch, claims.Uncited, claims.Expired, claims.Forbidden,
	claims.MissingDisclaimer, claims.Unregistered, consistency.ClaimConflict}

// TestCases lints every case folder under testdata and checks the inline
// expectations.
func TestCases(t *testing.T) { projecttest.Run(t, "testdata", all...) }

func TestRuleDocs(t *testing.T) {
	r := consistency.ClaimConflict
	if r.Name == "" || r.Summary == "" || r.Doc == "" || r.Bad == "" || r.Good == "" || r.Default == lint.Off {
		t.Errorf("%s: incomplete documentation", r.Name)
	}
	if r.Family() != "consistency" {
		t.Errorf("%s: family %q, want the package's, consistency", r.Name, r.Family())
	}
}

func TestConflictRelated(t *testing.T) {
	res := projecttest.Lint(t, filepath.Join("testdata", "conflict"), all...)
	n := 0
	for _, d := range res.Findings {
		if d.Rule != consistency.ClaimConflict.Name {
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

// TestConflictMessageCapped: a statement with many figures names the three
// most common other ones and counts the rest.
func TestConflictMessageCapped(t *testing.T) {
	res := projecttest.Lint(t, filepath.Join("testdata", "conflict-many-figures"), all...)
	var msg string
	for _, d := range res.Findings {
		if d.Rule == consistency.ClaimConflict.Name && strings.HasSuffix(d.Path, "p1.md") {
			msg = d.Message
		}
	}
	want := `"Acme CloudSync cuts onboarding time by 10%." says 10%, but the same statement says 60% in 2 other places and 20% in 1 other place and 30% in 1 other place and 2 other figures in 2 places; most places say 60%`
	if msg != want {
		t.Errorf("message:\n got %s\nwant %s", msg, want)
	}
}
