package markup

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/extracttest"
	"github.com/msglint/msglint/extract/internal/shared"
	"github.com/msglint/msglint/internal/golden"
)

// checkSegs verifies the Seg contract on every block of a text-format
// document: segs are ordered in Text and in Src, inside both, and an exact
// seg (TN == SN) copies its source bytes.
func checkSegs(d *content.Document) error {
	for bi := range d.Blocks {
		b := &d.Blocks[bi]
		if !utf8.ValidString(b.Text) {
			return fmt.Errorf("block %d: Text is not valid UTF-8: %q", bi, b.Text)
		}
		lastT, lastS := 0, 0
		for si, g := range b.Segs {
			switch {
			case g.TextOff < lastT || g.SrcOff < lastS:
				return fmt.Errorf("block %d seg %d %+v: out of order (after T=%d S=%d)", bi, si, g, lastT, lastS)
			case g.TextLen < 0 || g.SrcLen < 0 || g.TextOff+g.TextLen > len(b.Text) || g.SrcOff+g.SrcLen > len(d.Src):
				return fmt.Errorf("block %d seg %d %+v: out of bounds (text %d, src %d)", bi, si, g, len(b.Text), len(d.Src))
			case g.TextLen == g.SrcLen && b.Text[g.TextOff:g.TextOff+g.TextLen] != string(d.Src[g.SrcOff:g.SrcOff+g.SrcLen]):
				return fmt.Errorf("block %d seg %d %+v: Text %q != Src %q", bi, si, g, b.Text[g.TextOff:g.TextOff+g.TextLen], d.Src[g.SrcOff:g.SrcOff+g.SrcLen])
			}
			lastT, lastS = g.TextOff+g.TextLen, g.SrcOff+g.SrcLen
		}
	}
	return nil
}

// runGolden extracts every file of dir with ext and compares its dump with
// <file>.blocks.golden.
func runGolden(t *testing.T, dir, ext string, fn shared.Func) {
	files, err := filepath.Glob(filepath.Join("testdata", dir, "*"+ext))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			require.NoError(t, err)
			d, err := fn(filepath.ToSlash(f), src, nil)
			require.NoError(t, err)
			require.NoError(t, checkSegs(d))
			golden.Check(t, f+".blocks.golden", []byte(shared.Dump(d)))
		})
	}
}

func TestMarkdownGolden(t *testing.T) { runGolden(t, "markdown", ".md", Markdown) }

func TestMarkdownDocument(t *testing.T) {
	src := []byte("---\ntitle: T\nstage: decision\n---\n# H\n")
	d, err := Markdown("a/b.md", src, nil)
	require.NoError(t, err)
	assert.Equal(t, "a/b.md", d.Path)
	assert.Equal(t, content.FormatMarkdown, d.Format)
	assert.Equal(t, src, d.Src)
	assert.Equal(t, map[string]any{"title": "T", "stage": "decision"}, d.Meta)
	require.Len(t, d.Blocks, 2)
	assert.Equal(t, content.Block{Scope: content.ScopeFrontMatter, Field: "title", Text: "T",
		Segs: []content.Seg{{TextOff: 0, TextLen: 1, SrcOff: 11, SrcLen: 1}}}, d.Blocks[0])
	assert.Equal(t, content.ScopeHeading, d.Blocks[1].Scope)
}

