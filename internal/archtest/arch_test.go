// Package archtest guards msglint's architecture (docs/architecture.md):
// data flows one way, bytes -> extract -> content -> rules -> findings ->
// policy -> output, and a package never imports a layer above it. The
// table below is the rule; a new package must be added to it.
package archtest

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/msglint/msglint"

// formatLibs are the libraries that read file formats: only extract (and
// the config loader, for YAML and selectors) may import them.
var formatLibs = []string{
	"github.com/yuin/goldmark", "golang.org/x/net/html", "github.com/andybalholm/cascadia",
	"go.yaml.in/yaml", "github.com/pelletier/go-toml", "archive/zip", "encoding/xml",
}

// rule says what one package (or a package tree, with a trailing "/...")
// may import of msglint, and which other imports it must never have.
type rule struct {
	pkg string
	// may lists the msglint packages (or trees, "x/...") it may import.
	may []string
	// never lists import path prefixes it must not import at all.
	never []string
}

// The layers, bottom up. Each package may import only what is listed.
var rules = []rule{
	// the content model and small leaves: nothing of msglint
	{pkg: "content", never: formatLibs},
	{pkg: "schema"},
	{pkg: "internal/safetext"},
	{pkg: "internal/safeopen"},
	{pkg: "internal/atomicfile"},
	{pkg: "internal/golden"},
	{pkg: "internal/officegen"},
	{pkg: "internal/actiontest"},
	// the config model and the compiled glossary
	{pkg: "config", may: []string{"internal/safeopen", "internal/safetext"}},
	{pkg: "match", may: []string{"config"}, never: formatLibs},
	// the rule API: knows documents, config and matching, no format
	{pkg: "lint", may: []string{"content", "config", "match"}, never: formatLibs},
	// bytes -> content: the extractors know formats, not rules
	{pkg: "extract/...", may: []string{"content", "extract/..."}},
	{pkg: "extract/internal/extracttest", may: []string{"content", "extract/...", "internal/officegen", "internal/golden"}},
	{pkg: "discover", may: []string{"internal/safeopen"}},
	// rules: documents in, diagnostics out; they never read files
	{pkg: "rules/input", may: []string{"lint", "content"}, never: formatLibs},
	{pkg: "rules/naming", may: []string{"lint", "content", "config", "match"}, never: formatLibs},
	{pkg: "rules/claims", may: []string{"lint", "content", "config", "match"}, never: formatLibs},
	{pkg: "rules/funnel", may: []string{"lint", "content", "config", "match", "rules/naming"}, never: formatLibs},
	{pkg: "rules/coverage", may: []string{"lint", "content", "config", "match", "rules/naming", "rules/funnel"}, never: formatLibs},
	{pkg: "rules/consistency", may: []string{"lint", "content", "config", "match", "rules/claims"}, never: formatLibs},
	{pkg: "rules", may: []string{"lint", "rules/input", "rules/naming", "rules/claims", "rules/funnel", "rules/coverage", "rules/consistency"}},
	// training tools for the funnel model: read labelled corpora
	{pkg: "rules/funnel/train", may: []string{"lint", "content", "config", "extract", "project/driver", "rules/funnel"}},
	{pkg: "rules/funnel/eval", may: []string{"rules/funnel", "rules/funnel/train"}},
	// the driver knows rules only through lint, and no file format
	{pkg: "project/driver", may: []string{"lint", "content"}, never: formatLibs},
	// the wiring: config, discovery, extraction, the rule list
	{pkg: "project/cache", may: nil, never: formatLibs},
	{pkg: "project", may: []string{"config", "content", "discover", "extract", "internal/safeopen", "lint", "match", "project/cache", "project/driver", "rules", "rules/input", "rules/naming"}},
	{pkg: "project/projecttest", may: []string{"lint", "project", "project/driver", "rules/funnel"}},
	// output and what acts on findings: never compute findings
	{pkg: "report", may: []string{"internal/safetext", "lint", "project/driver", "rules/coverage", "rules/funnel"}, never: formatLibs[:4]},
	{pkg: "filter", may: []string{"internal/safeopen", "lint", "report", "project/driver"}},
	{pkg: "fix", may: []string{"extract", "internal/atomicfile", "internal/safeopen", "lint", "project/driver", "rules"}},
	{pkg: "initcfg", may: []string{"content", "extract", "initcfg/glossary", "lint", "match", "project", "project/driver", "schema"}},
	{pkg: "initcfg/glossary"},
	{pkg: "internal/benchcorpus", may: []string{"bench/gen", "config", "content", "extract/...", "lint", "match", "project/driver"}},
	// the editors' language server: a project run on a buffer
	{pkg: "internal/lsp", may: []string{"config", "lint", "project", "rules"}},
	// the command line on top; nothing imports it but main
	{pkg: "internal/cli", may: []string{"config", "filter", "fix", "initcfg", "internal/atomicfile", "internal/lsp", "internal/safetext", "lint", "project", "project/cache", "project/driver", "report", "rules", "rules/coverage", "rules/funnel", "schema"}},
	{pkg: "cmd/...", may: []string{"internal/cli", "internal/atomicfile", "rules/funnel/train", "bench/gen", "internal/officegen"}},
	{pkg: "bench/...", may: []string{"bench/gen"}},
}

