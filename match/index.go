package match

import (
	"fmt"
	"math/bits"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/msglint/msglint/config"
)

// FormKind says what a surface form is to its term.
type FormKind uint8

// Form kinds.
const (
	Canonical FormKind = iota
	Variant
	Deprecated
)

// Class is the verdict on one match.
type Class uint8

// Match classes.
const (
	OK           Class = iota // the canonical form, right case
	Case                      // canonical words in the wrong case (case-sensitive terms)
	IsVariant                 // a declared variant
	IsDeprecated              // a retired name
	Undeclared                // same loose key as the term, undeclared spelling
	NearMiss                  // one edit away from the term (7+ letters)
)

// Term is a compiled glossary term.
type Term struct {
	Name          string
	Key           string // id or name
	Kind          string
	CaseSensitive bool
	Trademark     string
	Note          string
}

// form is one registered surface form (including generated plurals).
type form struct {
	term   int32
	kind   FormKind
	text   string // NormalizeSpace(surface)
	folded string // Fold(text)
	suffix string // plural suffix added to the declared form ("" for the declared form)
	base   string // the declared form (without suffix)
}

// Match is one glossary hit in a text.
type Match struct {
	Start, End int // byte offsets in the text
	Term       int // index into Index.Terms
	Class      Class
	// Form is the declared surface form that matched (for variants and
	// deprecated names), and Suffix the plural suffix the text adds to it.
	Form   string
	Suffix string
}

// Index is the compiled glossary: one trie over the loose keys of every
// surface form, plus a near-miss index.
type Index struct {
	Terms []Term

	forms  []form
	root   [256]int32
	level1 [256]*[256]int32 // children of root's children, by first and second byte
	edges  map[uint64]int32 // deeper edges while compiling: node<<8 | byte (nil once frozen)
	// Deeper edges once compiled: node n's children are kidNode[kidStart[n]:kidStart[n+1]],
	// labelled by the bytes kidLab[kidStart[n]:kidStart[n+1]] in increasing order.
	kidStart []int32
	kidLab   []byte
	kidNode  []int32
	// edgeBits has bit edgeBit(n, c) set for every deeper edge (n, c): a
	// missing edge, the usual way a walk ends, is mostly rejected by one
	// bit test instead of a scan of the node's labels.
	edgeBits  []uint64
	edgeShift uint8     // 64 - log2(len(edgeBits)*64)
	leaf      []int32   // node -> index into leaves, or -1
	leaves    [][]int32 // lists of form indexes
	nodes     int32
	maxTokens int

	// near-miss: loose keys of 7+ letters by (length, first 3 bytes) and (length, last 3 bytes)
	nearPre  map[uint64][]int32
	nearSuf  map[uint64][]int32
	nearLen  [64]bool
	nearMin  int
	nearMax  int
	nearKeys []string // per term: loose key of canonical ("" if too short)
	// nearP2 and nearS2 hold the first and last two bytes of every
	// near-miss key: a one-edit misspelling of a 7+ byte key keeps one of
	// them, so a window matching neither cannot be a near-miss.
	nearP2, nearS2 *[1 << 16]bool
	nearToks       []int // per term: number of tokens of the canonical name
	// nearMaxToks is the most tokens of a canonical name with a near-miss key.
	nearMaxToks int
	// nearLenToks[k] has bit L set when some near-miss key of L bytes
	// belongs to a name of k tokens: a window of k tokens whose key is
	// n bytes can only be a near-miss if one of bits n-1..n+1 is set.
	nearLenToks []uint64
	// nearBits has bit nearBit(k) set for every key k of nearPre and
	// nearSuf: most windows are rejected without a map lookup.
	nearBits *[nearBitsLen / 64]uint64
}

const nearBitsLen = 1 << 20

// nearBit is the bit of a near-miss index key in nearBits.
func nearBit(k uint64) uint32 { return uint32((k * 0x9E3779B97F4A7C15) >> (64 - 20)) }

func (ix *Index) setNearBit(k uint64) {
	b := nearBit(k)
	ix.nearBits[b>>6] |= 1 << (b & 63)
}

func (ix *Index) nearBit(k uint64) bool {
	b := nearBit(k)
	return ix.nearBits[b>>6]&(1<<(b&63)) != 0
}

// nearKey is the near-miss index key of a length and three bytes.
func nearKey[T string | []byte](n int, b T) uint64 {
	return uint64(n)<<24 | uint64(b[0])<<16 | uint64(b[1])<<8 | uint64(b[2])
}

