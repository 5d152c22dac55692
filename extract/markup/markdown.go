package markup

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/shared"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// How positions are kept (Markdown, MDX and plain text):
//
//   - Document.Src is always the file's original bytes.
//   - The parser sees a working copy of the same length in which the BOM,
//     the front matter and (MDX) ESM, expressions and JSX tags are overwritten
//     by spaces, newlines kept. goldmark's segments are therefore offsets
//     into Src with no arithmetic.
//   - Text is built from those segments: bytes copied verbatim get an exact
//     Seg (TN == SN); an entity (&nbsp;), a backslash escape (\*), a NUL or an
//     invalid UTF-8 byte becomes its character (U+FFFD for the last two) with
//     an atomic Seg over the source bytes; soft and hard line breaks become a
//     synthetic space (no Seg); removed inline non-prose content becomes
//     content.Barrier (no Seg).
//   - Invalid UTF-8 is reported once per document as an input/encoding Note
//     at the first bad byte.

// sniffLen is how much of a file is checked for NUL bytes.
const sniffLen = 8 << 10

// mdExtensions are GFM without linkify: bare URLs stay text, and the
// matcher's tokenizer treats them as path-like (never prose). Linkify cost
// a seventh of Markdown parsing time for nothing the rules use.
// The table extension is gfmTable, goldmark's with a cheaper paragraph
// transformer (mdparse.go), and link reference definitions are looked for
// only in paragraphs starting with '['.
var mdExtensions = []goldmark.Extender{gfmTable{}, extension.Strikethrough, extension.TaskList, extension.Footnote}

// The parsers are shared by every worker: goldmark's Parse keeps its state
// in a per-call Context and block reader.
var (
	mdParser  = newMDParser(paragraphTransformers(), mdExtensions)
	mdxParser = newMDXParser(paragraphTransformers(), mdExtensions)
)

// newMDParser is goldmark with these paragraph transformers and extensions.
func newMDParser(pts []util.PrioritizedValue, exts []goldmark.Extender) parser.Parser {
	p := parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(pts...),
	)
	return goldmark.New(goldmark.WithParser(p), goldmark.WithExtensions(exts...)).Parser()
}

