package funnel

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
)

// Where a signal stands.
const (
	whereTitle   = "title"
	whereHeading = "heading"
	whereMeta    = "front matter"
	whereBody    = "body"
	whereStruct  = "structure"
)

// maxMetaText bounds the front-matter text scanned per document.
const maxMetaText = 64 << 10

// Where a signal stands, as an index (evidence keys).
const (
	wTitle = iota
	wHeading
	wMeta
	wBody
	wStruct
	nWhere
)

var whereNames = [nWhere]string{whereTitle, whereHeading, whereMeta, whereBody, whereStruct}

// scores are a document's signal totals. They are pooled per model
// (getScores, release) so a document allocates nothing to score itself.
type scores struct {
	stage     []float64 // final scores (see finish)
	body      []float64 // raw body totals, saturated by finish
	audience  []int
	objection []int
	// ev lists the evidence in first-seen order; evAt[where*len(phrases)+pi]
	// is 1+its index for a phrase signal (0: none yet).
	ev     []evEntry
	evList []*evEntry // evidence's scratch (points into ev)
	evAt   []int32
	bodyN  []int32 // body occurrences per phrase

	prices int // currency amounts in the blocks
	feats  featureSet
	hs     []uint64  // feature hashes (scratch)
	idx    []int     // their model indices (scratch)
	vals   []float64 // their values (scratch)
	cands  []candRef // evidence candidates (scratch)
	buf    scratch
	names  spanIndex
	terms  []int   // the glossary terms matched (product tags)
	seen   termSet // terms already in terms
	meta   strings.Builder
	// st is the asset's tagging state, packed into pack for the run's
	// spill once the asset is tagged (Asset.keepState): reused.
	st   tagState
	pack []byte
}

// evEntry is one piece of evidence: the label is whereNames[where] + ": " + what.
type evEntry struct {
	stage int
	where int
	what  string
	value float64
	count int
}

func (md *model) getScores() *scores {
	if v := md.pool.Get(); v != nil {
		return v.(*scores)
	}
	n := len(md.m.phrases)
	return &scores{
		stage:     make([]float64, len(md.stages)),
		body:      make([]float64, len(md.stages)),
		audience:  make([]int, len(md.audiences)),
		objection: make([]int, len(md.objections)),
		evAt:      make([]int32, nWhere*n),
		bodyN:     make([]int32, n),
	}
}

// release resets sc and returns it to the pool.
func (md *model) release(sc *scores) {
	clear(sc.stage)
	clear(sc.body)
	clear(sc.audience)
	clear(sc.objection)
	clear(sc.evAt)
	clear(sc.bodyN)
	for i := range sc.ev {
		sc.ev[i] = evEntry{}
	}
	sc.ev = sc.ev[:0]
	clear(sc.evList[:cap(sc.evList)])
	sc.evList = sc.evList[:0]
	sc.names.reset()
	sc.terms = sc.terms[:0]
	sc.meta.Reset()
	sc.prices = 0
	sc.feats.words, sc.feats.tokens = nil, nil
	md.pool.Put(sc)
}

// hit records an occurrence of phrase pi standing at where.
func (sc *scores) hit(m *matcher, pi int32, where int, weight float64) {
	p := &m.phrases[pi]
	switch p.kind {
	case kindAudience:
		sc.audience[p.group]++
		return
	case kindObjection:
		sc.objection[p.group]++
		return
	}
	if where == wBody {
		sc.bodyN[pi]++
		if sc.bodyN[pi] > BodyCap {
			return
		}
	}
	w := p.weight * weight
	if where == wBody {
		sc.body[p.group] += w
	} else {
		sc.stage[p.group] += w
	}
	k := where*len(m.phrases) + int(pi)
	if sc.evAt[k] == 0 {
		sc.ev = append(sc.ev, evEntry{stage: p.group, where: where, what: p.text})
		sc.evAt[k] = int32(len(sc.ev))
	}
	e := &sc.ev[sc.evAt[k]-1]
	e.value += w
	e.count++
}

// labelLess orders evidence by its label. The where names differ in their
// first byte, so two labels with different wheres compare as the wheres do.
func labelLess(a, b *evEntry) bool {
	if a.where != b.where {
		return whereNames[a.where] < whereNames[b.where]
	}
	return a.what < b.what
}

// evidence lists the n strongest signals of a stage, strongest first.
func (s *scores) evidence(stage, n int) []string {
	list := s.evList[:0] // scratch, kept with the scores
	for i := range s.ev {
		if e := &s.ev[i]; e.stage == stage && e.value > 0 {
			list = append(list, e)
		}
	}
	s.evList = list
	// labels are unique, so this order is total
	slices.SortFunc(list, func(a, b *evEntry) int {
		switch {
		case a.value > b.value:
			return -1
		case a.value < b.value:
			return 1
		case labelLess(a, b):
			return -1
		case labelLess(b, a):
			return 1
		}
		return 0
	})
	if len(list) > n {
		list = list[:n]
	}
	if len(list) == 0 {
		return nil
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		// one concatenation (one allocation) per label
		var label string
		if e.count > 1 {
			label = whereNames[e.where] + ": " + e.what + " ×" + strconv.Itoa(e.count)
		} else {
			label = whereNames[e.where] + ": " + e.what
		}
		out = append(out, label)
	}
	return out
}

