package funnel

import (
	"bytes"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/internal/benchcorpus"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
)

// collectFeaturesRef is the feature extraction as it was before it was
// made to allocate less (kept as the reference the faster code must
// match feature for feature, in the same order).
func collectFeaturesRef(fs *refSet, d *content.Document, titleBlock int, title string, tokens func(i int) []match.Token, words func(i int) *lint.Words, prices int) {
	fs.reset()
	addWords := func(kind, kind2 byte, blk int, ws *lint.Words, limit int) int {
		n := ws.Len()
		if n > limit {
			n = limit
		}
		toks := tokens(blk)
		if len(toks) < n {
			n = len(toks)
		}
		prev := -1
		for k := 0; k < n; k++ {
			w := ws.Word(k)
			if toks[k].Flags&match.FlagPathLike != 0 || !usableWord(w) {
				prev = -1
				continue
			}
			if !StopWords || !isStopword(w) {
				fs.add(feature{h: withKind(kind, hashBytes(hashStart(kind), w)), kind: kind, blk: int32(blk), w: int32(k)})
			}
			if prev >= 0 && kind2 != 0 {
				h := hashBytes(hashStart(kind2), ws.Word(prev))
				h = (h ^ ' ') * fnvPrime
				fs.add(feature{h: withKind(kind2, hashBytes(h, w)), kind: kind2, blk: int32(blk), w: int32(prev)})
			}
			prev = k
		}
		return n
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
	keys := make([]string, 0, len(d.Meta))
	for k := range d.Meta {
		keys = append(keys, k)
	}
	slices.Sort(keys)
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
		fs.addName(fShape, "prices "+bucket(prices, 2, 4))
	}
	if versioned > 0 {
		fs.addName(fShape, "versioned or dated headings "+bucket(versioned, 2, 4))
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
		fs.addName(fShape, "code "+bucket(c, 5, 15, 35))
	}
}

// refSet is the feature set as it was: a map of the hashes seen.
type refSet struct {
	list  []feature
	names []string
	seen  map[uint64]bool
}

func (fs *refSet) reset() {
	fs.list, fs.names, fs.seen = nil, nil, map[uint64]bool{}
}

func (fs *refSet) add(f feature) bool {
	n := len(fs.list)
	if n >= maxFeatures || n >= maxFeatures-reserved && (f.kind == fBody || f.kind == fBody2) {
		return false
	}
	if f.h == 0 {
		f.h = 1
	}
	if fs.seen[f.h] {
		return false
	}
	fs.seen[f.h] = true
	fs.list = append(fs.list, f)
	return true
}

func (fs *refSet) addName(kind byte, name string) {
	if fs.add(feature{h: FeatureHash(kind, name), kind: kind, blk: -1, w: int32(len(fs.names))}) {
		fs.names = append(fs.names, name)
	}
}

func (fs *refSet) addText(kind, kind2 byte, text string) {
	prev := ""
	for _, t := range match.Tokenize(text, nil) {
		if t.Flags&match.FlagPathLike != 0 {
			prev = ""
			continue
		}
		w := match.Fold(text[t.Start:t.End])
		if !usableWord([]byte(w)) {
			prev = ""
			continue
		}
		if !StopWords || !isStopword([]byte(w)) {
			fs.addName(kind, w)
		}
		if prev != "" && kind2 != 0 {
			fs.addName(kind2, prev+" "+w)
		}
		prev = w
	}
}

// featDoc is a document with its tokens and folded words.
type featDoc struct {
	d     *content.Document
	toks  [][]match.Token
	words []lint.Words
	title string
	tb    int
}

func newFeatDoc(d *content.Document) *featDoc {
	fd := &featDoc{d: d}
	for bi := range d.Blocks {
		text := d.Blocks[bi].Text
		toks := match.Tokenize(text, nil)
		w := lint.Words{Offs: []int32{0}}
		for _, t := range toks {
			w.Arena = match.AppendFolded(w.Arena, text[t.Start:t.End], t.Flags&match.FlagNonASCII != 0)
			w.Offs = append(w.Offs, int32(len(w.Arena)))
		}
		fd.toks = append(fd.toks, toks)
		fd.words = append(fd.words, w)
	}
	fd.title, fd.tb = title(d)
	return fd
}

func (fd *featDoc) tokens(i int) []match.Token { return fd.toks[i] }
func (fd *featDoc) wordsOf(i int) *lint.Words  { return &fd.words[i] }

