package extract

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

// paragraphTransformers are goldmark's defaults with linkRefFilter.
func paragraphTransformers() []util.PrioritizedValue {
	var out []util.PrioritizedValue
	for _, v := range parser.DefaultParagraphTransformers() {
		if v.Value == parser.LinkReferenceParagraphTransformer {
			v.Value = linkRefFilter{parser.LinkReferenceParagraphTransformer}
		}
		out = append(out, v)
	}
	return out
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
		node := east.NewTableCell()
		node.SetPos(npos.Start + pos - npos.Padding)
		node.Alignment = alignment
		closure := pos
		for ; closure < limit; closure++ {
			if line[closure] == '|' && (closure == 0 || line[closure-1] != '\\') {
				break
			}
		}
		seg := text.NewSegment(segment.Start+pos, segment.Start+closure)
		seg = seg.TrimLeftSpace(source)
		seg = seg.TrimRightSpace(source)
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
