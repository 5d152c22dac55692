// Package claims implements the claims rules: registered
// value-proposition claims (claims/mismatch, claims/uncited,
// claims/expired), forbidden phrases (claims/forbidden), disclaimers
// (claims/missing-disclaimer) and statistics that match no registered
// claim (claims/unregistered-statistic). The document's statistics (the
// Stats analysis) are shared with consistency/claim-conflict, in package
// rules/consistency, which reads them through Stats (with UnitKey and
// Number).
//
// The configuration is compiled once per run (Env.Memo). Patterns run
// only on blocks that a token-hash pre-filter marks as candidates: a block
// must hold a keyword of the pattern (and, for a claim with a value, a
// number).
package claims

import (
	"fmt"
	"strings"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
)

// Mismatch flags a registered claim quoted with another number.
var Mismatch = &lint.Rule{
	Name:    "claims/mismatch",
	Summary: "a registered claim quoted with another number than its approved value",
	Doc: `For every claim under ` + "`claims:`" + ` with a ` + "`value`" + `, each match of its
` + "`pattern`" + ` (RE2, case-insensitive unless ` + "`case_sensitive: true`" + `) has its first
capture group read as a number and compared by value with ` + "`value`" + `:
"38%", "38 percent" and "38 per cent" are all 38; "10k", "10,000" and
"10000" are all 10000; "$1.2M" is 1200000; "three" is 3. Another value is
reported with the approved wording and its source.

The fix replaces the whole match with the claim's ` + "`replacement`" + ` when the
claim has one; without it the finding has no fix (the right wording
around a number is the writer's call). A sentence whose subject is a
competitor (config ` + "`competitors:`" + `) is not our claim and is not checked.`,
	Bad:      "Teams see 40% higher sales win rates. (approved: 38%)",
	Good:     "Teams see 38% higher sales win rates.",
	Default:  lint.Error,
	Requires: []lint.Requirement{compiledAnalysis, figuresAnalysis},
	Fix:      lint.FixSafe,
	Run:      runMismatch,
}

// Uncited flags a claim with citation: required and no citation nearby.
var Uncited = &lint.Rule{
	Name:    "claims/uncited",
	Summary: "a claim with `citation: required` and no citation in its paragraph, table row or slide",
	Doc: `For a claim with ` + "`citation: required`" + `, each match must have a citation in
the same unit: the same paragraph, list item or heading; the same table
row (Markdown cells on one source line); for decks, the same slide or its
speaker notes. A citation is a footnote reference ("[^1]", "^1", a
superscript digit), a link (link syntax or a URL in the unit's source), or a
phrase: "Source:", "(Source ...)", "According to", "as reported by".`,
	Bad:      "Teams see 38% higher sales win rates.",
	Good:     "Teams see 38% higher sales win rates (Source: HubSpot, 2020).",
	Default:  lint.Warning,
	Requires: []lint.Requirement{compiledAnalysis, figuresAnalysis},
	Run:      runUncited,
}

// Expired flags a claim used after its expiry date.
var Expired = &lint.Rule{
	Name:    "claims/expired",
	Summary: "a registered claim used after its `expires` date",
	Doc: `A claim with ` + "`expires: YYYY-MM-DD`" + ` may be used up to and including that
day. Afterwards every match of its pattern is reported, whatever its
number. The date is judged against ` + "`--today`" + ` (default: the real date).`,
	Bad:      "Teams see 38% higher sales win rates. (expired 2025-12-31)",
	Good:     "(renew the claim's source and date, or remove the claim)",
	Default:  lint.Error,
	Requires: []lint.Requirement{compiledAnalysis, figuresAnalysis},
	Run:      runExpired,
}

func claimHits(p *lint.Pass) (*compiled, *docAnalysis, error) {
	c, err := compileFor(p)
	if err != nil || len(c.claims) == 0 {
		return c, nil, err
	}
	return c, analyze(p), nil
}

