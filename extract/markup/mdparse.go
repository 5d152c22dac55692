package markup

import (
	"bytes"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Cheaper paragraph transformers for goldmark, producing the same trees.
//
// goldmark runs every paragraph transformer on every paragraph when it
// closes. The link reference definition transformer allocates a block
// reader per paragraph before looking at the first byte; linkRefFilter
// skips paragraphs that cannot start with one. GFM's table transformer
// matches four regular expressions per delimiter cell; tableTransformer is
// the same algorithm with the delimiter cells checked by hand. Both leave
// anything unusual to goldmark's own transformers.

// linkRefFilter hands goldmark's link reference definition transformer
// only the paragraphs whose first non-space byte is '['.
type linkRefFilter struct{ parser.ParagraphTransformer }

func (f linkRefFilter) Transform(node *gast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	if lines.Len() > 0 {
		seg := lines.At(0)
		for _, c := range reader.Source()[seg.Start:seg.Stop] {
			if util.IsSpace(c) {
				continue
			}
			if c != '[' {
				// parseLinkReferenceDefinition would stop here: no
				// definition, the paragraph is left as it is.
				return
			}
			break
		}
	}
	f.ParagraphTransformer.Transform(node, reader, pc)
}

// paragraphTransformers are goldmark's defaults with linkRefFilter, and
// plainTransformer.
func paragraphTransformers() []util.PrioritizedValue {
	var out []util.PrioritizedValue
	for _, v := range parser.DefaultParagraphTransformers() {
		if v.Value == parser.LinkReferenceParagraphTransformer {
			v.Value = linkRefFilter{parser.LinkReferenceParagraphTransformer}
		}
		out = append(out, v)
	}
	// Last, after the table (200) and link reference (100) transformers.
	return append(out, util.Prioritized(plainTransformer{}, 1000))
}

// gfmTable is extension.Table for parsing (no renderer) with
// tableTransformer.
type gfmTable struct{}

func (gfmTable) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithParagraphTransformers(util.Prioritized(tableTransformer{}, 200)),
		parser.WithASTTransformers(util.Prioritized(extension.NewTableASTTransformer(), 0)),
	)
}

var goldmarkTable = extension.NewTableParagraphTransformer()

// tableTransformer is goldmark's tableParagraphTransformer (goldmark
// v1.8.7, extension/table.go, MIT licence) with parseDelimiter written
// without regular expressions. A paragraph with an escaped pipe (`\|`),
// whose handling inside code spans needs goldmark's private context key,
// goes to goldmark's transformer.
type tableTransformer struct{}

func (t tableTransformer) Transform(node *gast.Paragraph, reader text.Reader, pc parser.Context) {
	ppos := node.Pos()
	lines := node.Lines()
	if lines.Len() < 2 {
		return
	}
	for i := 1; i < lines.Len(); i++ {
		alignments := parseTableDelimiter(lines.At(i), reader)
		if alignments == nil {
			continue
		}
		if hasEscapedPipe(lines, reader.Source()) {
			goldmarkTable.Transform(node, reader, pc)
			return
		}
		// goldmark parses the header into a TableRow and moves its cells
		// to a new TableHeader (east.NewTableHeader); they go there directly.
		header := &east.TableHeader{}
		header.SetPos(lines.At(i - 1).Start)
		parseTableRow(header, lines.At(i-1), alignments, true, reader)
		if len(alignments) != header.ChildCount() {
			return
		}
		table := east.NewTable()
		table.Alignments = alignments
		table.SetPos(ppos)
		table.AppendChild(table, header)
		for j := i + 1; j < lines.Len(); j++ {
			row := east.NewTableRow(alignments)
			row.SetPos(lines.At(j).Start)
			parseTableRow(row, lines.At(j), alignments, false, reader)
			table.AppendChild(table, row)
		}
		node.Lines().SetSliced(0, i-1)
		node.Parent().InsertAfter(node.Parent(), node, table)
		if node.Lines().Len() == 0 {
			node.Parent().RemoveChild(node.Parent(), node)
		} else {
			last := node.Lines().At(i - 2)
			last.Stop = last.Stop - 1 // trim last newline(\n)
			node.Lines().Set(i-2, last)
		}
	}
}

func hasEscapedPipe(lines *text.Segments, src []byte) bool {
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		if bytes.Contains(src[s.Start:s.Stop], []byte(`\|`)) {
			return true
		}
	}
	return false
}

