package markup

import (
	"bytes"
	"unsafe"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/shared"
)

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
	budget    *content.Budget // the file's (shared.BudgetOf)
	altRanges []span
	// textHW is the builder's text buffer charged to the budget: the
	// longest block's source so far (textRoom).
	textHW int
}

// textRoom charges the builder's text buffer for block n before its text
// is appended (content.Budget), and makes it that big: the buffer is
// reused block after block, so it holds the longest block's source (a
// block's text is about its source, without markup), and only what
// passes the longest so far is charged.
func (w *mdWalker) textRoom(n ast.Node) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return
	}
	if ext := lines.At(lines.Len()-1).Stop - lines.At(0).Start; ext > w.textHW {
		w.budget.Alloc(ext - w.textHW)
		w.textHW = ext
		if cap(w.b.text) < ext {
			w.b.text = make([]byte, 0, ext)
		}
	}
}

// blockBytes and segBytes are the sizes of a content.Block and a content.Seg.
const (
	blockBytes = int(unsafe.Sizeof(content.Block{}))
	segBytes   = int(unsafe.Sizeof(content.Seg{}))
)

// walkBlocks visits block nodes; scope is the scope a paragraph here gets.
func (w *mdWalker) walkBlocks(n ast.Node, scope string) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.budget.Step(1)
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
	w.textRoom(n)
	w.b.reset()
	w.inlines(n, &w.b)
	w.endInline(scope)
}

// endInline emits the block in the builder, then any alt-text blocks of
// images inside it.
func (w *mdWalker) endInline(scope string) {
	// the block and its text (at most the builder's), charged before
	// they are made; given back when there is no block
	charge := blockBytes + len(w.b.text)
	w.budget.Alloc(charge)
	if t, segs, ok := w.b.finishText(); !ok {
		w.budget.Free(charge)
	} else {
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
	w.textRoom(n)
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
	w.budget.Alloc(len(segs) * segBytes) // the scratch holds every block's until the end (extractMarkdown)
	s := len(w.segs)
	w.segs = append(w.segs, segs...)
	return span{s, len(w.segs)}
}

func (w *mdWalker) inlines(n ast.Node, b *builder) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.budget.Step(1)
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
			charge := blockBytes + len(ab.text)
			w.budget.Alloc(charge)
			if t, segs, ok := ab.finishText(); !ok {
				w.budget.Free(charge)
			} else {
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