// Compile builds the index from glossary terms. It reports an error when
// a surface form has no words.
func Compile(terms []config.Term) (*Index, error) {
	ix := &Index{edges: map[uint64]int32{}, nearPre: map[uint64][]int32{}, nearSuf: map[uint64][]int32{}, nearMin: 1 << 30}
	ix.leaf = append(ix.leaf, -1) // root = node 0
	ix.nodes = 1
	for ti := range terms {
		t := &terms[ti]
		ix.Terms = append(ix.Terms, Term{Name: t.Name, Key: t.Key(), Kind: t.Kind, CaseSensitive: t.IsCaseSensitive(), Trademark: t.Trademark, Note: t.Note})
		add := func(s string, kind FormKind) error {
			if LooseKey(s) == "" {
				return fmt.Errorf("term %q: form %q has no words", t.Name, s)
			}
			n := len(Tokenize(s, nil))
			if n > ix.maxTokens {
				ix.maxTokens = n
			}
			base := NormalizeSpace(s)
			ix.addForm(form{term: int32(ti), kind: kind, text: base, folded: Fold(base), base: base})
			for _, suf := range pluralSuffixes(base) {
				p := pluralize(base, suf)
				ix.addForm(form{term: int32(ti), kind: kind, text: p, folded: Fold(p), suffix: suf, base: base})
			}
			return nil
		}
		if err := add(t.Name, Canonical); err != nil {
			return nil, err
		}
		for _, v := range t.Variants {
			if err := add(v, Variant); err != nil {
				return nil, err
			}
		}
		for _, v := range t.Deprecated {
			if err := add(v, Deprecated); err != nil {
				return nil, err
			}
		}
		lk := LooseKey(t.Name)
		key := ""
		if utf8.RuneCountInString(lk) >= 7 && len(lk) < len(ix.nearLen) && len(lk) >= 3 {
			key = lk
			n := len(lk)
			ix.nearLen[n] = true
			if n < ix.nearMin {
				ix.nearMin = n
			}
			if n > ix.nearMax {
				ix.nearMax = n
			}
			pk, sk := nearKey(n, lk[:3]), nearKey(n, lk[n-3:])
			ix.nearPre[pk] = append(ix.nearPre[pk], int32(ti))
			if ix.nearP2 == nil {
				ix.nearP2, ix.nearS2 = new([1 << 16]bool), new([1 << 16]bool)
			}
			ix.nearP2[uint16(lk[0])<<8|uint16(lk[1])] = true
			ix.nearS2[uint16(lk[n-2])<<8|uint16(lk[n-1])] = true
			ix.nearSuf[sk] = append(ix.nearSuf[sk], int32(ti))
			if ix.nearBits == nil {
				ix.nearBits = new([nearBitsLen / 64]uint64)
			}
			ix.setNearBit(pk)
			ix.setNearBit(sk)
			k := len(Tokenize(t.Name, nil))
			ix.nearMaxToks = max(ix.nearMaxToks, k)
			for len(ix.nearLenToks) <= k {
				ix.nearLenToks = append(ix.nearLenToks, 0)
			}
			ix.nearLenToks[k] |= 1 << n // n < len(ix.nearLen) = 64
		}
		ix.nearKeys = append(ix.nearKeys, key)
		ix.nearToks = append(ix.nearToks, len(Tokenize(t.Name, nil)))
	}
	ix.freeze()
	return ix, nil
}

// freeze turns the map of deeper trie edges into sorted child arrays: a
// lookup is then a scan of a few adjacent bytes instead of a map hash.
func (ix *Index) freeze() {
	type edge struct {
		node int32
		b    byte
		kid  int32
	}
	es := make([]edge, 0, len(ix.edges))
	for k, kid := range ix.edges {
		es = append(es, edge{int32(k >> 8), byte(k), kid})
	}
	sort.Slice(es, func(i, j int) bool {
		if es[i].node != es[j].node {
			return es[i].node < es[j].node
		}
		return es[i].b < es[j].b
	})
	ix.kidStart = make([]int32, ix.nodes+1)
	ix.kidLab = make([]byte, len(es))
	ix.kidNode = make([]int32, len(es))
	for i, e := range es {
		ix.kidStart[e.node+1]++
		ix.kidLab[i], ix.kidNode[i] = e.b, e.kid
	}
	for n := int32(1); n <= ix.nodes; n++ {
		ix.kidStart[n] += ix.kidStart[n-1]
	}
	// about 16 bits an edge: few false positives, and a table of 8 KB for
	// 4,000 edges
	size := 1 << 12
	for size < 16*len(es) {
		size <<= 1
	}
	ix.edgeBits = make([]uint64, size/64)
	ix.edgeShift = uint8(64 - bits.TrailingZeros(uint(size)))
	for _, e := range es {
		b := ix.edgeBit(e.node, e.b)
		ix.edgeBits[b>>6] |= 1 << (b & 63)
	}
	ix.edges = nil
}

