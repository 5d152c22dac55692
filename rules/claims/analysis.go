package claims

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unsafe"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
)

// docAnalysis is computed once per document and shared by every claims
// rule (Pass.Shared).
type docAnalysis struct {
	pass   *lint.Pass
	hasNum []bool     // per block: a digit or a number word
	hits   []claimHit // registered-claim matches, in document order
	cited  map[string]bool
	// forb and trig are the candidate forbidden entries and disclaimer
	// triggers of every block, in entry order: block i's are
	// forb[forbAt[i]:forbAt[i+1]] (nil when there are no such entries).
	forb, forbAt []int32
	trig, trigAt []int32
	// notOurs is notOurs's last answer, for its sentence.
	notOurs sentenceMemo
}

// sentenceMemo is an answer about one sentence, text[s:e] of a block.
type sentenceMemo struct {
	ok    bool
	block int
	s, e  int
	v     bool
}

// block returns block bi's view: its tokens and folded words (the
// document's shared ones) and hasNum.
func (a *docAnalysis) block(bi int) blockInfo {
	return blockInfo{toks: a.pass.Tokens(bi), w: a.pass.Words(bi), hasNum: a.hasNum[bi]}
}

// forbidden returns the candidate forbidden entries of block bi.
func (a *docAnalysis) forbidden(bi int) []int32 {
	if a.forbAt == nil {
		return nil
	}
	return a.forb[a.forbAt[bi]:a.forbAt[bi+1]]
}

// triggers returns the candidate disclaimer triggers of block bi.
func (a *docAnalysis) triggers(bi int) []int32 {
	if a.trigAt == nil {
		return nil
	}
	return a.trig[a.trigAt[bi]:a.trigAt[bi+1]]
}

type blockInfo struct {
	toks   []match.Token // the block's tokens: tokens()
	w      *lint.Words   // their folded forms: word(i)
	hasNum bool          // a digit or a number word
}

// word returns the folded word i (valid until the analysis is dropped).
// Words are the tokens of match.Tokenize, in the same order.
func (b *blockInfo) word(i int) []byte { return b.w.Word(i) }

// words is the number of words.
func (b *blockInfo) words() int { return b.w.Len() }

// tokens returns the block's match tokens (with their flags).
func (b *blockInfo) tokens() []match.Token { return b.toks }

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

// claimHit is one match of a registered claim's pattern.
type claimHit struct {
	claim      int
	block      int
	start, end int
	// capStart and capEnd delimit the first capture group (-1 if it did not take part).
	capStart, capEnd int
}

// figuresAnalysis is the document's claim candidates: per block, whether it holds
// a number, and the claims, forbidden entries and disclaimer triggers its
// words may start (one walk over the words for all the claims rules).
var figuresAnalysis = &lint.Analysis[*docAnalysis]{
	Name:     "claims/figures",
	Doc:      "per block: a number or not, and the candidate claims, forbidden entries and triggers",
	Requires: []lint.Requirement{compiledAnalysis},
	Run: func(p *lint.Pass) *docAnalysis {
		c, _ := compileFor(p)
		return buildAnalysis(p, c)
	},
}

func analyze(p *lint.Pass) *docAnalysis { return lint.ResultOf(p, figuresAnalysis) }

// buildAnalysis walks the words of every block once (scanBlock): whether
// it holds a number, and the candidate claims, forbidden entries and
// disclaimer triggers. It then runs the candidate claims' patterns.
func buildAnalysis(p *lint.Pass, c *compiled) *docAnalysis {
	d := p.Doc
	n := len(d.Blocks)
	a := &docAnalysis{pass: p, hasNum: make([]bool, n)}
	sc := c.getScan()
	defer c.putScan(sc)
	// the lists hold at least the entries always candidates (the "#1"
	// default): room for those and a few more, so they rarely grow
	if len(c.forbidden) > 0 {
		a.forbAt = make([]int32, 1, n+1)
		a.forb = make([]int32, 0, n*len(c.forbPF.always)+16)
	}
	if len(c.triggers) > 0 {
		a.trigAt = make([]int32, 1, n+1)
		a.trig = make([]int32, 0, n*len(c.trigPF.always)+16)
	}
	for bi := range d.Blocks {
		text := d.Blocks[bi].Text
		toks, words := p.Tokens(bi), p.Words(bi)
		a.hasNum[bi] = c.scanBlock(sc, toks, words)
		if a.forbAt != nil {
			a.forb = append(a.forb, sc.lists[pfForbidden]...)
			a.forbAt = append(a.forbAt, int32(len(a.forb)))
		}
		if a.trigAt != nil {
			a.trig = append(a.trig, sc.lists[pfTriggers]...)
			a.trigAt = append(a.trigAt, int32(len(a.trig)))
		}
		for _, ci32 := range sc.lists[pfClaims] {
			ci := int(ci32)
			claim := &c.claims[ci]
			if claim.hasValue && !a.hasNum[bi] {
				continue
			}
			p.Doc.Budget.Regex(claim.size, len(text))
			// each match may become a claimHit, kept with the analysis
			ms, charged := findAllSubmatch(p.Doc.Budget, claim.re, text, 2*claimHitBytes)
			for _, m := range ms {
				if m[0] == m[1] {
					continue
				}
				h := claimHit{claim: ci, block: bi, start: m[0], end: m[1], capStart: -1, capEnd: -1}
				if len(m) >= 4 && m[2] >= 0 {
					h.capStart, h.capEnd = m[2], m[3]
				}
				a.hits = append(a.hits, h)
			}
			p.Doc.Budget.Free(charged - len(ms)*2*claimHitBytes) // the list goes; the hits stay
		}
	}
	return a
}

