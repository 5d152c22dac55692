package claims

import (
	"fmt"
	"strings"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
)

// MissingDisclaimer flags an asset with a disclaimer's trigger but not its text.
var MissingDisclaimer = &lint.Rule{
	Name:    "claims/missing-disclaimer",
	Summary: "an asset with a disclaimer's trigger but without its text (or with an altered text)",
	Doc: `For each entry under ` + "`disclaimers:`" + `, an asset in which any ` + "`when`" + ` pattern
(RE2, case-insensitive) matches must contain the disclaimer ` + "`text`" + `
somewhere: the same words in the same order, whatever the case,
punctuation, markup or line breaks.

When the exact text is absent but a sentence (or two consecutive
sentences, or a whole paragraph) is at least 60% similar to it (Dice
coefficient over the multisets of folded words), the finding is on that
text and says it is an altered disclaimer, with the missing and the extra
words. Otherwise the finding is on the first trigger.`,
	Bad:      "Offline mode is on our roadmap. (no disclaimer)",
	Good:     "Offline mode is on our roadmap. Features on the roadmap are subject to change.",
	Default:  lint.Error,
	Requires: []lint.Requirement{compiledAnalysis, figuresAnalysis},
	Run:      runDisclaimers,
}

type trigHit struct {
	block, start, end int
}

func runDisclaimers(p *lint.Pass) error {
	c, err := compileFor(p)
	if err != nil || len(c.disclaimers) == 0 {
		return err
	}
	a := analyze(p)
	first := make([]*trigHit, len(c.disclaimers))
	for bi := range p.Doc.Blocks {
		text := p.Doc.Blocks[bi].Text
		for _, ti := range a.triggers(bi) {
			tr := &c.triggers[ti]
			if first[tr.discl] != nil {
				continue
			}
			p.Doc.Budget.Regex(tr.size, len(text))
			if m := tr.re.FindStringIndex(text); m != nil && m[1] > m[0] {
				first[tr.discl] = &trigHit{bi, m[0], m[1]}
			}
		}
	}
	var docWords []string // folded words of the whole document, blocks joined
	for di, th := range first {
		if th == nil {
			continue
		}
		dc := &c.disclaimers[di]
		if len(dc.words) == 0 {
			continue
		}
		if docWords == nil {
			for bi := range p.Doc.Blocks {
				text := p.Doc.Blocks[bi].Text
				_ = text
				b := a.block(bi)
				for i := 0; i < b.words(); i++ {
					docWords = append(docWords, string(b.word(i)))
				}
			}
		}
		if containsSeq(docWords, dc.words) {
			continue
		}
		id := dc.cfg.ID
		if id == "" {
			id = dc.cfg.Text
		}
		if w, ok := bestWindow(p, a, dc.words); ok {
			missing, extra := wordDiff(dc.words, w.words)
			msg := fmt.Sprintf("altered disclaimer %q (%.0f%% similar): the approved text is %q", id, w.score*100, dc.cfg.Text)
			if len(missing) > 0 {
				msg += "; missing: " + quoteList(missing)
			}
			if len(extra) > 0 {
				msg += "; extra: " + quoteList(extra)
			}
			p.Report(lint.Diagnostic{Block: w.block, Start: w.start, End: w.end, Message: msg})
			continue
		}
		trig := p.Doc.Blocks[th.block].Text[th.start:th.end]
		p.Report(lint.Diagnostic{Block: th.block, Start: th.start, End: th.end,
			Message: fmt.Sprintf("%q requires the disclaimer %q (%s) in this asset", trig, dc.cfg.Text, id)})
	}
	return nil
}

func quoteList(ws []string) string {
	q := make([]string, len(ws))
	for i, w := range ws {
		q[i] = fmt.Sprintf("%q", w)
	}
	return strings.Join(q, ", ")
}

func containsSeq(hay, needle []string) bool {
	if len(needle) == 0 {
		return true
	}
outer:
	for i := 0; i+len(needle) <= len(hay); i++ {
		for j, w := range needle {
			if hay[i+j] != w {
				continue outer
			}
		}
		return true
	}
	return false
}

type window struct {
	block, start, end int
	words             []string
	score             float64
}

// bestWindow finds the sentence, pair of sentences or block most similar
// to the disclaimer words; ok when it reaches 60%.
func bestWindow(p *lint.Pass, a *docAnalysis, want []string) (window, bool) {
	var best window
	for bi := range p.Doc.Blocks {
		text := p.Doc.Blocks[bi].Text
		toks := a.pass.Tokens(bi)
		if len(toks) == 0 {
			continue
		}
		// sentence starts (token indexes)
		var starts []int
		for i, t := range toks {
			if i == 0 || t.Flags&match.FlagSentence != 0 {
				starts = append(starts, i)
			}
		}
		starts = append(starts, len(toks))
		try := func(from, to int) { // tokens [from, to)
			if to <= from || to-from > 3*len(want)+10 {
				return
			}
			ws := make([]string, 0, to-from)
			for _, t := range toks[from:to] {
				ws = append(ws, match.Fold(text[t.Start:t.End]))
			}
			sc := dice(want, ws)
			if sc > best.score {
				end := int(toks[to-1].End)
				// keep closing punctuation
				for end < len(text) && strings.ContainsRune(".!?)", rune(text[end])) {
					end++
				}
				best = window{block: bi, start: int(toks[from].Start), end: end, words: ws, score: sc}
			}
		}
		for k := 0; k+1 < len(starts); k++ {
			try(starts[k], starts[k+1])
			if k+2 < len(starts) {
				try(starts[k], starts[k+2])
			}
		}
		try(0, len(toks))
	}
	return best, best.score >= 0.6
}

// dice is the Dice coefficient of two word multisets.
func dice(a, b []string) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	count := map[string]int{}
	for _, w := range a {
		count[w]++
	}
	common := 0
	for _, w := range b {
		if count[w] > 0 {
			count[w]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(a)+len(b))
}

// wordDiff returns the words of want missing from got and the words of got
// not in want (multisets, in order of appearance).
func wordDiff(want, got []string) (missing, extra []string) {
	cg := map[string]int{}
	for _, w := range got {
		cg[w]++
	}
	cw := map[string]int{}
	for _, w := range want {
		cw[w]++
	}
	for _, w := range want {
		if cg[w] > 0 {
			cg[w]--
		} else {
			missing = append(missing, w)
		}
	}
	for _, w := range got {
		if cw[w] > 0 {
			cw[w]--
		} else {
			extra = append(extra, w)
		}
	}
	return missing, extra
}
