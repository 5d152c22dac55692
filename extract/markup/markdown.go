package markup

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/shared"
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
		if be, ok := content.AsBudgetError(r); ok {
			*err = be.InputError() // the file's budget (content.Budget)
			return
		}
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
	// The parser's working copy: same length, BOM and front matter blanked;
	// charged to the file's budget until it is dropped (content.Budget).
	budget := shared.BudgetOf(opts)
	budget.Alloc(len(src))
	defer budget.Free(len(src))
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
		mdDegrade(doc, work, fmEnd, at, limit, costly, budget)
		st.release(work)
		return doc, nil
	}
	budget.Scan(8 * len(work)) // goldmark's parse, linear below the nesting limit (mdnest.go)
	root := p.Parse(text.NewReader(work))
	w := &st.w
	w.doc, w.src, w.work, w.masks, w.budget = doc, src, work, masks, budget
	w.b.src, w.b.masks = src, masks
	// The walker appends the body's blocks after the front matter's, to a
	// slice sized from this worker's previous document (blocks are big, and
	// copying them from a scratch slice cost as much as making them), and
	// their Segs to scratch: one allocation of the exact size holds them
	// all in the end.
	nfm := len(doc.Blocks)
	w.blocks = slices.Grow(doc.Blocks, st.lastBlocks+st.lastBlocks/4+8)
	w.walkBlocks(root, content.ScopeParagraph)
	budget.Free(w.textHW) // the builder's buffer is done with
	doc.Blocks = w.blocks
	budget.Alloc(len(w.segs) * segBytes) // the document's segs; the scratch is given back below
	segs := make([]content.Seg, len(w.segs))
	copy(segs, w.segs)
	budget.Free(len(w.segs) * segBytes)
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
