package markup

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/msglint/msglint/extract/internal/shared"
)

// stockExtensions are mdExtensions with goldmark's own table extension.
var stockExtensions = []goldmark.Extender{extension.Table, extension.Strikethrough, extension.TaskList, extension.Footnote}

// stockParser and stockMDXParser are mdParser and mdxParser with goldmark's
// own table and link reference definition transformers.
var (
	stockParser    = newMDParser(parser.DefaultParagraphTransformers(), stockExtensions)
	stockMDXParser = newMDXParser(parser.DefaultParagraphTransformers(), stockExtensions)
)

// TestStockParser checks that stockParser is goldmark's default GFM
// configuration (as mdParser was built before mdparse.go).
func TestStockParser(t *testing.T) {
	gm := goldmark.New(goldmark.WithExtensions(stockExtensions...)).Parser()
	for _, s := range treeSeeds {
		src := []byte(s)
		if a, b := treeString(gm.Parse(text.NewReader(src)), src), treeString(stockParser.Parse(text.NewReader(src)), src); a != b {
			t.Fatalf("%q:\n%s\n%s", s, a, b)
		}
	}
}

// treeString renders a goldmark tree with every position and the fields of
// the node types our transformers create. A plainBlock is written out as
// the nodes goldmark would have made (plainEntries). Adjacent Text nodes
// that join (the first ends where the second starts, with no line break)
// are written as one: goldmark merges some such pairs and not others
// depending on the parse path, and a plainBlock's head changes the path
// at its end; the walker reads both the same.
func treeString(n gast.Node, src []byte) string {
	var es []treeEntry
	var walk func(n gast.Node, depth int)
	walk = func(n gast.Node, depth int) {
		if pb, ok := n.(*plainBlock); ok {
			es = append(es, plainEntries(pb, src, depth)...)
			for c := pb.FirstChild(); c != nil; c = c.NextSibling() {
				for cc := c.FirstChild(); cc != nil; cc = cc.NextSibling() {
					walk(cc, depth+1)
				}
			}
			return
		}
		if t, ok := n.(*gast.Text); ok {
			es = append(es, treeEntry{depth: depth, text: true, seg: t.Segment, soft: t.SoftLineBreak(), hard: t.HardLineBreak(), raw: t.IsRaw()})
			return
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%s pos=%d", n.Kind(), n.Pos())
		if n.Type() == gast.TypeBlock {
			fmt.Fprintf(&b, " blank=%v lines=%v", n.HasBlankPreviousLines(), n.Lines().Sliced(0, n.Lines().Len()))
		}
		switch n := n.(type) {
		case *gast.String:
			fmt.Fprintf(&b, " %q", n.Value)
		case *gast.Link:
			fmt.Fprintf(&b, " %q %q", n.Destination, n.Title)
		case *gast.Heading:
			fmt.Fprintf(&b, " level=%d", n.Level)
		case *gast.List:
			fmt.Fprintf(&b, " marker=%c start=%d tight=%v", n.Marker, n.Start, n.IsTight)
		case *east.Table:
			fmt.Fprintf(&b, " %v", n.Alignments)
		case *east.TableRow:
			fmt.Fprintf(&b, " %v", n.Alignments)
		case *east.TableHeader:
			fmt.Fprintf(&b, " %v", n.Alignments)
		case *east.TableCell:
			fmt.Fprintf(&b, " %v", n.Alignment)
		}
		es = append(es, treeEntry{depth: depth, line: b.String()})
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	var b strings.Builder
	for i := 0; i < len(es); i++ {
		e := es[i]
		for e.text && !e.raw && !e.soft && !e.hard && i+1 < len(es) {
			f := es[i+1]
			if !f.text || f.raw || f.depth != e.depth || f.seg.Start != e.seg.Stop {
				break
			}
			e.seg.Stop, e.soft, e.hard = f.seg.Stop, f.soft, f.hard
			i++
		}
		b.WriteString(strings.Repeat(" ", e.depth))
		if e.text {
			fmt.Fprintf(&b, "Text pos=%d seg=%v soft=%v hard=%v raw=%v\n", e.seg.Start, e.seg, e.soft, e.hard, e.raw)
		} else {
			b.WriteString(e.line + "\n")
		}
	}
	return b.String()
}

// treeEntry is a node of treeString's output: a Text node's fields or
// another node's line.
type treeEntry struct {
	depth           int
	line            string
	text            bool
	seg             text.Segment
	soft, hard, raw bool
}

// plainEntries writes out a plainBlock as the nodes goldmark would have
// made: a table cell, a paragraph, or the text block that a paragraph
// directly in a tight list's item becomes, with one Text node per plain
// line and one for a head's prefix (its child paragraph's inline nodes
// follow).
func plainEntries(pb *plainBlock, src []byte, depth int) []treeEntry {
	head := pb.Lines().Sliced(0, pb.Lines().Len())
	lines := append([]text.Segment(nil), head...)
	if pb.head() {
		rest := pb.FirstChild().Lines().Sliced(0, pb.FirstChild().Lines().Len())
		lines = append(lines, text.NewSegment(pb.prefix.Start, rest[0].Stop))
		lines = append(lines, rest[1:]...)
	}
	var segs text.Segments
	segs.AppendAll(lines)
	var es []treeEntry
	switch {
	case pb.cell:
		es = append(es, treeEntry{depth: depth, line: fmt.Sprintf("%s pos=%d blank=%v lines=%v %v", east.KindTableCell, pb.Pos(), pb.HasBlankPreviousLines(), lines, pb.align)})
	case inTightList(pb):
		// goldmark's listParser.Close makes a new TextBlock with the
		// paragraph's lines only.
		tb := gast.NewTextBlock()
		tb.SetLines(&segs)
		es = append(es, treeEntry{depth: depth, line: fmt.Sprintf("%s pos=%d blank=%v lines=%v", gast.KindTextBlock, tb.Pos(), tb.HasBlankPreviousLines(), lines)})
	default:
		p := gast.NewParagraph()
		p.SetLines(&segs)
		es = append(es, treeEntry{depth: depth, line: fmt.Sprintf("%s pos=%d blank=%v lines=%v", gast.KindParagraph, p.Pos(), pb.HasBlankPreviousLines(), lines)})
	}
	for _, seg := range head {
		if seg.Start >= seg.Stop {
			continue // goldmark's block reader has no line to give
		}
		// goldmark's parseBlock on a line without inline syntax.
		v := src[seg.Start:seg.Stop]
		n := len(v)
		nl := v[n-1] == '\n'
		hard := nl && (n >= 3 && v[n-3] == ' ' && v[n-2] == ' ' || n >= 4 && v[n-4] == ' ' && v[n-3] == ' ' && v[n-2] == '\r')
		t := text.NewSegment(seg.Start, seg.Stop)
		t = t.TrimRightSpace(src)
		es = append(es, treeEntry{depth: depth + 1, text: true, seg: t, soft: nl && !hard, hard: hard})
	}
	if pb.head() && pb.prefix.Start < pb.prefix.Stop {
		es = append(es, treeEntry{depth: depth + 1, text: true, seg: pb.prefix})
	}
	return es
}

func inTightList(n gast.Node) bool {
	item := n.Parent()
	if item == nil || item.Kind() != gast.KindListItem {
		return false
	}
	l, ok := item.Parent().(*gast.List)
	return ok && l.IsTight
}

// sameTree checks that mdParser and mdxParser give the trees stock goldmark
// gives.
func sameTree(t testing.TB, src []byte) {
	for _, pp := range [][2]parser.Parser{{stockParser, mdParser}, {stockMDXParser, mdxParser}} {
		want := treeString(pp[0].Parse(text.NewReader(src)), src)
		got := treeString(pp[1].Parse(text.NewReader(src)), src)
		if got != want {
			t.Fatalf("%q: trees differ\nstock:\n%s\nours:\n%s", src, want, got)
		}
	}
}

var treeSeeds = []string{
	"| a | b |\n| --- | :-: |\n| 1 | 2 |\n",
	"a | b\n-|-\n1 | 2 | 3\n4\n",
	"text\n| a |\n|:--|\n| x |\n",
	"| a | b |\n| --- | --- |\n| `x \\| y` | z |\n",
	"| a \\| b |\n| --- |\n",
	"|a|\n|-|\n", "|\n|-|\n", "| |\n| - |\n", "a\n|\n", "a\n| - | : |\n", "a\n|:-:|-:|:-|\n",
	"a\n- | -\n", "a\n -|- \n", "a\n    |-|-|\n", "a\n\t|-|\n", "a\n|-\v|\n", "a\n|-\f|\n", "a\n| -- - |\n",
	"a | b\n--- | ---\nc | d\ne\n\nf | g\n|--|--|\n",
	"[foo]: /url \"title\"\n\n[foo]\n", "  [a]: b\nc\n", "\t[a]: b\n", "x [a]: b\n", "[a]\n[a]: b\n",
	"> | a |\n> | - |\n> | b |\n", "- | a |\n  | - |\n  | b |\n",
	"| a | b |\r\n| --- | --- |\r\n| 1 | 2 |\r\n",
}

// plainSeeds exercise plainBlock: goldmark logic that looks at
// paragraphs, line ends, and bytes next to inline syntax.
var plainSeeds = []string{
	"plain\n", "two\nlines\n", "  lead\n   more  \nlast   \n", "hard  \nbreak\n", "hard\\\nbreak\n",
	"crlf\r\nlines \r\n", "tab\tin\tline\n", "\tindented\n", "a\rb\nc\n", "no newline at end",
	"Title\n=====\n", "a\nb\n---\n", "a\n---\nb\n", "a\n\n---\n", "a\n===\nb\n===\n",
	"- one\n- two\n", "- one\n\n- two\n", "- one\n  lazy\nmore\n", "1. a\n2. b\n\n   c\n",
	"> quote\nlazy\n", "> a\n>\n> b\n", "- > x\n  > y\n",
	"text[^1]\n\n[^1]: the note\n", "[^n]: plain note\n    more\n",
	"a &amp; b &#169; c\n", "see https://example.com/x and www.example.com\n", "a <b>c</b>\n", "a `c`\n",
	"*a*\n", "_a_\n", "~a~\n", "[a](b)\n", "![a](b)\n", "a\\*b\n", "<!-- x -->\npara\n",
	"| plain | *em* |\n| --- | --- |\n| x | `y` |\n| | z |\n", "para\nmore\n| a |\n| - |\n| b |\n",
	"<div>\nhtml\n</div>\npara\n", "para\n<div>\n", "   # heading\npara\n", "para\n    code?\n",
	"- [ ] task\n- [x] done\n", "a\u00a0b\n", "caf\u00e9 na\u00efve\n", "\xff\xfe bad\n", "a\x00b\n",
	// heads: plain lines and a plain start before inline syntax
	"Plain start [link](u) end\n", "a\nb\nc *d* e\n", "a\n*b* c\n", "word_inner_ word\n", "x `code` y\n",
	"x <b>y</b>\n", "x ![img](u) y\n", "x \\* y\n", "- item with [link](u)\n- plain\n", "- [ ] task with *em*\n",
	"x - [ ] y\n", "a\tb *c*\n", "a  \nb *c*\n", "a [b\nc](u)\n", "a *b\nc* d\n", "a *b\n", "a ]b [c\n",
	"text[^1] more\n\n[^1]: note *x*\n", "a *b*\n---\n", "a\nb *c*\n===\n", "Hello <Foo /> *x*\n", "a &amp; *b*\n",
	"see www.example.com *x*\n", "see https://example.com/a_b_c done\n", "  lead *x*\n", "a\n  *b*\n", "a _b_c_ d\n",
	"> quoted *x*\nlazy\n", "a ~~b~~ c\n", "a <!-- msglint-disable --> b\n", "x\r\ny *z*\r\n",
}

func TestParserSameTree(t *testing.T) {
	for _, s := range append(treeSeeds, plainSeeds...) {
		sameTree(t, []byte(s))
		sameBlocks(t, []byte(s))
	}
	for _, dir := range []string{"markdown", "frontmatter", "mdx", "text"} {
		for _, src := range testdataFiles(t, dir) {
			sameTree(t, src)
			sameBlocks(t, src)
		}
	}
}

func FuzzParserSameTree(f *testing.F) {
	for _, s := range append(treeSeeds, plainSeeds...) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		sameTree(t, src)
		sameBlocks(t, src)
	})
}

