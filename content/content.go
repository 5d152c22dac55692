// Package content is msglint's content model: a Document is one input file
// after extraction (prose Blocks with a map back to source bytes, front
// matter, inline directives and extraction notes). Extractors produce
// Documents; rules read them. It imports nothing of msglint.
package content

import (
	"bytes"
	"sort"
	"strings"
	"unicode/utf8"
)

// Format names the kind of an input file.
const (
	FormatMarkdown = "markdown"
	FormatMDX      = "mdx"
	FormatHTML     = "html"
	FormatText     = "text"
	FormatPPTX     = "pptx"
	FormatDOCX     = "docx"
	FormatODP      = "odp"
	FormatODT      = "odt"
	FormatPDF      = "pdf"
)

// Block scopes.
const (
	ScopeHeading     = "heading"
	ScopeParagraph   = "paragraph"
	ScopeListItem    = "list-item"
	ScopeTableCell   = "table-cell"
	ScopeQuote       = "quote"
	ScopeAlt         = "alt"
	ScopeTitle       = "title"        // <title>, slide title
	ScopeMeta        = "meta"         // meta description, og:*
	ScopeAttr        = "attr"         // title="" attributes
	ScopeFrontMatter = "front-matter" // a prose front-matter field; Block.Field names it
	ScopeBody        = "body"         // slide body, text box
	ScopeNotes       = "notes"        // speaker notes
	ScopePage        = "page"         // PDF page
	ScopeHeader      = "header"       // DOCX/ODT header
	ScopeFooter      = "footer"
	ScopeFootnote    = "footnote"
)

// Barrier is written into Block.Text where non-prose content (inline code,
// a URL, raw HTML) was removed. Matchers treat it as a hard boundary: no
// match spans it.
const Barrier = '\uFFFC'

// Document is one input file after extraction.
type Document struct {
	// Path is relative to the config folder, with '/'.
	Path string
	// Format is one of the Format* constants.
	Format string
	// Src is the file's bytes (for text formats; nil for binary formats
	// once extracted).
	Src []byte
	// Meta holds front-matter values (text formats) or document
	// properties (office formats).
	Meta map[string]any
	// Blocks are the prose units in document order.
	Blocks []Block
	// Directives are inline msglint-disable/enable comments, in source order.
	Directives []Directive
	// Notes are non-fatal extraction remarks (e.g. "invalid UTF-8",
	// "PDF pages use Type 3 fonts"): the driver turns them into findings.
	Notes []Note
	// Budget bounds the memory and work spent on the file (budget.go):
	// the extractor charges it, then the rules' hot loops; nil charges
	// nothing.
	Budget *Budget

	lines []int // byte offset of each line start, built lazily
	// rune-count checkpoints (see runeSpan), built on the first column
	// asked far into a long line
	checkpointPos, checkpointRunes []int
}

// Note is an extraction remark that becomes a finding of Rule.
type Note struct {
	Rule    string // e.g. "input/encoding"
	Message string
	Offset  int    // byte offset in Src (text formats), or -1
	Loc     string // office location
}

// Block is one prose unit: heading, paragraph, list item, table cell, alt
// text, front-matter field, slide title/body/notes, PDF page...
type Block struct {
	Scope string
	// Field names the front-matter key or attribute for ScopeFrontMatter,
	// ScopeMeta and ScopeAttr blocks.
	Field string
	// Text is the prose with markup removed. Inline code, URLs and raw HTML
	// are replaced by Barrier. Whitespace from soft line breaks is a space.
	Text string
	// Loc is the location for office/PDF formats ("slide 4", "slide 4
	// notes", "paragraph 7", "page 2"); "" for text formats.
	Loc string
	// Heading is the nearest preceding heading's text (DOCX/ODT).
	Heading string
	// Segs map byte ranges of Text to byte ranges of Document.Src, in
	// increasing order of both. Text not covered by any Seg is synthetic
	// (a joining space). Office and PDF blocks have no Segs.
	Segs []Seg
	// Hidden marks content on a hidden slide.
	Hidden bool
}

// Seg maps Text[T:T+TN] to Src[S:S+SN]. When TN == SN and the bytes are
// equal the mapping is byte for byte; otherwise it is atomic (an entity
// such as &nbsp;, an escape, a replaced invalid byte): any offset inside
// maps to the whole source range. A replacement of the same length but
// other bytes is written as a zero-width anchor (SN == 0) followed by no
// exact seg, so that Exact never claims it; TN > 0 with SN == 0 is allowed.
type Seg struct {
	TextOff, TextLen int
	SrcOff, SrcLen   int
}

