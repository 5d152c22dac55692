package lint

import (
	"slices"
	"sync"
	"unsafe"

	"github.com/msglint/msglint/match"
)

// docTokens are every block's tokens, computed once per document.
type docTokens struct {
	all    []match.Token   // the first array of tokens (pooled); more are made when it is full
	blocks [][]match.Token // block i's tokens, in one of the arrays
	n      int             // the tokens of every block
}

// Tokens returns the word tokens of block i (match.Tokenize), computed
// once per document and shared by every rule. The slice must not be modified.
func (p *Pass) Tokens(i int) []match.Token {
	dt := p.tokens
	if dt == nil {
		dt = p.docTokens()
	}
	if i < 0 || i >= len(dt.blocks) {
		return nil
	}
	return dt.blocks[i]
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

// wordsBytes is the size of a Words (two slice headers).
const wordsBytes = int(unsafe.Sizeof(Words{}))

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
	if cap(sc.toks.all)*tokenBytes > maxPooledBytes || cap(sc.arena) > maxPooledBytes || cap(sc.offs)*4 > maxPooledBytes ||
		cap(sc.toks.blocks)*24 > maxPooledBytes || cap(sc.words)*wordsBytes > maxPooledBytes {
		return
	}
	clear(sc.toks.blocks) // may point to arrays not pooled: let them go
	clear(sc.words)       // may point to an arena that AppendFolded outgrew: let it go
	scratchPool.Put(sc)
}

// docTokens tokenizes every block into the pooled scratch (once per
// document: the pass keeps the result in p.tokens).
//
// The tokens' arrays are charged to the file's budget before they are
// made (content.Budget), and Tokenize never grows one: each block is
// given room for as many tokens as it can hold before it is tokenized.
// The first array is reserved for about one token every five bytes,
// which prose stays under. When a block could pass what is left, a new
// array is made for it and the blocks after it (none is copied): room
// for the block (match.MaxTokens, a pass over that block's bytes, only
// then) and for the rest at the density seen so far. The charges depend
// on the document only, not on what the pool hands back, so an
// over-budget file is over budget on every run.
func (p *Pass) docTokens() *docTokens {
	total := 0
	for j := range p.Doc.Blocks {
		total += len(p.Doc.Blocks[j].Text)
	}
	sc := p.getScratch()
	dt := &sc.toks
	dt.n = 0
	dt.blocks = slices.Grow(dt.blocks[:0], len(p.Doc.Blocks))[:len(p.Doc.Blocks)]
	var cur []match.Token // the array being filled
	first := true
	rest := total // bytes of the blocks not tokenized yet
	budget := p.Doc.Budget
	for j := range p.Doc.Blocks {
		text := p.Doc.Blocks[j].Text
		if len(cur)+len(text)/2+1 > cap(cur) {
			// room for this block and the rest: one token every five
			// bytes, or the density so far when higher
			est := rest/5 + 16
			if done := total - rest; done > 0 && dt.n > 0 {
				est = max(est, int(int64(dt.n)*int64(rest)/int64(done))+rest/64+16)
			}
			if len(text)/2+1 > est {
				est = max(est, min(match.MaxTokens(text), len(text)/2+1)+(rest-len(text))/5+16)
			}
			budget.Alloc(est * tokenBytes)
			if first && cap(dt.all) >= est {
				// the pooled array, as far as was charged: what a
				// document may use does not depend on the pool
				cur = dt.all[:0:est]
			} else {
				cur = make([]match.Token, 0, est)
				if first {
					dt.all = cur
				}
			}
			first = false
		}
		k := len(cur)
		cur = match.Tokenize(text, cur)
		dt.blocks[j] = cur[k:len(cur):len(cur)]
		dt.n += len(cur) - k
		rest -= len(text)
	}
	p.tokens = dt
	return dt
}

// tokenBytes is the size of a match.Token.
const tokenBytes = int(unsafe.Sizeof(match.Token{}))

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
	dt := p.tokens
	if dt == nil {
		dt = p.docTokens()
	}
	// charged before they are made, whatever the pool hands back (see docTokens)
	p.Doc.Budget.Alloc(n + 8 + 4*(dt.n+len(p.Doc.Blocks)) + wordsBytes*len(p.Doc.Blocks))
	sc := p.getScratch()
	out := slices.Grow(sc.words[:0], len(p.Doc.Blocks))[:len(p.Doc.Blocks)]
	sc.words = out
	arena := sc.arena[:0]
	n += 8 // FoldTokens' fast path writes eight bytes at a time
	if cap(arena) < n {
		arena = make([]byte, 0, n)
	}
	offsAll := sc.offs[:0]
	if cap(offsAll) < dt.n+len(p.Doc.Blocks) {
		offsAll = make([]int32, 0, dt.n+len(p.Doc.Blocks))
	}
	offsAll = offsAll[:dt.n+len(p.Doc.Blocks)] // every block's Offs, one array
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