// newMDXParser is newMDParser without indented code blocks, which MDX does
// not have (JSX children are commonly indented).
func newMDXParser(pts []util.PrioritizedValue, exts []goldmark.Extender) parser.Parser {
	var blocks []util.PrioritizedValue
	for _, v := range parser.DefaultBlockParsers() {
		if v.Priority == 500 { // CodeBlockParser (indented code)
			continue
		}
		v.Value = indented{v.Value.(parser.BlockParser)}
		blocks = append(blocks, v)
	}
	p := parser.NewParser(
		parser.WithBlockParsers(blocks...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(pts...),
	)
	return goldmark.New(goldmark.WithParser(p), goldmark.WithExtensions(exts...)).Parser()
}

// indented lets a block start on a line indented by four or more spaces:
// MDX has no indented code, and JSX children are often indented.
type indented struct{ parser.BlockParser }

func (indented) CanAcceptIndentedLine() bool { return true }

// Markdown extracts a CommonMark/GFM file.
func Markdown(path string, src []byte, opts *shared.Options) (doc *content.Document, err error) {
	defer recoverInput(&doc, &err)
	return extractMarkdown(path, src, opts, content.FormatMarkdown)
}

// MDX extracts an MDX file: ESM, expressions and JSX tags are masked before
// the Markdown parse; JSX children are prose.
func MDX(path string, src []byte, opts *shared.Options) (doc *content.Document, err error) {
	defer recoverInput(&doc, &err)
	return extractMarkdown(path, src, opts, content.FormatMDX)
}

// recoverInput is the last line of defence: a panic in an extractor becomes
// an input/unreadable finding instead of a crash.
func recoverInput(doc **content.Document, err *error) {
	if r := recover(); r != nil {
		*doc = nil
		*err = &content.InputError{Rule: content.RuleUnreadable,
			Err: fmt.Errorf("internal error while extracting (please report): %v", r)}
	}
}

// prepare checks for binary content, notes invalid UTF-8 and returns the
// offset after a UTF-8 BOM.
func prepare(doc *content.Document, src []byte) (start int, err error) {
	head := src
	if len(head) > sniffLen {
		head = head[:sniffLen]
	}
	if i := bytes.IndexByte(head, 0); i >= 0 {
		return 0, &content.InputError{Rule: content.RuleUnreadable,
			Err: fmt.Errorf("binary file (NUL byte at offset %d)", i)}
	}
	if !utf8.Valid(src) {
		off := firstInvalid(src)
		line, _ := doc.LineCol(off)
		doc.Notes = append(doc.Notes, content.Note{Rule: content.RuleEncoding,
			Message: fmt.Sprintf("invalid UTF-8 at line %d (bad bytes replaced)", line), Offset: off})
	}
	if bytes.HasPrefix(src, []byte("\xEF\xBB\xBF")) {
		start = 3
	}
	return start, nil
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// blank overwrites work[s:e] with spaces, keeping line endings.
func blank(work []byte, s, e int) {
	for i := s; i < e && i < len(work); i++ {
		if work[i] != '\n' && work[i] != '\r' {
			work[i] = ' '
		}
	}
}

func extractMarkdown(path string, src []byte, opts *shared.Options, format string) (*content.Document, error) {
	doc := &content.Document{Path: path, Format: format, Src: src}
	start, err := prepare(doc, src)
	if err != nil {
		return nil, err
	}
	st := mdStatePool.Get().(*mdState)
	// The parser's working copy: same length, BOM and front matter blanked.
	work := append(st.work[:0], src...)
	blank(work, 0, start)
	fmEnd := frontMatter(doc, work, start, frontMatterKeys(opts))
	blank(work, 0, fmEnd)

	p := mdParser
	var masks []span
	if format == content.FormatMDX {
		masks = maskMDX(doc, work, fmEnd)
		p = mdxParser
	} else {
		masks = maskShortcodes(doc, work, fmEnd)
	}
	// Nesting past the limit would cost goldmark quadratic time: such a
	// file is read as plain text (mdnest.go).
	limit := shared.LimitsOf(opts).MaxNestingDepth
	if at, costly := mdTooDeep(work, fmEnd, limit); at >= 0 {
		mdDegrade(doc, work, fmEnd, at, limit, costly)
		st.release(work)
		return doc, nil
	}
	root := p.Parse(text.NewReader(work))
	w := &st.w
	w.doc, w.src, w.work, w.masks = doc, src, work, masks
	w.b.src, w.b.masks = src, masks
	// The walker appends the body's blocks after the front matter's, to a
	// slice sized from this worker's previous document (blocks are big, and
	// copying them from a scratch slice cost as much as making them), and
	// their Segs to scratch: one allocation of the exact size holds them
	// all in the end.
	nfm := len(doc.Blocks)
	w.blocks = slices.Grow(doc.Blocks, st.lastBlocks+st.lastBlocks/4+8)
	w.walkBlocks(root, content.ScopeParagraph)
	doc.Blocks = w.blocks
	segs := make([]content.Seg, len(w.segs))
	copy(segs, w.segs)
	for i, r := range w.ranges {
		doc.Blocks[nfm+i].Segs = segs[r.s:r.e:r.e]
	}
	st.lastBlocks = min(len(doc.Blocks), maxPooled/64)
	st.release(work)
	if len(doc.Directives) > 1 {
		sort.SliceStable(doc.Directives, func(i, j int) bool { return doc.Directives[i].Line < doc.Directives[j].Line })
	}
	return doc, nil
}

// mdState is the per-document scratch of extractMarkdown, pooled: the
// parser's working copy of the source and the walker's growing slices.
type mdState struct {
	work       []byte
	w          mdWalker
	lastBlocks int // the previous document's block count
}

var mdStatePool = sync.Pool{New: func() any { return new(mdState) }}

// maxPooled bounds the scratch kept for the next document (bytes of
// working copy; blocks and segs are bounded likewise by count).
const maxPooled = 1 << 20

func (st *mdState) release(work []byte) {
	w := &st.w
	clear(w.alts)
	if cap(work) > maxPooled || cap(w.ranges) > maxPooled/64 || cap(w.segs) > maxPooled/32 {
		return // let an unusually large document's scratch go
	}
	st.work = work[:0]
	// blocks belong to the document now.
	*w = mdWalker{ranges: w.ranges[:0], segs: w.segs[:0], alts: w.alts[:0],
		altRanges: w.altRanges[:0], b: builder{text: w.b.text[:0], segs: w.b.segs[:0]}}
	mdStatePool.Put(st)
}

func frontMatterKeys(opts *shared.Options) []string {
	if opts == nil || len(opts.FrontMatter) == 0 {
		return shared.DefaultFrontMatter
	}
	return opts.FrontMatter
}

// span is a half-open byte range of the source.
type span struct{ s, e int }

// builder accumulates one block's Text and Segs.
type builder struct {
	src   []byte
	masks []span // sorted, non-overlapping ranges that read as Barrier
	text  []byte
	segs  []content.Seg
}

func (b *builder) reset() {
	b.text = b.text[:0]
	b.segs = b.segs[:0]
}

// exact appends src[s:e] verbatim, replacing invalid UTF-8 and NUL bytes.
func (b *builder) exact(s, e int) {
	for s < e {
		c := b.src[s]
		if c < utf8.RuneSelf && c != 0 {
			j := s + 1
			for j < e && b.src[j] < utf8.RuneSelf && b.src[j] != 0 {
				j++
			}
			b.copyExact(s, j)
			s = j
			continue
		}
		if c == 0 {
			b.atomic("\uFFFD", s, s+1)
			s++
			continue
		}
		r, n := utf8.DecodeRune(b.src[s:e])
		if r == utf8.RuneError && n <= 1 {
			b.atomic("\uFFFD", s, s+1)
			s++
			continue
		}
		b.copyExact(s, s+n)
		s += n
	}
}

func (b *builder) copyExact(s, e int) {
	t := len(b.text)
	b.text = append(b.text, b.src[s:e]...)
	if n := len(b.segs); n > 0 {
		g := &b.segs[n-1]
		if g.TextLen == g.SrcLen && g.TextOff+g.TextLen == t && g.SrcOff+g.SrcLen == s {
			g.TextLen += e - s
			g.SrcLen += e - s
			return
		}
	}
	b.segs = append(b.segs, content.Seg{TextOff: t, TextLen: e - s, SrcOff: s, SrcLen: e - s})
}

// atomic appends str standing for src[s:e] as a whole.
func (b *builder) atomic(str string, s, e int) {
	if len(str) == e-s && str == string(b.src[s:e]) {
		b.copyExact(s, e)
		return
	}
	if len(str) == e-s {
		// Same length but different bytes: widen the source range by
		// nothing we can honour; map to a zero-width anchor instead so
		// the seg stays atomic.
		b.segs = append(b.segs, content.Seg{TextOff: len(b.text), TextLen: len(str), SrcOff: s, SrcLen: 0})
		b.text = append(b.text, str...)
		return
	}
	b.segs = append(b.segs, content.Seg{TextOff: len(b.text), TextLen: len(str), SrcOff: s, SrcLen: e - s})
	b.text = append(b.text, str...)
}

// space appends a synthetic space unless Text is empty or ends in one.
func (b *builder) space() {
	if n := len(b.text); n == 0 || b.text[n-1] == ' ' {
		return
	}
	b.text = append(b.text, ' ')
}

// barrier appends content.Barrier (once for a run of removed content).
func (b *builder) barrier() {
	if bytes.HasSuffix(b.text, barrierBytes) {
		return
	}
	b.text = utf8.AppendRune(b.text, content.Barrier)
}

var barrierBytes = []byte(string(content.Barrier))

// markdownText appends a goldmark text segment: backslash escapes and
// entities become their characters; masked ranges (MDX) become Barrier.
func (b *builder) markdownText(s, e int) {
	if len(b.masks) == 0 {
		b.textWithURLs(s, e)
		return
	}
	i := sort.Search(len(b.masks), func(i int) bool { return b.masks[i].e > s })
	for s < e {
		if i >= len(b.masks) || b.masks[i].s >= e {
			b.textWithURLs(s, e)
			return
		}
		m := b.masks[i]
		if m.s > s {
			b.textWithURLs(s, m.s)
			s = m.s
		}
		b.barrier()
		s = min(m.e, e)
		i++
	}
}

// textWithURLs decodes text, replacing bare URLs (http://, https://,
// www.) with Barrier, as GFM's autolinks would be: a URL is not prose.
func (b *builder) textWithURLs(s, e int) {
	for s < e {
		u := urlStart(b.src[s:e])
		if u < 0 {
			b.decodeText(s, e)
			return
		}
		if u > 0 {
			b.decodeText(s, s+u)
		}
		end := s + u
		for end < e && !isURLStop(b.src[end]) {
			end++
		}
		for end > s+u && bytes.IndexByte([]byte(".,:;!?)'\"*_"), b.src[end-1]) >= 0 {
			end-- // trailing punctuation ends the sentence, not the URL
		}
		b.barrier()
		s = end
	}
}

// urlStart returns the offset of the first bare URL in p (http://,
// https://, www.), or -1. Two fast byte scans: most text has neither.
func urlStart(p []byte) int {
	best := -1
	for off := 0; ; {
		i := bytes.IndexByte(p[off:], ':')
		if i < 0 {
			break
		}
		i += off
		if bytes.HasPrefix(p[i:], []byte("://")) {
			switch {
			case i >= 5 && bytes.EqualFold(p[i-5:i], []byte("https")):
				best = i - 5
			case i >= 4 && bytes.EqualFold(p[i-4:i], []byte("http")):
				best = i - 4
			}
			if best >= 0 {
				break
			}
		}
		off = i + 1
	}
	if w := indexWWW(p); w >= 0 && (best < 0 || w < best) && (w == 0 || p[w-1] == ' ' || p[w-1] == '(') {
		best = w
	}
	return best
}

// indexWWW is bytes.Index(p, []byte("www.")), found from the dots: 'w' is
// too common a letter to scan for.
func indexWWW(p []byte) int {
	for off := 3; off < len(p); {
		i := bytes.IndexByte(p[off:], '.')
		if i < 0 {
			return -1
		}
		i += off
		if p[i-1] == 'w' && p[i-2] == 'w' && p[i-3] == 'w' {
			return i - 3
		}
		off = i + 1
	}
	return -1
}

func isURLStop(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '<' || c == '>' || c == '"'
}

func (b *builder) decodeText(s, e int) {
	src := b.src
	i := s
	for i < e {
		// A run of plain ASCII bytes is copied as it is (the common case).
		j := plainRun(src, i, e)
		if j > i {
			b.copyExact(i, j)
			i = j
			if i == e {
				return
			}
		}
		switch c := src[i]; {
		case c == '\\' && i+1 < e && util.IsPunct(src[i+1]):
			b.atomic(string(src[i+1]), i, i+2)
			i += 2
		case c == '&':
			str, n := entity(src[i:e])
			if n == 0 {
				b.copyExact(i, i+1)
				i++
				continue
			}
			b.atomic(str, i, i+n)
			i += n
		case c < utf8.RuneSelf && c != 0: // a backslash before no punctuation
			b.copyExact(i, i+1)
			i++
		default: // NUL or non-ASCII: exact replaces what is not valid UTF-8
			n := 1
			if c != 0 {
				_, n = utf8.DecodeRune(src[i:e])
			}
			b.exact(i, i+n)
			i += n
		}
	}
}

// plainRun returns the end of the run of bytes from i that decodeText
// copies as they are (none of textSpecial), at most e. It tests eight bytes
// at a time: a word is plain unless a byte has its high bit set, is zero,
// or equals '\\' or '&' (a zero byte of the word XORed with the byte's
// repetition).
func plainRun(src []byte, i, e int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	const backslashes, amps = ones * '\\', ones * '&'
	hasZero := func(v uint64) bool { return (v-ones)&^v&highs != 0 }
	for ; i+8 <= e; i += 8 {
		v := binary.LittleEndian.Uint64(src[i:])
		if v&highs != 0 || hasZero(v) || hasZero(v^backslashes) || hasZero(v^amps) {
			break
		}
	}
	for i < e && !textSpecial[src[i]] {
		i++
	}
	return i
}

// textSpecial marks the bytes decodeText cannot copy as they are without a
// look: escapes, entities, NUL and non-ASCII bytes.
var textSpecial = func() (t [256]bool) {
	t['\\'], t['&'], t[0] = true, true, true
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = true
	}
	return t
}()

// entity decodes an HTML entity or numeric character reference at the
// start of p, returning its characters and length (0 if none).
func entity(p []byte) (string, int) {
	if len(p) < 3 || p[0] != '&' {
		return "", 0
	}
	if p[1] == '#' {
		i, base := 2, 10
		if i < len(p) && (p[i] == 'x' || p[i] == 'X') {
			i, base = 3, 16
		}
		j := i
		for j < len(p) && j-i < 8 && isDigitBase(p[j], base) {
			j++
		}
		if j == i || j >= len(p) || p[j] != ';' {
			return "", 0
		}
		v, err := strconv.ParseUint(string(p[i:j]), base, 32)
		if err != nil {
			return "", 0
		}
		return string(util.ToValidRune(rune(v))), j + 1
	}
	j := 1
	for j < len(p) && j < 40 && util.IsAlphaNumeric(p[j]) {
		j++
	}
	if j == 1 || j >= len(p) || p[j] != ';' {
		return "", 0
	}
	ent, ok := util.LookUpHTML5EntityByName(string(p[1:j]))
	if !ok {
		return "", 0
	}
	return string(ent.Characters), j + 1
}

func isDigitBase(c byte, base int) bool {
	if c >= '0' && c <= '9' {
		return true
	}
	if base == 16 {
		return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
	}
	return false
}

// finish returns the block's Text (trailing synthetic space and barriers
// trimmed) and Segs, and whether it holds any prose.
func (b *builder) finish() (string, []content.Seg, bool) {
	t, segs, ok := b.finishText()
	if !ok {
		return "", nil, false
	}
	out := make([]content.Seg, len(segs))
	copy(out, segs)
	return t, out, true
}

// finishText is finish with Segs that alias the builder's scratch (valid
// until the builder is used again).
func (b *builder) finishText() (string, []content.Seg, bool) {
	t := b.text
	for {
		if n := len(t); n > 0 && t[n-1] == ' ' && !b.covered(n-1) {
			t = t[:n-1]
			continue
		}
		if bytes.HasSuffix(t, barrierBytes) {
			t = t[:len(t)-len(barrierBytes)]
			continue
		}
		break
	}
	prose := false
	for i := 0; i < len(t); {
		if c := t[i]; c < utf8.RuneSelf {
			if c != ' ' && c != '\t' {
				prose = true
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(t[i:])
		if r != content.Barrier && r != ' ' && r != '\t' && r != '\u00a0' {
			prose = true
			break
		}
		i += n
	}
	segs := b.segs
	for len(segs) > 0 && segs[len(segs)-1].TextOff >= len(t) {
		segs = segs[:len(segs)-1]
	}
	if n := len(segs); n > 0 && segs[n-1].TextOff+segs[n-1].TextLen > len(t) {
		segs[n-1].TextLen = len(t) - segs[n-1].TextOff
		segs[n-1].SrcLen = segs[n-1].TextLen
	}
	if !prose {
		return "", nil, false
	}
	return string(t), segs, true
}

// covered reports whether Text byte t lies in a seg.
func (b *builder) covered(t int) bool {
	n := len(b.segs)
	return n > 0 && t < b.segs[n-1].TextOff+b.segs[n-1].TextLen
}

// mdWalker turns a goldmark tree into blocks.
type mdWalker struct {
	doc   *content.Document
	src   []byte
	work  []byte // the parser's working copy of src
	masks []span
	b     builder
	// blocks are the body's blocks, in order, without their Segs: those of
	// blocks[i] are segs[ranges[i].s:ranges[i].e] (one allocation per
	// document in the end).
	blocks    []content.Block
	ranges    []span
	segs      []content.Seg
	alts      []content.Block // image alt blocks waiting for their paragraph
	altRanges []span
}

// walkBlocks visits block nodes; scope is the scope a paragraph here gets.
func (w *mdWalker) walkBlocks(n ast.Node, scope string) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.Kind() {
		case ast.KindHeading:
			w.inlineBlock(c, content.ScopeHeading)
		case ast.KindParagraph, ast.KindTextBlock:
			w.inlineBlock(c, scope)
		case ast.KindListItem:
			w.walkBlocks(c, content.ScopeListItem)
		case ast.KindBlockquote:
			w.walkBlocks(c, content.ScopeQuote)
		case east.KindFootnote:
			w.walkBlocks(c, content.ScopeFootnote)
		case east.KindTableCell:
			w.inlineBlock(c, content.ScopeTableCell)
		case kindPlain:
			if pb := c.(*plainBlock); pb.cell {
				w.plainBlock(pb, content.ScopeTableCell)
			} else {
				w.plainBlock(pb, scope)
			}
		case ast.KindHTMLBlock:
			w.htmlBlock(c.(*ast.HTMLBlock))
		case ast.KindFencedCodeBlock, ast.KindCodeBlock, ast.KindThematicBreak:
			// not prose
		default:
			w.walkBlocks(c, scope)
		}
	}
}

// inlineBlock emits one block from an inline container, then any alt-text
// blocks of images inside it.
func (w *mdWalker) inlineBlock(n ast.Node, scope string) {
	w.b.reset()
	w.inlines(n, &w.b)
	w.endInline(scope)
}

// endInline emits the block in the builder, then any alt-text blocks of
// images inside it.
func (w *mdWalker) endInline(scope string) {
	if t, segs, ok := w.b.finishText(); ok {
		w.blocks = append(w.blocks, content.Block{Scope: scope, Text: t})
		w.ranges = append(w.ranges, w.addSegs(segs))
	}
	w.blocks = append(w.blocks, w.alts...)
	w.ranges = append(w.ranges, w.altRanges...)
	clear(w.alts)
	w.alts = w.alts[:0]
	w.altRanges = w.altRanges[:0]
}

// plainBlock emits one block from a plainBlock: its lines as goldmark's
// Text nodes would have given them (see plainTransformer), each without
// trailing white space (in the parser's working copy) and followed by a
// space when it ends with a newline.
//
// A plainBlock with a head goes on with its prefix, as goldmark's Text node
// for it would read (no line break), and the inline content of its child
// paragraph, in the same block.
func (w *mdWalker) plainBlock(n *plainBlock, scope string) {
	w.b.reset()
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		v := w.work[seg.Start:seg.Stop]
		w.b.markdownText(seg.Start, seg.Stop-util.TrimRightSpaceLength(v))
		if len(v) > 0 && v[len(v)-1] == '\n' {
			w.b.space()
		}
	}
	if n.head() {
		w.b.markdownText(n.prefix.Start, n.prefix.Stop)
		w.inlines(n.FirstChild(), &w.b)
	}
	w.endInline(scope)
}

