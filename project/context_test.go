package project

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestContextFacts: a partial run given the corpus' facts (Options.Facts,
// computed once by ContextFacts) reports what a partial run that reads
// the corpus reports, and does not read the files it has facts for.
func TestContextFacts(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"msglint.yaml": "version: 1\nterms:\n  - name: Acme CloudSync\n",
		"a.md":         "# A\n\nAcme CloudSync cuts sync time by 40%. Acme Cloudsync is fast.\n",
		"b.md":         "# B\n\nAcme CloudSync cuts sync time by 38%.\n",
		"c.md":         "# C\n\nAcme Cloud Sync cuts sync time by 38%.\n",
	} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	p, err := Load(dir, "", dir)
	require.NoError(t, err)
	named := Options{Paths: []string{filepath.Join(dir, "a.md")}, Jobs: 1, Scoped: true}
	want, err := p.Run(named)
	require.NoError(t, err)

	corpus, err := p.Corpus()
	require.NoError(t, err)
	require.Len(t, corpus.Inputs, 3)
	facts, err := p.ContextFacts(corpus.Inputs, Options{Jobs: 2})
	require.NoError(t, err)
	require.Len(t, facts, 3)
	for path, ex := range facts {
		assert.NotNil(t, ex, path)
	}
	named.Facts = facts
	// the facts are used: the files are gone from disk
	require.NoError(t, os.WriteFile(filepath.Join(dir, "b.md"), []byte("gone\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "c.md"), []byte("gone\n"), 0o644))
	got, err := p.Run(named)
	require.NoError(t, err)
	// a file given by its facts is not read: a related site in it has no
	// source line (the file may have changed since, as here); the rest is
	// the same
	for i := range want.Findings {
		for j := range want.Findings[i].Related {
			want.Findings[i].Related[j].LineText = ""
		}
	}
	assert.Equal(t, want.Findings, got.Findings)
	rules := map[string]bool{}
	for _, f := range got.Findings {
		rules[f.Rule] = true
	}
	assert.True(t, rules["consistency/claim-conflict"], "a cross-asset finding from the facts: %v", got.Findings)

	named.Facts = nil // read from disk now: the others agree with nothing
	fresh, err := p.Run(named)
	require.NoError(t, err)
	assert.NotEqual(t, want.Findings, fresh.Findings)
}
