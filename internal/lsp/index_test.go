package lsp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// waitProgressEnd reads messages until a $/progress end and returns the
// kinds of the $/progress notifications seen, in order.
func (c *client) waitProgressEnd() []string {
	c.t.Helper()
	var kinds []string
	for {
		m := c.recv()
		if m["method"] != "$/progress" {
			c.held = append(c.held, m)
			continue
		}
		v := m["params"].(map[string]any)["value"].(map[string]any)
		kinds = append(kinds, v["kind"].(string))
		if v["kind"] == "end" {
			return kinds
		}
	}
}

func codes(diags []any) []string {
	var out []string
	for _, d := range diags {
		out = append(out, d.(map[string]any)["code"].(string))
	}
	return out
}

// TestIndex: the workspace is indexed in the background with $/progress;
// a buffer is judged against the index's facts of the other files (not
// the disk: a change nobody reported is not seen), and a reported change
// refreshes the index and lints the open documents again.
func TestIndex(t *testing.T) {
	dir := writeProject(t)
	b := filepath.Join(dir, "b.md")
	require.NoError(t, os.WriteFile(b, []byte("# B\n\nAcme CloudSync cuts sync time by 38%.\n"), 0o644))
	c := startServer(t, -1)
	c.request("initialize", map[string]any{"rootUri": fileURI(dir),
		"capabilities": map[string]any{"window": map[string]any{"workDoneProgress": true}}})
	c.notify("initialized", map[string]any{})
	kinds := c.waitProgressEnd()
	require.GreaterOrEqual(t, len(kinds), 3)
	assert.Equal(t, "begin", kinds[0])
	assert.Equal(t, "report", kinds[1])
	assert.Equal(t, "end", kinds[len(kinds)-1])

	uri := fileURI(filepath.Join(dir, "a.md"))
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "markdown", "version": 1,
		"text": "# A\n\nAcme CloudSync cuts sync time by 40%.\n"}})
	diags := c.diagnostics(uri, 1)
	require.Contains(t, codes(diags), "consistency/claim-conflict")
	for _, d := range diags {
		if d := d.(map[string]any); d["code"] == "consistency/claim-conflict" {
			assert.Contains(t, asJSON(d["relatedInformation"]), fileURI(b))
		}
	}

	// b.md now agrees, on disk, with its size and time unchanged: until
	// the client says so, the index holds its old facts
	fi, err := os.Stat(b)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(b, []byte("# B\n\nAcme CloudSync cuts sync time by 40%.\n"), 0o644))
	require.NoError(t, os.Chtimes(b, fi.ModTime(), fi.ModTime()))
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"range": rng(2, 0, 2, 0), "text": "Hello.\n"}}})
	assert.Contains(t, codes(c.diagnostics(uri, 2)), "consistency/claim-conflict")

	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": fileURI(b), "type": 2}}})
	assert.NotContains(t, codes(c.diagnostics(uri, 2)), "consistency/claim-conflict")
}

func rng(l1, c1, l2, c2 int) map[string]any {
	return map[string]any{"start": map[string]any{"line": l1, "character": c1}, "end": map[string]any{"line": l2, "character": c2}}
}

// TestIndexSettings: the settings (minimum severity, config file) come
// from workspace/configuration and didChangeConfiguration.
func TestIndexSettings(t *testing.T) {
	dir := writeProject(t)
	alt := filepath.Join(dir, "alt.yaml")
	require.NoError(t, os.WriteFile(alt, []byte("version: 1\nrules:\n  funnel/unknown: off\n  claims/unregistered-statistic: off\n"), 0o644))
	c := startServer(t, -1)
	c.settings.Store(map[string]any{"minSeverity": "error"})
	c.request("initialize", map[string]any{"rootUri": fileURI(dir),
		"capabilities": map[string]any{"workspace": map[string]any{"configuration": true}}})
	c.notify("initialized", map[string]any{})
	// the pulled settings lint the open documents again: wait for a lint
	// that has them (a warning and an error in the buffer)
	uri := fileURI(filepath.Join(dir, "a.md"))
	text := "# A\n\nCloudSync cuts sync time by 40%.\n"
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
	var got []string
	for range 3 {
		if got = codes(c.diagnostics(uri, 1)); strings.Join(got, " ") == "naming/variant" {
			break
		}
	}
	assert.Equal(t, []string{"naming/variant"}, got, "minSeverity error: the warning is not published")

	// pushed settings: another config (no glossary: no naming/variant), all severities
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"msglint": map[string]any{"configPath": "alt.yaml", "minSeverity": "info"}}})
	assert.Empty(t, c.diagnostics(uri, 1))

	// pulled settings (no settings in the notification): back to the defaults
	c.settings.Store(map[string]any{})
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": nil})
	assert.ElementsMatch(t, []string{"naming/variant", "claims/unregistered-statistic"}, codes(c.diagnostics(uri, 1)))
}
