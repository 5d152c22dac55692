package claims

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
)

// builtinForbidden is the embedded default list: unsubstantiated absolutes
// and superlatives. Each entry says why. A config entry with the same
// phrase (or pattern) replaces the default one; `severity: off` on it
// turns that default off; `defaults: false` turns them all off.
var builtinForbidden = []config.Forbidden{
	{Phrase: "best-in-class", Message: "unsubstantiated superlative: say what is better, and by how much, with a source"},
	{Phrase: "world's leading", Message: "unsubstantiated superlative: leadership needs a measure and a source (market share, analyst ranking)"},
	{Phrase: "world-leading", Message: "unsubstantiated superlative: leadership needs a measure and a source"},
	{Phrase: "world's best", Message: "unsubstantiated superlative: name the comparison and its source"},
	{Phrase: "world's first", Message: "priority claim that needs proof: cite it, or drop it"},
	{Phrase: "industry-leading", Message: "unsubstantiated superlative: leadership needs a measure and a source"},
	{Phrase: "market-leading", Message: "unsubstantiated superlative: leadership needs a measure and a source (market share)"},
	{Phrase: "market leader", Message: "unsubstantiated superlative: leadership needs a measure and a source (market share)"},
	{Pattern: `\bguarantee[sd]?\b`, Message: "an absolute promise: a guarantee is a contractual commitment; link its terms or say what is actually offered"},
	{Phrase: "100% secure", Message: "absolute security claim: no system is 100% secure; name the controls or certifications instead (SOC 2, ISO 27001)"},
	{Phrase: "completely secure", Message: "absolute security claim: name the controls or certifications instead"},
	{Phrase: "totally secure", Message: "absolute security claim: name the controls or certifications instead"},
	{Phrase: "unhackable", Message: "absolute security claim: no system is unhackable"},
	{Phrase: "unbreakable", Message: "absolute claim: say what was tested and how"},
	{Phrase: "bulletproof", Message: "absolute claim: say what was tested and how"},
	{Phrase: "100% uptime", Message: "absolute availability claim: quote the SLA figure (e.g. 99.9%) and link the SLA"},
	{Phrase: "zero risk", Message: "absolute claim: risk is never zero; say what is covered"},
	{Phrase: "never fails", Message: "absolute claim: say what is measured (uptime, success rate) with a source"},
	{Phrase: "unmatched", Message: "unsubstantiated superlative: name the comparison and its source"},
	{Phrase: "unparalleled", Message: "unsubstantiated superlative: name the comparison and its source"},
	{Pattern: `\bunrivall?ed\b`, Message: "unsubstantiated superlative: name the comparison and its source"},
	{Pattern: `\bthe only (?:solution|platform|tool|product|vendor|company|provider|software|app)\b`, Message: "exclusivity claim that needs proof: say what is unique, with a source"},
	{Pattern: `(?:#|\bno\.\s?)1\b`, Message: "ranking without a source in the sentence: cite the ranking (who ranked it, when)"},
	{Pattern: `\bnumber[\s-]one\b(?:\s+(?:priority|rule|tip|step|reason|question|goal|issue|thing|mistake|concern|request|lesson|job|focus)\b)?`, Message: "ranking without a source in the sentence: cite the ranking (who ranked it, when)"},
}

// unsourcedOnly are the default entries that only apply when the sentence
// has no source (rankings).
func unsourcedOnly(f *config.Forbidden) bool {
	return strings.Contains(f.Pattern, "1\\b") || strings.Contains(f.Pattern, "number[\\s-]one")
}

func forbiddenKey(f *config.Forbidden) string {
	if f.Phrase != "" {
		return "phrase:" + strings.Join(words(f.Phrase), " ")
	}
	return "pattern:" + f.Pattern
}

