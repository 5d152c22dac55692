package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"html"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/internal/golden"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/rules/coverage"
	"github.com/msglint/msglint/rules/funnel"
)

// coverageFixture is a small corpus: two products, two teams, audiences,
// objections, a gap, an unknown asset and a hostile title.
func coverageFixture() *coverage.Model {
	cfg := config.Default(".")
	cfg.Terms = []config.Term{
		{Name: "Acme CloudSync", Kind: config.KindProduct, ID: "cloudsync"},
		{Name: "Acme Vault", Kind: config.KindProduct, ID: "vault"},
		{Name: "Smart Merge", Kind: config.KindFeature},
		{Name: "sign-up", Kind: config.KindTerm},
	}
	cfg.Teams = map[string][]string{"marketing": {"site/**"}, "sales": {"sales/**"}}
	cfg.TeamOrder = []string{"marketing", "sales"}
	cfg.Audiences = map[string][]string{"smb": {"small business"}, "enterprise": {"enterprise"}}
	cfg.AudienceOrder = []string{"smb", "enterprise"}
	cfg.Objections = map[string][]string{"price": {"pricing"}}
	cfg.ObjectionOrder = []string{"price"}
	cfg.Coverage.Min = 1
	assets := []*funnel.Asset{
		{Path: "sales/deck.pptx", Format: "pptx", Title: "Acme CloudSync for the enterprise", Stage: "decision",
			StageSource: "content", Confidence: 0.71, Evidence: []string{"title: proposal", "body: roi ×2"},
			Team: "sales", Audiences: []string{"enterprise"}, Products: []string{"cloudsync", "vault"}},
		{Path: "sales/notes.md", Format: "markdown", Title: "Call notes", Stage: "unknown", StageSource: "none",
			Evidence: []string{"no stage signal"}, Team: "sales", Products: []string{"cloudsync"}},
		{Path: "site/blog/what-is-sync.md", Format: "markdown", Title: `What is <script>alert("x")</script> sync? | *A* [guide]`,
			Stage: "awareness", StageSource: "path", Confidence: 1, Evidence: []string{"path: site/blog/**"},
			Team: "marketing", Audiences: []string{"smb"}, Products: []string{"cloudsync", "Smart Merge"}},
		{Path: "site/compare.md", Format: "markdown", Title: "Acme CloudSync vs Globex", Stage: "consideration",
			StageSource: "content", Confidence: 0.88, Evidence: []string{"title: vs", "structure: comparison table"},
			Team: "marketing", Products: []string{"cloudsync"}, Objections: []string{"price"}},
		{Path: "site/pricing.md", Format: "markdown", Title: "Pricing", Stage: "decision", StageSource: "frontmatter",
			Confidence: 1, Evidence: []string{"front matter: funnel: BOFU"}, Team: "marketing",
			Audiences: []string{"smb", "enterprise"}, Objections: []string{"price"}, Products: []string{"cloudsync"}},
		{Path: "support/changelog.md", Format: "markdown", Title: "Changelog", Stage: "retention", StageSource: "content",
			Confidence: 0.93, Evidence: []string{"title: changelog"}, Products: []string{"cloudsync"}},
	}
	u := &coverage.Usage{
		Forms: map[string]map[string][]string{
			"sales/deck.pptx":           {"cloudsync": {"Acme CloudSync", "Cloud Sync"}, "vault": {"Acme Vault"}},
			"site/blog/what-is-sync.md": {"cloudsync": {"Acme CloudSync", "CloudSync"}, "Smart Merge": {"Smart Merge"}},
			"site/compare.md":           {"cloudsync": {"<b>CloudSync</b>"}},
		},
		Claims: map[string]map[string][]string{
			"site/pricing.md": {"cloudsync": {"win-rate"}},
			"sales/deck.pptx": {"cloudsync": {"uptime"}},
		},
	}
	return coverage.Build(cfg, assets, 6, 1, u)
}

func TestCoverageModel(t *testing.T) {
	c := coverageFixture()
	require.Equal(t, 1, c.Unknown)
	require.Len(t, c.Products, 3)
	var gaps []string
	for _, g := range c.Gaps {
		gaps = append(gaps, g.Product+"/"+g.Stage+"/"+g.Grade)
	}
	require.Equal(t, []string{"vault/awareness/gap", "vault/consideration/gap", "vault/retention/gap",
		"Smart Merge/consideration/gap", "Smart Merge/decision/gap", "Smart Merge/retention/gap"}, gaps)
	require.Equal(t, map[string][]string{"marketing": {"smb"}, "sales": {}}, c.Alignment.AudiencesOnly)
	cs := c.Alignment.Products[0]
	require.Equal(t, "cloudsync", cs.Product)
	require.Equal(t, map[string][]string{"marketing": {"<b>CloudSync</b>", "CloudSync"}, "sales": {"Cloud Sync"}}, cs.FormsOnly)
	require.Equal(t, map[string][]string{"marketing": {"win-rate"}, "sales": {"uptime"}}, cs.ClaimsOnly)
}

