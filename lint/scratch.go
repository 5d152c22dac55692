package lint

import (
	"slices"
	"sync"

	"github.com/msglint/msglint/match"
)

// docTokens are every block's tokens, computed once per document.
type docTokens struct {
	all   []match.Token
	start []int // start[i]:start[i+1] are block i's tokens
}

// Tokens returns the word tokens of block i (match.Tokenize), computed
// once per document and shared by every rule. The slice must not be modified.
func (p *Pass) Tokens(i int) []match.Token {
	dt := p.tokens
	if dt == nil {
		dt = p.docTokens()
	}
	if i < 0 || i+1 >= len(dt.start) {
		return nil
	}
	return dt.all[dt.start[i]:dt.start[i+1]:dt.start[i+1]]
}

// docScratch holds the arrays behind a document's tokens and folded
// words. They go back to a pool when the document is done (release): no
// finding, fact or asset keeps a reference into them (what outlives a
// document is copied into strings), so the next document reuses them.
type docScratch struct {
	toks  docTokens
	arena []byte
	offs  []int32
	words []Words
	puts  []func() // analyses' Release calls, made at release
}

var scratchPool = sync.Pool{New: func() any { return new(docScratch) }}

// maxPooledBytes keeps a huge document's arrays out of the pool.
const maxPooledBytes = 4 << 20

func (p *Pass) getScratch() *docScratch {
	if p.scratch == nil {
		p.scratch = scratchPool.Get().(*docScratch)
	}
	return p.scratch
}

// release hands the document's token and word arrays back to the pool;
// the pass must not be used afterwards.
func (p *Pass) release() {
	sc := p.scratch
	p.scratch, p.tokens, p.words = nil, nil, nil
	clear(p.shared)
	if sc == nil {
		return
	}
	for _, put := range sc.puts {
		put()
	}
	clear(sc.puts)
	sc.puts = sc.puts[:0]
	const tokenBytes = 12 // about: two int32 offsets and flags
	const wordsBytes = 48 // two slice headers
	if cap(sc.toks.all)*tokenBytes > maxPooledBytes || cap(sc.arena) > maxPooledBytes || cap(sc.offs)*4 > maxPooledBytes ||
		cap(sc.toks.start)*8 > maxPooledBytes || cap(sc.words)*wordsBytes > maxPooledBytes {
		return
	}
	clear(sc.words) // may point to an arena that AppendFolded outgrew: let it go
	scratchPool.Put(sc)
}

// docTokens tokenizes every block into the pooled scratch (once per
// document: the pass keeps the result in p.tokens).
func (p *Pass) docTokens() *docTokens {
	n := 0
	for j := range p.Doc.Blocks {
		n += len(p.Doc.Blocks[j].Text) / 5
	}
	sc := p.getScratch()
	dt := &sc.toks
	dt.all = dt.all[:0]
	if cap(dt.all) < n+16 {
		dt.all = make([]match.Token, 0, n+16)
	}
	dt.start = slices.Grow(dt.start[:0], len(p.Doc.Blocks)+1)
	for j := range p.Doc.Blocks {
		dt.start = append(dt.start, len(dt.all))
		dt.all = match.Tokenize(p.Doc.Blocks[j].Text, dt.all)
	}
	dt.start = append(dt.start, len(dt.all))
	p.tokens = dt
	return dt
}

// Words are the case-folded forms of a block's tokens: word i is
// Arena[Offs[i]:Offs[i+1]]. They are shared: do not modify them.
type Words struct {
	Arena []byte
	Offs  []int32
}

// Len is the number of words.
func (w *Words) Len() int { return len(w.Offs) - 1 }

// Word returns folded word i.
func (w *Words) Word(i int) []byte { return w.Arena[w.Offs[i]:w.Offs[i+1]] }

// Words returns the folded tokens of block i (match.AppendFolded of each
// token of Tokens(i)), computed once per document and shared by every rule
// family that looks words up (claims keywords, funnel signals).
func (p *Pass) Words(i int) *Words {
	all := p.words
	if all == nil {
		all = p.docWords()
	}
	if i < 0 || i >= len(all) {
		return &Words{Offs: []int32{0}}
	}
	return &all[i]
}

// docWords folds every block's tokens into the pooled scratch (once per
// document: the pass keeps the result in p.words).
func (p *Pass) docWords() []Words {
	n := 0
	for j := range p.Doc.Blocks {
		n += len(p.Doc.Blocks[j].Text)
	}
	sc := p.getScratch()
	out := slices.Grow(sc.words[:0], len(p.Doc.Blocks))[:len(p.Doc.Blocks)]
	sc.words = out
	arena := sc.arena[:0]
	n += 8 // FoldTokens' fast path writes eight bytes at a time
	if cap(arena) < n {
		arena = make([]byte, 0, n)
	}
	dt := p.tokens
	if dt == nil {
		dt = p.docTokens()
	}
	offsAll := sc.offs[:0]
	if cap(offsAll) < len(dt.all)+len(p.Doc.Blocks) {
		offsAll = make([]int32, 0, len(dt.all)+len(p.Doc.Blocks))
	}
	offsAll = offsAll[:len(dt.all)+len(p.Doc.Blocks)] // every block's Offs, one array
	sc.offs = offsAll
	for j := range p.Doc.Blocks {
		text := p.Doc.Blocks[j].Text
		toks := p.Tokens(j)
		offs := offsAll[: 1 : len(toks)+1]
		offs[0] = 0 // the array may be reused
		offsAll = offsAll[len(toks)+1:]
		start := len(arena)
		arena = match.FoldTokens(arena, offs[1:len(toks)+1], text, toks)
		out[j] = Words{Offs: offs[:len(toks)+1]}
		out[j].Arena = arena[start:len(arena):len(arena)]
	}
	sc.arena = arena // AppendFolded may have grown it
	p.words = out
	return out
}