func (c *compiled) buildForbidden(cfg *config.Config) error {
	user := map[string]bool{}
	for i := range cfg.Forbidden {
		user[forbiddenKey(&cfg.Forbidden[i])] = true
	}
	add := func(f *config.Forbidden, builtin bool) error {
		if f.Severity == "off" {
			return nil
		}
		fc := forbC{message: f.Message, builtin: builtin}
		if f.Severity != "" {
			sev, err := lint.ParseSeverity(f.Severity)
			if err != nil {
				return fmt.Errorf("forbidden %q: %v", f.Phrase+f.Pattern, err)
			}
			fc.severity = sev
		}
		var kws []keyword
		if f.Phrase != "" {
			re, err := phraseRegexp(f.Phrase)
			if err != nil {
				return fmt.Errorf("forbidden phrase %q: %v", f.Phrase, err)
			}
			fc.re, fc.label, fc.size = re, f.Phrase, config.ProgramSize(re.String())
			kws = phraseKeywords(f.Phrase)
		} else {
			re, err := regexp.Compile("(?i)" + f.Pattern)
			if err != nil {
				return fmt.Errorf("forbidden pattern %q: %v", f.Pattern, err)
			}
			fc.re, fc.label, fc.size = re, f.Pattern, config.ProgramSize(re.String())
			kws = patternKeywords("(?i)" + f.Pattern)
		}
		fc.negatable = builtin && strings.Contains(f.Pattern, "guarantee")
		if builtin && unsourcedOnly(f) {
			fc.unsourced = true
			if strings.Contains(f.Pattern, "number") {
				kws = []keyword{{word: "number"}}
			} else {
				kws = nil // "#1" has no word to key on: a quick substring test instead
				fc.quick = quickRanking
			}
		}
		c.forbPF.add(len(c.forbidden), kws)
		c.forbidden = append(c.forbidden, fc)
		return nil
	}
	if c.defaultsOn {
		for i := range builtinForbidden {
			f := &builtinForbidden[i]
			if user[forbiddenKey(f)] {
				continue
			}
			if err := add(f, true); err != nil {
				return err
			}
		}
	}
	for i := range cfg.Forbidden {
		if err := add(&cfg.Forbidden[i], false); err != nil {
			return err
		}
	}
	return nil
}

// Forbidden flags forbidden phrases and patterns.
var Forbidden = &lint.Rule{
	Name:    "claims/forbidden",
	Summary: "a forbidden phrase or pattern (embedded defaults: unsubstantiated absolutes and superlatives)",
	Doc: `Flags every occurrence of a phrase or RE2 pattern listed under ` + "`forbidden:`" + `,
with the entry's message. Phrases match whole words, case-insensitively,
across inline markup and line breaks; a space or hyphen between words
matches any run of spaces or hyphens ("best-in-class" = "best in class").
Patterns are RE2, matched case-insensitively.

The embedded defaults stay on alongside a config (turn them all off with
` + "`defaults: false`" + `, one of them by listing the same phrase or pattern
with ` + "`severity: off`" + `): best-in-class, world's leading, world-leading,
world's best, world's first, industry-leading, market-leading, market leader,
guarantee(s/d), 100% secure, completely/totally secure, unhackable,
unbreakable, bulletproof, 100% uptime, zero risk, never fails, unmatched,
unparalleled, unrivaled, "the only solution/platform/tool/...", and the
rankings "#1", "No. 1" and "number one" when the sentence has no source
(a footnote, a link, "Source:", "According to"); "number one priority" and
similar are not rankings. See docs/claims.md for each entry's reason.

A per-entry ` + "`severity:`" + ` other than off is accepted by the config but the
finding is reported at the rule's severity (see docs/claims.md).`,
	Bad:      "Acme CloudSync is the best-in-class sync platform.",
	Good:     "Acme CloudSync syncs 2x faster than the median tool we tested [^1].",
	Default:  lint.Error,
	Requires: []lint.Requirement{compiledAnalysis, figuresAnalysis},
	Run:      runForbidden,
}

func runForbidden(p *lint.Pass) error {
	c, err := compileFor(p)
	if err != nil {
		return err
	}
	if len(c.forbidden) == 0 {
		return nil
	}
	an := analyze(p)
	for bi := range p.Doc.Blocks {
		list := an.forbidden(bi)
		if len(list) == 0 {
			continue
		}
		var toks []match.Token // the block's tokens, looked up on the first match
		text := p.Doc.Blocks[bi].Text
		// The last sentence whose source was looked up: matches in one
		// sentence share the answer, so a long sentence is read once.
		lastS, lastE, lastSourced := -1, -1, false
		for _, fi := range list {
			f := &c.forbidden[fi]
			if f.quick != nil && !f.quick(text) {
				continue
			}
			p.Doc.Budget.Regex(f.size, len(text))
			ms, charged := findAll(p.Doc.Budget, f.re, text)
			for _, m := range ms {
				s, e := m[0], m[1]
				if toks == nil {
					toks = p.Tokens(bi)
				}
				if s == e || !boundaryOK(text, s, e) || pathLikeAt(toks, s, e) {
					continue
				}
				if f.negatable && negatedBefore(text, toks, s) {
					continue // "no guarantee", "cannot guarantee": not a promise
				}
				if f.unsourced {
					if rankingNounBefore(text, toks, s) || nonRankingAfter(text, e) {
						continue // "cause #1", "step #1", "#1 priority"
					}
					if s < lastS || s >= lastE {
						lastS, lastE = sentenceAround(text, toks, s)
						lastSourced = hasCitation(text[lastS:lastE]) || sentenceHasLink(p.Doc, bi, lastS, lastE)
					}
					if lastSourced {
						continue
					}
					if strings.Contains(strings.ToLower(text[s:e]), "number") && trailingNonRanking(text[s:e]) {
						continue
					}
				}
				msg := fmt.Sprintf("%q is forbidden", text[s:e])
				if f.message != "" {
					msg += ": " + f.message
				}
				p.Report(lint.Diagnostic{Block: bi, Start: s, End: e, Message: msg, Severity: f.severity})
			}
			p.Doc.Budget.Free(charged)
		}
	}
	return nil
}