// parseTableRow is goldmark's parseRow without the escaped-pipe branch
// (unreachable: see hasEscapedPipe), appending the cells to row.
func parseTableRow(row gast.Node, segment text.Segment, alignments []east.Alignment, isHeader bool, reader text.Reader) {
	npos := segment
	source := reader.Source()
	segment = segment.TrimLeftSpace(source)
	segment = segment.TrimRightSpace(source)
	line := segment.Value(source)
	pos := 0
	limit := len(line)
	if len(line) > 0 && line[pos] == '|' {
		pos++
	}
	if len(line) > 0 && line[limit-1] == '|' {
		limit--
	}
	i := 0
	for ; pos < limit; i++ {
		alignment := east.AlignNone
		if i >= len(alignments) {
			if !isHeader {
				return
			}
		} else {
			alignment = alignments[i]
		}
		closure := pos
		for ; closure < limit; closure++ {
			if line[closure] == '|' && (closure == 0 || line[closure-1] != '\\') {
				break
			}
		}
		seg := text.NewSegment(segment.Start+pos, segment.Start+closure)
		seg = seg.TrimLeftSpace(source)
		seg = seg.TrimRightSpace(source)
		var node gast.Node
		if plainText(source[seg.Start:seg.Stop]) {
			node = &plainBlock{cell: true, align: alignment}
		} else {
			node = &east.TableCell{Alignment: alignment}
		}
		node.SetPos(npos.Start + pos - npos.Padding)
		node.Lines().Append(seg)
		row.AppendChild(row, node)
		pos = closure + 1
	}
	for ; i < len(alignments); i++ {
		row.AppendChild(row, east.NewTableCell())
	}
}

// parseTableDelimiter is goldmark's parseDelimiter: nil unless every cell
// is `-+`, `:-+`, `-+:` or `:-+:` with white space around.
func parseTableDelimiter(segment text.Segment, reader text.Reader) []east.Alignment {
	line := segment.Value(reader.Source())
	if !isTableDelim(line) {
		return nil
	}
	last := bytes.Count(line, []byte{'|'}) // cells are split at '|'
	var alignments []east.Alignment
	for i, rest := 0, line; i <= last; i++ {
		col := rest
		if k := bytes.IndexByte(rest, '|'); k >= 0 {
			col, rest = rest[:k], rest[k+1:]
		}
		if (i == 0 || i == last) && util.IsBlank(col) {
			continue // a blank first or last cell is dropped
		}
		a, ok := delimAlignment(col)
		if !ok {
			return nil
		}
		alignments = append(alignments, a)
	}
	return alignments
}

// delimAlignment matches a delimiter cell as goldmark's regular
// expressions do (`\s` is [\t\n\f\r ] there).
func delimAlignment(col []byte) (east.Alignment, bool) {
	s, e := 0, len(col)
	for s < e && isRESpace(col[s]) {
		s++
	}
	for e > s && isRESpace(col[e-1]) {
		e--
	}
	c := col[s:e]
	i, j := 0, len(c)
	left := j > 0 && c[0] == ':'
	if left {
		i++
	}
	right := j > i && c[j-1] == ':'
	if right {
		j--
	}
	if j <= i {
		return 0, false
	}
	for _, b := range c[i:j] {
		if b != '-' {
			return 0, false
		}
	}
	switch {
	case left && right:
		return east.AlignCenter, true
	case left:
		return east.AlignLeft, true
	case right:
		return east.AlignRight, true
	}
	return east.AlignNone, true
}

func isRESpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// isTableDelim is goldmark's.
func isTableDelim(bs []byte) bool {
	if w, _ := util.IndentWidth(bs, 0); w > 3 {
		return false
	}
	allSep := true
	for _, b := range bs {
		if b != '-' {
			allSep = false
		}
		if !(util.IsSpace(b) || b == '-' || b == '|' || b == ':') {
			return false
		}
	}
	return !allSep
}

// Plain blocks: paragraphs and table cells without inline markup.
//
// goldmark parses the inline content of every paragraph and table cell
// byte by byte and allocates a Text node per line. Most marketing prose has
// no inline markup at all: no byte that starts an inline parser (the
// triggers of goldmark's code span, link, image, autolink, raw HTML and
// emphasis parsers and of the strikethrough, task list and footnote
// extensions) and no backslash (escapes and hard line breaks). For such a
// block goldmark's result is known in advance: one Text node per line,
// holding the line without trailing white space, followed by a soft line
// break when the line ends with a newline. plainTransformer replaces such a
// paragraph with a plainBlock, which goldmark leaves alone (IsRaw), and the
// walker reads its lines as it would have read those Text nodes
// (mdWalker.plainBlock). Table cells get the same treatment in
// parseTableRow. TestParserSameTree and FuzzParserSameTree check the trees
// against stock goldmark's, with each plainBlock written out as the nodes
// goldmark would have made, and the extracted documents (sameBlocks).

// inlineSyntax marks the bytes that can start inline syntax: the triggers
// of the inline parsers mdExtensions register, and '\\'
// (TestInlineSyntaxComplete checks the list against goldmark).
var inlineSyntax = func() (t [256]bool) {
	for _, c := range []byte("<`![]*_~\\") {
		t[c] = true
	}
	return t
}()

// plainText reports whether p has no byte of inline syntax.
func plainText(p []byte) bool { return firstSyntax(p) < 0 }

// firstSyntax returns the offset of p's first byte of inline syntax, or -1.
func firstSyntax(p []byte) int {
	for i, c := range p {
		if inlineSyntax[c] {
			return i
		}
	}
	return -1
}

