package discover

import (
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func write(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
}

func known(p string) bool {
	return strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".html")
}

func rels(r *Result) []string {
	var out []string
	for _, f := range r.Files {
		out = append(out, f.Rel)
	}
	return out
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		".gitignore":        "build/\n*.tmp.md\n/top-only.md\n!keep.tmp.md\n",
		"a.md":              "",
		"b/c.md":            "",
		"b/.gitignore":      "local.md\n",
		"b/local.md":        "",
		"b/deep/local.md":   "",
		"build/out.md":      "",
		"x.tmp.md":          "",
		"keep.tmp.md":       "",
		"top-only.md":       "",
		"sub/top-only.md":   "",
		".hidden/h.md":      "",
		".dotfile.md":       "",
		"node_modules/m.md": "",
		"vendor/v.md":       "",
		".git/config.md":    "",
		"drafts/d.md":       "",
		"site/page.html":    "",
		"image.png":         "",
		"notes.yaml":        "",
	})
	require.NoError(t, os.Symlink(filepath.Join(root, "a.md"), filepath.Join(root, "link.md")))

	res, err := Find([]string{root}, Options{Root: root, Known: known})
	require.NoError(t, err)
	assert.Equal(t, []string{"a.md", "b/c.md", "drafts/d.md", "keep.tmp.md", "site/page.html", "sub/top-only.md"}, rels(res))
	// counted: image.png, notes.yaml, link.md (a symlink); hidden files are not
	assert.Equal(t, 3, res.Skipped)

	res, err = Find([]string{root}, Options{Root: root, Known: known, Include: []string{"**/*.md"}, Exclude: []string{"sub/**", "drafts/**"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"a.md", "b/c.md", "keep.tmp.md"}, rels(res))

	// a file named explicitly is checked even when ignored
	res, err = Find([]string{filepath.Join(root, "build/out.md")}, Options{Root: root, Known: known})
	require.NoError(t, err)
	assert.Equal(t, []string{"build/out.md"}, rels(res))

	// a path given twice is listed once
	res, err = Find([]string{root, filepath.Join(root, "a.md")}, Options{Root: root, Known: known})
	require.NoError(t, err)
	assert.Len(t, res.Files, 6)

	_, err = Find([]string{filepath.Join(root, "missing")}, Options{Root: root, Known: known})
	assert.ErrorContains(t, err, "no such file or folder")
}

func TestGitignoreFromWorkTreeTop(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		".gitignore":          "generated/\n",
		".git/HEAD":           "ref: refs/heads/main\n",
		"docs/generated/a.md": "",
		"docs/b.md":           "",
	})
	// walking a subfolder still honours the work tree's top .gitignore
	res, err := Find([]string{filepath.Join(root, "docs")}, Options{Root: root, Known: known})
	require.NoError(t, err)
	assert.Equal(t, []string{"docs/b.md"}, rels(res))
}

// The command line's globs (CwdInclude, CwdExclude) are relative to the
// working folder; the config's stay relative to Root.
func TestFindCwdGlobs(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"content/site/page.md":    "",
		"content/site/a/deep.md":  "",
		"content/blog/post.md":    "",
		"content/drafts/draft.md": "",
	})
	content := filepath.Join(root, "content")
	site := filepath.Join(content, "site")
	for _, tc := range []struct {
		name string
		opt  Options
		want []string
	}{
		{"from a subfolder", Options{Cwd: site, CwdInclude: []string{"*.md"}},
			[]string{"site/page.md"}},
		{"from above", Options{Cwd: root, CwdInclude: []string{"content/blog/**"}},
			[]string{"blog/post.md"}},
		{"exclude from a subfolder", Options{Cwd: site, CwdExclude: []string{"a/**", "../blog/*"}},
			[]string{"drafts/draft.md", "site/page.md"}},
		{"a command-line include replaces the config's", Options{Cwd: site, Include: []string{"blog/**"}, CwdInclude: []string{"**"}},
			[]string{"site/a/deep.md", "site/page.md"}},
		{"the config's exclude still applies", Options{Cwd: root, Exclude: []string{"drafts/**"}, CwdInclude: []string{"content/**"}},
			[]string{"blog/post.md", "site/a/deep.md", "site/page.md"}},
		{"no Cwd: relative to Root", Options{CwdInclude: []string{"site/*.md"}},
			[]string{"site/page.md"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opt.Root, tc.opt.Known = content, known
			res, err := Find([]string{content}, tc.opt)
			require.NoError(t, err)
			assert.Equal(t, tc.want, rels(res))
		})
	}
}

// From a subfolder, "**" means the files below it; a glob that climbs out
// ("../blog/**") names files beside it.
func TestFindCwdGlobsClimbing(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{"site/page.md": "", "blog/post.md": "", "blog/old.md": ""})
	site := filepath.Join(root, "site")
	find := func(include, exclude []string) []string {
		res, err := Find([]string{root}, Options{Root: root, Known: known, Cwd: site, CwdInclude: include, CwdExclude: exclude})
		require.NoError(t, err)
		return rels(res)
	}
	assert.Equal(t, []string{"site/page.md"}, find([]string{"**"}, nil))
	assert.Equal(t, []string{"blog/old.md", "blog/post.md"}, find([]string{"../blog/**"}, nil))
	assert.Equal(t, []string{"blog/post.md", "site/page.md"}, find(nil, []string{"../blog/old.md"}))
	assert.Equal(t, []string{"blog/old.md", "blog/post.md", "site/page.md"}, find(nil, []string{"**/old.md"}))
}

// matchRule's name match for rules without a slash says what matching
// "**/"+pattern against the whole relative path said.
func TestMatchRuleUnanchored(t *testing.T) {
	patterns := []string{"*.log", "build", "drafts", "[._]*", "?.md", "{a,b}*", "*~", "node_modules", "x*y"}
	paths := []string{"a.log", "x/a.log", "x/y/build", "build", "x/build/y.md", "drafts", "content/drafts/a.md",
		".hidden", "x/_tmp", "a.md", "x/b.md", "ab.md", "x/bx", "a~", "x/y/z~", "xay", "q/xy", "q/x/y"}
	for _, p := range patterns {
		for _, rel := range paths {
			want, _ := doublestar.Match(p, path.Base(rel))
			if !want {
				want, _ = doublestar.Match("**/"+p, rel)
			}
			assert.Equal(t, want, matchRule(gitRule{pattern: p}, rel), "%s ~ %s", p, rel)
		}
	}
}
