package funnel

import (
	"bytes"
	"github.com/msglint/msglint/lint"

	"github.com/msglint/msglint/match"
)

// Kinds of phrases in the matcher.
const (
	kindStage = iota
	kindAudience
	kindObjection
)

// phrase is one keyword of a stage, an audience or an objection.
type phrase struct {
	kind   int
	group  int // stage, audience or objection index
	text   string
	toks   [][]byte // folded tokens
	weight float64
	// notCaps: an all-capitals occurrence is not this phrase ("VS Code"
	// is not "vs").
	notCaps bool
}

// matcher finds every phrase in a text in one walk of its tokens: phrases
// are keyed by their first folded token, so the cost per token is one map
// lookup whatever the number of phrases. It is built once per run.
type matcher struct {
	phrases []phrase
	first   wordTable        // first folded token -> phrases, longest first
	firstF  match.WordFilter // in front of first: most tokens start no phrase
}

func newMatcher() *matcher { return &matcher{} }

// wordTable maps folded words to phrase lists: an open-addressing hash
// table, cheaper than a map[string] for the one lookup per token.
type wordTable struct {
	slots []int32 // 1+index in keys; 0: empty
	keys  []string
	lists [][]int32
}

func wordHash(w []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range w {
		h = (h ^ uint32(c)) * 16777619
	}
	return h
}

// get returns the list of w (nil, false when absent).
func (t *wordTable) get(w []byte) ([]int32, bool) {
	if len(t.slots) == 0 {
		return nil, false
	}
	mask := uint32(len(t.slots) - 1)
	for i := wordHash(w) & mask; ; i = (i + 1) & mask {
		k := t.slots[i]
		if k == 0 {
			return nil, false
		}
		if t.keys[k-1] == string(w) {
			return t.lists[k-1], true
		}
	}
}

// set sets the list of w.
func (t *wordTable) set(w string, list []int32) {
	if _, ok := t.get([]byte(w)); !ok && 2*(len(t.keys)+1) > len(t.slots) {
		t.grow()
	}
	mask := uint32(len(t.slots) - 1)
	for i := wordHash([]byte(w)) & mask; ; i = (i + 1) & mask {
		k := t.slots[i]
		if k == 0 {
			t.keys = append(t.keys, w)
			t.lists = append(t.lists, list)
			t.slots[i] = int32(len(t.keys))
			return
		}
		if t.keys[k-1] == w {
			t.lists[k-1] = list
			return
		}
	}
}

// grow doubles the slots (at least 16) and re-inserts the keys.
func (t *wordTable) grow() {
	t.slots = make([]int32, max(16, 2*len(t.slots)))
	mask := uint32(len(t.slots) - 1)
	for k, w := range t.keys {
		i := wordHash([]byte(w)) & mask
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = int32(k + 1)
	}
}

// add registers a phrase; a phrase with no word is ignored.
func (m *matcher) add(p phrase) {
	toks := match.Tokenize(p.text, nil)
	if len(toks) == 0 {
		return
	}
	for _, t := range toks {
		p.toks = append(p.toks, []byte(match.Fold(p.text[t.Start:t.End])))
	}
	i := int32(len(m.phrases))
	m.phrases = append(m.phrases, p)
	k := string(p.toks[0])
	old, _ := m.first.get(p.toks[0])
	list := append(old, i)
	// longest first, then in insertion order
	for j := len(list) - 1; j > 0 && len(m.phrases[list[j]].toks) > len(m.phrases[list[j-1]].toks); j-- {
		list[j], list[j-1] = list[j-1], list[j]
	}
	m.first.set(k, list)
	m.firstF.Add(k)
}

// scratch holds per-block buffers, reused between blocks.
type scratch struct {
	toks  []match.Token
	words lint.Words // folded tokens of text outside the blocks
}

// find records in sc every phrase occurrence in text (standing at where,
// weighing weight). A phrase never spans
// a barrier (removed code or URL), path-like tokens (URLs, file names,
// identifiers) are not prose, and no phrase may overlap a span of skip
// (glossary names: "Acme Insights" is not the signal "insights").
//
// toks are the tokens of text (match.Tokenize); nil tokenizes here.
func (m *matcher) find(sc *scores, text string, toks []match.Token, words *lint.Words, skip [][2]int, where int, weight float64) {
	if len(m.phrases) == 0 {
		return
	}
	s := &sc.buf
	if toks == nil {
		s.toks = match.Tokenize(text, s.toks[:0])
		toks = s.toks
		words = nil
	}
	if words == nil {
		words = s.fold(text, toks)
	}
	arena, offs := words.Arena, words.Offs
	if len(offs) < len(toks)+1 {
		return // not the words of these tokens
	}
	lo := offs[0]
	for i, hi := range offs[1 : len(toks)+1] {
		w := arena[lo:hi]
		lo = hi
		if len(w) == 0 {
			continue
		}
		if !m.firstF.MayContain(w) {
			continue
		}
		fl := toks[i].Flags
		if fl&match.FlagPathLike != 0 {
			continue
		}
		list, ok := m.first.get(w)
		if !ok {
			continue
		}
		caps := fl&match.FlagUpper != 0 && fl&match.FlagLower == 0
	next:
		for _, pi := range list {
			p := &m.phrases[pi]
			if i+len(p.toks) > len(toks) || caps && p.notCaps {
				continue
			}
			for k := 1; k < len(p.toks); k++ {
				if toks[i+k].Flags&(match.FlagPathLike|match.FlagBarrierBefore) != 0 {
					continue next
				}
				if !bytes.Equal(arena[offs[i+k]:offs[i+k+1]], p.toks[k]) {
					continue next
				}
			}
			if len(skip) > 0 && overlaps(skip, int(toks[i].Start), int(toks[i+len(p.toks)-1].End)) {
				continue
			}
			sc.hit(m, pi, where, weight)
		}
	}
}

// fold folds the tokens of text into the scratch words (text outside the
// document's blocks: titles, front-matter values).
func (s *scratch) fold(text string, toks []match.Token) *lint.Words {
	s.words.Arena = s.words.Arena[:0]
	s.words.Offs = append(s.words.Offs[:0], 0)
	for _, t := range toks {
		s.words.Arena = match.AppendFolded(s.words.Arena, text[t.Start:t.End], t.Flags&match.FlagNonASCII != 0)
		s.words.Offs = append(s.words.Offs, int32(len(s.words.Arena)))
	}
	return &s.words
}

func overlaps(spans [][2]int, a, b int) bool {
	for _, sp := range spans {
		if a < sp[1] && sp[0] < b {
			return true
		}
	}
	return false
}
