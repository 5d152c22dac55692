package lint

import "github.com/msglint/msglint/content"

// The driver's handles. Package project/driver runs rules through these;
// rules never call them.

// NewPass returns the pass that every rule run over doc shares (its Shared
// values and per-document scratch); asset is the asset record rules fill.
func NewPass(env *Env, doc *content.Document, asset *Asset) *Pass {
	return &Pass{Env: env, Doc: doc, Asset: asset, shared: map[string]any{}}
}

// RunRule runs r.Run on the pass. Its diagnostics are appended to buf[:0]
// (the driver reuses one buffer for every rule) and its facts are returned
// fresh. A panic in the rule is not recovered here.
func (p *Pass) RunRule(r *Rule, buf []Diagnostic) ([]Diagnostic, []any, error) {
	buf = buf[:0]
	var facts []any
	p.Rule, p.findings, p.facts = r, &buf, &facts
	err := r.Run(p)
	p.findings, p.facts = nil, nil
	return buf, facts, err
}

// Release hands the document's pooled scratch back; the pass must not be
// used after.
func (p *Pass) Release() { p.release() }

// NewCorpusPass returns rule's view of the whole corpus: every asset and
// the facts its Run exported, both in path order.
func NewCorpusPass(env *Env, rule *Rule, assets []*Asset, facts []DocFacts) *CorpusPass {
	return &CorpusPass{Env: env, Rule: rule, Assets: assets, Facts: facts}
}

// RunFinish runs the rule's Finish and returns its diagnostics. A panic in
// the rule is not recovered here.
func (c *CorpusPass) RunFinish() ([]Diagnostic, error) {
	var ds []Diagnostic
	c.findings = &ds
	err := c.Rule.Finish(c)
	c.findings = nil
	return ds, err
}

// Resolve maps a span of block's text to a Site (line, column, source
// range, the matched text and its context).
func Resolve(d *content.Document, block, start, end int) Site { return resolve(d, block, start, end) }