// kindPlain is the node kind of plainBlock.
var kindPlain = gast.NewNodeKind("MsglintPlain")

// plainBlock stands for a paragraph (or tight-list text block) or a table
// cell whose lines hold no inline syntax. Its lines are those goldmark's
// paragraph (cell) would have; goldmark does not parse them (IsRaw).
//
// A paragraph whose inline syntax starts further on becomes a plainBlock
// with a head: its lines are the plain lines before the first line with
// inline syntax, prefix is that line's plain start (up to and including
// the last white space before the syntax; it may be empty), and its one
// child is a Paragraph holding the rest, which goldmark parses. goldmark
// gives the same inline nodes for the rest either way: no inline syntax
// before it can open anything it closes, and the character before it is
// white space in both cases (a block's start reads as a newline).
type plainBlock struct {
	gast.BaseBlock
	cell  bool           // a GFM table cell
	align east.Alignment // the cell's alignment
	// prefix is the head's part of the first line with inline syntax, from
	// that line's start (after leading white space).
	prefix text.Segment
}

func (n *plainBlock) Kind() gast.NodeKind { return kindPlain }

// head reports whether the paragraph goes on in a child Paragraph.
func (n *plainBlock) head() bool  { return n.FirstChild() != nil }
func (n *plainBlock) IsRaw() bool { return true }

// Pos is a cell's position, or the start of a paragraph's first line as
// for goldmark's Paragraph.
func (n *plainBlock) Pos() int {
	switch {
	case n.cell:
		return n.BaseBlock.Pos()
	case n.Lines().Len() > 0:
		return n.Lines().At(0).Start
	case n.head():
		return n.prefix.Start
	}
	return -1
}
func (n *plainBlock) Dump(src []byte, level int) {
	gast.DumpHelper(n, src, level, nil, nil)
}

// plainTransformer runs after the other paragraph transformers and
// replaces a paragraph without inline syntax, or with a plain start, by a
// plainBlock (with a head for the latter), doing what
// goldmark's paragraph Close would have done to its lines (the Close is
// skipped for a replaced paragraph). It leaves alone:
//   - a paragraph no longer among the open blocks: goldmark closed it
//     already because a setext heading underline follows, and the heading
//     takes the paragraph (it must stay one);
//   - a paragraph in a footnote definition, where goldmark's footnote
//     transformer looks for a last paragraph;
//   - a paragraph with a plain line that does not end in a newline before
//     its last line (goldmark reads such a line differently);
//   - a paragraph whose inline syntax starts its first line.
type plainTransformer struct{}

func (plainTransformer) Transform(node *gast.Paragraph, reader text.Reader, pc parser.Context) {
	parent := node.Parent()
	if parent == nil || parent.Kind() == east.KindFootnote || !isOpenBlock(node, pc) {
		return
	}
	src := reader.Source()
	lines := node.Lines()
	n := lines.Len()
	if n == 0 {
		return
	}
	j, at := n, -1 // the first line with inline syntax, and the offset there
	for i := 0; i < n; i++ {
		seg := lines.At(i)
		v := src[seg.Start:seg.Stop]
		if k := firstSyntax(v); k >= 0 {
			j, at = i, seg.Start+k
			break
		}
		if i < n-1 && (len(v) == 0 || v[len(v)-1] != '\n') {
			return
		}
	}
	cut := -1 // where the rest starts, on line j
	if j < n {
		// After the last white space before the syntax, or at the line's
		// start (after its leading white space, as Close trims it).
		lj := lines.At(j)
		lj = lj.TrimLeftSpace(src)
		cut = lj.Start
		for k := at - 1; k >= lj.Start; k-- {
			if c := src[k]; c == ' ' || c == '\t' {
				cut = k + 1
				break
			}
		}
		if j == 0 && cut == lj.Start {
			return // no plain start: goldmark parses it all
		}
	}
	// goldmark's paragraphParser.Close.
	for i := 0; i < n; i++ {
		seg := lines.At(i)
		lines.Set(i, seg.TrimLeftSpace(src))
	}
	last := lines.At(n - 1)
	lines.Set(n-1, last.TrimRightSpace(src))
	pb := &plainBlock{}
	pb.SetBlankPreviousLines(node.HasBlankPreviousLines())
	if j < n {
		lj := lines.At(j)
		pb.prefix = text.NewSegment(lj.Start, cut)
		rest := gast.NewParagraph()
		rest.SetLines(lines) // shares the array: the rest's lines are j..n-1
		rest.Lines().SetSliced(j, n)
		rest.Lines().Set(0, text.NewSegment(cut, lj.Stop))
		lines.SetSliced(0, j)
		pb.AppendChild(pb, rest)
	}
	pb.SetLines(lines)
	parent.ReplaceChild(parent, node, pb)
}

// isOpenBlock reports whether node is among the parser's open blocks.
func isOpenBlock(node gast.Node, pc parser.Context) bool {
	ob := pc.OpenedBlocks()
	for i := len(ob) - 1; i >= 0; i-- {
		if ob[i].Node == node {
			return true
		}
	}
	return false
}
