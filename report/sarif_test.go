package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/internal/golden"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/driver"
	"github.com/msglint/msglint/rules/funnel"
)

// ciFixture is a hand-built result for the CI formats' golden tests: text
// and office findings, exact and advisory fixes, related locations, a
// finding spanning two lines, multi-byte text before a match, a rule the
// metadata does not list, two identical findings, and the characters the
// formats must escape (% : , newlines <&>"') in messages and paths.
func ciFixture() (*driver.Result, *Meta) {
	variant := &lint.Rule{Name: "naming/variant", Summary: "a declared variant of a term",
		Doc: "Flags a declared variant (\"CloudSync\") and suggests the canonical form.",
		Bad: "Try CloudSync <today>", Good: "Try Acme CloudSync today", Default: lint.Error, Fix: lint.FixSafe}
	forbidden := &lint.Rule{Name: "claims/forbidden", Summary: "a forbidden phrase or pattern",
		Doc: "Flags phrases the config forbids & superlatives.", Default: lint.Error}
	gap := &lint.Rule{Name: "coverage/gap", Summary: "a product x stage cell with too few assets",
		Doc: "Located at the product's line in the config.", Default: lint.Warning}
	odd := "site/100% sure, really: <yes> & \"no\".md"
	line3 := "Dès — naïve 😀 CloudSync: 40%, \"fast\" & <easy>"
	// rune columns of "CloudSync" in line3
	col := len([]rune("Dès — naïve 😀 ")) + 1
	res := &driver.Result{
		Files: 5, Skipped: 1, Duration: 1500 * time.Millisecond,
		Analyses: withAssets([]*funnel.Asset{
			{Path: "blog/clean.md", Format: "markdown"},
			{Path: "sales/deck <&>.pptx", Format: "pptx"},
			{Path: odd, Format: "markdown"},
		}),
		Findings: []lint.Finding{
			{Rule: "input/unreadable", Severity: lint.Error, Message: "zip: not a valid zip file",
				Site: lint.Site{Path: "broken.docx", Line: 1}},
			{Rule: "coverage/gap", Severity: lint.Warning, Message: "no decision-stage asset for \"cloudsync\"",
				Site: lint.Site{Path: "msglint.yaml", Line: 7, Col: 5}},
			{Rule: "claims/forbidden", Severity: lint.Error, Message: "\"best-in-class\": Superlative without substantiation.",
				Site: lint.Site{Path: "sales/deck <&>.pptx", Line: 1, Loc: "slide 4 notes", Match: "best-in-class",
					Context: "our best-in-class sync"},
				Related: []lint.Site{{Path: odd, Line: 3, Col: col, Match: "CloudSync"}}},
			{Rule: "naming/variant", Severity: lint.Error,
				Message: "\"CloudSync\" should be \"Acme CloudSync\" (100%, 2x: <&>\"'),\nsee glossary",
				Site: lint.Site{Path: odd, Line: 3, Col: col, EndLine: 3, EndCol: col + 9, Match: "CloudSync",
					Context: "naïve 😀 CloudSync: 40%", LineText: line3, SrcStart: 40, SrcEnd: 49, Exact: true},
				Fix:     &lint.Fix{Replacement: "Acme CloudSync", Start: 40, End: 49},
				Related: []lint.Site{{Path: "sales/deck <&>.pptx", Line: 1, Loc: "slide 2", Match: "Cloud Sync"}}},
			{Rule: "naming/variant", Severity: lint.Error, Message: "\"Acme\\nCloud Sync\" should be \"Acme CloudSync\"",
				Site: lint.Site{Path: odd, Line: 5, Col: 10, EndLine: 6, EndCol: 11, Match: "Acme\nCloud Sync",
					Context: "we use Acme Cloud Sync daily", LineText: "We use it Acme", SrcStart: 80, SrcEnd: 95, Exact: true},
				Fix: &lint.Fix{Replacement: "Acme CloudSync", Start: 80, End: 95}},
			{Rule: "naming/variant", Severity: lint.Warning, Message: "advisory fix only",
				Site: lint.Site{Path: odd, Line: 8, Col: 1, EndLine: 8, EndCol: 10, Match: "CloudSync",
					Context: "CloudSync again", LineText: "CloudSync again"},
				Fix: &lint.Fix{Replacement: "Acme CloudSync", Start: -1, End: -1}},
			{Rule: "funnel/unknown", Severity: lint.Info, Message: "stage unknown",
				Site: lint.Site{Path: odd, Line: 9, Col: 1, EndLine: 9, EndCol: 4, Match: "Hmm", Context: "Hmm", LineText: "Hmm"}},
			{Rule: "funnel/unknown", Severity: lint.Info, Message: "stage unknown",
				Site: lint.Site{Path: odd, Line: 12, Col: 1, EndLine: 12, EndCol: 4, Match: "Hmm", Context: "Hmm", LineText: "Hmm"}},
		},
	}
	meta := &Meta{ToolName: "msglint", ToolVersion: "0.1.0", Rules: []*lint.Rule{variant, forbidden, gap}}
	return res, meta
}

func render(t *testing.T, f ReporterFunc, res *driver.Result, meta *Meta) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, f(&buf, res, meta))
	return buf.Bytes()
}

