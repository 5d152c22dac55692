package filter

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/lint"
)

func TestParseHunkHeader(t *testing.T) {
	for in, want := range map[string]Range{
		"@@ -1,2 +3,4 @@":       {3, 6},
		"@@ -10 +12 @@ heading": {12, 12},
		"@@ -5,3 +4,0 @@":       {4, 5},
		"@@ -1 +0,0 @@":         {1, 1},
		"@@ -0,0 +1,3 @@":       {1, 3},
	} {
		got, _, _, ok := parseHunkHeader(in)
		require.True(t, ok, in)
		require.Equal(t, want, got, in)
	}
	_, _, _, ok := parseHunkHeader("@@ garbage @@")
	require.False(t, ok)
}

func TestParseHunks(t *testing.T) {
	diff := `diff --git a/a.md b/a.md
index 1..2 100644
--- a/a.md
+++ b/a.md
@@ -2 +2 @@
-old
+new
@@ -9,0 +10,2 @@
++++ b/not-a-header.md
+@@ -1 +1 @@
diff --git a/gone.md b/gone.md
--- a/gone.md
+++ /dev/null
@@ -1 +0,0 @@
-bye
diff --git "a/we\"ird \303\251.md" "b/we\"ird \303\251.md"
--- "a/we\"ird \303\251.md"
+++ "b/we\"ird \303\251.md"
@@ -1 +1 @@
-a
+b
`
	got := parseHunks([]byte(diff))
	require.Equal(t, map[string][]Range{
		"a.md":         {{2, 2}, {10, 11}},
		"we\"ird é.md": {{1, 1}},
	}, got)
}

func TestTouchedAndFilter(t *testing.T) {
	c := &Changes{Files: map[string]*FileChange{
		"new.md":    {Status: 'A'},
		"mod.md":    {Status: 'M', Lines: []Range{{3, 4}, {10, 10}}},
		"deck.pptx": {Status: 'M'},
	}}
	site := func(path string, line, endLine int) lint.Site {
		return lint.Site{Path: path, Line: line, Col: 1, EndLine: endLine, EndCol: 2}
	}
	ds := []lint.Finding{
		{Rule: "a", Site: site("new.md", 99, 99)},                                             // added file: kept
		{Rule: "b", Site: site("mod.md", 4, 4)},                                               // changed line: kept
		{Rule: "c", Site: site("mod.md", 5, 5)},                                               // unchanged line: dropped
		{Rule: "d", Site: site("mod.md", 9, 11)},                                              // spans a changed line: kept
		{Rule: "e", Site: lint.Site{Path: "deck.pptx", Line: 1, Loc: "slide 3"}},              // office file changed: kept
		{Rule: "f", Site: site("old.md", 1, 1)},                                               // file unchanged: dropped
		{Rule: "g", Site: site("old.md", 1, 1), Related: []lint.Site{site("mod.md", 10, 10)}}, // cross-asset: kept
		{Rule: "h", Site: lint.Site{Path: "mod.md", Line: 1}},                                 // whole-file finding in a changed file: kept
		{Rule: "i", Site: lint.Site{Path: "."}},                                               // not a file: dropped
	}
	var kept []string
	for _, d := range c.Filter(ds) {
		kept = append(kept, d.Rule)
	}
	require.Equal(t, []string{"a", "b", "d", "e", "g", "h"}, kept)
	require.Len(t, ds, 9, "the input is not modified")
}

// gitRepo makes a repository with one commit holding files.
func gitRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	run(t, dir, "init", "-q", "-b", "main")
	writeFiles(t, dir, files)
	run(t, dir, "add", "-A")
	run(t, dir, "commit", "-q", "-m", "base")
	run(t, dir, "tag", "base")
	return dir
}

func run(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "git %v: %s", args, out)
	return string(out)
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
}

func lines(n int, prefix string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString(prefix + " line " + string(rune('a'+i-1)) + "\n")
	}
	return b.String()
}

func TestChangedInRepo(t *testing.T) {
	dir := gitRepo(t, map[string]string{
		"site/mod.md":           lines(6, "mod"),
		"site/old.md":           lines(6, "old"),
		"site/pure.md":          lines(6, "pure"),
		"site/ren.md":           lines(6, "ren"),
		"site/gone.md":          "bye\n",
		"deck.pptx":             "binary\x00one",
		"outside/x.md":          "x\n",
		"site/a b, é\t\"q\".md": lines(3, "odd"),
	})
	// modified line 3, renamed pure.md, renamed + edited ren.md, deleted,
	// a committed new file, an untracked new file, a changed binary
	mod := strings.Replace(lines(6, "mod"), "mod line c", "mod line C", 1)
	writeFiles(t, dir, map[string]string{"site/mod.md": mod, "site/added.md": "new\n", "deck.pptx": "binary\x00two",
		"site/a b, é\t\"q\".md": strings.Replace(lines(3, "odd"), "odd line b", "odd line B", 1)})
	run(t, dir, "mv", "site/pure.md", "site/pure2.md")
	run(t, dir, "mv", "site/ren.md", "site/ren2.md")
	writeFiles(t, dir, map[string]string{"site/ren2.md": strings.Replace(lines(6, "ren"), "ren line e", "ren line E", 1)})
	run(t, dir, "rm", "-q", "site/gone.md")
	run(t, dir, "add", "-A")
	run(t, dir, "commit", "-q", "-m", "change")
	writeFiles(t, dir, map[string]string{"site/untracked.md": "u\n"})

	c, err := Changed(filepath.Join(dir, "site"), "base")
	require.NoError(t, err)
	got := map[string]string{}
	for p, fc := range c.Files {
		got[p] = string(fc.Status)
	}
	require.Equal(t, map[string]string{"mod.md": "M", "ren2.md": "R", "added.md": "A", "untracked.md": "A", "a b, é\t\"q\".md": "M"}, got)
	require.Equal(t, []Range{{2, 2}}, c.Files["a b, é\t\"q\".md"].Lines, "a quoted path in the diff")
	require.Equal(t, []Range{{3, 3}}, c.Files["mod.md"].Lines)
	require.Equal(t, []Range{{5, 5}}, c.Files["ren2.md"].Lines)

	// from the repository root, paths are the repository's
	c, err = Changed(dir, "base")
	require.NoError(t, err)
	require.Contains(t, c.Files, "deck.pptx")
	require.Contains(t, c.Files, "site/mod.md")
	require.NotContains(t, c.Files, "outside/x.md")
	require.NotContains(t, c.Files, "site/pure2.md", "a pure rename changes nothing")
}

func TestChangedErrors(t *testing.T) {
	dir := gitRepo(t, map[string]string{"a.md": "a\n"})
	_, err := Changed(dir, "no-such-ref")
	var fe *Error
	require.ErrorAs(t, err, &fe)
	require.Contains(t, err.Error(), `unknown git ref "no-such-ref"`)

	_, err = Changed(dir, "--output=/tmp/x")
	require.ErrorAs(t, err, &fe)

	notRepo := t.TempDir()
	_, err = Changed(notRepo, "HEAD")
	require.ErrorAs(t, err, &fe)
	require.Contains(t, err.Error(), "not inside a git work tree")
}
