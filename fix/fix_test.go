package fix_test

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/fix"
	"github.com/msglint/msglint/internal/golden"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project"
	"github.com/msglint/msglint/project/driver"
	"github.com/msglint/msglint/rules"
)

var today = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

// copyCase copies testdata/<name> (without golden files) to a temporary folder.
func copyCase(t *testing.T, name string) string {
	t.Helper()
	dst := t.TempDir()
	src := filepath.Join("testdata", name)
	ents, err := os.ReadDir(src)
	require.NoError(t, err)
	for _, e := range ents {
		if e.IsDir() || strings.HasSuffix(e.Name(), ".golden") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644))
	}
	return dst
}

func run(t *testing.T, dir string) *driver.Result {
	t.Helper()
	p, err := project.Load(dir, "")
	require.NoError(t, err)
	res, err := p.Run(project.Options{Paths: []string{dir}, Today: today, KeepDocs: true, Jobs: 2})
	require.NoError(t, err)
	return res
}

func plan(t *testing.T, dir string) *fix.Result {
	t.Helper()
	return fix.Plan(run(t, dir), fix.Options{Root: dir})
}

// leftReport lists the findings left, one per line.
func leftReport(r *fix.Result) string {
	var b strings.Builder
	for _, u := range r.Left {
		fmt.Fprintf(&b, "%s:%d:%d %s %q", u.Path, u.Line, u.Col, u.Rule, u.Match)
		if u.Reason != "" {
			fmt.Fprintf(&b, " (%s)", u.Reason)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func leftKinds(r *fix.Result) []string {
	var out []string
	for _, u := range r.Left {
		out = append(out, u.Path+" "+u.Rule+" "+u.Match+" "+u.Reason)
	}
	return out
}

// checkPreserved verifies that every byte outside the edits is unchanged:
// walking the edits, the bytes between them in the old file must appear
// at the corresponding offsets of the new file.
func checkPreserved(t *testing.T, f *fix.File) {
	t.Helper()
	oldAt, newAt := 0, 0
	for _, e := range f.Edits {
		gap := e.Start - oldAt
		require.Equal(t, string(f.Old[oldAt:e.Start]), string(f.New[newAt:newAt+gap]), "bytes before edit at %d", e.Start)
		newAt += gap
		require.Equal(t, e.New, string(f.New[newAt:newAt+len(e.New)]))
		newAt += len(e.New)
		oldAt = e.End
	}
	require.Equal(t, string(f.Old[oldAt:]), string(f.New[newAt:]), "bytes after the last edit")
	require.Equal(t, len(f.New), newAt+len(f.Old)-oldAt)
}

func TestGolden(t *testing.T) {
	for _, name := range []string{"md", "mdx", "html", "txt"} {
		t.Run(name, func(t *testing.T) {
			dir := copyCase(t, name)
			r := plan(t, dir)
			require.NotEmpty(t, r.Files)
			var diff strings.Builder
			for _, f := range r.Files {
				checkPreserved(t, f)
				// every edit replaces exactly the matched text (a match
				// wrapped over lines: the same words)
				for _, e := range f.Edits {
					for _, d := range e.Diags {
						old := string(f.Old[e.Start:e.End])
						if strings.Contains(old, "\n") {
							old = strings.Join(strings.Fields(old), " ")
						}
						require.Equal(t, d.Match, old)
					}
				}
				diff.WriteString(f.Diff())
			}
			golden.Check(t, filepath.Join("testdata", name, "diff.golden"), []byte(diff.String()))
			golden.Check(t, filepath.Join("testdata", name, "left.golden"), []byte(leftReport(r)))

			// dry run: planning and diffing wrote nothing
			for _, f := range r.Files {
				b, err := os.ReadFile(f.Abs)
				require.NoError(t, err)
				require.Equal(t, f.Old, b, "plan must not write")
			}
			for _, f := range r.Files {
				require.NoError(t, f.Write(fix.WriteOptions{}))
				b, err := os.ReadFile(f.Abs)
				require.NoError(t, err)
				golden.Check(t, filepath.Join("testdata", name, filepath.Base(f.Path)+".golden"), b)
			}
			// a second run changes nothing
			r2 := plan(t, dir)
			require.Empty(t, r2.Files, "second run must change nothing")
			require.Zero(t, r2.Fixed)
			// the same findings are left (positions move with earlier edits)
			require.Equal(t, leftKinds(r), leftKinds(r2))
		})
	}
}

func TestModeKept(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	dir := copyCase(t, "md")
	p := filepath.Join(dir, "page.md")
	require.NoError(t, os.Chmod(p, 0o600))
	r := plan(t, dir)
	require.Len(t, r.Files, 1)
	require.NoError(t, r.Files[0].Write(fix.WriteOptions{}))
	fi, err := os.Stat(p)
	require.NoError(t, err)
	require.Equal(t, fs.FileMode(0o600), fi.Mode().Perm())
}

func TestFailingRenameLeavesOriginal(t *testing.T) {
	dir := copyCase(t, "md")
	p := filepath.Join(dir, "page.md")
	before, err := os.ReadFile(p)
	require.NoError(t, err)
	r := plan(t, dir)
	require.Len(t, r.Files, 1)
	boom := errors.New("disk on fire")
	err = r.Files[0].Write(fix.WriteOptions{Rename: func(oldpath, newpath string) error { return boom }})
	require.ErrorIs(t, err, boom)
	after, err := os.ReadFile(p)
	require.NoError(t, err)
	require.Equal(t, before, after, "the original must be intact")
	ents, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range ents {
		require.False(t, strings.HasPrefix(e.Name(), ".msglint-fix-"), "temporary file left behind: %s", e.Name())
	}
}

func TestRenameOntoFolderFails(t *testing.T) {
	// a real failure: the target turned into a folder after planning
	dir := copyCase(t, "md")
	p := filepath.Join(dir, "page.md")
	r := plan(t, dir)
	require.Len(t, r.Files, 1)
	f := r.Files[0]
	require.NoError(t, os.Remove(p))
	require.NoError(t, os.Mkdir(p, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(p, "keep"), []byte("x"), 0o644))
	require.Error(t, fix.WriteAtomic(p, f.New, fix.WriteOptions{}))
	b, err := os.ReadFile(filepath.Join(p, "keep"))
	require.NoError(t, err)
	require.Equal(t, "x", string(b))
}

func TestChangedOnDiskIsNotWritten(t *testing.T) {
	dir := copyCase(t, "md")
	p := filepath.Join(dir, "page.md")
	r := plan(t, dir)
	require.Len(t, r.Files, 1)
	edited := []byte("someone else's edit\n")
	require.NoError(t, os.WriteFile(p, edited, 0o644))
	err := r.Files[0].Write(fix.WriteOptions{})
	require.ErrorContains(t, err, "changed since it was read")
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	require.Equal(t, edited, b)
}

// synthetic builds a result with one text document and some diagnostics.
func synthetic(src string, diags ...lint.Finding) *driver.Result {
	doc := &content.Document{Path: "a.md", Format: content.FormatMarkdown, Src: []byte(src)}
	for i := range diags {
		diags[i].Path = "a.md"
		diags[i].Severity = lint.Error
	}
	return &driver.Result{Findings: diags, Docs: map[string]*content.Document{"a.md": doc}}
}

func diag(rule, src string, start, end int, repl string) lint.Finding {
	d := lint.Finding{Rule: rule, Message: rule}
	d.Line, d.Col = 1, start+1
	d.Match = src[start:end]
	d.Fix = &lint.Fix{Replacement: repl, Start: start, End: end}
	return d
}

func TestOverlapsAreDeterministic(t *testing.T) {
	src := "Try Acme Cloud Sync now"
	// naming/variant on "Acme Cloud Sync" [4,19), naming/undeclared-variant on "Cloud Sync" [9,19)
	// and the same variant edit twice (two rules proposing one edit).
	a := diag("naming/variant", src, 4, 19, "Acme CloudSync")
	b := diag("naming/undeclared-variant", src, 9, 19, "CloudSync")
	c := diag("naming/case", src, 4, 19, "Acme CloudSync")
	for _, order := range [][]lint.Finding{{a, b, c}, {c, b, a}, {b, a, c}} {
		r := fix.Plan(synthetic(src, order...), fix.Options{Root: t.TempDir()})
		require.Len(t, r.Files, 1)
		require.Equal(t, "Try Acme CloudSync now", string(r.Files[0].New))
		require.Equal(t, 2, r.Fixed)
		require.Len(t, r.Left, 1)
		require.Equal(t, "naming/undeclared-variant", r.Left[0].Rule)
		require.Equal(t, fix.ReasonOverlap, r.Left[0].Reason)
	}
}

func TestWhatIsLeft(t *testing.T) {
	src := "CloudSync and Acme Cloud Sync and Posthog and Acme CloudSnyc"
	stale := diag("naming/variant", src, 0, 9, "Acme CloudSync")
	stale.Match = "Cloudsync" // the source says otherwise
	inexact := diag("naming/variant", src, 14, 29, "Acme CloudSync")
	inexact.Fix.Start, inexact.Fix.End = -1, -1
	heur := diag("naming/inconsistent", src, 34, 41, "PostHog")
	near := diag("naming/near-miss", src, 46, 60, "Acme CloudSync")
	advice := lint.Finding{Rule: "claims/uncited", Message: "cite it"}
	r := fix.Plan(synthetic(src, stale, inexact, heur, near, advice), fix.Options{Root: t.TempDir()})
	require.Empty(t, r.Files)
	reasons := map[string]string{}
	for _, u := range r.Left {
		reasons[u.Rule+" "+u.Match] = u.Reason
	}
	require.Equal(t, map[string]string{
		"naming/variant Cloudsync":        fix.ReasonStale,
		"naming/variant Acme Cloud Sync":  fix.ReasonInexact,
		"naming/inconsistent Posthog":     fix.ReasonHeuristic,
		"naming/near-miss Acme CloudSnyc": fix.ReasonHeuristic,
		"claims/uncited ":                 "",
	}, reasons)

	// --heuristic applies the guesses too
	r = fix.Plan(synthetic(src, heur, near), fix.Options{Root: t.TempDir(), Heuristic: true})
	require.Len(t, r.Files, 1)
	require.Equal(t, "CloudSync and Acme Cloud Sync and PostHog and Acme CloudSync", string(r.Files[0].New))
}

func TestOfficeNeverWritten(t *testing.T) {
	res := synthetic("x")
	res.Docs["deck.pptx"] = &content.Document{Path: "deck.pptx", Format: content.FormatPPTX}
	d := lint.Finding{Rule: "naming/variant", Message: "m", Fix: &lint.Fix{Replacement: "Acme CloudSync", Start: -1, End: -1}}
	d.Path, d.Loc, d.Match = "deck.pptx", "slide 2", "CloudSync"
	res.Findings = append(res.Findings, d)
	r := fix.Plan(res, fix.Options{Root: t.TempDir()})
	require.Empty(t, r.Files)
	require.Len(t, r.Left, 1)
	require.Equal(t, fix.ReasonNotText, r.Left[0].Reason)
}

func TestApply(t *testing.T) {
	src := []byte("héllo wörld")
	got := fix.Apply(src, []fix.Edit{{Start: 0, End: 6, New: "Hi"}, {Start: 7, End: 13, New: "World"}})
	require.Equal(t, "Hi World", string(got))
	require.Equal(t, "héllo wörld", string(src))
	require.True(t, bytes.Equal(fix.Apply(src, nil), src))
}

func TestDiffHunkLines(t *testing.T) {
	// go-udiff v0.4.1 gets the "+start" of later hunks wrong when an
	// earlier hunk changes the line count; Diff corrects it (as diff -u).
	f := &fix.File{Path: "o.txt",
		Old: []byte("l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\n"),
		New: []byte("x\ny\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nz\n")}
	var hunks []string
	for _, l := range strings.Split(f.Diff(), "\n") {
		if strings.HasPrefix(l, "@@") {
			hunks = append(hunks, l)
		}
	}
	require.Equal(t, []string{"@@ -1,4 +1,5 @@", "@@ -7,4 +8,4 @@"}, hunks)
}

// A read-only file (no owner write bit) is refused unless Force.
func TestReadOnlyRefused(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	dir := copyCase(t, "md")
	p := filepath.Join(dir, "page.md")
	require.NoError(t, os.Chmod(p, 0o444))
	before, err := os.ReadFile(p)
	require.NoError(t, err)
	r := plan(t, dir)
	require.Len(t, r.Files, 1)
	err = r.Files[0].Write(fix.WriteOptions{})
	require.EqualError(t, err, "page.md is read-only (mode 0444); --force rewrites it")
	after, err := os.ReadFile(p)
	require.NoError(t, err)
	require.Equal(t, before, after)

	require.NoError(t, r.Files[0].Write(fix.WriteOptions{Force: true}))
	fi, err := os.Stat(p)
	require.NoError(t, err)
	require.Equal(t, fs.FileMode(0o444), fi.Mode().Perm(), "forced, the file keeps its mode")
	after, err = os.ReadFile(p)
	require.NoError(t, err)
	require.Equal(t, r.Files[0].New, after)
}

// TestSelectionBySafety: which fixes Plan applies follows the safety each
// rule declares (lint.Rule.Fix) and --heuristic, with no list of rule
// names in fix.
func TestSelectionBySafety(t *testing.T) {
	list := []*lint.Rule{
		{Name: "t/safe", Fix: lint.FixSafe},
		{Name: "t/heuristic", Fix: lint.FixHeuristic},
		{Name: "t/none", Fix: lint.FixNone},
	}
	const notAuto = " are not applied automatically"
	for _, tc := range []struct {
		rule      string
		heuristic bool
		reason    string // "" when fixed
		// own: the fix's own safety (lint.Fix.Safety) and why
		own lint.FixSafety
		why string
	}{
		{rule: "t/safe", heuristic: false, reason: ""},
		{rule: "t/safe", heuristic: true, reason: ""},
		{rule: "t/safe", own: lint.FixHeuristic, why: "the sentence speaks of the renaming",
			reason: "the sentence speaks of the renaming: apply with --heuristic after review"},
		{rule: "t/safe", own: lint.FixHeuristic, reason: fix.ReasonHeuristic},
		{rule: "t/safe", heuristic: true, own: lint.FixHeuristic, why: "x", reason: ""},
		{rule: "t/heuristic", own: lint.FixSafe, reason: ""},
		{rule: "t/heuristic", heuristic: false, reason: fix.ReasonHeuristic},
		{rule: "t/heuristic", heuristic: true, reason: ""},
		{rule: "t/none", heuristic: false, reason: "fixes of t/none" + notAuto},
		{rule: "t/none", heuristic: true, reason: "fixes of t/none" + notAuto},
		{rule: "t/unlisted", heuristic: false, reason: "fixes of t/unlisted" + notAuto},
		{rule: "t/unlisted", heuristic: true, reason: "fixes of t/unlisted" + notAuto},
	} {
		src := "Try CloudSync now"
		d := diag(tc.rule, src, 4, 13, "Acme CloudSync")
		d.Fix.Safety, d.Fix.Why = tc.own, tc.why
		r := fix.Plan(synthetic(src, d), fix.Options{Root: t.TempDir(), Heuristic: tc.heuristic, Rules: list})
		name := fmt.Sprintf("%s heuristic=%v own=%s", tc.rule, tc.heuristic, tc.own)
		if tc.reason == "" {
			require.Equal(t, 1, r.Fixed, name)
			require.Len(t, r.Files, 1, name)
			require.Equal(t, "Try Acme CloudSync now", string(r.Files[0].New), name)
			require.Empty(t, r.Left, name)
			continue
		}
		require.Zero(t, r.Fixed, name)
		require.Empty(t, r.Files, name)
		require.Len(t, r.Left, 1, name)
		require.Equal(t, tc.reason, r.Left[0].Reason, name)
	}
}

func TestSelected(t *testing.T) {
	for _, tc := range []struct {
		s                lint.FixSafety
		plain, heuristic bool
	}{
		{lint.FixNone, false, false},
		{lint.FixSafe, true, true},
		{lint.FixHeuristic, false, true},
	} {
		require.Equal(t, tc.plain, fix.Selected(tc.s, false), tc.s.String())
		require.Equal(t, tc.heuristic, fix.Selected(tc.s, true), tc.s.String())
		require.Equal(t, tc.s != lint.FixNone, tc.s.Fixable(), tc.s.String())
	}
}

// TestDefaultRuleSafety pins the safety the shipped rules declare, which
// decides what `msglint fix` applies with no Options.Rules.
func TestDefaultRuleSafety(t *testing.T) {
	want := map[string]lint.FixSafety{
		"claims/mismatch":           lint.FixSafe,
		"naming/case":               lint.FixSafe,
		"naming/deprecated":         lint.FixSafe,
		"naming/trademark":          lint.FixSafe,
		"naming/undeclared-variant": lint.FixSafe,
		"naming/variant":            lint.FixSafe,
		"naming/inconsistent":       lint.FixHeuristic,
		"naming/near-miss":          lint.FixHeuristic,
	}
	for _, r := range rules.All() {
		require.Equal(t, want[r.Name], r.Fix, r.Name)
	}
}
