package funnel

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/match"
)

// reset empties the set.
func (fs *featureSet) reset() {
	fs.list = fs.list[:0]
	fs.names = fs.names[:0]
	if fs.slots == nil {
		fs.slots = make([]uint64, setSlots)
	} else {
		// only the slots taken: a document has a few hundred features,
		// the table 4,096 slots
		for _, i := range fs.used {
			fs.slots[i] = 0
		}
	}
	fs.used = fs.used[:0]
}

// setSlots is the size of the set's open-addressing table (a power of
// two, at least twice maxFeatures).
const setSlots = 4096

// add adds f unless a feature with its hash is in the set already (the
// first occurrence is kept) or the set is full; it reports whether f was
// added. Features keep the order they were added in: title, headings,
// description, body, front matter, shapes.
func (fs *featureSet) add(f feature) bool {
	n := len(fs.list)
	if n >= maxFeatures || n >= maxFeatures-reserved && (f.kind == fBody || f.kind == fBody2) {
		return false
	}
	if f.h == 0 {
		f.h = 1 // 0 marks a free slot
	}
	i := (f.h ^ f.h>>32) & (setSlots - 1)
	for {
		switch fs.slots[i] {
		case 0:
			fs.slots[i] = f.h
			fs.used = append(fs.used, uint16(i))
			fs.list = append(fs.list, f)
			return true
		case f.h:
			return false
		}
		i = (i + 1) & (setSlots - 1)
	}
}

// reserved is the room a long body leaves for the features added after
// it (front matter, shapes).
const reserved = 100

// addName adds a named (non-word) feature.
func (fs *featureSet) addName(kind byte, name string) {
	if fs.add(feature{h: FeatureHash(kind, name), kind: kind, blk: -1, w: int32(len(fs.names))}) {
		fs.names = append(fs.names, name)
	}
}

// addText adds the words (and pairs, with kind2 != 0) of a text that is
// not a block.
func (fs *featureSet) addText(kind, kind2 byte, text string) {
	fs.toks = match.Tokenize(text, fs.toks[:0])
	// the folded words in one buffer: a word's string is made only when
	// its feature is new
	var prev []byte
	for _, t := range fs.toks {
		if t.Flags&match.FlagPathLike != 0 {
			prev = nil
			continue
		}
		lo := len(fs.buf)
		fs.buf = match.AppendFolded(fs.buf, text[t.Start:t.End], t.Flags&match.FlagNonASCII != 0)
		w := fs.buf[lo:]
		if !usableWord(w) {
			prev = nil
			continue
		}
		if !StopWords || !isStopword(w) {
			fs.addBytes(kind, w, nil)
		}
		if prev != nil && kind2 != 0 {
			fs.addBytes(kind2, prev, w)
		}
		prev = w
	}
	fs.buf = fs.buf[:0]
}

// addBytes adds the named feature of a word, or of the pair "a b" when
// b is not nil; the name is made a string only when the feature is new.
func (fs *featureSet) addBytes(kind byte, a, b []byte) {
	h := hashBytes(hashStart(kind), a)
	if b != nil {
		h = hashBytes((h^' ')*fnvPrime, b)
	}
	if fs.add(feature{h: withKind(kind, h), kind: kind, blk: -1, w: int32(len(fs.names))}) {
		name := string(a)
		if b != nil {
			name = string(a) + " " + string(b)
		}
		fs.names = append(fs.names, name)
	}
}

// word returns the (first) word of a word feature of a block ("" for
// other features).
func (fs *featureSet) word(f *feature) []byte {
	if f.blk < 0 || fs.words == nil {
		return nil
	}
	ws := fs.words(int(f.blk))
	if int(f.w) < ws.Len() {
		return ws.Word(int(f.w))
	}
	return nil
}

// writeLabel writes feature f to b as a person reads it: "title: 'pricing'".
func (fs *featureSet) writeLabel(b *strings.Builder, f *feature) {
	switch f.kind {
	case fShape, fKey:
		what := ""
		if f.blk < 0 && int(f.w) < len(fs.names) {
			what = fs.names[f.w]
		}
		if f.kind == fKey {
			b.WriteString("front matter: ")
			b.WriteString(what)
			b.WriteByte(':')
			return
		}
		if h, ok := shapeLabels[what]; ok {
			what = h
		}
		b.WriteString("structure: ")
		b.WriteString(what)
		return
	}
	b.WriteString(kindNames[f.kind])
	b.WriteString(": '")
	if f.blk < 0 {
		if int(f.w) < len(fs.names) {
			b.WriteString(fs.names[f.w])
		}
	} else if fs.words != nil {
		ws, toks := fs.words(int(f.blk)), fs.tokens(int(f.blk))
		if k := int(f.w); k < ws.Len() {
			b.Write(ws.Word(k))
			if f.kind == fTitle2 || f.kind == fHeading2 || f.kind == fBody2 {
				// the pair's second word is the next usable one
				for j := k + 1; j < ws.Len() && j < len(toks); j++ {
					if toks[j].Flags&match.FlagPathLike == 0 && usableWord(ws.Word(j)) {
						b.WriteByte(' ')
						b.Write(ws.Word(j))
						break
					}
				}
			}
		}
	}
	b.WriteByte('\'')
}