// claimHitBytes is the size of a claimHit (the hits grow by doubling:
// twice that is charged for each).
const claimHitBytes = int(unsafe.Sizeof(claimHit{}))

// UnitKey names the citation unit of a block: a paragraph, list item or
// cell is its own unit; Markdown table cells on one source line form a
// row; office blocks with the same slide number (body, title, notes) form
// one unit. consistency/claim-conflict never compares figures of one unit.
func UnitKey(d *content.Document, bi int) string {
	b := &d.Blocks[bi]
	if b.Loc != "" {
		loc := strings.TrimSuffix(b.Loc, " notes")
		if strings.HasPrefix(loc, "slide ") {
			return loc
		}
		return "loc:" + b.Loc
	}
	if b.Scope == content.ScopeTableCell && len(b.Segs) > 0 {
		line, _ := d.LineCol(b.Segs[0].SrcOff)
		return "row:" + strconv.Itoa(line)
	}
	return "block:" + strconv.Itoa(bi)
}

// unitCited reports whether the unit of block bi has a citation.
func (a *docAnalysis) unitCited(d *content.Document, bi int) bool {
	key := UnitKey(d, bi)
	if a.cited == nil {
		a.cited = map[string]bool{}
	}
	if v, ok := a.cited[key]; ok {
		return v
	}
	cited := false
	for j := range d.Blocks {
		if j != bi && UnitKey(d, j) != key {
			continue
		}
		if blockCited(d, j) {
			cited = true
			break
		}
	}
	a.cited[key] = cited
	return cited
}

func blockCited(d *content.Document, bi int) bool {
	b := &d.Blocks[bi]
	return hasCitation(b.Text) || sentenceHasLink(d, bi, 0, len(b.Text))
}

var superscripts = "¹²³⁴⁵⁶⁷⁸⁹⁰"

// hasCitation reports a citation phrase in a text: a footnote reference
// ([^1], ^1, a superscript digit), "Source:", "Sources:", "(Source ...)",
// "According to", "as reported by".
func hasCitation(s string) bool {
	if strings.Contains(s, "[^") || strings.ContainsAny(s, superscripts) {
		return true
	}
	l := strings.ToLower(s)
	for _, k := range []string{"source:", "sources:", "(source", "according to", "as reported by", "source -", "source –", "source —"} {
		if strings.Contains(l, k) {
			return true
		}
	}
	// "^1" written as a footnote marker
	for i := strings.IndexByte(s, '^'); i >= 0 && i+1 < len(s); {
		if isDigit(s[i+1]) {
			return true
		}
		j := strings.IndexByte(s[i+1:], '^')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// sentenceHasLink reports whether Text[s:e] of block bi carries a link:
// for text formats the corresponding source holds link syntax (the
// extractors drop URLs from Text), for office formats the text shows a URL.
func sentenceHasLink(d *content.Document, bi, s, e int) bool {
	b := &d.Blocks[bi]
	if strings.Contains(b.Text[s:e], "://") || strings.Contains(b.Text[s:e], "www.") {
		return true
	}
	if len(b.Segs) == 0 || len(d.Src) == 0 {
		return false
	}
	ss, se, ok := b.SrcRange(s, e)
	if !ok {
		return false
	}
	// extend to the end of the link syntax that follows the last character
	if se < len(d.Src) {
		se = min(len(d.Src), se+3)
	}
	src := d.Src[ss:se]
	for _, k := range [][]byte{[]byte("]("), []byte("]["), []byte("[^"), []byte("href"), []byte("://")} {
		if bytes.Contains(src, k) {
			return true
		}
	}
	return false
}

// sentenceAround returns the byte range of the sentence of text that holds
// offset pos (sentences start at tokens flagged FlagSentence).
//
// It reads only the sentence's tokens (from the token at pos, back and
// forth to the sentence starts), not the block's.
func sentenceAround(text string, toks []match.Token, pos int) (int, int) {
	s, e := 0, len(text)
	k := sort.Search(len(toks), func(i int) bool { return int(toks[i].Start) > pos })
	for i := k - 1; i >= 0; i-- {
		if toks[i].Flags&match.FlagSentence != 0 {
			s = int(toks[i].Start)
			break
		}
	}
	for i := k; i < len(toks); i++ {
		if toks[i].Flags&match.FlagSentence != 0 {
			e = int(toks[i].Start)
			break
		}
	}
	return s, e
}