// edgeBit is the bit of the deeper edge (node, c) in edgeBits.
func (ix *Index) edgeBit(node int32, c byte) uint32 {
	return uint32(((uint64(node)<<8 | uint64(c)) * 0x9E3779B97F4A7C15) >> ix.edgeShift)
}

// mayKid reports whether node (below the first two levels) may have a
// child by byte c: false means it has none.
func (ix *Index) mayKid(node int32, c byte) bool {
	b := ix.edgeBit(node, c)
	return ix.edgeBits[b>>6]&(1<<(b&63)) != 0
}

// kid returns the child of a node below the first two levels by byte c, or 0.
func (ix *Index) kid(node int32, c byte) int32 {
	if !ix.mayKid(node, c) {
		return 0
	}
	lo, hi := ix.kidStart[node], ix.kidStart[node+1]
	labs := ix.kidLab[lo:hi]
	if len(labs) <= 8 {
		for i, l := range labs {
			if l == c {
				return ix.kidNode[lo+int32(i)]
			}
		}
		return 0
	}
	a, b := 0, len(labs)
	for a < b {
		m := int(uint(a+b) >> 1)
		if labs[m] < c {
			a = m + 1
		} else {
			b = m
		}
	}
	if a < len(labs) && labs[a] == c {
		return ix.kidNode[lo+int32(a)]
	}
	return 0
}

func (ix *Index) addForm(f form) {
	// skip exact duplicates (a variant equal to a plural of another form...)
	key := LooseKey(f.text)
	node := int32(0)
	for i := 0; i < len(key); i++ {
		if i == 1 {
			l1 := ix.level1[key[0]]
			if l1 == nil {
				l1 = new([256]int32)
				ix.level1[key[0]] = l1
			}
			if l1[key[1]] == 0 {
				l1[key[1]] = ix.newNode()
			}
			node = l1[key[1]]
			continue
		}
		node = ix.child(node, key[i], true)
	}
	idx := int32(len(ix.forms))
	ix.forms = append(ix.forms, f)
	if ix.leaf[node] < 0 {
		ix.leaf[node] = int32(len(ix.leaves))
		ix.leaves = append(ix.leaves, nil)
	}
	ix.leaves[ix.leaf[node]] = append(ix.leaves[ix.leaf[node]], idx)
}

func (ix *Index) child(node int32, b byte, create bool) int32 {
	if node == 0 {
		c := ix.root[b]
		if c == 0 && create {
			c = ix.newNode()
			ix.root[b] = c
		}
		return c
	}
	k := uint64(node)<<8 | uint64(b)
	c := ix.edges[k]
	if c == 0 && create {
		c = ix.newNode()
		ix.edges[k] = c
	}
	return c
}

func (ix *Index) newNode() int32 {
	n := ix.nodes
	ix.nodes++
	ix.leaf = append(ix.leaf, -1)
	return n
}

// pluralSuffixes returns the plural suffixes to generate for a form's last word.
func pluralSuffixes(s string) []string {
	r, _ := utf8.DecodeLastRuneInString(s)
	if !unicode.IsLetter(r) {
		return nil
	}
	last := s
	if i := strings.LastIndexAny(s, " -."); i >= 0 {
		last = s[i+1:]
	}
	lower := strings.ToLower(last)
	if strings.ToUpper(last) == last || isCamel(last) {
		return []string{"s"}
	}
	switch {
	case strings.HasSuffix(lower, "s") || strings.HasSuffix(lower, "x") || strings.HasSuffix(lower, "z") ||
		strings.HasSuffix(lower, "ch") || strings.HasSuffix(lower, "sh"):
		return []string{"es"}
	case strings.HasSuffix(lower, "y") && len(lower) > 1 && !strings.ContainsRune("aeiou", rune(lower[len(lower)-2])):
		return []string{"ies"}
	}
	return []string{"s"}
}