// addSegs appends segs to the document's seg scratch and returns their range.
func (w *mdWalker) addSegs(segs []content.Seg) span {
	s := len(w.segs)
	w.segs = append(w.segs, segs...)
	return span{s, len(w.segs)}
}

func (w *mdWalker) inlines(n ast.Node, b *builder) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			seg := c.Segment
			if c.IsRaw() {
				b.exact(seg.Start, seg.Stop)
			} else {
				b.markdownText(seg.Start, seg.Stop)
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.space()
			}
		case *ast.String:
			// Synthetic text (no source); not produced by our extensions.
			b.text = append(b.text, c.Value...)
		case *ast.CodeSpan, *ast.AutoLink, *east.FootnoteLink, *east.FootnoteBacklink:
			b.barrier()
		case *ast.RawHTML:
			b.barrier()
			w.rawHTML(c)
		case *ast.Image:
			b.barrier()
			ab := builder{src: w.src, masks: w.masks}
			w.inlines(c, &ab)
			if t, segs, ok := ab.finishText(); ok {
				w.alts = append(w.alts, content.Block{Scope: content.ScopeAlt, Text: t})
				w.altRanges = append(w.altRanges, w.addSegs(segs))
			}
		case *east.TaskCheckBox:
		default:
			// Emphasis, strong, strikethrough, links: their text is prose;
			// link destinations are not children.
			w.inlines(c, b)
		}
	}
}

