package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/msglint/msglint/project"
)

// TestAcme opens files of examples/acme as an editor would and checks
// that the diagnostics are `msglint check FILE`'s findings, cross-asset
// ones (judged against the whole corpus) included.
func TestAcme(t *testing.T) {
	root, err := filepath.Abs("../../examples/acme")
	if err != nil {
		t.Fatal(err)
	}
	c := startServer(t, -1)
	c.request("initialize", map[string]any{"rootUri": fileURI(root), "capabilities": map[string]any{}})
	for i, rel := range []string{"site/pricing.md", "site/compare/cloudsync-vs-globex.md", "sales/decks/acme-cloudsync-deck.pptx"} {
		path := filepath.Join(root, filepath.FromSlash(rel))
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		text := string(src)
		if !isTextKind(path) {
			text = ""
		}
		uri := fileURI(path)
		c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "markdown", "version": i + 1, "text": text}})
		var got []string
		related := 0
		for _, d := range c.diagnostics(uri, i+1) {
			d := d.(map[string]any)
			line := int(d["range"].(map[string]any)["start"].(map[string]any)["line"].(float64))
			got = append(got, fmt.Sprintf("%d %s", line+1, d["code"]))
			if d["code"] == "consistency/claim-conflict" && d["relatedInformation"] != nil {
				related++
			}
		}

		p, err := project.Load(root, "", path)
		if err != nil {
			t.Fatal(err)
		}
		res, err := p.Run(project.Options{Paths: []string{path}, Scoped: true})
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, f := range res.Findings {
			line := f.Line
			if f.Loc != "" {
				line = 1 // on the first line, the location in the message
			}
			want = append(want, fmt.Sprintf("%d %s", line, f.Rule))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: diagnostics\n%s\nwant (msglint check)\n%s", rel, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if strings.Contains(rel, "compare") && related == 0 {
			t.Errorf("%s: no cross-asset claim-conflict with related information in %v", rel, got)
		}
	}
}