// spanIndex holds the glossary name spans of every block: block i's are
// spans[start[i]:start[i+1]].
type spanIndex struct {
	start []int32
	spans [][2]int
	recs  []nameRec // scratch
}

// nameRec is a glossary match span of a block.
type nameRec struct {
	block int
	span  [2]int
}

func (s *spanIndex) reset() {
	s.start = s.start[:0]
	s.spans = s.spans[:0]
	s.recs = s.recs[:0]
}

// of returns the spans of block i.
func (s *spanIndex) of(i int) [][2]int {
	if i < 0 || i+1 >= len(s.start) {
		return nil
	}
	return s.spans[s.start[i]:s.start[i+1]]
}

// blockPrices is currencyAmounts(text) for a block whose tokens are toks
// (nil: not known). It is 0, with the text not read, when no token holds
// a digit: an amount has an ASCII digit, and Tokenize puts every ASCII
// digit in a token (FlagDigit).
func blockPrices(text string, toks []match.Token) int {
	if toks == nil {
		return currencyAmounts(text)
	}
	for _, t := range toks {
		if t.Flags&match.FlagDigit != 0 {
			return currencyAmounts(text)
		}
	}
	return 0
}

// scan scores every block of d (and the non-prose front-matter values)
// with the phrase matcher, then adds the structural signals. Spans of
// glossary names (sc.names, filled by the caller) are skipped.
// tokens returns the tokens of block i (shared with the other rules).
// The caller releases sc.
func (md *model) scan(sc *scores, d *content.Document, titleBlock int, tokens func(i int) []match.Token, words func(i int) *lint.Words) {
	prices := 0 // currency amounts in the blocks (a shape feature)
	// with no phrases (no config signals, audiences or objections) there
	// is nothing to find: only the prices are counted
	if len(md.m.phrases) == 0 {
		for i := range d.Blocks {
			prices += blockPrices(d.Blocks[i].Text, tokens(i))
		}
		sc.prices = prices
		return // no body mentions to saturate either
	}
	for i := range d.Blocks {
		b := &d.Blocks[i]
		where, w := wBody, BodyWeight
		switch {
		case i == titleBlock:
			where, w = wTitle, TitleWeight
		case b.Scope == content.ScopeHeading || b.Scope == content.ScopeTitle:
			where, w = wHeading, HeadingWeight
		case b.Scope == content.ScopeFrontMatter || b.Scope == content.ScopeMeta:
			where, w = wMeta, MetaWeight
		}
		toks, ws := tokens(i), words(i)
		prices += blockPrices(b.Text, toks)
		if toks == nil && b.Text != "" {
			// no shared tokens: tokenize here (and fold in find)
			sc.buf.toks = match.Tokenize(b.Text, sc.buf.toks[:0])
			toks, ws = sc.buf.toks, nil
		}
		md.m.find(sc, b.Text, toks, ws, sc.names.of(i), where, w)
	}
	if titleBlock < 0 {
		// a title from properties (office formats) with no block of its own
		if t := metaString(d.Meta, "title"); t != "" {
			md.m.find(sc, t, nil, nil, nil, wTitle, TitleWeight)
		}
	}
	// Front matter that is not prose (layout, type, tags, nested
	// sections...): its keys and string values are weak signals.
	metaText(&sc.meta, d.Meta, 0, d.Blocks)
	if sc.meta.Len() > 0 {
		md.m.find(sc, sc.meta.String(), nil, nil, nil, wMeta, 1)
	}
	sc.prices = prices
	for i, b := range sc.body {
		sc.stage[i] += saturate(b)
	}
}

// saturate gives body mentions diminishing returns: a long text gathers
// many weak mentions, and they must not outvote its title, headings and
// structure. saturate(x) < BodySaturation for every x.
func saturate(x float64) float64 {
	if x <= 0 {
		return x
	}
	return BodySaturation * (1 - math.Exp(-x/BodySaturation))
}

// metaText writes the keys and string values of front matter that are
// not already prose blocks, in key order.
func metaText(b *strings.Builder, v any, depth int, blocks []content.Block) {
	if depth > 8 || b.Len() > maxMetaText {
		return
	}
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			if depth == 0 && (k == "title" || k == "funnel" || k == "stage" || k == "team" || isProseField(k, blocks)) {
				continue
			}
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			writeKey(b, k)
			b.WriteString(". ")
			metaText(b, x[k], depth+1, blocks)
		}
	case []any:
		for _, e := range x {
			metaText(b, e, depth+1, blocks)
		}
	case string:
		if len(x) < 4096 {
			b.WriteString(x)
			b.WriteString(". ")
		}
	}
}

// writeKey writes a front-matter key with '_' and '-' as spaces.
func writeKey(b *strings.Builder, k string) {
	for i := 0; i < len(k); i++ {
		c := k[i]
		if c == '_' || c == '-' {
			c = ' '
		}
		b.WriteByte(c)
	}
}

func isProseField(k string, blocks []content.Block) bool {
	for i := range blocks {
		if blocks[i].Scope == content.ScopeFrontMatter && blocks[i].Field == k {
			return true
		}
	}
	return false
}
