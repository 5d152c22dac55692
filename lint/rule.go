package lint

import (
	"fmt"
	"slices"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/match"
)

// Rule is one check, declared as a package-level value with its
// documentation beside it. Exactly one of Run or Finish may be nil.
type Rule struct {
	// Name is the rule id, "family/name".
	Name string
	// Summary is one line for `msglint rules`.
	Summary string
	// Doc is the full documentation printed by `msglint explain`.
	Doc string
	// Bad and Good are short examples for the docs.
	Bad, Good string
	// Default is the severity when the config says nothing.
	Default Severity
	// Fix says whether the rule's diagnostics may carry fixes and whether
	// `msglint fix` applies them by default (FixSafe), only with
	// --heuristic (FixHeuristic), or never (FixNone, the zero value).
	Fix FixSafety
	// Run checks one document. It may report findings and export facts.
	Run func(*Pass) error
	// Finish runs once after every document, with every document's facts.
	// The Finish functions of different rules run at the same time, so a
	// Finish must not write state that another rule reads.
	Finish func(*CorpusPass) error
}

// Family is the part of the name before the slash.
func (r *Rule) Family() string {
	for i := 0; i < len(r.Name); i++ {
		if r.Name[i] == '/' {
			return r.Name[:i]
		}
	}
	return r.Name
}

// Env is the per-run environment shared by every pass: the config, the
// compiled glossary and the date claims are judged against. It is
// read-only once the run starts, except for Memo.
type Env struct {
	Config *config.Config
	Index  *match.Index
	Today  time.Time

	memo sync.Map // key -> *memoEntry
}

type memoEntry struct {
	once sync.Once
	v    any
	err  error
}

// Memo computes a value once per run (e.g. compiled claim patterns) and
// returns it to every caller, concurrently safe.
func (e *Env) Memo(key string, f func() (any, error)) (any, error) {
	v, ok := e.memo.Load(key) // the common case: no allocation
	if !ok {
		v, _ = e.memo.LoadOrStore(key, &memoEntry{})
	}
	m := v.(*memoEntry)
	m.once.Do(func() { m.v, m.err = f() })
	return m.v, m.err
}

// Asset is what msglint knows about one file as a go-to-market asset.
type Asset struct {
	Path        string
	Format      string
	Title       string
	Stage       string
	StageSource string // frontmatter | path | content | none
	Confidence  float64
	Evidence    []string
	Team        string
	Audiences   []string
	Objections  []string
	Products    []string
	// Backend names the extraction backend where there is a choice (PDF).
	Backend string
	// RunnerUp is the second most likely stage and its probability, when
	// the stage was decided from content ("" otherwise).
	RunnerUp           string
	RunnerUpConfidence float64
	// Signals is the tagger's per-asset state for the corpus-level step
	// (Options.Settle); Settle drops it.
	Signals any
}

// Fix is a replacement for the matched text. Start and End are byte
// offsets in the source file, set by the driver only when the match maps
// exactly onto source bytes; otherwise they are -1 and the fix is advisory.
type Fix struct {
	Replacement string
	Start, End  int
}

// Site is a resolved place in a file.
type Site struct {
	Path     string
	Line     int
	Col      int
	EndLine  int
	EndCol   int
	Loc      string // office/PDF location; Line is then 1
	Match    string // the matched text
	Context  string // surrounding text (for baselines)
	LineText string // the source line at Line (text formats), for display
	// SrcStart and SrcEnd are the byte range in the source file; Exact
	// says the range holds exactly Match (so a fix may replace it).
	SrcStart, SrcEnd int
	Exact            bool
}

// Diagnostic is what a rule reports, as in go/analysis. A per-document
// diagnostic gives a span of a block's text; a Finish diagnostic (and one
// about a whole file or the config) gives an already resolved Site.
type Diagnostic struct {
	Block      int
	Start, End int // byte offsets in Doc.Blocks[Block].Text
	Site       *Site
	Message    string
	Fix        *Fix // Replacement only; the driver sets the offsets
	Related    []Site
	// Severity, when set, replaces the rule's severity for this finding
	// (a forbidden entry's own `severity:`); a rule turned off stays off.
	Severity Severity
}

// Finding is a Diagnostic after the driver has resolved its rule, severity
// and position and the policy has kept it: what reporters print.
type Finding struct {
	Rule     string
	Severity Severity
	Message  string
	Site
	Fix     *Fix
	Related []Site
}

