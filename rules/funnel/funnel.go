// Package funnel tags every asset with a funnel stage, a team, its
// audiences, objections and products, and holds the rules
// built on those tags: funnel/unknown and coverage/gap.
//
// The stage comes from the first of: front matter (`funnel:` or `stage:`,
// TOFU/MOFU/BOFU aliases), the config's `funnel.paths` (first stage in
// config order whose glob matches), or the content: a learned model over
// the document's words and shapes (learned.go, features.go), the path
// conventions (paths.go) and the config's signals (signals.go), then
// in-repo learning (inrepo.go); see tag.go and docs/funnel.md. With weak or
// split evidence the stage is "unknown".
package funnel

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
	"github.com/msglint/msglint/rules/naming"
)

// Stage sources (Asset.StageSource).
const (
	SourceFrontMatter = "frontmatter"
	SourcePath        = "path"
	SourceContent     = "content"
	SourceNone        = "none"
)

// Unknown is the stage of an asset that could not be tagged.
const Unknown = "unknown"

// maxEvidence bounds the evidence kept per asset.
const maxEvidence = 5

// annotate fills a from the pass's document: title, stage (with source,
// confidence and evidence), team, audiences, objections and products.
func annotate(p *lint.Pass, a *Asset) {
	if p.Env == nil || p.Doc == nil {
		return
	}
	cfg := p.Env.Config
	if cfg == nil {
		cfg = config.Default(".")
	}
	md := getModel(p.Env)
	d := p.Doc
	titleBlock := -1
	a.Title, titleBlock = title(d)
	// what the asset keeps to the end of the run is copied: front-matter
	// values and block texts may point into the document's source
	a.Title = strings.Clone(a.Title)
	sc := md.getScores()
	defer md.release(sc)
	spans := &sc.names
	if len(md.m.phrases) == 0 {
		spans = nil // no phrase to find: only the terms (the products) are read
	}
	sc.terms = nameSpans(p, spans, &sc.seen, sc.terms[:0])
	md.scan(sc, d, titleBlock, p.Tokens, p.Words)

	a.Stage, a.StageSource, a.Confidence, a.Evidence = Unknown, SourceNone, 0, nil
	a.RunnerUp, a.RunnerUpConfidence = "", 0
	explicit := frontMatterStage(md, d, a) || pathStage(cfg, md, a)
	if handset {
		sc.feats.reset() // the cost baseline reads no features
	} else {
		collectFeatures(&sc.feats, d, titleBlock, a.Title, p.Tokens, p.Words, sc.prices)
	}
	md.tag(p.Env, sc, a, explicit)

	a.Team = strings.Clone(metaString(d.Meta, "team"))
	if a.Team == "" {
		for _, t := range Ordered(cfg.Teams, cfg.TeamOrder) {
			if matchAny(cfg.Teams[t], a.Path) {
				a.Team = t
				break
			}
		}
	}

	if fm := metaStrings(d.Meta, "audience", "audiences"); len(fm) > 0 {
		a.Audiences = compactStrings(fm)
	} else {
		a.Audiences = mentioned(md.audiences, sc.audience)
	}
	if fm := metaStrings(d.Meta, "objection", "objections"); len(fm) > 0 {
		a.Objections = compactStrings(fm)
	} else {
		a.Objections = mentioned(md.objections, sc.objection)
	}
	if p.Env.Index != nil {
		a.Products = productKeys(p.Env.Index, sc.terms)
	} else {
		a.Products = nil
	}
}

// Products returns the keys (id, or name) of the glossary terms of kind
// product or feature that the document mentions in any form (canonical,
// variant, deprecated, misspelt), in glossary order.
func Products(p *lint.Pass) []string {
	ix := p.Env.Index
	if ix == nil {
		return nil
	}
	var terms []int
	naming.Analyze(p).MatchesOf(func(_ int, m match.Match) { terms = append(terms, m.Term) })
	return productKeys(ix, terms)
}

// productKeys returns the keys of the terms of kind product or feature
// among terms (term indices, in any order, repeats allowed), in glossary
// order without repeats. It sorts terms.
func productKeys(ix *match.Index, terms []int) []string {
	sort.Ints(terms)
	isProduct := func(i int) bool {
		if i > 0 && terms[i] == terms[i-1] {
			return false
		}
		k := ix.Terms[terms[i]].Kind
		return k == config.KindProduct || k == config.KindFeature
	}
	// count first, so that the list is allocated once
	n := 0
	for i := range terms {
		if isProduct(i) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n)
	for i, ti := range terms {
		if key := ix.Terms[ti].Key; isProduct(i) && !slices.Contains(out, key) {
			out = append(out, key)
		}
	}
	return out
}