// rawHTML looks for directive comments in inline raw HTML.
func (w *mdWalker) rawHTML(n *ast.RawHTML) {
	if n.Segments.Len() == 0 {
		return
	}
	s := n.Segments.At(0).Start
	e := n.Segments.At(n.Segments.Len() - 1).Stop
	w.comments(s, e)
}

func (w *mdWalker) htmlBlock(n *ast.HTMLBlock) {
	lines := n.Lines()
	s, e := -1, -1
	if lines.Len() > 0 {
		s, e = lines.At(0).Start, lines.At(lines.Len()-1).Stop
	}
	if n.HasClosure() {
		if s < 0 {
			s = n.ClosureLine.Start
		}
		e = n.ClosureLine.Stop
	}
	if s >= 0 {
		w.comments(s, e)
	}
}

// comments records msglint directives in the HTML comments of src[s:e].
func (w *mdWalker) comments(s, e int) {
	htmlComments(w.doc, w.src, s, e)
}

// htmlComments records msglint directives of the <!-- --> comments in
// src[s:e] and returns their spans.
func htmlComments(doc *content.Document, src []byte, s, e int) []span {
	var out []span
	e = min(e, len(src))
	for s < e {
		i := bytes.Index(src[s:e], []byte("<!--"))
		if i < 0 {
			break
		}
		cs := s + i
		j := bytes.Index(src[cs+4:e], []byte("-->"))
		ce := e
		body := src[cs+4 : e]
		if j >= 0 {
			body = src[cs+4 : cs+4+j]
			ce = cs + 4 + j + 3
		}
		addDirective(doc, body, cs, ce)
		out = append(out, span{cs, ce})
		s = ce
	}
	return out
}

// addDirective records the msglint directive in a comment body found at
// src[s:e]. Line is the line the comment starts on, except for
// disable-next-line, where it is the line the comment ends on, so that
// "the next line" follows a multi-line comment.
func addDirective(doc *content.Document, body []byte, s, e int) {
	line, _ := doc.LineCol(s)
	d, ok := shared.Directive(string(body), line)
	if !ok {
		return
	}
	if d.Kind == "disable-next-line" && e > s {
		d.Line, _ = doc.LineCol(e - 1)
	}
	doc.Directives = append(doc.Directives, d)
}
