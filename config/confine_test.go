package config

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// secret is a line no error may ever show.
const secret = "extraheader = AUTHORIZATION: basic c2VjcmV0"

// repo makes a git-like work tree (a .git folder, no git needed) holding
// .git/config with a secret, and a folder outside it with secrets of its
// own; it returns both, links resolved.
func repo(t *testing.T) (root, outside string) {
	t.Helper()
	base, err := filepath.EvalSymlinks(t.TempDir())
	require.NoError(t, err)
	root = filepath.Join(base, "repo")
	outside = filepath.Join(base, "outside")
	for _, d := range []string{filepath.Join(root, ".git"), filepath.Join(root, "site"), outside} {
		require.NoError(t, os.MkdirAll(d, 0o755))
	}
	wr(t, filepath.Join(root, ".git", "config"), "[core]\n\trepositoryformatversion = 0\n[http \"https://github.com/\"]\n\t"+secret+"\n")
	wr(t, filepath.Join(outside, "passwd"), "root:x:0:0:root:/root:/bin/bash\n"+secret+"\n")
	wr(t, filepath.Join(outside, "creds.json"), `{"type": "service_account", "private_key": "`+secret+`"}`+"\n")
	wr(t, filepath.Join(outside, "base.yaml"), "version: 1\nrules: {claims: off}\n")
	return root, outside
}

func wr(t *testing.T, p, s string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte(s), 0o644))
}

func loadIn(t *testing.T, root, cfg string, opts LoadOptions) error {
	t.Helper()
	if opts.Root == "" {
		r, err := RepoRoot(cfg)
		require.NoError(t, err)
		require.Equal(t, root, r)
		opts.Root = r
	}
	_, err := Load(cfg, opts)
	return err
}

func TestRepoRoot(t *testing.T) {
	root, outside := repo(t)
	r, err := RepoRoot(filepath.Join(root, "site", "msglint.yaml"))
	require.NoError(t, err)
	assert.Equal(t, root, r, "the git top, found from a subfolder")
	r, err = RepoRoot(filepath.Join(outside, "msglint.yaml"))
	require.NoError(t, err)
	assert.Equal(t, outside, r, "not in git: the config's folder")
	// a .git file (worktrees, submodules) marks the top too
	wt := filepath.Join(outside, "wt")
	wr(t, filepath.Join(wt, ".git"), "gitdir: /elsewhere\n")
	r, err = RepoRoot(filepath.Join(wt, "a", "msglint.yaml"))
	require.NoError(t, err)
	assert.Equal(t, wt, r)
}

// Files a config names must stay in the repository, and a file that is not
// a msglint config is named, never quoted.
func TestConfineAndNeverQuote(t *testing.T) {
	root, outside := repo(t)
	cfg := filepath.Join(root, "msglint.yaml")
	tests := []struct {
		name, body string
		want       string // in the error
	}{
		{"extends .git/config", "version: 1\nextends: [.git/config]\n", `extends file "` + filepath.Join(root, ".git/config") + `" is inside a .git folder`},
		{"glossary /etc/passwd-like", "version: 1\nglossary: [" + filepath.Join(outside, "passwd") + "]\n", `glossary file "` + filepath.Join(outside, "passwd") + `" is outside the repository ` + root},
		{"extends outside by ..", "version: 1\nextends: [../outside/base.yaml]\n", "is outside the repository"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wr(t, cfg, tt.body)
			err := loadIn(t, root, cfg, LoadOptions{})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), "--allow-outside-config")
			assert.NotContains(t, err.Error(), secret)
			assert.NotContains(t, err.Error(), "root:x")
		})
	}

	// Allowed outside, the files are read, but those that are not msglint
	// configs are named and nothing of them is shown.
	for _, target := range []string{filepath.Join(root, ".git", "config"), filepath.Join(outside, "passwd"), filepath.Join(outside, "creds.json")} {
		for _, key := range []string{"extends", "glossary"} {
			t.Run("allowed "+key+" "+filepath.Base(target), func(t *testing.T) {
				wr(t, cfg, fmt.Sprintf("version: 1\n%s: [%s]\n", key, target))
				_, err := Load(cfg, LoadOptions{})
				require.Error(t, err)
				assert.Equal(t, fmt.Sprintf("%s:2:%d: %s file %q: not a msglint config\n    %s: [%s]\n    %s^",
					cfg, len(key)+4, key, target, key, target, spaces(len(key)+3)), err.Error())
			})
		}
	}
	// a real config outside is fine once allowed
	wr(t, cfg, "version: 1\nextends: [../outside/base.yaml]\n")
	_, err := Load(cfg, LoadOptions{})
	require.NoError(t, err)
}

func spaces(n int) string { return fmt.Sprintf("%*s", n, "") }