func TestSARIFGolden(t *testing.T) {
	res, meta := ciFixture()
	out := render(t, SARIF, res, meta)
	golden.Check(t, filepath.Join("testdata", "sarif", "ci.sarif"), out)
}

func TestSARIFEmpty(t *testing.T) {
	out := render(t, SARIF, &driver.Result{}, &Meta{ToolName: "msglint", ToolVersion: "0.1.0"})
	validateSARIF(t, out)
	golden.Check(t, filepath.Join("testdata", "sarif", "empty.sarif"), out)
}

func TestSARIFSchema(t *testing.T) {
	res, meta := ciFixture()
	meta.Root = "/work/repo with space/site#1"
	out := render(t, SARIF, res, meta)
	validateSARIF(t, out)
}

// TestSARIFSchemaRejects guards the validation itself: a broken log must fail.
func TestSARIFSchemaRejects(t *testing.T) {
	sch := sarifSchema(t)
	for _, bad := range []string{
		`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"level":"fatal"}]}]}`,
		`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"columnKind":"bytes"}]}`,
		`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"locations":[{"physicalLocation":{"region":{"startLine":0}}}]}]}]}`,
	} {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		require.NoError(t, err)
		require.Error(t, sch.Validate(inst), bad)
	}
}

func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "schema", "sarif-schema-2.1.0.json"))
	require.NoError(t, err)
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	require.NoError(t, c.AddResource(url, doc))
	sch, err := c.Compile(url)
	require.NoError(t, err)
	return sch
}

func validateSARIF(t *testing.T, out []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	require.NoError(t, err)
	require.NoError(t, sarifSchema(t).Validate(inst))
}

// TestSARIFContent checks what GitHub code scanning relies on.
func TestSARIFContent(t *testing.T) {
	res, meta := ciFixture()
	var log struct {
		Runs []struct {
			ColumnKind string `json:"columnKind"`
			Tool       struct {
				Driver struct {
					Rules []struct {
						ID      string `json:"id"`
						HelpURI string `json:"helpUri"`
						Help    struct{ Text string }
					}
				}
			}
			Results []struct {
				RuleID    string
				RuleIndex int
				Level     string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn, EndLine, EndColumn int }
					}
					LogicalLocations []struct{ Name string }
				}
				PartialFingerprints map[string]string
				Fixes               []json.RawMessage
			}
		}
	}
	require.NoError(t, json.Unmarshal(render(t, SARIF, res, meta), &log))
	run := log.Runs[0]
	require.Equal(t, "unicodeCodePoints", run.ColumnKind)
	rules := run.Tool.Driver.Rules
	require.Len(t, rules, 5) // 3 known + funnel/unknown + input/unreadable
	for _, r := range run.Results {
		require.Equal(t, r.RuleID, rules[r.RuleIndex].ID)
	}
	require.Contains(t, rules[0].Help.Text, "Good:")
	require.Equal(t, "https://github.com/msglint/msglint/blob/main/docs/rules.md#namingvariant", rules[0].HelpURI)
	// office finding: line 1 plus a logical location
	office := run.Results[2]
	require.Equal(t, "claims/forbidden", office.RuleID)
	require.Equal(t, "sales/deck%20%3C&%3E.pptx", office.Locations[0].PhysicalLocation.ArtifactLocation.URI)
	require.Equal(t, 1, office.Locations[0].PhysicalLocation.Region.StartLine)
	require.Equal(t, "slide 4 notes", office.Locations[0].LogicalLocations[0].Name)
	require.Equal(t, "note", run.Results[6].Level)
	// exact fixes only
	require.Len(t, run.Results[3].Fixes, 1)
	require.Len(t, run.Results[4].Fixes, 1)
	require.Empty(t, run.Results[5].Fixes)
	// identical findings get distinct fingerprints, independent of lines
	f6, f7 := run.Results[6].PartialFingerprints[fingerprintKey], run.Results[7].PartialFingerprints[fingerprintKey]
	require.NotEqual(t, f6, f7)
	require.Equal(t, strings.TrimSuffix(f6, ":1"), strings.TrimSuffix(f7, ":2"))

	// moving a finding to another line keeps its fingerprint
	moved, _ := ciFixture()
	moved.Findings[3].Line, moved.Findings[3].EndLine = 30, 30
	var log2 struct {
		Runs []struct {
			Results []struct{ PartialFingerprints map[string]string }
		}
	}
	require.NoError(t, json.Unmarshal(render(t, SARIF, moved, meta), &log2))
	require.Equal(t, run.Results[3].PartialFingerprints, log2.Runs[0].Results[3].PartialFingerprints)
}

func TestPathURI(t *testing.T) {
	for in, want := range map[string]string{
		"site/a.md":   "site/a.md",
		"a b/100%.md": "a%20b/100%25.md",
		"c:d/e.md":    "./c:d/e.md",
		"x/c:d.md":    "x/c:d.md",
		"q?#.md":      "q%3F%23.md",
		"docs/ünï.md": "docs/%C3%BCn%C3%AF.md",
	} {
		require.Equal(t, want, pathURI(in), in)
	}
	require.Equal(t, "file:///work/a%20b/", dirURI("/work/a b"))
}

// withAssets is a run's results holding assets as the funnel stages.
func withAssets(assets []*funnel.Asset) *lint.Results {
	r := lint.NewResults()
	lint.SetCorpusResult(r, funnel.Stages, assets)
	return r
}
