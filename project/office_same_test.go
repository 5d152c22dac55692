package project

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/internal/officegen"
)

// TestOfficeSameFindings is issue 5's acceptance test: the same content
// saved as PPTX and ODP (and as DOCX and ODT) gives the same findings,
// rule for rule and location for location.
func TestOfficeSameFindings(t *testing.T) {
	dir := t.TempDir()
	cfg := `version: 1
terms:
  - name: Acme CloudSync
    kind: product
    variants: [CloudSync]
    trademark: "®"
claims:
  - id: win-rate
    text: 38% higher win rates
    pattern: '(\d+)\s*% higher win rates'
    value: 38
    citation: required
rules: {funnel: off, coverage: off}
`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "msglint.yaml"), []byte(cfg), 0o644))
	build := map[string]func() ([]byte, error){
		"deck.pptx": func() ([]byte, error) { return officegen.PPTX(officegen.FixtureDeck) },
		"deck.odp":  func() ([]byte, error) { return officegen.ODP(officegen.FixtureDeck) },
		"doc.docx":  func() ([]byte, error) { return officegen.DOCX(officegen.FixtureDoc) },
		"doc.odt":   func() ([]byte, error) { return officegen.ODT(officegen.FixtureDoc) },
	}
	for name, f := range build {
		b, err := f()
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, 0o644))
	}
	p, err := Load(dir, "")
	require.NoError(t, err)
	res, err := p.Run(Options{Paths: []string{dir}, Today: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)})
	require.NoError(t, err)
	byFile := map[string][]string{}
	for _, d := range res.Findings {
		if d.Rule == "naming/inconsistent" {
			continue // corpus-wide: sees both copies at once
		}
		byFile[d.Path] = append(byFile[d.Path], fmt.Sprintf("%s @%s %q: %s", d.Rule, d.Loc, d.Match, d.Message))
	}
	for _, pair := range [][2]string{{"deck.pptx", "deck.odp"}, {"doc.docx", "doc.odt"}} {
		a, b := byFile[pair[0]], byFile[pair[1]]
		assert.NotEmpty(t, a, "%s has findings", pair[0])
		t.Logf("%s: %d findings:\n%s", pair[0], len(a), strings.Join(a, "\n"))
		assert.Equal(t, strings.Join(a, "\n"), strings.Join(b, "\n"), "%s vs %s", pair[0], pair[1])
	}
}