func TestGrade(t *testing.T) {
	for _, tc := range []struct {
		n, min int
		want   string
	}{{0, 1, "gap"}, {1, 1, "adequate"}, {1, 2, "thin"}, {2, 2, "adequate"}, {3, 1, "strong"},
		{4, 1, "strong"}, {5, 1, "crowded"}, {9, 1, "crowded"}, {3, 4, "thin"}, {0, 0, "gap"}} {
		require.Equal(t, tc.want, coverage.Grade(tc.n, tc.min), "%d assets, min %d", tc.n, tc.min)
	}
}

func TestCoverageGolden(t *testing.T) {
	c := coverageFixture()
	for format, file := range map[string]string{"text": "report.txt", "markdown": "report.md", "html": "report.html", "json": "report.json"} {
		t.Run(format, func(t *testing.T) {
			var a, b bytes.Buffer
			require.NoError(t, RenderCoverage(&a, format, c))
			require.NoError(t, RenderCoverage(&b, format, coverageFixture()))
			require.Equal(t, a.String(), b.String(), "output must be deterministic")
			golden.Check(t, filepath.Join("testdata", "coverage", file), a.Bytes())
		})
	}
}

func TestCoverageTextWidth(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, CoverageText(&b, coverageFixture()))
	for i, line := range strings.Split(b.String(), "\n") {
		require.LessOrEqual(t, len([]rune(line)), 80, "line %d is wider than 80 columns: %q", i+1, line)
		require.Equal(t, strings.TrimRight(line, " "), line, "line %d has trailing spaces", i+1)
	}
}

func TestCoverageHTMLEscapes(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, CoverageHTML(&b, coverageFixture()))
	out := b.String()
	require.NotContains(t, out, "<script>alert")
	require.Equal(t, 2, strings.Count(out, "<script"), "the JSON island and the page's own script only")
	require.NotContains(t, out, "<b>CloudSync")
	require.Contains(t, out, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;")
	require.Contains(t, out, `\u003cscript\u003ealert(\"x\")\u003c/script\u003e`, "escaped in the JSON island too")
	require.Contains(t, out, "&lt;b&gt;CloudSync&lt;/b&gt;")
	// self-contained: nothing is fetched
	for _, bad := range []string{"http://", "https://", "<link", "@import", "src=", "url("} {
		require.NotContains(t, out, bad)
	}
}

func TestCoverageMarkdownEscapes(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, CoverageMarkdown(&b, coverageFixture()))
	out := b.String()
	require.NotContains(t, out, "<script")
	require.NotContains(t, out, "<b>")
	require.Contains(t, out, `What is &lt;script&gt;alert("x")&lt;/script&gt; sync? \| \*A\* \[guide\]`)
}

func TestCoverageJSONSchema(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, CoverageJSON(&b, coverageFixture()))
	var doc map[string]any
	require.NoError(t, json.Unmarshal(b.Bytes(), &doc))
	keys := []string{}
	for k := range doc {
		keys = append(keys, k)
	}
	require.ElementsMatch(t, []string{"version", "assets", "matrices", "gaps", "alignment", "findings"}, keys)
	require.Equal(t, []any{}, doc["findings"], "no finding: []")
	m := doc["matrices"].(map[string]any)
	require.ElementsMatch(t, []string{"product_stage", "audience_stage", "objection_stage"}, mapKeys(m))
	ps := m["product_stage"].(map[string]any)["vault"].(map[string]any)
	require.Equal(t, []any{}, ps["awareness"], "empty cells are []")
	al := doc["alignment"].(map[string]any)
	require.ElementsMatch(t, []string{"audiences_only", "products"}, mapKeys(al))
	p := al["products"].(map[string]any)["cloudsync"].(map[string]any)
	require.ElementsMatch(t, []string{"claims_only", "forms_only"}, mapKeys(p))
}