func TestMarkdownText(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // block texts
	}{
		{"emphasis", "**Acme** CloudSync", []string{"Acme CloudSync"}},
		{"nbsp", "Acme&nbsp;CloudSync", []string{"Acme\u00a0CloudSync"}},
		{"escape", `\*Acme\*`, []string{"*Acme*"}},
		{"soft break", "Acme\nCloudSync", []string{"Acme CloudSync"}},
		{"hard break", "Acme  \nCloudSync", []string{"Acme CloudSync"}},
		{"link", "[Acme CloudSync](https://x.example/CloudSync)", []string{"Acme CloudSync"}},
		{"inline code", "use `acme sync` now", []string{"use ⌧ now"}},
		{"autolink", "see <https://x.example> now", []string{"see ⌧ now"}},
		{"linkify", "see https://x.example/a now", []string{"see ⌧ now"}},
		{"raw html", "a <b>Acme</b> b", []string{"a ⌧Acme⌧ b"}},
		{"comment", "a <!-- Acme --> b", []string{"a ⌧ b"}},
		{"code block", "```\nAcme\n```\n\n    Acme\n", nil},
		{"html block", "<div>\nAcme\n</div>\n", nil},
		{"image", "![Acme alt](x.png)", []string{"Acme alt"}},
		{"image in text", "See ![Acme alt](x.png) here", []string{"See ⌧ here", "Acme alt"}},
		{"table", "| a | b |\n|---|---|\n| Acme | `x` |\n", []string{"a", "b", "Acme"}},
		{"nested list", "- a\n  - b\n    > c\n", []string{"a", "b", "c"}},
		{"entity only", "&copy;", []string{"©"}},
		{"hugo shortcode", "a {{< ref x=\"Acme\" >}}Acme{{< /ref >}} b {{% n %}}", []string{"a ⌧Acme⌧ b"}},
		{"hugo unclosed", strings.Repeat("{{< ", 20000), []string{strings.TrimSpace(strings.Repeat("{{< ", 20000))}},
		{"nul", "a\x00b", nil}, // binary
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Markdown("x.md", []byte(tt.src), nil)
			if tt.name == "nul" {
				var ie *content.InputError
				require.True(t, errors.As(err, &ie))
				assert.Equal(t, content.RuleUnreadable, ie.Rule)
				return
			}
			require.NoError(t, err)
			require.NoError(t, checkSegs(d))
			var got []string
			for _, b := range d.Blocks {
				got = append(got, strings.ReplaceAll(b.Text, string(content.Barrier), "⌧"))
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestMarkdownScopes(t *testing.T) {
	src := "# H\n\np\n\n- li\n\n> q\n\n| c |\n|---|\n| d |\n\n![alt](x)\n"
	d, err := Markdown("x.md", []byte(src), nil)
	require.NoError(t, err)
	var got []string
	for _, b := range d.Blocks {
		got = append(got, b.Scope+":"+b.Text)
	}
	assert.Equal(t, []string{"heading:H", "paragraph:p", "list-item:li", "quote:q",
		"table-cell:c", "table-cell:d", "alt:alt"}, got)
}

func TestMarkdownEntitySegs(t *testing.T) {
	d, err := Markdown("x.md", []byte("Acme&nbsp;CloudSync"), nil)
	require.NoError(t, err)
	require.Len(t, d.Blocks, 1)
	assert.Equal(t, []content.Seg{{TextOff: 0, TextLen: 4, SrcOff: 0, SrcLen: 4}, {TextOff: 4, TextLen: 2, SrcOff: 4, SrcLen: 6}, {TextOff: 6, TextLen: 9, SrcOff: 10, SrcLen: 9}},
		d.Blocks[0].Segs)
	b := d.Blocks[0]
	assert.True(t, b.Exact(6, 15))
	assert.False(t, b.Exact(0, 15))
}

// TestMarkdownPositions checks that a substring of a block maps back to the
// exact 1-based line and rune column of its first source character and of
// the position just after its last one.
func TestMarkdownPositions(t *testing.T) {
	tests := []struct {
		name, src, sub string
		fn             shared.Func
		from, to       [2]int
	}{
		{"emphasis", "**Acme** CloudSync", "Acme CloudSync", Markdown, [2]int{1, 3}, [2]int{1, 19}},
		{"wrapped", "Intro text about Acme\nCloudSync here.", "Acme CloudSync", Markdown, [2]int{1, 18}, [2]int{2, 10}},
		{"nbsp", "x Acme&nbsp;CloudSync", "Acme\u00a0CloudSync", Markdown, [2]int{1, 3}, [2]int{1, 22}},
		{"multibyte", "# Café Acme CloudSync", "Acme", Markdown, [2]int{1, 8}, [2]int{1, 12}},
		{"list", "- one\n- two *Acme*\n", "Acme", Markdown, [2]int{2, 8}, [2]int{2, 12}},
		{"crlf", "a\r\nb **Acme**\r\n", "Acme", Markdown, [2]int{2, 5}, [2]int{2, 9}},
		{"bom", "\ufeffAcme here", "Acme", Markdown, [2]int{1, 1}, [2]int{1, 5}},
		{"table", "| x |\n|---|\n| über Acme |\n", "Acme", Markdown, [2]int{3, 8}, [2]int{3, 12}},
		{"front matter", "---\ntitle: \"Ünï Acme\"\n---\n", "Acme", Markdown, [2]int{2, 13}, [2]int{2, 17}},
		{"mdx child", "<Tip>\n  Über Acme\n</Tip>\n", "Acme", MDX, [2]int{2, 8}, [2]int{2, 12}},
		{"mdx inline", "Hi {x} <B>Acme</B> CloudSync", "Acme", MDX, [2]int{1, 11}, [2]int{1, 15}},
		{"text", "first\n  second Acme\n", "Acme", Text, [2]int{2, 10}, [2]int{2, 14}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := tt.fn("x", []byte(tt.src), nil)
			require.NoError(t, err)
			require.NoError(t, checkSegs(d))
			found := false
			for i := range d.Blocks {
				b := &d.Blocks[i]
				k := strings.Index(b.Text, tt.sub)
				if k < 0 {
					continue
				}
				found = true
				s, e, ok := b.SrcRange(k, k+len(tt.sub))
				require.True(t, ok)
				l1, c1 := d.LineCol(s)
				l2, c2 := d.LineCol(e)
				assert.Equal(t, tt.from, [2]int{l1, c1}, "start")
				assert.Equal(t, tt.to, [2]int{l2, c2}, "end")
				break
			}
			require.True(t, found, "%q not in any block: %s", tt.sub, shared.Dump(d))
		})
	}
}

func TestMarkdownInvalidUTF8(t *testing.T) {
	src := []byte("# ok\n\nbad \xff\xfe byte Acme\n")
	d, err := Markdown("x.md", src, nil)
	require.NoError(t, err)
	require.NoError(t, checkSegs(d))
	require.Len(t, d.Notes, 1)
	assert.Equal(t, content.RuleEncoding, d.Notes[0].Rule)
	assert.Equal(t, 10, d.Notes[0].Offset)
	assert.Contains(t, d.Notes[0].Message, "line 3")
	assert.Equal(t, "bad \uFFFD\uFFFD byte Acme", d.Blocks[1].Text)
	assert.Equal(t, src, d.Src, "Src keeps the original bytes")
}

func TestMarkdownBinary(t *testing.T) {
	for _, fn := range []shared.Func{Markdown, MDX, Text} {
		_, err := fn("x", []byte("abc\x00def"), nil)
		var ie *content.InputError
		require.True(t, errors.As(err, &ie))
		assert.Equal(t, content.RuleUnreadable, ie.Rule)
		assert.Contains(t, err.Error(), "offset 3")
	}
	// A NUL after the first 8 KB is not binary: it becomes U+FFFD.
	src := append(bytes.Repeat([]byte("word "), 2000), "\n\nA\x00B\n"...)
	d, err := Text("x.txt", src, nil)
	require.NoError(t, err)
	require.NoError(t, checkSegs(d))
	assert.Equal(t, "A\uFFFDB", d.Blocks[len(d.Blocks)-1].Text)
}

func TestMarkdownDirectives(t *testing.T) {
	src := "a\n\n<!-- msglint-disable naming/variant -->\nb <!-- msglint-disable-next-line -->\n\n<!-- msglint-enable -->\n"
	d, err := Markdown("x.md", []byte(src), nil)
	require.NoError(t, err)
	assert.Equal(t, []content.Directive{
		{Kind: "disable", Rules: []string{"naming/variant"}, Line: 3},
		{Kind: "disable-next-line", Line: 4},
		{Kind: "enable", Line: 6},
	}, d.Directives)
}

func seedFiles(f *testing.F, dirs ...string) {
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join("testdata", dir, "*"))
		for _, p := range files {
			if strings.HasSuffix(p, ".golden") {
				continue
			}
			if src, err := os.ReadFile(p); err == nil {
				f.Add(src)
			}
		}
	}
}

