package project

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestScope: which runs are partial (their PATHs and globs select fewer
// files than the config's corpus), and which read the rest of the corpus
// as context (a cross-asset rule enabled).
func TestScope(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"msglint.yaml":  "version: 1\nexclude: [\"drafts/**\"]\n",
		"docs/a.md":     "Acme.\n",
		"docs/b.md":     "Acme.\n",
		"blog/c.md":     "Acme.\n",
		"drafts/d.md":   "Acme.\n",
		"other/note.md": "Acme.\n",
	} {
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	p, err := Load(dir, "", dir)
	require.NoError(t, err)
	at := func(rel ...string) []string {
		var out []string
		for _, r := range rel {
			out = append(out, filepath.Join(dir, r))
		}
		return out
	}
	for _, tc := range []struct {
		name             string
		paths            []string
		include, exclude []string
		disable          []string
		partial          bool
		files            int
	}{
		{name: "the config's folder", paths: at("."), files: 4},
		{name: "every folder of the corpus", paths: at("docs", "blog", "other"), files: 4},
		{name: "a folder", paths: at("docs"), partial: true, files: 2},
		{name: "one file", paths: at("docs/a.md"), partial: true, files: 1},
		{name: "an excluded file named: still partial", paths: at("drafts/d.md", "docs"), partial: true, files: 3},
		{name: "--include", paths: at("."), include: []string{"docs/**"}, partial: true, files: 2},
		{name: "--exclude", paths: at("."), exclude: []string{"blog/**"}, partial: true, files: 3},
		{name: "--exclude that excludes nothing", paths: at("."), exclude: []string{"none/**"}, files: 4},
		{name: "no cross-asset rule enabled: partial all the same", paths: at("docs/a.md"), partial: true, files: 1,
			disable: []string{"naming/inconsistent", "consistency"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := p.Run(Options{Paths: tc.paths, Include: tc.include, Exclude: tc.exclude, Disable: tc.disable, Jobs: 1, Scoped: true})
			require.NoError(t, err)
			assert.Equal(t, tc.partial, res.Partial)
			assert.Equal(t, tc.files, res.Files)
		})
	}
}