func pluralize(s, suf string) string {
	if suf == "ies" {
		return s[:len(s)-1] + "ies"
	}
	return s + suf
}

func isCamel(w string) bool {
	up := 0
	for i, r := range w {
		if i > 0 && unicode.IsUpper(r) {
			up++
		}
	}
	return up > 0
}

// MaxTokens is the largest number of tokens in any surface form.
func (ix *Index) MaxTokens() int { return ix.maxTokens }

// Find appends every glossary match in text to dst, leftmost-longest, in
// order. toks must be Tokenize(text) (pass nil to tokenize here).
func (ix *Index) Find(text string, toks []Token, dst []Match) []Match {
	if ix == nil || len(ix.forms) == 0 {
		return dst
	}
	if toks == nil {
		toks = Tokenize(text, nil)
	}
	var buf [64]byte
	for s := 0; s < len(toks); s++ {
		tk := toks[s]
		if tk.Flags&FlagPathLike != 0 {
			continue
		}
		// The first two bytes of an ASCII word reject most tokens with two
		// array reads; the walk then goes on from that node.
		node, depth, rejected := int32(0), 0, false
		if tk.Flags&FlagNonASCII == 0 && tk.End-tk.Start >= 2 {
			if l1 := ix.level1[lowerASCII[text[tk.Start]]]; l1 != nil {
				node = l1[lowerASCII[text[tk.Start+1]]]
			}
			depth, rejected = 2, node == 0
			// and the third byte, when the token has one, by one bit test
			if !rejected && tk.End-tk.Start >= 3 && !ix.mayKid(node, lowerASCII[text[tk.Start+2]]) {
				rejected = true
			}
		}
		near := ix.nearMax > 0 && tk.Flags&FlagFirstUp != 0
		if rejected && !near {
			continue
		}
		if s > 0 && midCompound(text, toks[s-1], tk) {
			continue // Ionide-VSCode: a name inside another hyphenated name
		}
		if !rejected {
			end, leaf := ix.longest(text, toks, s, node, depth)
			if leaf >= 0 {
				m := ix.classify(text, toks, s, end, leaf)
				dst = append(dst, m)
				s = end
				continue
			}
		}
		if near {
			if ti, e := ix.nearMiss(text, toks, s, buf[:0]); ti >= 0 {
				dst = append(dst, Match{Start: int(tk.Start), End: int(toks[e].End), Term: int(ti), Class: NearMiss, Form: ix.Terms[ti].Name})
				s = e
			}
		}
	}
	return dst
}

// midCompound reports whether cur is joined to prev by a lone hyphen or
// dot with no space: cur then starts in the middle of a compound word.
func midCompound(text string, prev, cur Token) bool {
	sep := text[prev.End:cur.Start]
	return sep == "-" || sep == "." || sep == "\u2010" || sep == "\u2011"
}

// longest walks the trie from token s and returns the last token index of
// the longest match and its leaf, or -1. The walk starts at node, depth
// bytes into token s (0, or 2 for an ASCII token whose first two bytes led
// to node).
func (ix *Index) longest(text string, toks []Token, s int, node int32, depth int) (end int, leaf int32) {
	end, leaf = -1, -1
	var l1 *[256]int32
	lim := min(len(toks), s+ix.maxTokens+1)
	i := depth
	for t := s; t < lim; t++ {
		tk := toks[t]
		if t > s {
			if tk.Flags&(FlagPathLike|FlagBarrierBefore) != 0 || !joinable(text[toks[t-1].End:tk.Start]) {
				break
			}
			i = 0
		}
		w := text[tk.Start:tk.End]
		if tk.Flags&FlagNonASCII == 0 {
			for ; i < len(w); i++ {
				c := lowerASCII[w[i]]
				if depth >= 2 {
					node = ix.kid(node, c)
				} else if depth == 0 {
					node = ix.root[c]
					l1 = ix.level1[c]
				} else if l1 != nil {
					node = l1[c]
				} else {
					return end, leaf
				}
				if node == 0 {
					return end, leaf
				}
				depth++
			}
		} else {
			w = Fold(w)
			for ; i < len(w); i++ {
				c := w[i]
				if depth >= 2 {
					node = ix.kid(node, c)
				} else if depth == 0 {
					node = ix.root[c]
					l1 = ix.level1[c]
				} else if l1 != nil {
					node = l1[c]
				} else {
					return end, leaf
				}
				if node == 0 {
					return end, leaf
				}
				depth++
			}
		}
		if l := ix.leaf[node]; l >= 0 {
			end, leaf = t, l
		}
	}
	return end, leaf
}

