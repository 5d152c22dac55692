package coverage

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/rules/funnel"
)

// Gap reports product x stage cells with fewer assets than coverage.min.
var Gap = &lint.Rule{
	Name:    "coverage/gap",
	Summary: "a product x stage cell with fewer assets than coverage.min",
	Doc: `For every glossary term of kind product or feature and every funnel stage,
counts the assets that mention the product (in any form) and are tagged with
the stage. A cell with fewer than ` + "`coverage.min`" + ` assets (default 1) is a gap,
reported at the product's line in the config, one finding per stage.

Assets whose stage is unknown count nowhere, nor do assets tagged from
content with a confidence below ` + "`coverage.min_confidence`" + ` (default 0.5). ` + "`msglint report`" + ` shows the whole
matrix, graded gap / thin / adequate / strong / crowded. Set ` + "`coverage.min: 0`" + `
or turn the rule off to stop these findings.`,
	Bad:        "terms:\n  - name: Acme CloudSync   # no decision-stage asset mentions it\n    kind: product",
	Good:       "# site/customers/northwind.md (decision)\nNorthwind cut sync failures by half with Acme CloudSync.",
	Default:    lint.Warning,
	Requires:   []lint.Requirement{funnel.Stages},
	CorpusOnly: true, // a gap is in the corpus, not in a file: full runs only
	Finish: func(c *lint.CorpusPass) error {
		cfg := c.Env.Config
		if cfg == nil || cfg.Coverage.Min <= 0 {
			return nil
		}
		m := ProductGaps(cfg, lint.CorpusResultOf(c, funnel.Stages))
		terms := productTerms(cfg)
		for _, g := range m.Gaps {
			t := terms[g.Product]
			what := "no"
			if g.Count > 0 {
				what = fmt.Sprintf("only %d", g.Count)
			}
			c.Report(lint.Diagnostic{
				Site: &lint.Site{Path: configRel(cfg, t.Pos.File), Line: max(t.Pos.Line, 1), Col: t.Pos.Col,
					Match: t.Name, Context: t.Key() + " x " + g.Stage},
				Message: fmt.Sprintf("coverage gap: %s %s has %s %s asset (coverage.min %d)",
					t.Kind, t.Name, what, g.Stage, cfg.Coverage.Min),
			})
		}
		return nil
	},
}

// productTerms maps each product key to its first term of kind product or
// feature (the one the model's row is labelled with).
func productTerms(cfg *config.Config) map[string]*config.Term {
	out := map[string]*config.Term{}
	for i := range cfg.Terms {
		t := &cfg.Terms[i]
		if t.Kind != config.KindProduct && t.Kind != config.KindFeature {
			continue
		}
		if _, dup := out[t.Key()]; !dup {
			out[t.Key()] = t
		}
	}
	return out
}

// configRel is file relative to the config folder, with '/'.
func configRel(cfg *config.Config, file string) string {
	if file == "" {
		file = cfg.Path
	}
	if file == "" {
		return "msglint.yaml"
	}
	if cfg.Dir != "" {
		if rel, err := filepath.Rel(cfg.Dir, file); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(file)
}