// nameSpans fills out with the glossary matches of every block (unless
// out is nil), and returns terms with the terms matched appended, each
// once (seen marks them).
func nameSpans(p *lint.Pass, out *spanIndex, seen *termSet, terms []int) []int {
	ix := p.Env.Index
	if ix == nil {
		return terms
	}
	n := len(p.Doc.Blocks)
	seen.reset(len(ix.Terms))
	// collect and count per block, then place (whatever order the matches
	// come in, a block's spans keep their order)
	var recs []nameRec
	if out != nil {
		out.start = slices.Grow(out.start[:0], n+1)[:n+1]
		clear(out.start)
		recs = out.recs[:0]
	}
	naming.Analyze(p).MatchesOf(func(block int, m match.Match) {
		if seen.add(m.Term) {
			terms = append(terms, m.Term)
		}
		if out != nil && block >= 0 && block < n {
			recs = append(recs, nameRec{block: block, span: [2]int{m.Start, m.End}})
			out.start[block+1]++
		}
	})
	if out == nil {
		return terms
	}
	out.recs = recs
	if len(recs) == 0 {
		return terms
	}
	for i := 1; i <= n; i++ {
		out.start[i] += out.start[i-1]
	}
	out.spans = slices.Grow(out.spans[:0], len(recs))[:len(recs)]
	// start[i] is used as block i's cursor, then restored
	for _, r := range recs {
		out.spans[out.start[r.block]] = r.span
		out.start[r.block]++
	}
	for i := n; i > 0; i-- {
		out.start[i] = out.start[i-1]
	}
	out.start[0] = 0
	return terms
}

// termSet marks glossary terms, cleared in O(1) per document.
type termSet struct {
	stamp []uint32
	epoch uint32
}

// reset empties the set, for term indices below n.
func (t *termSet) reset(n int) {
	t.epoch++
	if len(t.stamp) < n || t.epoch == 0 {
		t.stamp = make([]uint32, n)
		t.epoch = 1
	}
}

// add marks term i and reports whether it was not marked yet.
func (t *termSet) add(i int) bool {
	if i < 0 || i >= len(t.stamp) {
		return true // not a term index: keep it (productKeys drops repeats)
	}
	if t.stamp[i] == t.epoch {
		return false
	}
	t.stamp[i] = t.epoch
	return true
}

func mentioned(names []string, counts []int) []string {
	var out []string
	for i, n := range counts {
		if n > 0 {
			out = append(out, names[i])
		}
	}
	return out
}

// title is the asset's title: front matter `title`, else the first
// <title> or slide title, else the first heading. It also returns the
// block that holds it (-1 when none does).
func title(d *content.Document) (string, int) {
	if t := metaString(d.Meta, "title"); t != "" {
		for i := range d.Blocks {
			b := &d.Blocks[i]
			if b.Scope == content.ScopeFrontMatter && b.Field == "title" {
				return t, i
			}
		}
		return t, -1
	}
	for _, scope := range []string{content.ScopeTitle, content.ScopeHeading} {
		for i := range d.Blocks {
			if d.Blocks[i].Scope == scope {
				if t := clean(d.Blocks[i].Text); t != "" {
					return t, i
				}
			}
		}
	}
	return "", -1
}

// clean makes a block text fit for one line: barriers dropped, white space collapsed.
func clean(s string) string {
	s = strings.ReplaceAll(s, string(content.Barrier), " ")
	return strings.Join(strings.Fields(s), " ")
}

func frontMatterStage(md *model, d *content.Document, a *Asset) bool {
	for _, key := range []string{"funnel", "stage"} {
		v := metaString(d.Meta, key)
		if v == "" {
			continue
		}
		if st, ok := StageName(md.stages, v); ok {
			a.Stage, a.StageSource, a.Confidence = st, SourceFrontMatter, 1
			a.Evidence = []string{fmt.Sprintf("front matter: %s: %s", key, v)}
			return true
		}
	}
	return false
}

func pathStage(cfg *config.Config, md *model, a *Asset) bool {
	for _, key := range Ordered(cfg.Funnel.Paths, cfg.Funnel.PathOrder) {
		st, ok := StageName(md.stages, key)
		if !ok {
			continue
		}
		for _, g := range cfg.Funnel.Paths[key] {
			if m, _ := doublestar.Match(g, a.Path); m {
				a.Stage, a.StageSource, a.Confidence = st, SourcePath, 1
				a.Evidence = []string{"path: " + g}
				return true
			}
		}
	}
	return false
}

func matchAny(globs []string, path string) bool {
	for _, g := range globs {
		if ok, _ := doublestar.Match(g, path); ok {
			return true
		}
	}
	return false
}

// metaString returns a front-matter value as a trimmed string ("" when
// absent or not a scalar).
func metaString(meta map[string]any, key string) string {
	v, ok := meta[key]
	if !ok || v == nil {
		return ""
	}
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case fmt.Stringer:
		return strings.TrimSpace(x.String())
	case int, int64, float64, bool:
		return fmt.Sprint(x)
	}
	return ""
}

// metaStrings returns the values of the first of keys that is set, as a
// list (a scalar or a list of scalars), trimmed and de-duplicated.
func metaStrings(meta map[string]any, keys ...string) []string {
	for _, k := range keys {
		v, ok := meta[k]
		if !ok || v == nil {
			continue
		}
		var out []string
		add := func(s string) {
			s = strings.TrimSpace(s)
			if s != "" && !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
		switch x := v.(type) {
		case string:
			for _, s := range strings.Split(x, ",") {
				add(s)
			}
		case []any:
			for _, e := range x {
				if s, ok := e.(string); ok {
					add(s)
				}
			}
		case []string:
			for _, s := range x {
				add(s)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}
