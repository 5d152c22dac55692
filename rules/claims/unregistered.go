package claims

import (
	"fmt"
	"strings"

	"github.com/msglint/msglint/lint"
)

// Unregistered flags statistic-like statements that match no registered claim.
var Unregistered = &lint.Rule{
	Name:    "claims/unregistered-statistic",
	Summary: "a statistic-like statement (percentage, multiplier, ranking, money or count attached to a benefit) that matches no registered claim",
	Doc: `Flags a figure that reads like a marketing statistic but matches no claim
under ` + "`claims:`" + `, so that every number the company states is approved once:

- a percentage near a benefit word ("38% higher win rates", "cuts costs by
  30%", "up to 50%", "80% of customers");
- a multiplier followed by a comparative ("3x faster", "2× more", "twice as
  fast");
- a money figure near a benefit word ("saves $1.2M a year");
- a count of customers, users, teams, installs... that is 100 or more, or
  written with + or k/M ("10,000+ customers", "2M downloads");
- a time figure near a benefit word ("save 10 hours a week", "in under 5
  minutes");
- a ranking ("#1") that has a source in its sentence (an unsourced one is
  claims/forbidden's, while the embedded defaults are on).

Not flagged: years, versions, ports, times of day, ranges (24/7), step,
page, chapter, tier and issue numbers, numbers inside code, URLs and
identifiers, money in table cells or near price words (a price table,
"$10 per user per month", "save 20% with annual billing"), plain numbers
with no unit ("Top 10 tips"), figures inside a registered claim's match,
and figures in a sentence about a competitor. Part of the embedded
defaults: ` + "`defaults: false`" + ` turns it off too.`,
	Bad:      "Acme CloudSync makes backups 3x faster.",
	Good:     "(register the figure under claims: with its source)",
	Default:  lint.Warning,
	Requires: []lint.Requirement{compiledAnalysis, Stats},
	Run:      runUnregistered,
}

func runUnregistered(p *lint.Pass) error {
	c, err := compileFor(p)
	if err != nil || !c.defaultsOn {
		return err
	}
	sa := stats(p)
	for i := range sa.Figures {
		qu := &sa.Figures[i]
		if qu.Registered || qu.Competitor {
			continue
		}
		text := p.Doc.Blocks[qu.Block].Text
		s, e := qu.Start, qu.End
		if qu.unitWord != "" && !strings.HasSuffix(strings.ToLower(text[s:e]), qu.unitWord) {
			// extend to the unit noun
			if i := strings.Index(strings.ToLower(text[e:min(len(text), e+40)]), qu.unitWord); i >= 0 {
				e += i + len(qu.unitWord)
			}
		}
		p.Report(lint.Diagnostic{Block: qu.Block, Start: s, End: e,
			Message: fmt.Sprintf("%s %q matches no registered claim: register it under claims: with its source, or remove it", kindNames[qu.kind], text[s:e])})
	}
	return nil
}
