package claims

import (
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"

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

// candidates returns the entries whose keyword occurs among the tokens
// of b, in entry order, appended to list[:0]. dst (len >= pf.n, all
// false) is scratch space, all false again on return.
func (pf *prefilter) candidates(b *blockInfo, dst []bool, list []int32) []int32 {
	list = list[:0]
	mark := func(e int32) {
		if !dst[e] {
			dst[e] = true
			list = append(list, e)
		}
	}
	for _, e := range pf.always {
		mark(e)
	}
	if len(pf.exact) > 0 || len(pf.prefix) > 0 {
		arena, offs := b.w.Arena, b.w.Offs
		for i := 0; i+1 < len(offs); i++ {
			buf := arena[offs[i]:offs[i+1]]
			if !pf.exactF.MayContain(buf) {
				// not a keyword
			} else if es, ok := pf.exact[string(buf)]; ok {
				for _, e := range es {
					mark(e)
				}
			}
			if len(buf) >= 3 && pf.prefixF.MayContain(buf[:3]) {
				if es, ok := pf.prefix[string(buf[:3])]; ok {
					for _, e := range es {
						if len(buf) >= len(e.word) && string(buf[:len(e.word)]) == e.word {
							mark(e.entry)
						}
					}
				}
			}
		}
	}
	for _, e := range list {
		dst[e] = false
	}
	slices.Sort(list)
	return list
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