// randomDoc makes a document of random blocks, front matter and source
// from a small vocabulary (stopwords, numbers, prices, paths, marks, long
// words, non-ASCII), so that every branch of the extraction is taken.
func randomDoc(r *rand.Rand) *content.Document {
	vocab := []string{"the", "pricing", "Plans", "how", "to", "install", "v2.4", "2024-05-01", "$49", "✓", "yes",
		"docs/setup.md", "https://example.com/a", "customer", "story", "café", "naïve", "x", "supercalifragilisticexpialidocious",
		"Release", "notes", "what", "is", "a", "demo", "?", "5", "tips", "API", "-", "Über", "über", "is-it", "co-op"}
	scopes := []string{content.ScopeParagraph, content.ScopeHeading, content.ScopeTitle, content.ScopeListItem,
		content.ScopeTableCell, content.ScopeQuote, content.ScopeFrontMatter, content.ScopeMeta, content.ScopeAlt, content.ScopeFooter}
	text := func(n int) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(vocab[r.Intn(len(vocab))])
		}
		return b.String()
	}
	d := &content.Document{Path: "x.md", Format: content.FormatMarkdown, Meta: map[string]any{}}
	for range r.Intn(40) {
		d.Blocks = append(d.Blocks, content.Block{Scope: scopes[r.Intn(len(scopes))], Text: text(r.Intn(60))})
	}
	for range r.Intn(6) {
		keys := []string{"title", "Title", "description", "author", "date", "Tags", "summary", "Stage", "layout", "slug"}
		k := keys[r.Intn(len(keys))]
		if r.Intn(4) == 0 {
			d.Meta[k] = r.Intn(100)
		} else {
			d.Meta[k] = text(r.Intn(14))
		}
	}
	var src strings.Builder
	for range r.Intn(20) {
		switch r.Intn(5) {
		case 0:
			src.WriteString("```\n")
		case 1:
			src.WriteString(fmt.Sprintf("%d. step\n", r.Intn(12)))
		case 2:
			src.WriteString("<ol><li>a</li><li>b</li></ol>\n")
		default:
			src.WriteString(text(8) + "\n")
		}
	}
	d.Src = []byte(src.String())
	return d
}

func sameFeatures(t *testing.T, what string, fs *featureSet, ref *refSet) {
	t.Helper()
	if !slices.Equal(fs.list, ref.list) {
		t.Fatalf("%s: features differ:\n got %v\nwant %v", what, fs.list, ref.list)
	}
	if !slices.Equal(fs.names, ref.names) {
		t.Fatalf("%s: names differ:\n got %q\nwant %q", what, fs.names, ref.names)
	}
}

// TestFeaturesMatchReference: the extraction gives exactly the reference
// features (hash, kind, block, word, order, names) on generated bench
// files and on random documents, with one feature set reused throughout
// (as the tagger's pool reuses it).
func TestFeaturesMatchReference(t *testing.T) {
	var docs []*featDoc
	c := benchcorpus.Load(t, 60, 100, 0)
	for _, d := range c.Docs {
		docs = append(docs, newFeatDoc(d))
	}
	r := rand.New(rand.NewSource(7))
	for range 600 {
		docs = append(docs, newFeatDoc(randomDoc(r)))
	}
	var fs featureSet
	for i, fd := range docs {
		for _, tb := range []int{fd.tb, -1} {
			ttl := fd.title
			if i%3 == 0 {
				ttl = "5 tips: what is pricing?"
			}
			prices := i % 6
			var ref refSet
			collectFeaturesRef(&ref, fd.d, tb, ttl, fd.tokens, fd.wordsOf, prices)
			collectFeatures(&fs, fd.d, tb, ttl, fd.tokens, fd.wordsOf, prices)
			sameFeatures(t, fmt.Sprintf("doc %d (%s), title block %d", i, fd.d.Path, tb), &fs, &ref)
		}
	}
}

// BenchmarkFeatures extracts the features of 300 generated bench files
// (tokens and words computed beforehand).
func BenchmarkFeatures(b *testing.B) {
	c := benchcorpus.Load(b, 300, 1000, 0)
	var docs []*featDoc
	for _, d := range c.Docs {
		docs = append(docs, newFeatDoc(d))
	}
	var fs featureSet
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, fd := range docs {
			collectFeatures(&fs, fd.d, fd.tb, fd.title, fd.tokens, fd.wordsOf, 1)
		}
	}
}

// refSourceShapes is sourceShapes as it was before it found the '<' of
// the source in one scan (the reference FuzzFastPaths holds it to).
func refSourceShapes(d *content.Document) (codePct, steps int) {
	src := d.Src
	if len(src) == 0 {
		return 0, 0
	}
	lines, code := 0, 0
	inOL := false
	inFence, inPre := false, false
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		lines++
		t := bytes.TrimLeft(line, " \t")
		switch {
		case bytes.HasPrefix(t, fenceTicks) || bytes.HasPrefix(t, fenceTildes):
			inFence = !inFence
			code++
		case inFence || inPre:
			code++
		default:
			if numbered(t) {
				steps++
			}
		}
		if bytes.IndexByte(t, '<') >= 0 {
			if bytes.Contains(t, preOpen) {
				inPre = true
			}
			if bytes.Contains(t, preClose) {
				inPre = false
			}
			if bytes.Contains(t, olOpen) {
				inOL = true
			}
			if inOL && !inPre {
				steps += bytes.Count(t, liOpen)
			}
			if bytes.Contains(t, olClose) {
				inOL = false
			}
		}
	}
	return code * 100 / lines, steps
}
