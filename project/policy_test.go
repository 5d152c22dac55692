package project

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/rules/naming"
)

// TestInputDefaultsWithCustomRules: a run with its own rule list (the rule
// test harness, `msglint report`) still reports input/* findings at the
// severities rules/input declares, the only place they are kept.
func TestInputDefaultsWithCustomRules(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "deck.pptx"), []byte("not a zip"), 0o644))
	p, err := Load(dir, "", dir)
	require.NoError(t, err)
	for _, list := range [][]*lint.Rule{nil, {naming.Variant}} {
		res, err := p.Run(Options{Paths: []string{dir}, Jobs: 1, Rules: list})
		require.NoError(t, err)
		var got []lint.Severity
		for _, f := range res.Findings {
			if f.Rule == content.RuleUnreadable {
				got = append(got, f.Severity)
			}
		}
		assert.Equal(t, []lint.Severity{lint.Error}, got)
	}
	assert.Len(t, withInputRules([]*lint.Rule{naming.Variant}), 7)
}