// A msglint.yaml that is a symbolic link is judged by where it leads.
func TestConfineSymlinkedConfig(t *testing.T) {
	root, outside := repo(t)
	cfg := filepath.Join(root, "msglint.yaml")
	require.NoError(t, os.Symlink(filepath.Join(outside, "passwd"), cfg))
	err := loadIn(t, root, cfg, LoadOptions{})
	require.Error(t, err)
	assert.Equal(t, cfg+": config file resolves to "+filepath.Join(outside, "passwd")+", outside the repository "+root+" (use --allow-outside-config to allow it)", err.Error())

	// named by absolute path on the command line, or allowed: read, but
	// still not quoted
	for _, opts := range []LoadOptions{{Root: root, MainOutside: true}, {}} {
		_, err = Load(cfg, opts)
		require.Error(t, err)
		assert.Equal(t, cfg+": not a msglint config", err.Error())
	}

	// a link to .git/config, inside the repository
	require.NoError(t, os.Remove(cfg))
	require.NoError(t, os.Symlink(filepath.Join(root, ".git", "config"), cfg))
	err = loadIn(t, root, cfg, LoadOptions{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "inside a .git folder")
	_, err = Load(cfg, LoadOptions{})
	require.Error(t, err)
	assert.Equal(t, cfg+": not a msglint config", err.Error())

	// a link to a real config in the repository is fine, and its errors
	// are shown as usual
	require.NoError(t, os.Remove(cfg))
	wr(t, filepath.Join(root, "conf", "real.yaml"), "version: 1\nrulez: {}\n")
	require.NoError(t, os.Symlink(filepath.Join("conf", "real.yaml"), cfg))
	err = loadIn(t, root, cfg, LoadOptions{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown key "rulez" (did you mean "rules"?)`+"\n    rulez: {}")
}

// The main config, a regular file, keeps its quoted errors (YAML syntax
// included): it is the file the user edits.
func TestMainConfigStillQuoted(t *testing.T) {
	root, _ := repo(t)
	cfg := filepath.Join(root, "msglint.yaml")
	wr(t, cfg, "version: 1\nterms: [a, b\ncoverage: {}\n")
	err := loadIn(t, root, cfg, LoadOptions{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "invalid YAML")
	assert.Contains(t, err.Error(), "\n    coverage: {}")
	wr(t, cfg, "version: 1\nsecret: value\n")
	err = loadIn(t, root, cfg, LoadOptions{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "\n    secret: value")
}

func TestLooksLikeConfig(t *testing.T) {
	for src, want := range map[string]bool{
		"":                                  true,
		"# nothing\n":                       true,
		"version: 1\n":                      true,
		"version: 1\nrulez: {}\n":           true, // a misspelling: the user's config
		"<<: {version: 1}\nterms: []\n":     true,
		"root:x:0:0:root:/root:/bin/bash\n": false,
		"[core]\n\tbare = false\n":          false,
		"- a\n- b\n":                        false,
		"version: '3'\nservices: {}\n":      false, // docker compose
		`{"type": "service_account"}`:       false,
		"token: abc\n":                      false,
		"terms: [\n":                        false,
	} {
		assert.Equal(t, want, looksLikeConfig([]byte(src), configKeys), "%q", src)
	}
	assert.True(t, looksLikeConfig([]byte("terms: []\n"), glossaryKeys))
	assert.False(t, looksLikeConfig([]byte("version: 1\n"), glossaryKeys))
}

// Each file extends the next three times, 13 files deep: each file is read
// and merged once, so the load is instant, not 3^13 reads.
func TestExtendsFanOutIsLinear(t *testing.T) {
	dir := t.TempDir()
	const n = 13
	for i := range n {
		body := fmt.Sprintf("version: 1\nforbidden: [{phrase: word%d}]\n", i)
		if i < n-1 {
			next := fmt.Sprintf("c%d.yaml", i+1)
			body += fmt.Sprintf("extends: [%s, ./%s, %s]\n", next, next, filepath.Join(dir, next))
		}
		wr(t, filepath.Join(dir, fmt.Sprintf("c%d.yaml", i)), body)
	}
	start := time.Now()
	c, err := Load(filepath.Join(dir, "c0.yaml"), LoadOptions{Root: dir})
	require.NoError(t, err)
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Len(t, c.Forbidden, n, "each file merged once")
	assert.Len(t, c.Files, n)
	assert.Len(t, c.Extends, n-1)
}

func TestExtendsFileCountBounded(t *testing.T) {
	dir := t.TempDir()
	var list string
	for i := range maxConfigFiles + 5 {
		wr(t, filepath.Join(dir, fmt.Sprintf("x%d.yaml", i)), "version: 1\n")
		list += fmt.Sprintf("x%d.yaml, ", i)
	}
	wr(t, filepath.Join(dir, "msglint.yaml"), "version: 1\nextends: ["+list+"]\n")
	_, err := Load(filepath.Join(dir, "msglint.yaml"), LoadOptions{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), fmt.Sprintf("extends reaches more than %d config files", maxConfigFiles))
}

func TestEmptyStages(t *testing.T) {
	for _, src := range []string{"funnel:\n  stages:", "funnel:\n  stages: []\n", "funnel: {stages: ~}\n"} {
		_, err := Parse("m.yaml", []byte(src), LoadOptions{})
		require.Error(t, err, "%q", src)
		var e *Error
		require.ErrorAs(t, err, &e)
		assert.Positive(t, e.Line, "%q", src)
		assert.Positive(t, e.Col, "%q", src)
		assert.Contains(t, e.Msg, `"stages": at least one stage is required (leave the key out for the default stages: awareness, consideration, decision, retention)`)
	}
	c, err := Parse("m.yaml", []byte("funnel: {}\n"), LoadOptions{})
	require.NoError(t, err)
	assert.Equal(t, DefaultStages, c.Funnel.Stages)
}
