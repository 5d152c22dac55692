package filter

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/driver"
	"github.com/msglint/msglint/report"
)

func diag(rule, path string, line int, match, context string) lint.Finding {
	return lint.Finding{Rule: rule, Severity: lint.Error, Message: "m",
		Site: lint.Site{Path: path, Line: line, Col: 3, EndLine: line, EndCol: 3 + len(match), Match: match, Context: context}}
}

func baselineOf(t *testing.T, ds ...lint.Finding) *Baseline {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, report.JSON(&buf, &driver.Result{Findings: ds}, &report.Meta{ToolName: "msglint", ToolVersion: "0.1.0"}))
	b, err := ParseBaseline("b.json", buf.Bytes())
	require.NoError(t, err)
	return b
}

func rulesOf(ds []lint.Finding) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Rule+"@"+d.Path)
	}
	return out
}

// Moving lines around (and editing elsewhere) does not resurrect
// baselined findings; a new finding, or a changed context, is reported.
func TestBaselineMovedLines(t *testing.T) {
	b := baselineOf(t,
		diag("naming/variant", "a.md", 3, "CloudSync", "Try CloudSync today"),
		diag("claims/forbidden", "a.md", 10, "best-in-class", "our best-in-class sync"),
		diag("naming/variant", "deck.pptx", 1, "CloudSync", "CloudSync for teams"),
	)
	run := []lint.Finding{
		diag("claims/forbidden", "a.md", 2, "best-in-class", "our best-in-class sync"), // moved up
		diag("naming/variant", "a.md", 25, "CloudSync", "Try CloudSync today"),         // moved down
		diag("naming/variant", "a.md", 30, "CloudSync", "Buy CloudSync now"),           // new
		diag("naming/variant", "b.md", 3, "CloudSync", "Try CloudSync today"),          // same text, other file
		diag("naming/variant", "deck.pptx", 1, "CloudSync", "CloudSync for teams"),
	}
	run[4].Loc = "slide 9" // the slide moved
	got := b.Filter(run)
	require.Equal(t, []string{"naming/variant@a.md", "naming/variant@b.md"}, rulesOf(got))
	require.Equal(t, 30, got[0].Line)
}

// Matching is a multiset: two known identical findings and three now
// means one is new.
func TestBaselineMultiset(t *testing.T) {
	d := diag("naming/variant", "a.md", 3, "CloudSync", "CloudSync CloudSync CloudSync")
	b := baselineOf(t, d, d)
	require.Equal(t, 2, b.Len)
	d2, d3 := d, d
	d2.Line, d3.Line = 4, 5
	got := b.Filter([]lint.Finding{d, d2, d3})
	require.Len(t, got, 1)
	require.Equal(t, 5, got[0].Line)
	require.Empty(t, b.Filter([]lint.Finding{d}))
	require.Len(t, b.Filter([]lint.Finding{d, d2, d3}), 1, "Filter does not consume the baseline")
}

func TestBaselineErrors(t *testing.T) {
	_, err := ParseBaseline("b.json", []byte("not json"))
	require.ErrorContains(t, err, "b.json: not a msglint JSON report")
	_, err = ParseBaseline("b.json", []byte(`{"version": 2, "findings": []}`))
	require.ErrorContains(t, err, "schema version 2")
	_, err = LoadBaseline("/no/such/file.json", "/")
	require.ErrorContains(t, err, "baseline:")
}

// A --format json output written from another working folder names it in
// path_base; its paths are read back relative to the config's folder.
func TestBaselinePathBase(t *testing.T) {
	run := []lint.Finding{
		diag("naming/variant", "site/page.md", 1, "CloudSync", "Try CloudSync"),
		diag("naming/variant", "blog/post.md", 1, "CloudSync", "CloudSync is"),
	}
	for _, tc := range []struct {
		name, cwd string
	}{
		{"config folder", "/repo/content"},
		{"subfolder", "/repo/content/site"},
		{"repository root", "/repo"},
		{"sideways", "/repo/docs"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			meta := &report.Meta{ToolName: "msglint", ToolVersion: "0.1.0", Paths: report.NewPaths("/repo/content", tc.cwd, "/repo")}
			require.NoError(t, report.JSON(&buf, &driver.Result{Findings: run}, meta))
			b, err := ParseBaselineIn("b.json", buf.Bytes(), "/repo/content")
			require.NoError(t, err)
			assert.Empty(t, rulesOf(b.Filter(run)))
		})
	}
	// without the config's folder, a path_base below it still works
	b, err := ParseBaseline("b.json", []byte(`{"version": 1, "path_base": "site", "findings": [
		{"rule": "naming/variant", "severity": "error", "message": "m", "path": "../blog/post.md", "match": "CloudSync", "context": "CloudSync is"}]}`))
	require.NoError(t, err)
	assert.Equal(t, []string{"naming/variant@site/page.md"}, rulesOf(b.Filter(run)))
}
