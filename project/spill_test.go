package project

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/project/driver"
)

// TestSpillToFile: with chunks small enough that every value the funnel
// tagger and naming/inconsistent keep goes to the spill's file, a run
// gives the result of a run that keeps them in memory, byte for byte, on
// a corpus where the in-repo learning decides stages and names are
// inconsistent; the file is gone after the run.
func TestSpillToFile(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "../rules/funnel/train/written", dir)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "msglint.yaml"), []byte("version: 1\nterms:\n  - name: Acme Vault\n    kind: product\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.md"), []byte("# Notes\n\nThe Chalkline team and the chalkline team met.\n"), 0o644))
	p, err := Load(dir, "")
	require.NoError(t, err)
	opt := Options{Paths: []string{dir}, Today: cacheDay, Scoped: true}

	defer func(d string, c int) { spillDir, spillChunk = d, c }(spillDir, spillChunk)
	spillChunk = 1 << 30 // one chunk: memory only
	res, err := p.Run(opt)
	require.NoError(t, err)
	want := jsonOf(t, res)
	require.Contains(t, want, " of this repo", "in-repo learning decided stages")
	require.Contains(t, want, "naming/inconsistent")

	spillDir, spillChunk = t.TempDir(), 64
	r, err := p.prepare(opt, true)
	require.NoError(t, err)
	got := driver.Run(r.inputs, r.dopt)
	assert.Positive(t, r.dopt.Env.Spill.InFile(), "values went to the file")
	r.close()
	got.Skipped = r.skipped
	p.configLines(got.Findings)
	assert.Equal(t, want, jsonOf(t, got))
	left, err := os.ReadDir(spillDir)
	require.NoError(t, err)
	assert.Empty(t, left, "no spill file left behind")
}