// Pass is one rule's view of one document.
type Pass struct {
	Env   *Env
	Doc   *content.Document
	Asset *Asset
	Rule  *Rule

	shared   map[string]any
	scratch  *docScratch
	tokens   *docTokens // Tokens' shared value, kept here to skip the map lookup per block
	words    []Words    // Words' shared value, likewise
	findings *[]Diagnostic
	facts    *[]any
}

// Report records a finding.
func (p *Pass) Report(f Diagnostic) { *p.findings = append(*p.findings, f) }

// Reportf records a finding on a span of a block with a formatted message.
func (p *Pass) Reportf(block, start, end int, format string, args ...any) {
	p.Report(Diagnostic{Block: block, Start: start, End: end, Message: fmt.Sprintf(format, args...)})
}

// ExportFact hands a value to this rule's Finish.
func (p *Pass) ExportFact(v any) { *p.facts = append(*p.facts, v) }

// Shared computes a per-document value once and shares it among every
// rule run on the document (e.g. the glossary matches). Rules on one
// document run sequentially, so f needs no locking.
func (p *Pass) Shared(key string, f func() any) any {
	if v, ok := p.shared[key]; ok {
		return v
	}
	v := f()
	p.shared[key] = v
	return v
}

// SharedScratch is Shared for a value that holds per-document scratch
// (pooled arrays): when the document is done, put is called with it, so
// it can go back to a pool. Nothing may keep the value, or anything
// pointing into it, after the document.
func (p *Pass) SharedScratch(key string, get func() any, put func(any)) any {
	if v, ok := p.shared[key]; ok {
		return v
	}
	v := get()
	p.shared[key] = v
	sc := p.getScratch()
	sc.puts = append(sc.puts, scratchPut{v, put})
	return v
}

// Site resolves a span of a block to a Site while the document is at hand
// (facts keep Sites, not documents).
func (p *Pass) Site(block, start, end int) Site {
	return resolve(p.Doc, block, start, end)
}

// DocFacts are the facts one document exported for one rule.
type DocFacts struct {
	Path  string
	Facts []any
}

// CorpusPass is one rule's view of the whole corpus, after every document.
type CorpusPass struct {
	Env    *Env
	Rule   *Rule
	Assets []*Asset   // every asset, in path order
	Facts  []DocFacts // this rule's facts, in path order

	findings *[]Diagnostic
}

// Report records a finding; f.Site must be set.
func (c *CorpusPass) Report(f Diagnostic) { *c.findings = append(*c.findings, f) }

// resolve maps a block span to a Site.
func resolve(d *content.Document, block, start, end int) Site {
	s := Site{Path: d.Path}
	if block < 0 || block >= len(d.Blocks) {
		s.Line = 1
		return s
	}
	b := &d.Blocks[block]
	if start < 0 {
		start = 0
	}
	if end > len(b.Text) {
		end = len(b.Text)
	}
	if start > end {
		start = end
	}
	s.Match = b.Text[start:end]
	s.Context = context(b.Text, start, end)
	s.Loc = b.Loc
	if ss, se, ok := b.SrcRange(start, end); ok {
		s.Line, s.Col = d.LineCol(ss)
		s.EndLine, s.EndCol = d.LineCol(se)
		if d.LineLen(s.Line) <= MaxLineText {
			s.LineText = d.LineText(s.Line)
		}
		s.SrcStart, s.SrcEnd, s.Exact = ss, se, b.Exact(start, end)
	} else {
		s.Line = 1
	}
	return s
}

// MaxLineText is the longest source line, in bytes, a finding carries for
// display. A longer line (minified HTML, a paragraph without line breaks,
// hostile input) is shown by its context around the match instead, so that
// thousands of findings on one huge line cost neither quadratic memory nor
// quadratic output.
const MaxLineText = 4096

// context returns up to 40 runes either side of the span, on one line.
func context(text string, start, end int) string {
	const n = 40
	a := start
	for i := 0; i < n && a > 0; i++ {
		_, w := utf8.DecodeLastRuneInString(text[:a])
		a -= w
	}
	b := end
	for i := 0; i < n && b < len(text); i++ {
		_, w := utf8.DecodeRuneInString(text[b:])
		b += w
	}
	out := make([]byte, 0, b-a)
	for _, r := range text[a:b] {
		switch r {
		case '\n', '\r', '\t', content.Barrier:
			r = ' '
		}
		out = utf8.AppendRune(out, r)
	}
	return string(out)
}

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
	puts  []scratchPut // SharedScratch values to hand back at release
}

// scratchPut is a SharedScratch value and the function that takes it back.
type scratchPut struct {
	v   any
	put func(any)
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
	for _, sp := range sc.puts {
		sp.put(sp.v)
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
