package claims

import (
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
)

// keyword is a word a pattern cannot match without: the text must hold a
// token equal to it (or, when prefix is set, starting with it, as "rate"
// in `win rates?`).
type keyword struct {
	word   string // folded
	prefix bool
}

// prefilter maps the folded tokens of a block to the entries (claims,
// forbidden patterns, disclaimer triggers) that may match it: one hash
// lookup per token, whatever the number of entries. Entries without a
// usable keyword are always candidates.
type prefilter struct {
	exactF  match.WordFilter // in front of exact
	prefixF match.WordFilter // in front of prefix (by the first 3 bytes)
	exact   map[string][]int32
	prefix  map[string][]prefixEntry // by the keyword's first 3 bytes
	always  []int32
	n       int
}

type prefixEntry struct {
	word  string
	entry int32
}

func newPrefilter() *prefilter {
	return &prefilter{exact: map[string][]int32{}, prefix: map[string][]prefixEntry{}}
}

// add registers entry under a disjunction of keywords (any of them makes
// it a candidate); an empty list makes it always a candidate.
func (pf *prefilter) add(entry int, kws []keyword) {
	if entry >= pf.n {
		pf.n = entry + 1
	}
	if len(kws) == 0 {
		pf.always = append(pf.always, int32(entry))
		return
	}
	for _, k := range kws {
		if k.prefix {
			pf.prefix[k.word[:3]] = append(pf.prefix[k.word[:3]], prefixEntry{k.word, int32(entry)})
			pf.prefixF.Add(k.word[:3])
		} else {
			pf.exact[k.word] = append(pf.exact[k.word], int32(entry))
			pf.exactF.Add(k.word)
		}
	}
}

// markWord marks (in dst, appending to list) the entries keyed by the
// folded word buf: exact and prefix say whether the compiled union filters
// let buf (or its first 3 bytes) through.
func (pf *prefilter) markWord(buf []byte, exact, prefix bool, dst []bool, list []int32) []int32 {
	if exact && pf.exactF.MayContain(buf) {
		for _, e := range pf.exact[string(buf)] {
			if !dst[e] {
				dst[e] = true
				list = append(list, e)
			}
		}
	}
	if prefix && pf.prefixF.MayContain(buf[:3]) {
		for _, e := range pf.prefix[string(buf[:3])] {
			if len(buf) >= len(e.word) && string(buf[:len(e.word)]) == e.word && !dst[e.entry] {
				dst[e.entry] = true
				list = append(list, e.entry)
			}
		}
	}
	return list
}

// The prefilters of a block scan (blockScan.lists).
const (
	pfClaims = iota
	pfForbidden
	pfTriggers
	nPF
)

// blockScan is scanBlock's result and scratch, pooled per run.
type blockScan struct {
	marks [nPF][]bool  // all false between blocks
	lists [nPF][]int32 // each prefilter's candidate entries, in entry order
}

func (c *compiled) prefilters() [nPF]*prefilter {
	return [nPF]*prefilter{c.claimPF, c.forbPF, c.trigPF}
}

func (c *compiled) getScan() *blockScan {
	if v := c.scanPool.Get(); v != nil {
		return v.(*blockScan)
	}
	sc := &blockScan{}
	for k, pf := range c.prefilters() {
		sc.marks[k] = make([]bool, pf.n)
	}
	return sc
}

func (c *compiled) putScan(sc *blockScan) { c.scanPool.Put(sc) }

// buildUnion fills the union filters in front of scanBlock's lookups:
// every prefilter's keywords, and the number words.
func (c *compiled) buildUnion() {
	for _, pf := range c.prefilters() {
		for w := range pf.exact {
			c.exactF.Add(w)
		}
		for k := range pf.prefix {
			c.prefixF.Add(k)
		}
	}
	for w := range numberWords {
		c.exactF.Add(w)
	}
	for w := range multiplierWords {
		c.exactF.Add(w)
	}
}

// scanBlock walks the folded words of a block (w, the words of toks) once.
// It reports whether the block holds a number (a token with a digit, or a
// number word), and leaves in sc.lists the entries of the claims,
// forbidden and trigger prefilters whose keyword occurs in the block (and
// those always candidates), in entry order. One union filter in front of
// all the lookups lets most words through with two bit tests.
func (c *compiled) scanBlock(sc *blockScan, toks []match.Token, w *lint.Words) bool {
	pfs := c.prefilters()
	for k, pf := range pfs {
		list, dst := sc.lists[k][:0], sc.marks[k]
		for _, e := range pf.always {
			if !dst[e] {
				dst[e] = true
				list = append(list, e)
			}
		}
		sc.lists[k] = list
	}
	hasNum := false
	arena, offs := w.Arena, w.Offs
	for i := 0; i+1 < len(offs); i++ {
		buf := arena[offs[i]:offs[i+1]]
		if !hasNum && i < len(toks) && toks[i].Flags&match.FlagDigit != 0 {
			hasNum = true
		}
		exact := c.exactF.MayContain(buf)
		prefix := len(buf) >= 3 && c.prefixF.MayContain(buf[:3])
		if !exact && !prefix {
			continue
		}
		if exact && !hasNum && i < len(toks) && isNumberWord(buf) {
			hasNum = true
		}
		for k, pf := range pfs {
			sc.lists[k] = pf.markWord(buf, exact, prefix, sc.marks[k], sc.lists[k])
		}
	}
	for k := range sc.lists {
		list := sc.lists[k]
		for _, e := range list {
			sc.marks[k][e] = false
		}
		if len(list) > 1 {
			slices.Sort(list)
		}
	}
	return hasNum
}