// The JSON lists the findings, each with the excerpt --compare keys it by.
func TestCoverageJSONFindings(t *testing.T) {
	var b bytes.Buffer
	meta := &CoverageMeta{Findings: []lint.Finding{{Rule: "naming/variant", Severity: lint.Error, Message: "m",
		Site: lint.Site{Path: "site/pricing.md", Line: 4, Col: 2, Match: "Cloud Sync", Context: "Try Cloud Sync"}}}}
	require.NoError(t, RenderCoverageMeta(&b, "json", coverageFixture(), meta))
	var doc struct{ Findings []map[string]any }
	require.NoError(t, json.Unmarshal(b.Bytes(), &doc))
	require.Equal(t, []map[string]any{{"rule": "naming/variant", "severity": "error", "path": "site/pricing.md", "line": 4.0,
		"message": "m", "excerpt": "Try Cloud Sync"}}, doc.Findings)
}

func mapKeys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// The Content-Security-Policy names the sha256 of the page's one script
// and one style, byte for byte, and allows nothing else to run or load.
func TestCoverageHTMLCSP(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, CoverageHTML(&b, coverageFixture()))
	out := b.String()
	csp := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]+)">`).FindStringSubmatch(out)
	require.NotNil(t, csp)
	policy := html.UnescapeString(csp[1])
	script := regexp.MustCompile(`(?s)<script>(.*?)</script>`).FindAllStringSubmatch(out, -1)
	require.Len(t, script, 1, "one inline script")
	style := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindAllStringSubmatch(out, -1)
	require.Len(t, style, 1, "one inline style")
	hash := func(s string) string {
		h := sha256.Sum256([]byte(s))
		return "'sha256-" + base64.StdEncoding.EncodeToString(h[:]) + "'"
	}
	require.Contains(t, policy, "script-src "+hash(script[0][1])+";")
	require.Contains(t, policy, "style-src "+hash(style[0][1])+";")
	require.True(t, strings.HasPrefix(policy, "default-src 'none';"))
	require.NotContains(t, policy, "unsafe")
	require.NotContains(t, out, ` style="`, "inline style attributes would be blocked")
	require.NotContains(t, out, ` on`+`click=`)
}

// Findings are grouped per asset and family in the static list, with
// their excerpts; with a link base they link to their line.
func TestCoverageHTMLFindings(t *testing.T) {
	meta := &CoverageMeta{
		Links:       map[string]string{"site/pricing.md": "https://example.com/r/site/pricing.md"},
		LineAnchors: true,
		Findings: []lint.Finding{
			{Rule: "naming/variant", Severity: lint.Error, Message: `"Cloud Sync" should be "Acme CloudSync"`,
				Site: lint.Site{Path: "site/pricing.md", Line: 4, Context: "Try <b>Cloud Sync</b> today"}},
			{Rule: "claims/unsourced", Severity: lint.Warning, Message: "a figure without a source",
				Site: lint.Site{Path: "site/pricing.md", Line: 9, LineText: "38% faster"}},
			{Rule: "coverage/gap", Severity: lint.Warning, Message: "coverage gap",
				Site: lint.Site{Path: "msglint.yaml", Line: 3}},
		},
	}
	var b bytes.Buffer
	require.NoError(t, CoverageHTMLMeta(&b, coverageFixture(), meta))
	out := b.String()
	require.Contains(t, out, `<a href="https://example.com/r/site/pricing.md">site/pricing.md</a>`)
	require.Contains(t, out, `<a href="https://example.com/r/site/pricing.md#L4">line 4</a>`)
	require.Contains(t, out, `<q>Try &lt;b&gt;Cloud Sync&lt;/b&gt; today</q>`)
	require.Contains(t, out, `<div class="fam">claims</div>`)
	require.Contains(t, out, "Findings on the configuration")
	require.Regexp(t, `<tr><td>naming</td><td>1</td><td>0</td><td>0</td><td>1</td></tr>`, out)
}

func TestCutAround(t *testing.T) {
	require.Equal(t, "…ef MATCH gh…", cutAround("abcdef MATCH ghijkl", "MATCH", 11))
	require.Equal(t, "abcdefghij…", cutAround("abcdefghijklmnop", "", 10))
	require.Equal(t, "…lmnop", cutAround("abcdefghijklmnop", "op", 5))
	require.Equal(t, "…é…", cutAround("aaéaa", "é", 1), "rune boundaries are kept")
}

// The stage distribution per team is an inline SVG with one bar per team
// (and one for the assets of no team).
func TestCoverageHTMLTeamChart(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, CoverageHTML(&b, coverageFixture()))
	out := b.String()
	require.Contains(t, out, `<h2>Stages per team</h2>`)
	require.Contains(t, out, `<title>sales: 1 unknown (50%)</title>`)
	require.Contains(t, out, `<title>marketing: 1 awareness (33%)</title>`)
	require.Contains(t, out, `<text x="0" y="`+"1"+`15">no team (1)</text>`)
}
