package funnel

import (
	"math"
	"slices"
	"strings"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
)

// The content model reads a document as a set of features: words and
// word pairs by where they stand (title, headings, description, body),
// front-matter keys and short values, the file's format, and shapes of
// the content (prices, check-mark tables, dated headings, code, quotes,
// steps, length). Each feature is a 64-bit hash of its kind and text, so
// that scoring allocates no strings; the words behind the strongest
// features are named only for the evidence.
//
// Features must carry across companies: no feature names a site, a
// product or a folder. Path segments are not features of the learned
// model; they are evidence of their own (paths.go).

// Feature kinds: the first byte of a feature's hashed text.
const (
	fTitle    = 't' // a word of the title
	fTitle2   = 'T' // two words of the title
	fHeading  = 'h' // a word of a heading (not the title)
	fHeading2 = 'H'
	fMeta     = 'm' // a word of the description or summary
	fBody     = 'b' // a word of the body
	fBody2    = 'B'
	fKey      = 'k' // a front-matter key
	fValue    = 'v' // a word of a short front-matter value
	fShape    = 's' // a shape of the content
)

var kindNames = map[byte]string{
	fTitle: "title", fTitle2: "title", fHeading: "heading", fHeading2: "heading",
	fMeta: "description", fBody: "body", fBody2: "body", fKey: "front matter key", fValue: "front matter",
	fShape: "structure",
}

// StopWords drops stopwords from the features (a switch for experiments).
var StopWords = true

// Switches for experiments (see rules/funnel/eval).
var (
	KeyFeatures   = false
	FormatFeature = false
	SizeFeatures  = false
)

// maxFeatures bounds the features kept per document (title and headings
// come first, so a long body is what is cut).
const maxFeatures = 1500

// MaxBodyWords bounds the body words read per document: the opening of a
// text says what it is for, and the cost of tagging stays flat however
// long the text is. BodyPairs makes word pairs of the body too. (Variables
// for the evaluation's experiments.)
var (
	MaxBodyWords = 200
	BodyPairs    = false
)

// feature is one hashed feature with where it came from.
type feature struct {
	h    uint64
	kind byte
	// a word feature: words of block blk, from word w (one or two words);
	// a shape, key or value feature (blk -1): its name is names[w].
	blk, w int32
}

