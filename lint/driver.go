package lint

import "github.com/msglint/msglint/content"

// The driver's handles. Package project/driver runs rules and analyses
// through these; rules never call them.

// NewPass returns the pass that every rule run over doc shares (the
// analyses' results and the per-document scratch).
func NewPass(env *Env, doc *content.Document) *Pass {
	return &Pass{Env: env, Doc: doc, shared: map[any]any{}}
}

// Exports are the facts one document exported, opaque to the driver.
type Exports []exported

// RunRule runs r.Run on the pass. Its diagnostics are appended to buf[:0]
// (the driver reuses one buffer for every rule) and its facts to facts. A
// panic in the rule is not recovered here.
func (p *Pass) RunRule(r *Rule, buf []Diagnostic, facts Exports) ([]Diagnostic, Exports, error) {
	buf = buf[:0]
	ex := []exported(facts)
	p.Rule, p.findings, p.facts = r, &buf, &ex
	p.Doc.Budget.Step(len(p.Doc.Blocks)) // every rule reads every block (content.Budget)
	err := r.Run(p)
	p.Rule, p.findings, p.facts = nil, nil, nil
	return buf, Exports(ex), err
}

// RunCorpusDoc computes a's per-document part on the pass (before the
// rules) and returns it for the driver to keep until a's Finish. A panic
// is not recovered here.
func (p *Pass) RunCorpusDoc(a Corpus) any { return a.runDoc(p) }

// Release hands the document's pooled scratch back; the pass must not be
// used after.
func (p *Pass) Release() { p.release() }

// FactTable holds every document's facts by kind, in path order.
type FactTable map[FactType][]DocFacts

// AddFacts appends one document's exports to the table (call in path
// order).
func (t FactTable) AddFacts(path string, ex Exports) {
	for i := 0; i < len(ex); {
		key := ex[i].key
		j := i
		var vs []any
		for ; j < len(ex) && ex[j].key == key; j++ {
			vs = append(vs, ex[j].v)
		}
		if n := len(t[key]); n > 0 && t[key][n-1].Path == path {
			t[key][n-1].Facts = append(t[key][n-1].Facts, vs...)
		} else {
			t[key] = append(t[key], DocFacts{Path: path, Facts: vs})
		}
		i = j
	}
}

// NewResults returns an empty store of corpus analysis results.
func NewResults() *Results { return &Results{m: map[Corpus]any{}} }

// ParkCorpusDoc returns what a keeps of one document's result d until
// Finish, once the document's rules have run (CorpusAnalysis.Park; d
// itself when a has no Park).
func ParkCorpusDoc(env *Env, a Corpus, d any) any { return a.park(env, d) }

// RunCorpusFinish runs a's Finish with every file's per-document result
// (docs[i] for files[i], nil for a file that could not be read) and
// stores its result in results. A panic is not recovered here.
func RunCorpusFinish(env *Env, a Corpus, files []File, docs []any, results *Results) {
	c := &CorpusPass{Env: env, Files: files, results: results}
	results.m[a] = a.finish(c, docs)
}

// NewCorpusPass returns rule's view of the whole corpus: every file, the
// facts of the kinds it declares and the corpus analyses' results.
func NewCorpusPass(env *Env, rule *Rule, files []File, facts FactTable, results *Results) *CorpusPass {
	c := &CorpusPass{Env: env, Rule: rule, Files: files, results: results}
	for _, ft := range rule.FactTypes {
		if c.facts == nil {
			c.facts = map[FactType][]DocFacts{}
		}
		c.facts[ft] = facts[ft]
	}
	return c
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