// shapeLabels are the shapes as a reader says them (the feature names
// stay as they are: they are hashed into the model).
var shapeLabels = map[string]string{
	"prices <2": "1 price", "prices 2-4": "2-3 prices", "prices 4+": "4+ prices",
	"versioned or dated headings <2":  "a versioned or dated heading",
	"versioned or dated headings 2-4": "2-3 versioned or dated headings",
	"versioned or dated headings 4+":  "4+ versioned or dated headings",
	"code <5":                         "a little code", "code 5-15": "5-15% of lines code", "code 15-35": "15-35% of lines code",
	"code 35+": "35%+ of lines code", "quotes": "quotes", "table": "a table",
	"comparison table": "comparison table (check marks)", "author and date": "an author and a date (a post)",
	"question title": "a question as title", "list title": "a number as title",
	"numbered steps": "numbered steps",
}

// bucket names the range n falls in, given increasing bounds: "<2",
// "2-4", "4+".
func bucket(n int, bounds ...int) string {
	lo := 0
	for _, b := range bounds {
		if n < b {
			if lo == 0 {
				return "<" + strconv.Itoa(b)
			}
			return strconv.Itoa(lo) + "-" + strconv.Itoa(b)
		}
		lo = b
	}
	return strconv.Itoa(lo) + "+"
}

// sourceShapes reads a text document's source lines: the percentage of
// them inside fenced code (Markdown) or <pre> (HTML), and the number of
// numbered-list lines ("1. ", "2) ", "<li>" inside <ol>) outside code;
// 0, 0 for other formats.
//
// Most lines say nothing: outside code, a line that starts with none of
// a blank, '`', '~' or a digit and holds no '<' is only counted. Those
// cost a newline search and one table lookup; the others are read by
// shapeLine.
func sourceShapes(d *content.Document) (codePct, steps int) {
	src := d.Src
	if len(src) == 0 {
		return 0, 0
	}
	var st lineState
	// lt is the offset in src of the next '<' (-1: none left): one scan of
	// the source finds them, not one per line
	lt := bytes.IndexByte(src, '<')
	lines := 0
	for at := 0; at < len(src); {
		end := len(src) // the line is src[at:end], the next starts at end+1
		if i := bytes.IndexByte(src[at:], '\n'); i >= 0 {
			end = at + i
		}
		lines++
		if quietStart[src[at]] && !st.inCode() && (lt < 0 || lt >= end) {
			at = end + 1
			continue
		}
		hasLT := lt >= 0 && lt < end
		st.line(src[at:end], hasLT)
		if hasLT && end+1 < len(src) {
			if i := bytes.IndexByte(src[end+1:], '<'); i >= 0 {
				lt = end + 1 + i
			} else {
				lt = -1
			}
		}
		at = end + 1
	}
	return st.code * 100 / lines, st.steps
}

// quietStart marks the bytes that cannot start a fence, a numbered item
// or indentation (a blank line starts with its newline: quiet too).
var quietStart = func() (t [256]bool) {
	for c := range t {
		t[c] = true
	}
	for _, c := range []byte(" \t`~0123456789") {
		t[c] = false
	}
	return t
}()

// lineState is what sourceShapes knows between lines.
type lineState struct {
	inFence, inPre, inOL bool
	code, steps          int
}

func (st *lineState) inCode() bool { return st.inFence || st.inPre }

// line reads one source line (without its newline); hasLT: it holds a '<'.
func (st *lineState) line(line []byte, hasLT bool) {
	k := 0
	for k < len(line) && (line[k] == ' ' || line[k] == '\t') {
		k++
	}
	t := line[k:]
	switch {
	case len(t) >= 3 && (t[0] == '`' && t[1] == '`' && t[2] == '`' || t[0] == '~' && t[1] == '~' && t[2] == '~'):
		st.inFence = !st.inFence
		st.code++
	case st.inFence || st.inPre:
		st.code++
	default:
		if len(t) > 0 && isDigit(t[0]) && numbered(t) {
			st.steps++
		}
	}
	if hasLT {
		if bytes.Contains(t, preOpen) {
			st.inPre = true
		}
		if bytes.Contains(t, preClose) {
			st.inPre = false
		}
		if bytes.Contains(t, olOpen) {
			st.inOL = true
		}
		if st.inOL && !st.inPre {
			st.steps += bytes.Count(t, liOpen)
		}
		if bytes.Contains(t, olClose) {
			st.inOL = false
		}
	}
}

// numbered reports whether a Markdown line starts an ordered list item.
func numbered(t []byte) bool {
	i := 0
	for i < len(t) && i < 3 && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(t) && (t[i] == '.' || t[i] == ')') && t[i+1] == ' '
}

var (
	fenceTicks  = []byte("```")
	fenceTildes = []byte("~~~")
	preOpen     = []byte("<pre")
	preClose    = []byte("</pre>")
	olOpen      = []byte("<ol")
	olClose     = []byte("</ol>")
	liOpen      = []byte("<li")
)