// sameBlocks checks that Markdown and MDX extract the same document with
// mdParser and mdxParser as with stock goldmark's parsers.
func sameBlocks(t testing.TB, src []byte) {
	t.Helper()
	for _, fn := range []shared.Func{Markdown, MDX} {
		got, gerr := fn("x", src, nil)
		saved, savedX := mdParser, mdxParser
		mdParser, mdxParser = stockParser, stockMDXParser
		want, werr := fn("x", src, nil)
		mdParser, mdxParser = saved, savedX
		if (gerr == nil) != (werr == nil) {
			t.Fatalf("%q: errors differ: %v, stock %v", src, gerr, werr)
		}
		if gerr != nil {
			continue
		}
		if !reflect.DeepEqual(got.Blocks, want.Blocks) || !reflect.DeepEqual(got.Directives, want.Directives) ||
			!reflect.DeepEqual(got.Notes, want.Notes) {
			t.Fatalf("%q: documents differ\nstock:\n%s%#v\nours:\n%s%#v", src, shared.Dump(want), want.Blocks, shared.Dump(got), got.Blocks)
		}
	}
}

// TestInlineSyntaxComplete checks inlineSyntax against goldmark: a byte
// outside it, in the middle of a line or starting one, leaves the line
// one Text node.
func TestInlineSyntaxComplete(t *testing.T) {
	for c := 0; c < 256; c++ {
		if inlineSyntax[c] || c == '\n' || c == '\r' {
			continue
		}
		for _, s := range []string{"a" + string(rune(c)) + "b\n", "x\n" + string([]byte{byte(c)}) + "b\n"} {
			src := []byte(s)
			root := stockParser.Parse(text.NewReader(src))
			para := root.FirstChild()
			if para == nil || para.Kind() != gast.KindParagraph || para.NextSibling() != nil {
				continue // not a paragraph (a list marker, a heading...): no inline question
			}
			for n := para.FirstChild(); n != nil; n = n.NextSibling() {
				if n.Kind() != gast.KindText {
					t.Errorf("byte %#x: goldmark made a %s in %q; add it to inlineSyntax", c, n.Kind(), s)
				}
			}
			if s[0] == 'a' && para.ChildCount() != 1 {
				t.Errorf("byte %#x: %d nodes for %q; add it to inlineSyntax", c, para.ChildCount(), s)
			}
		}
	}
}