func fuzzExtract(f *testing.F, fn shared.Func) {
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := fn("fuzz", src, nil)
		if err != nil {
			var ie *content.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error is not an InputError: %v", err)
			}
			if strings.Contains(err.Error(), "internal error") {
				t.Fatal(err)
			}
			return
		}
		if err := checkSegs(d); err != nil {
			t.Fatalf("%v\n%s", err, shared.Dump(d))
		}
	})
}

func FuzzExtractMarkdown(f *testing.F) {
	seedFiles(f, "markdown", "frontmatter", "mdx")
	f.Add([]byte("**Acme** CloudSync &nbsp; \\* `x` <b>y</b>"))
	extracttest.AddNestingReproducers(f)
	fuzzExtract(f, Markdown)
}

func benchExtract(b *testing.B, file string, fn shared.Func) {
	src, err := os.ReadFile(file)
	require.NoError(b, err)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := fn(file, src, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkExtractMarkdown(b *testing.B) {
	benchExtract(b, "testdata/markdown/blocks.md", Markdown)
}

func BenchmarkExtractMDX(b *testing.B) {
	benchExtract(b, "testdata/mdx/components.mdx", MDX)
}

// TestPlainRun: plainRun stops where a byte-by-byte scan for textSpecial
// stops, for every start and end over text with special bytes everywhere.
func TestPlainRun(t *testing.T) {
	pieces := []string{"a", "plain text ", "\\", "&", "\x00", "é", "\x80", "\xff", "~", "\x7f", "\x01", "[", "0123456789"}
	r := rand.New(rand.NewPCG(5, 6))
	for n := 0; n < 300; n++ {
		var src []byte
		for len(src) < 64 {
			src = append(src, pieces[r.IntN(len(pieces))]...)
		}
		for i := 0; i <= len(src); i++ {
			for e := i; e <= len(src); e++ {
				want := i
				for want < e && !textSpecial[src[want]] {
					want++
				}
				if got := plainRun(src, i, e); got != want {
					t.Fatalf("%q [%d:%d]: %d, want %d", src, i, e, got, want)
				}
			}
		}
	}
}