// Directive is an inline rule toggle found in a document.
type Directive struct {
	Kind  string   // "disable", "enable", "disable-next-line", "disable-line", "disable-file", "disable-loc"
	Rules []string // empty = all rules
	// Line is the 1-based source line the directive stands on (text formats).
	Line int
	// Loc is the office location it covers (kind "disable-loc": a slide).
	Loc string
}

// SrcRange maps a byte range of b.Text to a byte range of the document
// source. ok is false when the block has no source mapping (office/PDF).
func (b *Block) SrcRange(start, end int) (s, e int, ok bool) {
	if len(b.Segs) == 0 || start > end {
		return 0, 0, false
	}
	s, ok1 := b.mapStart(start)
	e, ok2 := b.mapEnd(end)
	if !ok1 || !ok2 {
		return 0, 0, false
	}
	if e < s {
		e = s
	}
	return s, e, true
}

func (b *Block) mapStart(t int) (int, bool) {
	// the first seg whose end is beyond t (or an empty seg at t)
	i := sort.Search(len(b.Segs), func(i int) bool {
		g := &b.Segs[i]
		return t < g.TextOff+g.TextLen || (g.TextLen == 0 && t <= g.TextOff)
	})
	if i == len(b.Segs) {
		return 0, false
	}
	g := &b.Segs[i]
	if t <= g.TextOff {
		return g.SrcOff, true
	}
	if g.TextLen == g.SrcLen {
		return g.SrcOff + (t - g.TextOff), true
	}
	return g.SrcOff, true
}

func (b *Block) mapEnd(t int) (int, bool) {
	// the last seg that starts before t (or an empty seg at t)
	i := sort.Search(len(b.Segs), func(i int) bool {
		g := &b.Segs[i]
		return !(t > g.TextOff || (g.TextLen == 0 && t == g.TextOff))
	}) - 1
	if i < 0 {
		return 0, false
	}
	g := &b.Segs[i]
	if t >= g.TextOff+g.TextLen {
		return g.SrcOff + g.SrcLen, true
	}
	if g.TextLen == g.SrcLen {
		return g.SrcOff + (t - g.TextOff), true
	}
	return g.SrcOff + g.SrcLen, true
}

// Break is a joining space of a block's Text that stands for a line break
// in the source (a soft line break: white space holding one newline).
type Break struct {
	TextOff int    // the space's offset in Text
	Src     string // the source bytes it stands for
}

// SoftBreaks reports whether Text[start:end] maps byte for byte onto src,
// but for joining spaces that each stand for a soft line break (white
// space with one newline, and nothing else, between two exact segs: not a
// quote's "> " or other markup); it returns those spaces, at least one.
// A fix may then replace the source range, keeping the line breaks.
func (b *Block) SoftBreaks(src []byte, start, end int) ([]Break, bool) {
	i := sort.Search(len(b.Segs), func(i int) bool { return b.Segs[i].TextOff+b.Segs[i].TextLen > start })
	if i == len(b.Segs) || start < b.Segs[i].TextOff || start >= end {
		return nil, false
	}
	var out []Break
	for ; i < len(b.Segs); i++ {
		g := &b.Segs[i]
		if g.TextLen != g.SrcLen || g.TextLen == 0 {
			return nil, false
		}
		gEnd, sEnd := g.TextOff+g.TextLen, g.SrcOff+g.SrcLen
		if end <= gEnd {
			return out, len(out) > 0
		}
		if i+1 == len(b.Segs) {
			return nil, false
		}
		h := &b.Segs[i+1]
		switch {
		case h.TextOff == gEnd && h.SrcOff == sEnd: // contiguous
		case h.TextOff == gEnd+1 && b.Text[gEnd] == ' ' && h.SrcOff > sEnd && h.SrcOff <= len(src) && softBreak(src[sEnd:h.SrcOff]):
			out = append(out, Break{TextOff: gEnd, Src: string(src[sEnd:h.SrcOff])})
		default:
			return nil, false
		}
	}
	return nil, false
}

// softBreak reports whether gap is white space with exactly one newline.
func softBreak(gap []byte) bool {
	nl := 0
	for _, c := range gap {
		switch c {
		case '\n':
			nl++
		case ' ', '\t', '\r':
		default:
			return false
		}
	}
	return nl == 1
}