func matches(pattern, pkg string) bool {
	if tree, ok := strings.CutSuffix(pattern, "/..."); ok {
		return pkg == tree || strings.HasPrefix(pkg, tree+"/")
	}
	return pkg == pattern
}

// ruleFor is the rule of pkg: the exact one, else the tree's.
func ruleFor(pkg string) (rule, bool) {
	for _, r := range rules {
		if r.pkg == pkg {
			return r, true
		}
	}
	for _, r := range rules {
		if matches(r.pkg, pkg) {
			return r, true
		}
	}
	return rule{}, false
}

// imports reads the imports of every non-test Go file of the module, by
// package (relative to the module, "/"-separated).
func imports(t *testing.T, root string) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); path != root && (n == "testdata" || strings.HasPrefix(n, ".") || n == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		pkg := filepath.ToSlash(rel)
		if out[pkg] == nil {
			out[pkg] = map[string]bool{}
		}
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			out[pkg][p] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestImports fails when a package imports what the architecture forbids.
func TestImports(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root not found: %v", err)
	}
	all := imports(t, root)
	if len(all) < 20 {
		t.Fatalf("only %d packages found under %s", len(all), root)
	}
	var pkgs []string
	for p := range all {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	for _, pkg := range pkgs {
		r, ok := ruleFor(pkg)
		if !ok {
			t.Errorf("%s: not in the architecture table (internal/archtest); add it with what it may import", pkg)
			continue
		}
		for im := range all[pkg] {
			if own, ok := strings.CutPrefix(im, module+"/"); ok {
				allowed := false
				for _, m := range r.may {
					if matches(m, own) {
						allowed = true
						break
					}
				}
				if !allowed && !matches(r.pkg, own) { // a tree may import itself
					t.Errorf("%s imports %s, which it may not (allowed: %v)", pkg, own, r.may)
				}
				continue
			}
			for _, n := range r.never {
				if im == n || strings.HasPrefix(im, n+"/") {
					t.Errorf("%s imports %s, a format library it must never import", pkg, im)
				}
			}
		}
	}
}

// TestImportsGuard: the table catches a forbidden import (the check above
// cannot pass by matching nothing).
func TestImportsGuard(t *testing.T) {
	r, ok := ruleFor("project/driver")
	if !ok {
		t.Fatal("project/driver has no rule")
	}
	for _, m := range r.may {
		if matches(m, "extract") || matches(m, "rules") {
			t.Fatalf("the driver may import %s", m)
		}
	}
	if _, ok := ruleFor("no/such/package"); ok {
		t.Fatal("an unknown package matched a rule")
	}
}