func (ix *Index) classify(text string, toks []Token, s, e int, leaf int32) Match {
	m := Match{Start: int(toks[s].Start), End: int(toks[e].End)}
	surface := text[m.Start:m.End]
	ascii := plainASCII(surface)
	if !ascii {
		surface = NormalizeSpace(surface)
	}
	cands := ix.leaves[leaf]
	pick := func(fi int32, c Class) Match {
		f := &ix.forms[fi]
		m.Term, m.Class, m.Form, m.Suffix = int(f.term), c, f.base, f.suffix
		return m
	}
	kindClass := func(k FormKind) Class {
		switch k {
		case Variant:
			return IsVariant
		case Deprecated:
			return IsDeprecated
		}
		return OK
	}
	for _, fi := range cands {
		if ix.forms[fi].text == surface {
			return pick(fi, kindClass(ix.forms[fi].kind))
		}
	}
	var folded string
	if !ascii {
		folded = Fold(surface)
	}
	for _, fi := range cands {
		f := &ix.forms[fi]
		if ascii && equalLowerASCII(f.folded, surface) || !ascii && f.folded == folded {
			c := kindClass(f.kind)
			if c == OK && ix.Terms[f.term].CaseSensitive {
				// "wrong case" is the whole name in another case style
				// (acme cloudsync, ACME CLOUDSYNC); a changed inner
				// capital (Acme Cloudsync) is an undeclared spelling.
				c = Undeclared
				if caseStyleOnly(surface, f.text) {
					c = Case
				}
			}
			return pick(fi, c)
		}
	}
	// loose only: prefer the canonical form's term
	best := cands[0]
	for _, fi := range cands {
		if ix.forms[fi].kind == Canonical {
			best = fi
			break
		}
	}
	f := &ix.forms[best]
	c := Undeclared
	if f.kind == Deprecated {
		c = IsDeprecated
	}
	return pick(best, c)
}

// plainASCII reports whether s is ASCII with no white space but single
// spaces: NormalizeSpace would return it unchanged (when it starts and ends
// with a word) and Fold is strings.ToLower.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || asciiSpace[c] && (c != ' ' || i > 0 && s[i-1] == ' ') {
			return false
		}
	}
	return true
}

// equalLowerASCII reports whether lower == strings.ToLower(s) for an ASCII s.
func equalLowerASCII(lower, s string) bool {
	if len(lower) != len(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if lower[i] != c {
			return false
		}
	}
	return true
}

