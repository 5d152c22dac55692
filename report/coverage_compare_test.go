package report

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/internal/golden"
	"github.com/msglint/msglint/lint"
)

func variant(path string, line int, context string) lint.Finding {
	return lint.Finding{Rule: "naming/variant", Severity: lint.Error, Message: `"Cloud Sync" should be "Acme CloudSync"`,
		Site: lint.Site{Path: path, Line: line, Context: context}}
}

// compareFixture is an earlier report (through its JSON, as --compare
// reads it) and the present model and findings: an edit above moved one
// finding, one was fixed, one added, one of two identical ones fixed, a
// stage changed, an asset removed and a gap closed.
func compareFixture(t *testing.T) (*CoverageJSONOutput, *CoverageDiff) {
	t.Helper()
	oldFindings := []lint.Finding{
		variant("site/pricing.md", 4, "Try Cloud Sync today"),
		{Rule: "claims/unsourced", Severity: lint.Warning, Message: "a figure without a source",
			Site: lint.Site{Path: "site/pricing.md", Line: 9, LineText: "  38% faster  "}},
		variant("site/compare.md", 10, "Cloud Sync vs Globex"),
		variant("site/compare.md", 12, "Cloud Sync vs Globex"),
		{Rule: "claims/forbidden", Severity: lint.Error, Message: "a forbidden claim", Site: lint.Site{Path: "sales/deck.pptx", Loc: "slide 2", Context: "the #1 tool"}},
	}
	var b bytes.Buffer
	require.NoError(t, CoverageJSONFindings(&b, coverageFixture(), oldFindings))
	old, err := ReadCoverageJSON(&b)
	require.NoError(t, err)
	require.Len(t, old.Findings, 5)
	require.Equal(t, "38% faster", old.Findings[1].Excerpt, "the excerpt is the trimmed line when there is no context")

	c := coverageFixture()
	c.Assets[3].Stage = "decision"                   // site/compare.md
	c.Assets = append(c.Assets[:1], c.Assets[2:]...) // sales/notes.md removed
	c.Gaps = c.Gaps[1:]                              // vault/awareness closed
	now := []lint.Finding{
		variant("site/pricing.md", 7, "Try Cloud Sync today"), // three lines added above
		variant("site/pricing.md", 2, "Cloud Sync, now with more"),
		variant("site/compare.md", 15, "Cloud Sync vs Globex"),
		{Rule: "claims/forbidden", Severity: lint.Error, Message: "a forbidden claim", Site: lint.Site{Path: "sales/deck.pptx", Loc: "slide 3", Context: "the #1 tool"}},
	}
	return old, CompareCoverage("q3.json", old, c, now)
}

// A count in a message that other files change ("elsewhere in 162
// places") does not make a finding fixed and added; a number in the
// excerpt does.
func TestCompareFindingsNumbers(t *testing.T) {
	f := func(msg, ex string) CoverageJSONFinding {
		return CoverageJSONFinding{Rule: "naming/inconsistent", Path: "a.md", Message: msg, Excerpt: ex}
	}
	added, fixed := compareFindings(
		[]CoverageJSONFinding{f(`"PeopleOps" is written "People Ops" elsewhere in 162 places`, "ask PeopleOps"), f("m", "99.99% uptime")},
		[]CoverageJSONFinding{f(`"PeopleOps" is written "People Ops" elsewhere in 163 places`, "ask PeopleOps"), f("m", "99.9% uptime")})
	require.Equal(t, []CoverageJSONFinding{f("m", "99.9% uptime")}, added)
	require.Equal(t, []CoverageJSONFinding{f("m", "99.99% uptime")}, fixed)
}

func TestCompareCoverageFindings(t *testing.T) {
	_, d := compareFixture(t)
	require.True(t, d.FindingsCompared)
	require.Equal(t, 5, d.OldFindings)
	require.Equal(t, 4, d.NewFindings)
	require.Len(t, d.FindingsAdded, 1)
	require.Equal(t, "Cloud Sync, now with more", d.FindingsAdded[0].Excerpt)
	require.Len(t, d.FindingsFixed, 2)
	require.Equal(t, "claims/unsourced", d.FindingsFixed[0].Rule)
	require.Equal(t, 12, d.FindingsFixed[1].Line, "of two identical findings, one is fixed")

	out, err := json.MarshalIndent(d, "", "  ")
	require.NoError(t, err)
	golden.Check(t, filepath.Join("testdata", "coverage", "compare.json"), append(out, '\n'))
}

// An earlier report without findings (an older msglint's) compares
// assets and gaps, and says findings are not compared.
func TestCompareCoverageWithoutFindings(t *testing.T) {
	old, _ := compareFixture(t)
	old.Findings = nil
	d := CompareCoverage("q3.json", old, coverageFixture(), []lint.Finding{variant("site/pricing.md", 2, "x")})
	require.False(t, d.FindingsCompared)
	require.Empty(t, d.FindingsAdded)
	var b bytes.Buffer
	require.NoError(t, CoverageHTMLMeta(&b, coverageFixture(), &CoverageMeta{Compare: d}))
	require.Contains(t, b.String(), "q3.json holds no findings (written by an earlier msglint): findings added and fixed are not compared.")
	require.NotContains(t, b.String(), "findings added</div>")
}

func TestCompareCoverageHTML(t *testing.T) {
	_, d := compareFixture(t)
	meta := &CoverageMeta{Compare: d, LineAnchors: true, Links: map[string]string{
		"site/pricing.md": "https://example.com/r/site/pricing.md", "site/compare.md": "https://example.com/r/site/compare.md"}}
	var b bytes.Buffer
	require.NoError(t, CoverageHTMLMeta(&b, coverageFixture(), meta))
	out := b.String()
	require.Contains(t, out, `<div class="chip"><b>5 → 4</b>findings</div>`)
	require.Contains(t, out, `<div class="chip warn"><b>1</b>findings added</div>`)
	require.Contains(t, out, `<div class="chip"><b>2</b>findings fixed</div>`)
	require.Contains(t, out, `<h3>Findings added</h3><ul class="findings"><li><span class="sev error">error</span> <code>naming/variant</code> <a href="https://example.com/r/site/pricing.md#L2">site/pricing.md line 2</a>: &#34;Cloud Sync&#34; should be &#34;Acme CloudSync&#34;<q>Cloud Sync, now with more</q></li></ul>`)
	require.Contains(t, out, `<summary>2 findings fixed</summary>`)
	require.Contains(t, out, `<a href="https://example.com/r/site/compare.md">site/compare.md was line 12</a>`, "a fixed finding links to its file, not the old line")
	require.Contains(t, out, `<li>site/compare.md: consideration → <b>decision</b></li>`)
}
