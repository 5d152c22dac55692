package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
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
// the node types our transformers create.
func treeString(n gast.Node, src []byte) string {
	var b strings.Builder
	var walk func(n gast.Node, depth int)
	walk = func(n gast.Node, depth int) {
		fmt.Fprintf(&b, "%s%s pos=%d", strings.Repeat(" ", depth), n.Kind(), n.Pos())
		if n.Type() == gast.TypeBlock {
			fmt.Fprintf(&b, " blank=%v lines=%v", n.HasBlankPreviousLines(), n.Lines().Sliced(0, n.Lines().Len()))
		}
		switch n := n.(type) {
		case *gast.Text:
			fmt.Fprintf(&b, " seg=%v soft=%v hard=%v raw=%v", n.Segment, n.SoftLineBreak(), n.HardLineBreak(), n.IsRaw())
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
		b.WriteByte('\n')
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
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

func TestParserSameTree(t *testing.T) {
	for _, s := range treeSeeds {
		sameTree(t, []byte(s))
	}
	for _, dir := range []string{"markdown", "frontmatter", "mdx", "text"} {
		for _, src := range testdataFiles(t, dir) {
			sameTree(t, src)
		}
	}
}

func FuzzParserSameTree(f *testing.F) {
	for _, s := range treeSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) { sameTree(t, src) })
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
		for _, fn := range []Func{Markdown, MDX} {
			d, err := fn("x", src, nil)
			if err == nil {
				want[i] += Dump(d)
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
					for _, fn := range []Func{Markdown, MDX} {
						d, err := fn("x", srcs[i], nil)
						if err == nil {
							got += Dump(d)
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