func testdataFiles(t testing.TB, dir string) [][]byte {
	files, err := filepath.Glob(filepath.Join("testdata", dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for _, p := range files {
		if strings.HasSuffix(p, ".golden") {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, src)
	}
	return out
}

// TestMarkdownConcurrent extracts the same files from several goroutines
// (the parsers and the pooled scratch are shared): run it with -race.
func TestMarkdownConcurrent(t *testing.T) {
	var srcs [][]byte
	for _, dir := range []string{"markdown", "frontmatter", "mdx"} {
		srcs = append(srcs, testdataFiles(t, dir)...)
	}
	want := make([]string, len(srcs))
	for i, src := range srcs {
		for _, fn := range []shared.Func{Markdown, MDX} {
			d, err := fn("x", src, nil)
			if err == nil {
				want[i] += shared.Dump(d)
			}
		}
	}
	errs := make(chan error, 4)
	for g := 0; g < 4; g++ {
		go func() {
			for round := 0; round < 5; round++ {
				for i := range srcs {
					i := (i + g*7) % len(srcs)
					got := ""
					for _, fn := range []shared.Func{Markdown, MDX} {
						d, err := fn("x", srcs[i], nil)
						if err == nil {
							got += shared.Dump(d)
						}
					}
					if got != want[i] {
						errs <- fmt.Errorf("file %d: concurrent extraction differs", i)
						return
					}
				}
			}
			errs <- nil
		}()
	}
	for g := 0; g < 4; g++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}