// notOurs reports whether the claim hit stands in a sentence naming a
// competitor listed under competitors:. (The looser product-like-name
// heuristic is not used here: a registered claim's pattern matched, so the
// bar for dismissing it is higher.)
func notOurs(p *lint.Pass, c *compiled, a *docAnalysis, h claimHit) bool {
	if len(c.competitors) == 0 {
		return false
	}
	// Hits in one sentence share the answer (hits come in document
	// order): a long sentence with many hits is read once.
	m := &a.notOurs
	if m.ok && m.block == h.block && h.start >= m.s && h.start < m.e {
		return m.v
	}
	text := p.Doc.Blocks[h.block].Text
	toks := a.pass.Tokens(h.block)
	ss, se := sentenceAround(text, toks, h.start)
	lo, hi := tokenRange(toks, ss, se)
	*m = sentenceMemo{ok: true, block: h.block, s: ss, e: se, v: namesCompetitor(c, text, toks, nil, lo, hi)}
	return m.v
}

func runMismatch(p *lint.Pass) error {
	c, a, err := claimHits(p)
	if a == nil {
		return err
	}
	for _, h := range a.hits {
		cc := &c.claims[h.claim]
		if !cc.hasValue || h.capStart < 0 {
			continue
		}
		text := p.Doc.Blocks[h.block].Text
		raw := text[h.capStart:h.capEnd]
		n, ok := ParseNumber(raw)
		if !ok {
			if q, ok2 := firstQuantity(raw); ok2 {
				n, ok = q.Num, true
			}
		}
		if !ok || sameValue(n.Value, *cc.cfg.Value) || notOurs(p, c, a, h) {
			continue
		}
		msg := fmt.Sprintf("%q quotes claim %q with %s; the approved claim is %q", text[h.start:h.end], cc.cfg.ID, strings.TrimSpace(raw), cc.cfg.Text)
		if cc.cfg.Text == "" {
			msg = fmt.Sprintf("%q quotes claim %q with %s; the approved value is %s", text[h.start:h.end], cc.cfg.ID, strings.TrimSpace(raw), formatValue(*cc.cfg.Value))
		}
		if cc.cfg.Source != "" {
			msg += " (source: " + cc.cfg.Source + ")"
		}
		f := lint.Diagnostic{Block: h.block, Start: h.start, End: h.end, Message: msg}
		if cc.cfg.Replacement != "" {
			f.Fix = &lint.Fix{Replacement: cc.cfg.Replacement}
		}
		p.Report(f)
	}
	return nil
}

// firstQuantity finds the first figure in s.
func firstQuantity(s string) (Quantity, bool) {
	qs := FindQuantities(s, nil)
	if len(qs) == 0 {
		return Quantity{}, false
	}
	return qs[0], true
}

func runUncited(p *lint.Pass) error {
	c, a, err := claimHits(p)
	if a == nil {
		return err
	}
	for _, h := range a.hits {
		cc := &c.claims[h.claim]
		if cc.cfg.Citation != "required" || notOurs(p, c, a, h) {
			continue
		}
		if a.unitCited(p.Doc, h.block) {
			continue
		}
		text := p.Doc.Blocks[h.block].Text
		where := "paragraph"
		if p.Doc.Blocks[h.block].Loc != "" && strings.HasPrefix(p.Doc.Blocks[h.block].Loc, "slide ") {
			where = "slide"
		} else if p.Doc.Blocks[h.block].Scope == content.ScopeTableCell {
			where = "table row"
		}
		msg := fmt.Sprintf("claim %q (%q) needs a citation in the same %s: a footnote, a link, or \"Source: ...\"", cc.cfg.ID, text[h.start:h.end], where)
		if cc.cfg.Source != "" {
			msg += "; its source is " + cc.cfg.Source
		}
		p.Report(lint.Diagnostic{Block: h.block, Start: h.start, End: h.end, Message: msg})
	}
	return nil
}

func runExpired(p *lint.Pass) error {
	c, a, err := claimHits(p)
	if a == nil {
		return err
	}
	today := p.Env.Today
	if today.IsZero() {
		return nil
	}
	day := today.Format("2006-01-02")
	for _, h := range a.hits {
		cc := &c.claims[h.claim]
		if cc.expires.IsZero() || day <= cc.cfg.Expires || notOurs(p, c, a, h) {
			continue
		}
		text := p.Doc.Blocks[h.block].Text
		msg := fmt.Sprintf("claim %q (%q) expired on %s", cc.cfg.ID, text[h.start:h.end], cc.cfg.Expires)
		if cc.cfg.Source != "" {
			msg += "; renew its source (" + cc.cfg.Source + ") or stop using it"
		}
		p.Report(lint.Diagnostic{Block: h.block, Start: h.start, End: h.end, Message: msg})
	}
	return nil
}
