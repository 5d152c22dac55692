package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/driver"
)

// The config lies in /repo/content; paths inside a run are relative to it.
func TestPathsShow(t *testing.T) {
	for _, tc := range []struct {
		name, cwd, path, want string
	}{
		{"config folder", "/repo/content", "site/page.md", "site/page.md"},
		{"config folder, outside file", "/repo/content", "/repo/other/x.md", "../other/x.md"},
		{"repository root", "/repo", "site/page.md", "content/site/page.md"},
		{"repository root, config file", "/repo", "msglint.yaml", "content/msglint.yaml"},
		{"above the repository", "/", "site/page.md", "repo/content/site/page.md"},
		{"subfolder", "/repo/content/site", "site/page.md", "page.md"},
		{"subfolder, beside", "/repo/content/site", "blog/post.md", "../blog/post.md"},
		{"subfolder, config file", "/repo/content/site", "msglint.yaml", "../msglint.yaml"},
		{"deeper subfolder", "/repo/content/site/a", "blog/post.md", "../../blog/post.md"},
		{"sideways", "/repo/docs", "site/page.md", "../content/site/page.md"},
		{"unrelated folder: absolute", "/tmp/x", "site/page.md", "/repo/content/site/page.md"},
		{"no file", "/repo", ".", "."},
		{"no path", "/repo", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, NewPaths("/repo/content", tc.cwd, "/repo").Show(tc.path))
		})
	}
	var nilPaths *Paths
	assert.Equal(t, "site/page.md", nilPaths.Show("site/page.md"))
}

func TestPathsRepoAndBase(t *testing.T) {
	p := NewPaths("/repo/content", "/repo/content/site", "/repo")
	for _, tc := range []struct {
		path, want string
		ok         bool
	}{
		{"site/page.md", "content/site/page.md", true},
		{"msglint.yaml", "content/msglint.yaml", true},
		{"/repo/other/x.md", "other/x.md", true},
		{"/elsewhere/x.md", "/elsewhere/x.md", false},
		{".", ".", true},
	} {
		got, ok := p.Repo(tc.path)
		assert.Equal(t, tc.want, got, tc.path)
		assert.Equal(t, tc.ok, ok, tc.path)
	}
	// no repository root: the config's folder
	got, ok := NewPaths("/repo/content", "/", "").Repo("site/page.md")
	assert.Equal(t, "site/page.md", got)
	assert.True(t, ok)

	assert.Equal(t, "site", p.Base())
	assert.Equal(t, "..", NewPaths("/repo/content", "/repo", "").Base())
	assert.Equal(t, "", NewPaths("/repo/content", "/repo/content", "").Base())
	assert.Equal(t, "", (*Paths)(nil).Base())
}

// Every format maps paths through Meta.Paths: the human-facing ones to the
// working folder, SARIF and github to the repository root.
func TestFormatsMapPaths(t *testing.T) {
	res := &driver.Result{Files: 2, Findings: []lint.Finding{
		{Rule: "naming/variant", Severity: lint.Error, Message: "m",
			Site:    lint.Site{Path: "blog/post.md", Line: 1, Col: 1, EndLine: 1, EndCol: 4, Match: "abc", Context: "abc", LineText: "abc"},
			Related: []lint.Site{{Path: "site/page.md", Line: 2, Col: 1}}},
		{Rule: "naming/variant", Severity: lint.Error, Message: "m",
			Site: lint.Site{Path: "site/page.md", Line: 2, Col: 1, EndLine: 2, EndCol: 4, Match: "abc", Context: "abc", LineText: "abc"}},
	}}
	meta := &Meta{ToolName: "msglint", ToolVersion: "0.1.0", Root: "/repo/content",
		Paths: NewPaths("/repo/content", "/repo/content/site", "/repo")}
	for _, tc := range []struct {
		format    string
		want, not []string
	}{
		{"text", []string{"../blog/post.md:1:1:", "also: page.md:2:1", "\npage.md:2:1:"}, []string{"site/"}},
		{"json", []string{`"path_base": "site"`, `"path": "../blog/post.md"`, `"path": "page.md"`}, []string{`"site/`}},
		{"checkstyle", []string{`name="../blog/post.md"`, `name="page.md"`}, []string{`"site/`}},
		{"junit", []string{`name="../blog/post.md"`, "also: page.md:2:1"}, []string{`"site/`}},
		{"codeclimate", []string{`"path": "../blog/post.md"`, `"path": "page.md"`}, []string{`"site/`}},
		{"rdjson", []string{`"path": "../blog/post.md"`, `"path": "page.md"`}, []string{`"site/`}},
		{"github", []string{"file=content/blog/post.md,", "also: content/site/page.md:2:1", "file=content/site/page.md,"}, []string{"file=site/", "file=../"}},
		{"sarif", []string{`"uri": "content/blog/post.md"`, `"uri": "content/site/page.md"`, `"uri": "file:///repo/"`}, []string{`"uri": "site/`, `"uri": "../`}},
	} {
		t.Run(tc.format, func(t *testing.T) {
			rep, err := Get(tc.format)
			require.NoError(t, err)
			var buf bytes.Buffer
			require.NoError(t, rep.Report(&buf, res, meta))
			out := buf.String()
			for _, w := range tc.want {
				assert.Contains(t, out, w)
			}
			for _, n := range tc.not {
				assert.NotContains(t, out, n)
			}
			if strings.HasPrefix(out, "{") || strings.HasPrefix(out, "[") {
				assert.True(t, json.Valid(buf.Bytes()))
			}
		})
	}
}

// Fingerprints are computed on config-relative paths: the same from every
// working folder.
func TestFingerprintsIgnoreWorkingFolder(t *testing.T) {
	res := &driver.Result{Files: 1, Findings: []lint.Finding{{Rule: "naming/variant", Severity: lint.Error, Message: "m",
		Site: lint.Site{Path: "site/page.md", Line: 1, Col: 1, EndLine: 1, EndCol: 4, Match: "abc", Context: "abc"}}}}
	fingerprints := func(format, cwd string) string {
		var buf bytes.Buffer
		rep, err := Get(format)
		require.NoError(t, err)
		require.NoError(t, rep.Report(&buf, res, &Meta{ToolName: "msglint", Paths: NewPaths("/repo/content", cwd, "/repo")}))
		var out []string
		for _, l := range strings.Split(buf.String(), "\n") {
			if strings.Contains(l, "msglintFindingHash") || strings.Contains(l, `"fingerprint"`) {
				out = append(out, strings.TrimSpace(l))
			}
		}
		require.NotEmpty(t, out)
		return strings.Join(out, "\n")
	}
	for _, format := range []string{"sarif", "codeclimate"} {
		want := fingerprints(format, "/repo/content")
		for _, cwd := range []string{"/repo", "/repo/content/site", "/elsewhere"} {
			assert.Equal(t, want, fingerprints(format, cwd), format+" from "+cwd)
		}
	}
}