// patternKeywords extracts from an RE2 pattern a disjunction of words one
// of which every match must contain (nil when there is none to rely on).
func patternKeywords(pattern string) []keyword {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	return required(re.Simplify())
}

// required returns a disjunction of keywords for re, or nil.
func required(re *syntax.Regexp) []keyword {
	switch re.Op {
	case syntax.OpCapture:
		return required(re.Sub[0])
	case syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
		return nil
	case syntax.OpLiteral:
		return best(literalWords(re.Rune, false, false), nil)
	case syntax.OpAlternate:
		var out []keyword
		for _, s := range re.Sub {
			k := required(s)
			if k == nil {
				return nil
			}
			out = append(out, k...)
		}
		return out
	case syntax.OpConcat:
		// a stream of runes: literal runes, ' ' for a known non-word
		// separator, 0 for anything unknown.
		var stream []rune
		var cands [][]keyword
		for _, s := range re.Sub {
			switch {
			case s.Op == syntax.OpLiteral:
				stream = append(stream, s.Rune...)
			case isSeparator(s):
				stream = append(stream, ' ')
			default:
				if k := required(s); k != nil {
					cands = append(cands, k)
				}
				stream = append(stream, 0)
			}
		}
		for _, w := range streamWords(stream) {
			cands = append(cands, []keyword{w})
		}
		return best(nil, cands)
	}
	return nil
}

// isSeparator reports a node that matches only non-letters: \s, \b,
// [ -], ^, $.
func isSeparator(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpWordBoundary, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
		return true
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			if hi-lo > 0x1000 {
				return false
			}
			for r := lo; r <= hi; r++ {
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					return false
				}
			}
		}
		return true
	case syntax.OpPlus, syntax.OpStar, syntax.OpQuest, syntax.OpRepeat:
		return isSeparator(re.Sub[0])
	}
	return false
}

// streamWords returns the letter words of a literal stream that are
// preceded by a separator (' ') or the stream start... only when bounded
// on the left by a separator; a word with an unknown right side is a
// prefix keyword.
func streamWords(stream []rune) []keyword {
	var out []keyword
	i := 0
	for i < len(stream) {
		if !unicode.IsLetter(stream[i]) && !unicode.IsDigit(stream[i]) {
			i++
			continue
		}
		j := i
		for j < len(stream) && (unicode.IsLetter(stream[j]) || unicode.IsDigit(stream[j])) {
			j++
		}
		leftOK := i > 0 && stream[i-1] != 0
		rightKnown := j < len(stream) && stream[j] != 0
		if leftOK {
			w := strings.ToLower(string(stream[i:j]))
			if rightKnown {
				out = append(out, keyword{word: w})
			} else if len(w) >= 3 {
				out = append(out, keyword{word: w, prefix: true})
			}
		}
		i = j
	}
	return out
}

// literalWords returns the inner words of a lone literal (both sides
// bounded inside it).
func literalWords(rs []rune, _, _ bool) [][]keyword {
	stream := append([]rune{0}, rs...)
	stream = append(stream, 0)
	var out [][]keyword
	for _, w := range streamWords(stream) {
		out = append(out, []keyword{w})
	}
	return out
}

// best picks the most selective disjunction: one keyword beats several,
// then longer words beat shorter ones; words under 3 letters are not used.
func best(a, b [][]keyword) []keyword {
	var bestK []keyword
	bestScore := -1
	for _, k := range append(a, b...) {
		if len(k) == 0 {
			continue
		}
		minLen := 1 << 30
		for _, w := range k {
			minLen = min(minLen, len(w.word))
		}
		if minLen < 3 {
			continue
		}
		if isStopword(k[0].word) && len(k) == 1 {
			minLen = 1 // usable, but only as a last resort
		}
		score := minLen*10 - len(k)
		if k[0].prefix {
			score--
		}
		if score > bestScore {
			bestK, bestScore = k, score
		}
	}
	return bestK
}

var stopwords = map[string]bool{"the": true, "and": true, "for": true, "with": true, "our": true, "your": true, "you": true, "are": true, "than": true}

func isStopword(w string) bool { return stopwords[w] }
