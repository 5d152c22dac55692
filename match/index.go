package match

import (
	"fmt"
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
