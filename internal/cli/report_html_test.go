package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// runReport runs `msglint report` in dir with args and returns stdout.
func runReportIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	a := &App{Stdout: &out, Stderr: &errb, Cwd: dir, Now: func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) },
		Getenv: func(string) string { return "" }, IsTerminal: func(io.Writer) bool { return false }}
	code := a.Run(append([]string{"report"}, args...))
	require.Equal(t, 0, code, "stderr: %s", errb.String())
	return out.String()
}

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, s := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(s), 0o644))
	}
}

// island returns the page's JSON island, decoded.
func island(t *testing.T, page string) map[string]any {
	t.Helper()
	m := regexp.MustCompile(`(?s)<script type="application/json" id="msglint-data">(.*?)</script>`).FindStringSubmatch(page)
	require.NotNil(t, m, "no JSON island")
	var d map[string]any
	require.NoError(t, json.Unmarshal([]byte(m[1]), &d))
	return d
}

// The page escapes everything that comes from content: file names,
// titles, front matter, glossary names and text carrying script and
// attribute injections appear nowhere unescaped, in the HTML or in the
// JSON island, and no link is a javascript: URL.
func TestReportHTMLEscapesContent(t *testing.T) {
	payloads := []string{
		`<script>alert(1)</script>`,
		`"><img src=x onerror=alert(2)>`,
		`'><svg onload=alert(3)>`,
		`</script><script>alert(4)</script>`,
		`<!--`,
		`javascript:alert(5)`,
	}
	dir := t.TempDir()
	name := `Acme <svg onload=alert(6)> Sync`
	writeTree(t, dir, map[string]string{
		"msglint.yaml": "version: 1\nterms:\n  - name: \"" + name + "\"\n    kind: product\n    id: evil\n    variants: [\"EvilSync\"]\n" +
			"teams:\n  \"x\\\"><img src=x onerror=alert(7)>\": [\"site/**\"]\n",
		`site/"><img src=x onerror=alert(2)>.md`: "---\ntitle: \"<script>alert(1)</script> and '><svg onload=alert(3)>\"\n" +
			"audience: \"</script><script>alert(4)</script>\"\n---\nWe ship EvilSync to you. <!-- a comment -->\n",
		"site/javascript:alert(5).md":    "# Pricing </script><script>alert(4)</script>\n\nEvilSync costs $9 per month.\n",
		"site/<script>alert(1)</script>": "x",
	})
	out := runReportIn(t, dir, "--today", "2026-01-02", "-f", "html", ".")
	for _, p := range append(payloads, `<svg onload=alert(6)>`, `<img src=x onerror=alert(7)>`) {
		if p == `<!--` || p == `javascript:alert(5)` {
			continue // checked below
		}
		require.NotContains(t, out, p)
	}
	require.Equal(t, 2, strings.Count(out, "<script"), "only the island and the page's script")
	require.Equal(t, 2, strings.Count(out, "</script"))
	require.NotContains(t, out, "<!--")
	require.NotRegexp(t, `(?i)href="\s*javascript:`, out)
	require.Contains(t, out, `href="./site/javascript:alert%285%29.md"`, "a file name never reads as a scheme")
	// the island holds the content, escaped, and decodes to it
	d := island(t, out)
	raw, _ := json.Marshal(d)
	require.Contains(t, string(raw), "EvilSync")
	page := regexp.MustCompile(`(?s)id="msglint-data">(.*?)</script>`).FindStringSubmatch(out)[1]
	for _, c := range []string{"<", ">", "&"} {
		require.NotContains(t, page, c, "the island escapes %q", c)
	}
	require.Contains(t, page, `\u003cscript\u003ealert(1)\u003c/script\u003e`)
}

// Links are relative to the page by default, and to the repository with
// --link-base; findings then link to their line.
func TestReportHTMLLinks(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"msglint.yaml":  "version: 1\nterms:\n  - name: Acme CloudSync\n    kind: product\n    variants: [Cloud Sync]\n",
		"site/a b#1.md": "# Hello\n\nWe sell Cloud Sync.\n",
		"site/plain.md": "# Plain\n",
	})
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "out"), 0o755))
	runReportIn(t, dir, "-f", "html", "-o", "out/page.html", ".")
	b, err := os.ReadFile(filepath.Join(dir, "out", "page.html"))
	require.NoError(t, err)
	require.Contains(t, string(b), `href="../site/a%20b%231.md"`)
	d := island(t, string(b))
	require.Equal(t, false, d["lines"])
	require.Equal(t, "../", d["lp"])
	require.NoError(t, os.Remove(filepath.Join(dir, "out", "page.html"))) // not an asset of the next run

	out := runReportIn(t, dir, "-f", "html", "--link-base", "https://github.com/o/r/blob/abc", ".")
	require.Contains(t, out, `href="https://github.com/o/r/blob/abc/site/a%20b%231.md"`)
	require.Contains(t, out, `href="https://github.com/o/r/blob/abc/site/a%20b%231.md?plain=1#L3"`, "a finding links to its line")
	d = island(t, out)
	require.Equal(t, true, d["lines"])
	require.Equal(t, "https://github.com/o/r/blob/abc/", d["lp"])
	assets := d["assets"].([]any)
	require.Len(t, assets, 2)
	x := assets[0].([]any)[14].([]any)
	require.NotEmpty(t, x, "the asset's findings are in the island")

	var errb bytes.Buffer
	a := &App{Stdout: io.Discard, Stderr: &errb, Cwd: dir, Now: time.Now, Getenv: func(string) string { return "" },
		IsTerminal: func(io.Writer) bool { return false }}
	require.Equal(t, ExitUsage, a.Run([]string{"report", "-f", "html", "--link-base", "javascript:alert(1)//", "."}))
	require.Contains(t, errb.String(), "--link-base must be an http or https URL")
}

