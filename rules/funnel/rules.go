package funnel

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/lint"
)

// UnknownStage reports assets whose stage could not be decided.
var UnknownStage = &lint.Rule{
	Name:    "funnel/unknown",
	Summary: "an asset whose funnel stage could not be decided",
	Doc: `Every asset gets a funnel stage, from (first that applies) front matter
` + "(`funnel:` or `stage:`, TOFU/MOFU/BOFU aliases)" + `, the config's ` + "`funnel.paths`" + `
rules, or its content: a model trained on labelled marketing sites, docs
and decks reads the title, headings and opening words and the shape of the
content, the folder conventions (blog/, customers/, docs/...) add their
evidence, and the repository's own labelled assets add theirs. When the
model knows too few words of the asset, or no stage reaches a probability
of 0.34, the asset is tagged "unknown" rather than guessed, and this rule
says so, with the evidence found.

Fix it by stating the stage in front matter, by adding a path rule, or by
adding a signal phrase to ` + "`funnel.signals`" + `. ` + "`msglint report`" + ` shows why every
asset got its stage.`,
	Bad:     "---\ntitle: Notes\n---\nSome text.",
	Good:    "---\ntitle: Notes\nfunnel: retention\n---\nSome text.",
	Default: lint.Info,
	// A Finish rule: the stage is final only once the in-repo learning
	// has run (Settle), after every document.
	Finish: func(c *lint.CorpusPass) error {
		for _, a := range c.Assets {
			if a == nil || a.Stage != Unknown {
				continue
			}
			why := "no stage signal"
			if len(a.Evidence) > 0 {
				why = strings.Join(a.Evidence, "; ")
			}
			c.Report(lint.Diagnostic{Site: &lint.Site{Path: a.Path, Line: 1},
				Message: fmt.Sprintf("could not decide the funnel stage [%s]; set `funnel:` in front matter or add a funnel.paths rule", why)})
		}
		return nil
	},
}

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
	Bad:     "terms:\n  - name: Acme CloudSync   # no decision-stage asset mentions it\n    kind: product",
	Good:    "# site/customers/northwind.md (decision)\nNorthwind cut sync failures by half with Acme CloudSync.",
	Default: lint.Warning,
	Finish: func(c *lint.CorpusPass) error {
		cfg := c.Env.Config
		if cfg == nil || cfg.Coverage.Min <= 0 {
			return nil
		}
		for _, cell := range Cells(cfg, c.Assets) {
			if cell.Count >= cfg.Coverage.Min {
				continue
			}
			t := cell.Term
			what := "no"
			if cell.Count > 0 {
				what = fmt.Sprintf("only %d", cell.Count)
			}
			c.Report(lint.Diagnostic{
				Site: &lint.Site{Path: configRel(cfg, t.Pos.File), Line: max(t.Pos.Line, 1), Col: t.Pos.Col,
					Match: t.Name, Context: t.Key() + " x " + cell.Stage},
				Message: fmt.Sprintf("coverage gap: %s %s has %s %s asset (coverage.min %d)",
					t.Kind, t.Name, what, cell.Stage, cfg.Coverage.Min),
			})
		}
		return nil
	},
}

// Cell is one product x stage cell of the coverage matrix.
type Cell struct {
	Term   *config.Term
	Stage  string
	Count  int
	Assets []string // paths, in path order
}

// Cells returns the product x stage matrix, row by row: every term of kind
// product or feature in glossary order, every configured stage in order.
func Cells(cfg *config.Config, assets []*lint.Asset) []Cell {
	stages := cfg.Funnel.Stages
	if len(stages) == 0 {
		stages = config.DefaultStages
	}
	var out []Cell
	at := map[[2]string]int{} // (product key, stage) -> index in out
	for i := range cfg.Terms {
		t := &cfg.Terms[i]
		if t.Kind != config.KindProduct && t.Kind != config.KindFeature {
			continue
		}
		for _, st := range stages {
			k := [2]string{t.Key(), st}
			if _, dup := at[k]; !dup {
				at[k] = len(out)
			}
			out = append(out, Cell{Term: t, Stage: st})
		}
	}
	// one pass over the assets (in path order, so each cell lists its
	// assets in path order)
	for _, a := range assets {
		if !cfg.Coverage.Counts(a.Confidence) {
			continue
		}
		for _, key := range a.Products {
			if i, ok := at[[2]string{key, a.Stage}]; ok {
				out[i].Count++
				out[i].Assets = append(out[i].Assets, a.Path)
			}
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
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