// Exact reports whether Text[start:end] maps byte for byte onto the source,
// so that replacing the source range with a new text is a safe fix.
func (b *Block) Exact(start, end int) bool {
	i := sort.Search(len(b.Segs), func(i int) bool { return b.Segs[i].TextOff+b.Segs[i].TextLen > start })
	if i == len(b.Segs) {
		return false
	}
	g := &b.Segs[i]
	return start >= g.TextOff && end <= g.TextOff+g.TextLen && g.TextLen == g.SrcLen
}

// LineCol converts a byte offset in d.Src to a 1-based line and a 1-based
// column counted in runes.
func (d *Document) LineCol(off int) (line, col int) {
	if d.lines == nil {
		// One allocation of the exact size, filled by byte searches.
		d.lines = make([]int, 1, 1+bytes.Count(d.Src, []byte{'\n'}))
		for i := 0; ; {
			j := bytes.IndexByte(d.Src[i:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			d.lines = append(d.lines, i)
		}
	}
	if off < 0 {
		off = 0
	}
	if off > len(d.Src) {
		off = len(d.Src)
	}
	lo, hi := 0, len(d.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if d.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	start := d.lines[lo]
	if lo == 0 && len(d.Src) >= 3 && d.Src[0] == 0xEF && d.Src[1] == 0xBB && d.Src[2] == 0xBF && off >= 3 {
		start = 3 // a byte-order mark is not a character of the first line
	}
	return lo + 1, 1 + d.runeSpan(start, off)
}

// runeStep is the spacing, in bytes, of the rune-count checkpoints.
const runeStep = 4096

// runeSpan returns utf8.RuneCount(d.Src[a:b]) for a at a rune boundary,
// in time bounded by 2*runeStep however long the span: thousands of
// findings on one huge line must not each count the line from its start.
// A boundary is any byte that is not a UTF-8 continuation byte (Go decodes
// bad bytes one at a time), and splitting a count there is exact.
func (d *Document) runeSpan(a, b int) int {
	if b-a <= 2*runeStep {
		return utf8.RuneCount(d.Src[a:b])
	}
	if d.checkpointPos == nil {
		total := 0
		for p := 0; ; p += runeStep {
			for p < len(d.Src) && d.Src[p]&0xC0 == 0x80 {
				p++
			}
			if p > len(d.Src) {
				p = len(d.Src)
			}
			if n := len(d.checkpointPos); n > 0 {
				total += utf8.RuneCount(d.Src[d.checkpointPos[n-1]:p])
			}
			d.checkpointPos = append(d.checkpointPos, p)
			d.checkpointRunes = append(d.checkpointRunes, total)
			if p >= len(d.Src) {
				break
			}
		}
	}
	// i: first checkpoint at or after a; j: last at or before b
	i := sort.SearchInts(d.checkpointPos, a)
	j := sort.SearchInts(d.checkpointPos, b+1) - 1
	if i >= len(d.checkpointPos) || j < i {
		return utf8.RuneCount(d.Src[a:b])
	}
	return utf8.RuneCount(d.Src[a:d.checkpointPos[i]]) + d.checkpointRunes[j] - d.checkpointRunes[i] + utf8.RuneCount(d.Src[d.checkpointPos[j]:b])
}

// LineLen returns the length in bytes of 1-based line n (0 if none).
func (d *Document) LineLen(n int) int {
	d.LineCol(0)
	if n < 1 || n > len(d.lines) {
		return 0
	}
	end := len(d.Src)
	if n < len(d.lines) {
		end = d.lines[n] - 1
	}
	return end - d.lines[n-1]
}

// LineText returns the text of 1-based line n of the source, without its
// line ending.
func (d *Document) LineText(n int) string {
	d.LineCol(0)
	if n < 1 || n > len(d.lines) {
		return ""
	}
	start := d.lines[n-1]
	end := len(d.Src)
	if n < len(d.lines) {
		end = d.lines[n] - 1
	}
	return strings.TrimRight(string(d.Src[start:end]), "\r")
}

// InputError is an extraction failure that becomes a finding of Rule
// (input/unreadable or input/too-large) on the file, never a crash.
type InputError struct {
	Rule string
	Err  error
}

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// Input rule ids (the driver reports them).
const (
	RuleUnreadable = "input/unreadable"
	RuleEncoding   = "input/encoding"
	RuleTooLarge   = "input/too-large"
	RuleDegraded   = "input/degraded"
	// RuleDirective: a directive names an unknown rule.
	RuleDirective = "input/directive"
	// RuleUnusedDirective: a disable directive suppressed nothing.
	RuleUnusedDirective = "input/unused-directive"
)