// --compare shows what changed since an earlier JSON report.
func TestReportHTMLCompare(t *testing.T) {
	dir := t.TempDir()
	terms := "version: 1\nterms:\n  - name: Acme CloudSync\n    kind: product\n    variants: [CloudSync]\n"
	writeTree(t, dir, map[string]string{
		"msglint.yaml": terms + "funnel:\n  paths:\n    awareness: [\"blog/**\"]\n    decision: [\"pricing/**\"]\n",
		"blog/a.md":    "# A\n\nAcme CloudSync.\n\nTry CloudSync today.\n\nCloudSync, in the old words.\n",
		"pricing/p.md": "# P\n\nAcme CloudSync.\n",
		"blog/gone.md": "# Gone\n",
	})
	old := filepath.Join(t.TempDir(), "old.json")
	runReportIn(t, dir, "-f", "json", "-o", old, ".")
	var doc struct{ Findings []map[string]any }
	b, err := os.ReadFile(old)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &doc))
	require.Len(t, doc.Findings, 4, "the JSON carries the findings (2 variants, 2 gaps): the rules run for it")
	require.NoError(t, os.Remove(filepath.Join(dir, "blog", "gone.md")))
	require.NoError(t, os.Rename(filepath.Join(dir, "pricing", "p.md"), filepath.Join(dir, "blog", "p.md")))
	// lines added above move the kept finding; one fixed, one added
	writeTree(t, dir, map[string]string{
		"msglint.yaml": terms + "funnel:\n  paths:\n    awareness: [\"blog/a.md\"]\n    consideration: [\"blog/p.md\"]\n",
		"blog/a.md":    "# A\n\nA new intro.\n\nAnd more.\n\nAcme CloudSync.\n\nTry CloudSync today.\n\nCloudSync, in new words.\n",
	})
	out := runReportIn(t, dir, "-f", "html", "--compare", old, ".")
	require.Contains(t, out, "<h2>Since "+old+"</h2>")
	require.Contains(t, out, "<h3>Gaps closed</h3>")
	require.Contains(t, out, "<summary>1 asset added</summary><ul class=\"files\"><li>blog/p.md</li>")
	require.Contains(t, out, "<summary>2 assets removed</summary>")
	// the variants: one kept (moved), one fixed, one added; the gaps:
	// consideration closed, decision opened
	require.Contains(t, out, `<b>4 → 4</b>findings`)
	require.Contains(t, out, `<div class="chip warn"><b>2</b>findings added</div>`)
	require.Contains(t, out, `<div class="chip"><b>2</b>findings fixed</div>`)
	added := regexp.MustCompile(`(?s)<h3>Findings added</h3>(.*?)</ul>`).FindStringSubmatch(out)
	require.NotNil(t, added)
	require.Equal(t, 2, strings.Count(added[1], "<li>"))
	require.Regexp(t, `blog/a.md line 11</a>: [^<]*<q>CloudSync, in new words.</q></li>`, added[1])
	require.Contains(t, added[1], "has no decision asset")
	fixed := regexp.MustCompile(`(?s)<summary>2 findings fixed</summary>(.*?)</ul>`).FindStringSubmatch(out)
	require.NotNil(t, fixed)
	require.Regexp(t, `blog/a.md was line 7</a>: [^<]*<q>CloudSync, in the old words.</q></li>`, fixed[1])
	require.Contains(t, fixed[1], "has no consideration asset")
	require.NotContains(t, added[1]+fixed[1], "Try CloudSync today.", "the finding whose line moved is neither added nor fixed")

	var errb bytes.Buffer
	a := &App{Stdout: io.Discard, Stderr: &errb, Cwd: dir, Now: time.Now, Getenv: func(string) string { return "" },
		IsTerminal: func(io.Writer) bool { return false }}
	require.Equal(t, ExitUsage, a.Run([]string{"report", "-f", "text", "--compare", old, "."}))
	require.Equal(t, ExitUsage, a.Run([]string{"report", "-f", "html", "--compare", filepath.Join(dir, "msglint.yaml"), "."}))
}