// equalUpperASCII reports whether upper == strings.ToUpper(s) for an ASCII s.
func equalUpperASCII(upper, s string) bool {
	if len(upper) != len(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if upper[i] != c {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// caseStyleOnly reports whether surface differs from form only by whole
// words written in lower or upper case ("acme cloudsync", "Acme insights",
// "ACME CLOUDSYNC"), not by a changed inner capital ("Acme Cloudsync").
func caseStyleOnly(surface, form string) bool {
	var bufA, bufB [8]Token
	a, b := Tokenize(surface, bufA[:0]), Tokenize(form, bufB[:0])
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := surface[a[i].Start:a[i].End], form[b[i].Start:b[i].End]
		if x == y {
			continue
		}
		if isASCII(y) {
			if !equalLowerASCII(x, y) && !equalUpperASCII(x, y) {
				return false
			}
		} else if x != strings.ToLower(y) && x != strings.ToUpper(y) {
			return false
		}
	}
	return true
}

// nearMiss looks for a term one edit away from the words starting at s.
//
// Most windows are rejected before their words are folded: for ASCII
// words the key's length is the sum of the words' lengths, and a window of
// k words can only be a near-miss of a k-word name whose key is one byte
// longer or shorter at most (nearLenToks). The words are folded into key
// only for a window that passes.
//
// It returns the term and the index of the window's last token, or -1.
func (ix *Index) nearMiss(text string, toks []Token, s int, key []byte) (term int32, end int) {
	// a near-miss has as many tokens as the term's name: at most nearMaxToks
	lim := min(len(toks), s+ix.nearMaxToks)
	n := 0      // the length of the folded key of toks[s:t+1]
	folded := s // toks[s:folded] are folded into key
	// noP2: the key's first two bytes, read from an ASCII first word of
	// two or more bytes, start no near-miss key; then the last two, read
	// likewise from the last word, must end one.
	noP2 := false
	if tk := toks[s]; tk.Flags&FlagNonASCII == 0 && tk.End-tk.Start >= 2 {
		noP2 = !ix.nearP2[uint16(lowerASCII[text[tk.Start]])<<8|uint16(lowerASCII[text[tk.Start+1]])]
	}
	for t := s; t < lim; t++ {
		tk := toks[t]
		if t > s && (tk.Flags&(FlagPathLike|FlagBarrierBefore) != 0 || !joinable(text[toks[t-1].End:tk.Start])) {
			break
		}
		if tk.Flags&FlagNonASCII != 0 {
			// its folded length is not its length: fold up to here
			for ; folded <= t; folded++ {
				f := toks[folded]
				key = appendFolded(key, text[f.Start:f.End], f.Flags&FlagNonASCII != 0)
			}
			n = len(key)
		} else {
			if n+int(tk.End-tk.Start) > ix.nearMax+1 {
				break // too long already: no need to fold it
			}
			n += int(tk.End - tk.Start)
		}
		if n > ix.nearMax+1 {
			break
		}
		if n < ix.nearMin-1 {
			continue
		}
		if k := t - s + 1; k >= len(ix.nearLenToks) || ix.nearLenToks[k]>>(n-1)&7 == 0 {
			continue // no k-word name has a key of n-1, n or n+1 bytes
		}
		if noP2 && tk.Flags&FlagNonASCII == 0 && tk.End-tk.Start >= 2 &&
			!ix.nearS2[uint16(lowerASCII[text[tk.End-2]])<<8|uint16(lowerASCII[text[tk.End-1]])] {
			continue // the P2/S2 test below, without folding
		}
		for ; folded <= t; folded++ {
			f := toks[folded]
			key = appendFolded(key, text[f.Start:f.End], f.Flags&FlagNonASCII != 0)
		}
		if !ix.nearP2[uint16(key[0])<<8|uint16(key[1])] && !ix.nearS2[uint16(key[n-2])<<8|uint16(key[n-1])] {
			continue
		}
		for d := -1; d <= 1; d++ {
			L := n + d
			if L <= 0 || L >= len(ix.nearLen) || !ix.nearLen[L] {
				continue
			}
			for k, pk := range [2]uint64{nearKey(L, key[:3]), nearKey(L, key[n-3:])} {
				if !ix.nearBit(pk) {
					continue
				}
				lst := ix.nearPre[pk]
				if k == 1 {
					lst = ix.nearSuf[pk]
				}
				for _, ti := range lst {
					tk := ix.nearKeys[ti]
					if ix.nearToks[ti] == t-s+1 && editDistance1(key, tk) && !pluralOnly(key, tk) {
						return ti, t
					}
				}
			}
		}
	}
	return -1, 0
}

// pluralOnly reports whether a and b differ only by a trailing "s".
func pluralOnly(a []byte, b string) bool {
	switch len(a) - len(b) {
	case 1:
		return a[len(a)-1] == 's' && string(a[:len(b)]) == b
	case -1:
		return b[len(b)-1] == 's' && string(a) == b[:len(a)]
	}
	return false
}

// editDistance1 reports whether a and b are exactly one edit apart
// (insertion, deletion, substitution or transposition of adjacent bytes).
func editDistance1(a []byte, b string) bool {
	if string(a) == b {
		return false
	}
	la, lb := len(a), len(b)
	if la-lb > 1 || lb-la > 1 {
		return false
	}
	i := 0
	for i < la && i < lb && a[i] == b[i] {
		i++
	}
	switch {
	case la == lb:
		if string(a[i+1:]) == b[i+1:] {
			return true
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && string(a[i+2:]) == b[i+2:]
	case la > lb:
		return string(a[i+1:]) == b[i:]
	default:
		return string(a[i:]) == b[i+1:]
	}
}

// Forms lists a term's declared surface forms by kind (for docs and init).
func (ix *Index) Forms(term int) (variants, deprecated []string) {
	seen := map[string]bool{}
	for _, f := range ix.forms {
		if int(f.term) != term || f.suffix != "" || seen[f.text] {
			continue
		}
		seen[f.text] = true
		switch f.kind {
		case Variant:
			variants = append(variants, f.text)
		case Deprecated:
			deprecated = append(deprecated, f.text)
		}
	}
	sort.Strings(variants)
	sort.Strings(deprecated)
	return
}