// featureSet is a document's features, sorted by hash, without repeats.
type featureSet struct {
	list []feature
	// words and tokens of the blocks (word features name their words)
	words  func(i int) *lint.Words
	tokens func(i int) []match.Token
	names  []string // names of the features that are not words of a block (feature.w)
	slots  []uint64 // the set's table (add)
	used   []uint16 // the slots taken, cleared by reset
	// scratch reused from document to document
	toks []match.Token
	buf  []byte
	keys []string
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashStart(kind byte) uint64 {
	return (fnvOffset ^ uint64(kind)) * fnvPrime
}

// hashBytes continues FNV-1a hash h over b. It stays out of line: inlined
// in addSingles' loop, its byte loop had no registers left and went
// through the stack.
//
//go:noinline
func hashBytes(h uint64, b []byte) uint64 {
	for _, c := range b {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

func hashString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// FeatureHash is the hash of a feature of kind with text (word pairs
// joined by one space): the kind in the top byte, 56 bits of FNV-1a of
// the kind and text below it.
func FeatureHash(kind byte, text string) uint64 {
	return withKind(kind, hashString(hashStart(kind), text))
}

func withKind(kind byte, h uint64) uint64 { return uint64(kind)<<56 | h&(1<<56-1) }

// KindOf returns the kind of a feature hash.
func KindOf(h uint64) byte { return byte(h >> 56) }

// group is the feature group of a kind: the words of one place, or the
// shapes. Within a word group the features of a document share a fixed
// budget (FeatureValues), so a long body cannot outvote the title.
func group(kind byte) int {
	switch kind {
	case fTitle, fTitle2:
		return 0
	case fHeading, fHeading2:
		return 1
	case fMeta, fValue:
		return 2
	case fBody, fBody2:
		return 3
	case fKey:
		return 4
	}
	return 5 // shapes: each counts 1
}

const nGroups = 6

// groupBudget is the L2 norm a word group's features share.
const groupBudget = 3.0

// FeatureValues writes the value of each feature of hashes to vals
// (0 for the features known reports unknown): 1 for shapes, and for a
// word group with n known features min(1, groupBudget/sqrt(n)).
func FeatureValues(hashes []uint64, known func(i int) bool, vals []float64) {
	idx := make([]int, len(hashes))
	for i := range hashes {
		idx[i] = -1
		if known(i) {
			idx[i] = 0
		}
	}
	featureValues(hashes, idx, vals)
}

// featureValues is FeatureValues with known(i) written as idx[i] >= 0.
func featureValues(hashes []uint64, idx []int, vals []float64) {
	// without branches on the kind or on whether the model knows a
	// feature (a third of them it does not: a mispredicted branch each);
	// idx[i] is -1 or an index, so 1+idx[i]>>63 is 0 or 1
	idx = idx[:len(hashes)]
	vals = vals[:len(hashes)]
	var n [nGroups]int
	for i, h := range hashes {
		n[groupOf[KindOf(h)]] += 1 + idx[i]>>63
	}
	var v [nGroups]float64
	for g := range v {
		v[g] = 1
		if g < nGroups-1 && float64(n[g]) > groupBudget*groupBudget {
			v[g] = groupBudget / math.Sqrt(float64(n[g]))
		}
	}
	for i, h := range hashes {
		vals[i] = v[groupOf[KindOf(h)]] * float64(1+idx[i]>>63)
	}
}

// groupOf is group of every kind byte, as a table.
var groupOf = func() (t [256]uint8) {
	for k := range t {
		t[k] = uint8(group(byte(k)))
	}
	return t
}()

// usableWord reports whether a folded word makes a feature, alone or in
// a pair: letters, not too long, not a number (numbers become shapes).
// A stopword makes pair features only ("what is", "how to").
func usableWord(w []byte) bool {
	if len(w) < 2 || len(w) > 24 {
		return false
	}
	letters := 0
	for _, c := range w {
		if c >= 'a' && c <= 'z' || c >= 0x80 {
			letters++
		}
	}
	return letters*2 > len(w)
}

// collect builds the features of document d. titleBlock is the title's
// block (-1: none); title the title text; words the folded words of a
// block.
func collectFeatures(fs *featureSet, d *content.Document, titleBlock int, title string, tokens func(i int) []match.Token, words func(i int) *lint.Words, prices int) {
	fs.reset()
	fs.words, fs.tokens = words, tokens
	addWords := func(kind, kind2 byte, blk int, ws *lint.Words, limit int) int {
		return fs.addWords(kind, kind2, blk, ws, tokens(blk), limit)
	}
	if titleBlock >= 0 {
		addWords(fTitle, fTitle2, titleBlock, words(titleBlock), 40)
	} else if title != "" {
		fs.addText(fTitle, fTitle2, title)
	}
	bodyWords := 0
	headings, quotes, items, cells, paras := 0, 0, 0, 0, 0
	versioned, marks := 0, 0
	for i := range d.Blocks {
		if i == titleBlock {
			continue
		}
		b := &d.Blocks[i]
		switch b.Scope {
		case content.ScopeHeading, content.ScopeTitle:
			headings++
			if versionOrDate(b.Text) {
				versioned++
			}
			addWords(fHeading, fHeading2, i, words(i), 30)
		case content.ScopeFrontMatter, content.ScopeMeta:
			addWords(fMeta, 0, i, words(i), 200)
		case content.ScopeAttr, content.ScopeAlt, content.ScopeHeader, content.ScopeFooter:
			// chrome, not content
		default:
			switch b.Scope {
			case content.ScopeQuote:
				quotes++
			case content.ScopeListItem:
				items++
			case content.ScopeTableCell:
				cells++
				if isMark(b.Text) {
					marks++
				}
			default:
				paras++
			}
			if bodyWords < MaxBodyWords {
				k2 := byte(fBody2)
				if !BodyPairs {
					k2 = 0
				}
				bodyWords += addWords(fBody, k2, i, words(i), MaxBodyWords-bodyWords)
			}
		}
	}
	// front matter that is not prose: keys, and words of short values
	keys := fs.keys[:0]
	for k := range d.Meta {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	fs.keys = keys[:0]
	for _, k := range keys {
		lk := strings.ToLower(k)
		switch lk {
		case "title", "funnel", "stage", "team", "backend":
			continue
		}
		if KeyFeatures {
			fs.addName(fKey, lk)
		}
		if s, ok := d.Meta[k].(string); ok && len(s) <= 60 && !isProseField(k, d.Blocks) {
			fs.addText(fValue, 0, s)
		}
	}
	// shapes
	if FormatFeature {
		fs.addName(fShape, "format "+d.Format)
	}
	if SizeFeatures {
		fs.addName(fShape, "words "+bucket(bodyWords, 50, 200, 600, 1500, 4000))
		fs.addName(fShape, "headings "+bucket(headings, 1, 3, 8, 20))
		if bodyWords > 0 {
			fs.addName(fShape, "list share "+bucket(items*10/max(1, items+paras), 2, 5, 8))
		}
	}
	if quotes > 0 {
		fs.addName(fShape, "quotes")
	}
	if cells > 0 {
		fs.addName(fShape, "table")
	}
	if marks >= 4 {
		fs.addName(fShape, "comparison table")
	}
	if prices > 0 {
		fs.addName(fShape, pricesNames[bucketIndex(prices, 2, 4)])
	}
	if versioned > 0 {
		fs.addName(fShape, versionedNames[bucketIndex(versioned, 2, 4)])
	}
	if postMeta(d.Meta) {
		fs.addName(fShape, "author and date")
	}
	if strings.HasSuffix(strings.TrimSpace(title), "?") {
		fs.addName(fShape, "question title")
	}
	if f := strings.Fields(title); len(f) > 1 && isDigits(f[0]) && !versionOrDate(f[0]) {
		fs.addName(fShape, "list title")
	}
	c, steps := sourceShapes(d)
	if steps >= 3 {
		fs.addName(fShape, "numbered steps")
	}
	if c > 0 {
		fs.addName(fShape, codeNames[bucketIndex(c, 5, 15, 35)])
	}
}

// The names of the bucketed shapes, by bucketIndex (made once: no string
// is built per document).
var (
	pricesNames    = bucketNames("prices ", 2, 4)
	versionedNames = bucketNames("versioned or dated headings ", 2, 4)
	codeNames      = bucketNames("code ", 5, 15, 35)
)

// bucketIndex is the index of the range n falls in, given increasing
// bounds (bucket names it).
func bucketIndex(n int, bounds ...int) int {
	for i, b := range bounds {
		if n < b {
			return i
		}
	}
	return len(bounds)
}

// bucketNames names every range of the bounds, prefixed.
func bucketNames(prefix string, bounds ...int) []string {
	out := make([]string, len(bounds)+1)
	for i := range out {
		n := 0
		if i > 0 {
			n = bounds[i-1]
		}
		out[i] = prefix + bucket(n, bounds...)
	}
	return out
}
