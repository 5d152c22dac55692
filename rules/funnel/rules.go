package funnel

import (
	"fmt"
	"strings"

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
	// has run (Stages), after every document.
	Requires: []lint.Requirement{Stages},
	Finish: func(c *lint.CorpusPass) error {
		for _, a := range lint.CorpusResultOf(c, Stages) {
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