// negatedBefore reports a negation in the two words before offset s.
func negatedBefore(text string, toks []match.Token, s int) bool {
	n := 0
	for i := tokAt(toks, s) - 1; i >= 0 && n < 2; i-- {
		n++
		switch strings.ToLower(text[toks[i].Start:toks[i].End]) {
		case "no", "not", "cannot", "never", "without", "t": // t: can't, don't
			return true
		}
	}
	return false
}

// rankingNounBefore reports "cause #1", "step #1", "issue #1": a numbered
// item, not a ranking.
func rankingNounBefore(text string, toks []match.Token, s int) bool {
	// the last token that ends at or before s (tokens do not overlap, so
	// their ends are in order too)
	i := sort.Search(len(toks), func(i int) bool { return int(toks[i].End) > s }) - 1
	if i < 0 {
		return false
	}
	w := strings.ToLower(text[toks[i].Start:toks[i].End])
	return notQuantity[w] || itemNouns[w]
}

var itemNouns = set(`cause reason tip idea priority mistake problem pitfall lesson takeaway bug ticket pr task goal myth fact sign
	reference article example option for and or`)

// nonRankingTail are nouns after "#1" / "number one" that make it an
// ordinal, not a ranking: "our #1 priority", "number one rule".
var nonRankingTail = set(`priority priorities rule rules tip tips step steps reason reasons question questions goal goals issue
	issues thing things mistake mistakes concern concerns request requests lesson lessons job focus task tasks`)

// nonRankingAfter reports a non-ranking noun right after offset e.
func nonRankingAfter(text string, e int) bool {
	w, _ := wordAt(text, skipSpaces(text, e))
	return nonRankingTail[w]
}

// quickRanking is a cheap test before the "#1" / "No. 1" pattern runs.
//
// It holds "#1", ". 1" or ".1": a '1' after '#', '.' or ". ".
func quickRanking(text string) bool {
	for i := 1; i < len(text); {
		j := strings.IndexByte(text[i:], '1')
		if j < 0 {
			return false
		}
		i += j
		if c := text[i-1]; c == '#' || c == '.' || c == ' ' && i >= 2 && text[i-2] == '.' {
			return true
		}
		i++
	}
	return false
}

// trailingNonRanking reports "number one priority" and the like (the
// pattern's optional tail matched).
func trailingNonRanking(m string) bool {
	return len(words(m)) > 2
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), sub)
}

// boundaryOK reports whether text[s:e] stands on word boundaries: no
// letter or digit glued to either end.
func boundaryOK(text string, s, e int) bool {
	return !(isWordRuneAt(text, s) && wordRuneBefore(text, s)) && !(wordRuneBefore(text, e) && isWordRuneAt(text, e))
}

// pathLikeAt reports whether the span touches a path-like token (code, a
// URL, an identifier).
func pathLikeAt(toks []match.Token, s, e int) bool {
	// from the first token that ends after s: a binary search, so that a
	// block with many matches stays linear
	from := sort.Search(len(toks), func(i int) bool { return int(toks[i].End) > s })
	for _, t := range toks[from:] {
		if int(t.Start) >= e {
			break
		}
		if t.Flags&match.FlagPathLike != 0 {
			return true
		}
	}
	return false
}

// tokAt returns the index of the first token starting at or after s.
func tokAt(toks []match.Token, s int) int {
	return sort.Search(len(toks), func(i int) bool { return int(toks[i].Start) >= s })
}
