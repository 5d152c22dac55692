package markup

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/shared"
	"github.com/msglint/msglint/internal/golden"
)

// htmlFixtureOpts are the options of the golden fixtures that need any.
var htmlFixtureOpts = map[string]*shared.Options{
	"ignore.html":    {HTMLIgnore: []string{"nav, footer", ".legal", "#promo"}},
	"marketing.html": {HTMLIgnore: []string{"nav, .site-footer", ".legal"}},
}

// htmlCheckSegs asserts the Seg contract on every block: Segs in bounds, in
// increasing order of Text and Src without overlap, and every Seg with
// TN == SN maps equal bytes.
func htmlCheckSegs(t testing.TB, d *content.Document) {
	t.Helper()
	for i, b := range d.Blocks {
		if !utf8.ValidString(b.Text) {
			t.Fatalf("block %d: invalid UTF-8 in Text %q", i, b.Text)
		}
		if len(b.Segs) == 0 {
			t.Fatalf("block %d (%q) has no Segs", i, b.Text)
		}
		lastT, lastS := 0, 0
		for j, g := range b.Segs {
			if g.TextOff < lastT || g.SrcOff < lastS || g.TextLen < 0 || g.SrcLen < 0 ||
				g.TextOff+g.TextLen > len(b.Text) || g.SrcOff+g.SrcLen > len(d.Src) {
				t.Fatalf("block %d seg %d %+v out of order or bounds (text %d bytes, src %d, prev end T%d S%d)",
					i, j, g, len(b.Text), len(d.Src), lastT, lastS)
			}
			if g.TextLen == g.SrcLen && b.Text[g.TextOff:g.TextOff+g.TextLen] != string(d.Src[g.SrcOff:g.SrcOff+g.SrcLen]) {
				t.Fatalf("block %d seg %d %+v: exact seg text %q != src %q", i, j, g, b.Text[g.TextOff:g.TextOff+g.TextLen], d.Src[g.SrcOff:g.SrcOff+g.SrcLen])
			}
			lastT, lastS = g.TextOff+g.TextLen, g.SrcOff+g.SrcLen
		}
	}
}

func htmlExtract(t testing.TB, src string, opts *shared.Options) *content.Document {
	t.Helper()
	d, err := HTML("page.html", []byte(src), opts)
	require.NoError(t, err)
	htmlCheckSegs(t, d)
	return d
}

// htmlSummary renders blocks as "scope[:field]|text".
func htmlSummary(d *content.Document) []string {
	var out []string
	for _, b := range d.Blocks {
		s := b.Scope
		if b.Field != "" {
			s += ":" + b.Field
		}
		out = append(out, s+"|"+strings.ReplaceAll(b.Text, string(content.Barrier), "⌧"))
	}
	return out
}

func TestHTMLGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/html/*.html")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			require.NoError(t, err)
			d, err := HTML(f, src, htmlFixtureOpts[filepath.Base(f)])
			require.NoError(t, err)
			htmlCheckSegs(t, d)
			golden.Check(t, f+".blocks.golden", []byte(shared.Dump(d)))
		})
	}
}

func TestHTMLBlocks(t *testing.T) {
	tests := []struct {
		name string
		src  string
		opts *shared.Options
		want []string
	}{
		{"inline joins", `<p><strong>Acme</strong> CloudSync</p>`, nil, []string{"paragraph|Acme CloudSync"}},
		{"nested inline", `<p>Try <a href="/x"><b><i>Acme</i></b>&nbsp;<span>Cloud</span>Sync</a>!</p>`, nil,
			[]string{"paragraph|Try Acme CloudSync!"}},
		{"wrapped name", "<p>Acme\n   CloudSync</p>", nil, []string{"paragraph|Acme CloudSync"}},
		{"crlf", "<p>Acme\r\nCloudSync\r\n</p>\r\n", nil, []string{"paragraph|Acme CloudSync"}},
		{"literal nbsp", "<p>Acme\u00a0CloudSync</p>", nil, []string{"paragraph|Acme CloudSync"}},
		{"br is a space", `<p>Acme<br>CloudSync<br/>x</p>`, nil, []string{"paragraph|Acme CloudSync x"}},
		{"entities", `<p>A&amp;B &lt;tag&gt; &rsquo;s &#8482; &#x2122; &copy &notin; &notit; &bogus; &</p>`, nil,
			[]string{"paragraph|A&B <tag> ’s ™ ™ © ∉ ¬it; &bogus; &"}},
		{"inline code is a barrier", `<p>Run <code>acme sync</code> now</p>`, nil, []string{"paragraph|Run ⌧ now"}},
		{"href not in text", `<p><a href="https://acme.example/CloudSync">Home</a></p>`, nil, []string{"paragraph|Home"}},
		{"script joins", `<p>Acme <script>x="<p>"</script>CloudSync</p>`, nil, []string{"paragraph|Acme CloudSync"}},
		{"blocks split", `<div>One<p>Two</p>Three</div>`, nil, []string{"paragraph|One", "paragraph|Two", "paragraph|Three"}},
		{"scopes", `<h2>H</h2><ul><li>L</li></ul><table><tr><td>C</td><th>T</th></tr></table><blockquote><p>Q</p></blockquote>`, nil,
			[]string{"heading|H", "list-item|L", "table-cell|C", "table-cell|T", "quote|Q"}},
		{"head", `<title> Acme
CloudSync </title><meta content="D" name="Description"><meta property="og:title" content="T"><meta property="og:description" content="O"><meta name="keywords" content="K">`, nil,
			[]string{"title|Acme CloudSync", "meta:description|D", "meta:og:title|T", "meta:og:description|O"}},
		{"alt and title", `<img alt="Logo &amp; mark" title=Tip><abbr title='Acme CloudSync'>ACS</abbr>`, nil,
			[]string{"alt|Logo & mark", "attr:title|Tip", "attr:title|Acme CloudSync", "paragraph|ACS"}},
		{"empty attrs dropped", `<img alt="" title="  ">`, nil, nil},
		{"link title not checked", `<link rel=alternate title="RSS"><p>x</p>`, nil, []string{"paragraph|x"}},
		{"skipped", `<pre>p</pre><template><p>t</p></template><noscript>n</noscript><style>s</style><textarea>a</textarea><svg><text>v</text></svg>`, nil, nil},
		{"ignore", `<nav><p>N</p></nav><p>A <span class="x">B</span> C</p><footer title="F">F</footer>`,
			&shared.Options{HTMLIgnore: []string{"nav, footer", ".x"}}, []string{"paragraph|A ⌧ C"}},
		{"ignore short inline tag", `<p>x <a>y</a> z <i>unclosed</p>`,
			&shared.Options{HTMLIgnore: []string{"a, i"}}, []string{"paragraph|x ⌧ z ⌧"}},
		{"ignore implied element", `<table><tr><td>cell</td></tr></table><p>kept</p>`,
			&shared.Options{HTMLIgnore: []string{"tbody"}}, []string{"paragraph|kept"}},
		{"ignore attribute selector", `<p hidden>h</p><p>v</p><img alt="a" hidden>`,
			&shared.Options{HTMLIgnore: []string{"[hidden]"}}, []string{"paragraph|v"}},
		{"uppercase", `<P>Some <B>Acme</B> <CODE>x</CODE></P><IMG ALT="Alt">`, nil, []string{"paragraph|Some Acme ⌧", "alt|Alt"}},
		{"unclosed inline code ends at block", `<p>a <code>b<p>c`, nil, []string{"paragraph|a ⌧", "paragraph|c"}},
		{"bom", "\xEF\xBB\xBF<p>x</p>", nil, []string{"paragraph|x"}},
		{"barrier only", `<p><code>x</code></p>`, nil, nil},
		{"same-length reference kept as source", `<p>&#0</p><p>&#0;</p>`, nil, []string{"paragraph|&#0", "paragraph|\uFFFD"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := htmlExtract(t, tc.src, tc.opts)
			assert.Equal(t, tc.want, htmlSummary(d))
			if tc.name == "bom" {
				assert.Equal(t, 6, d.Blocks[0].Segs[0].SrcOff, "offsets are file offsets")
			}
			assert.Equal(t, content.FormatHTML, d.Format)
		})
	}
}

// htmlSpan returns the 1-based line:col of the start and exclusive end of
// the first occurrence of sub in a block's text.
func htmlSpan(t *testing.T, d *content.Document, sub string) (l1, c1, l2, c2 int) {
	t.Helper()
	for _, b := range d.Blocks {
		if i := strings.Index(b.Text, sub); i >= 0 {
			s, e, ok := b.SrcRange(i, i+len(sub))
			require.True(t, ok)
			l1, c1 = d.LineCol(s)
			l2, c2 = d.LineCol(e)
			return
		}
	}
	t.Fatalf("%q not found in %q", sub, htmlSummary(d))
	return
}

func TestHTMLPositions(t *testing.T) {
	tests := []struct {
		name, src, sub string
		l1, c1, l2, c2 int
		exact          bool
	}{
		{"bold and nbsp", "<html>\n<body>\n  <p><b>Acme</b>&nbsp;CloudSync</p>\n", "Acme CloudSync", 3, 9, 3, 32, false},
		{"multi-byte before", "<p>Ünïcödé — «<em>Acme</em> CloudSync»</p>", "CloudSync", 1, 29, 1, 38, true},
		{"multi-byte line 2", "<p>\n日本語 Acme CloudSync</p>", "Acme CloudSync", 2, 5, 2, 19, true},
		{"wrapped", "<p>Try Acme\n  CloudSync now</p>", "Acme CloudSync", 1, 8, 2, 12, false},
		{"attribute", "<img\n  alt=\"Über Acme CloudSync\">", "Acme CloudSync", 2, 13, 2, 27, true},
		{"entity inside", "<p>Acme&#x20;CloudSync</p>", "Acme CloudSync", 1, 4, 1, 23, false},
		{"title", "<title>\n\tAcme CloudSync</title>", "Acme CloudSync", 2, 2, 2, 16, true},
		{"meta", `<meta name="description" content="Sync with Acme CloudSync.">`, "Acme CloudSync", 1, 45, 1, 59, true},
		{"crlf", "<p>a\r\nAcme CloudSync</p>", "Acme CloudSync", 2, 1, 2, 15, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := htmlExtract(t, tc.src, nil)
			l1, c1, l2, c2 := htmlSpan(t, d, tc.sub)
			assert.Equal(t, [4]int{tc.l1, tc.c1, tc.l2, tc.c2}, [4]int{l1, c1, l2, c2})
			for _, b := range d.Blocks {
				if i := strings.Index(b.Text, tc.sub); i >= 0 {
					assert.Equal(t, tc.exact, b.Exact(i, i+len(tc.sub)), "Exact")
					if tc.exact {
						s, e, _ := b.SrcRange(i, i+len(tc.sub))
						assert.Equal(t, tc.sub, string(d.Src[s:e]))
					}
				}
			}
		})
	}
}

func TestHTMLMeta(t *testing.T) {
	d := htmlExtract(t, `<title>T1</title><title>T2</title><meta name=description content="D">`, nil)
	assert.Equal(t, map[string]any{"title": "T1", "description": "D"}, d.Meta)
	assert.Nil(t, htmlExtract(t, `<p>x</p>`, nil).Meta)
}

func TestHTMLDirectives(t *testing.T) {
	src := "<p>a</p>\n<!-- msglint-disable naming/variant,claims -->\n<p>b</p>\n" +
		"<!--\nmsglint-disable-next-line\n-->\n<p>c</p>\n<!-- msglint-enable -->\n<!-- not a directive -->\n" +
		"<script><!-- msglint-disable --></script>\n<p>d <!--msglint-disable x--> e</p>"
	d := htmlExtract(t, src, nil)
	assert.Equal(t, []content.Directive{
		{Kind: "disable", Rules: []string{"naming/variant", "claims"}, Line: 2},
		{Kind: "disable-next-line", Line: 6},
		{Kind: "enable", Line: 8},
		{Kind: "disable", Rules: []string{"x"}, Line: 11},
	}, d.Directives)
	assert.Equal(t, []string{"paragraph|a", "paragraph|b", "paragraph|c", "paragraph|d e"}, htmlSummary(d))
}

func TestHTMLInputProblems(t *testing.T) {
	t.Run("NUL is binary", func(t *testing.T) {
		_, err := HTML("x.html", []byte("<p>a\x00b</p>"), nil)
		var ie *content.InputError
		require.True(t, errors.As(err, &ie))
		assert.Equal(t, content.RuleUnreadable, ie.Rule)
		assert.Contains(t, err.Error(), "binary")
	})
	t.Run("NUL after 8 KB is text", func(t *testing.T) {
		src := "<p>" + strings.Repeat("a ", 5000) + "\x00</p>"
		d := htmlExtract(t, src, nil)
		assert.Len(t, d.Blocks, 1)
	})
	t.Run("invalid UTF-8 is a note", func(t *testing.T) {
		src := "<p>caf\xe9 Acme CloudSync</p>\n<p>\xff\xfe</p>"
		d := htmlExtract(t, src, nil)
		require.Len(t, d.Notes, 1)
		assert.Equal(t, content.RuleEncoding, d.Notes[0].Rule)
		assert.Equal(t, 6, d.Notes[0].Offset)
		assert.Contains(t, d.Notes[0].Message, "3 bad")
		assert.Equal(t, []string{"paragraph|caf\uFFFD Acme CloudSync", "paragraph|\uFFFD\uFFFD"}, htmlSummary(d))
		l1, c1, _, c2 := htmlSpan(t, d, "Acme CloudSync")
		assert.Equal(t, [3]int{1, 9, 23}, [3]int{l1, c1, c2})
	})
	t.Run("invalid selector", func(t *testing.T) {
		_, err := HTML("x.html", []byte("<p>a</p>"), &shared.Options{HTMLIgnore: []string{"nav", "div[", "p"}})
		require.Error(t, err)
		assert.Contains(t, err.Error(), `"div["`)
	})
	t.Run("empty input", func(t *testing.T) {
		d := htmlExtract(t, "", nil)
		assert.Empty(t, d.Blocks)
	})
}

func TestValidateSelector(t *testing.T) {
	for _, s := range []string{"nav, footer", ".legal", "#promo", "div > p.x:not(.y)", "[hidden]", "a[href^=http]"} {
		assert.NoError(t, ValidateSelector(s), s)
	}
	for _, s := range []string{"", "  ", "div[", "p::before", "a >", "#"} {
		err := ValidateSelector(s)
		assert.Error(t, err, s)
	}
	assert.Contains(t, ValidateSelector(".a..b").Error(), `".a..b"`)
}

// htmlDecode decodes every character reference in s with htmlEntity.
func htmlDecode(s []byte, attr bool) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '&' {
			if val, n := htmlEntity(s[i:], attr); n > 0 {
				b.WriteString(val)
				i += n
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func TestHTMLEntity(t *testing.T) {
	cases := []string{
		"&amp;", "&amp", "&ampx", "&AMP;", "&notin;", "&notin", "&notit;", "&not", "&nbsp;x", "&#65;", "&#x41", "&#X41;",
		"&#;", "&#x;", "&#", "&", "&;", "&0;", "&#0;", "&#128;", "&#x110000;", "&#55296;", "&#00000000000000065;",
		"&fjlig;", "&NotEqualTilde;", "&bne;", "&CounterClockwiseContourIntegral;", "&CounterClockwiseContourIntegralx;",
		"&" + strings.Repeat("a", 40) + ";", "&ampaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "&copy=", "&frac34x", "&lt&gt",
		"&semi;", "&Tab;", "&NewLine;",
	}
	for _, c := range cases {
		assert.Equal(t, html.UnescapeString(c), htmlDecode([]byte(c), false), "text %q", c)
		z := html.NewTokenizer(strings.NewReader(`<a b="` + c + `">`))
		require.Equal(t, html.StartTagToken, z.Next())
		_, val, _ := z.TagAttr()
		assert.Equal(t, string(val), htmlDecode([]byte(c), true), "attr %q", c)
	}
}

// htmlCompareTokenizer checks the extractor's view of src against the
// tokenizer's own: raw tokens partition the input, and the attribute
// scanner and entity decoder agree with TagAttr and Text.
func htmlCompareTokenizer(t testing.TB, src []byte) {
	plain := utf8.Valid(src) && !bytes.ContainsAny(src, "\r\x00")
	z := html.NewTokenizer(bytes.NewReader(src))
	pos := 0
	var attrs []htmlAttr
	for {
		tt := z.Next()
		raw := z.Raw()
		if !bytes.Equal(raw, src[pos:pos+len(raw)]) {
			t.Fatalf("raw token at %d does not match the source", pos)
		}
		start := pos
		pos += len(raw)
		if tt == html.ErrorToken {
			break
		}
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			attrs = htmlScanAttrs(src[start:pos], attrs)
			i := 0
			for {
				key, val, more := z.TagAttr()
				if key == nil {
					break
				}
				if i >= len(attrs) {
					t.Fatalf("tag %q: scanner found %d attributes, tokenizer more", raw, len(attrs))
				}
				a := attrs[i]
				if got := raw[a.k0:a.k1]; !htmlKeyIs(got, string(key)) && plain {
					t.Fatalf("tag %q attr %d: key %q, tokenizer %q", raw, i, got, key)
				}
				if got := htmlDecode(raw[a.v0:a.v1], true); plain && got != string(val) {
					t.Fatalf("tag %q attr %d: value %q, tokenizer %q", raw, i, got, val)
				}
				i++
				if !more {
					break
				}
			}
			if i != len(attrs) {
				t.Fatalf("tag %q: scanner found %d attributes, tokenizer %d", raw, len(attrs), i)
			}
		}
	}
	if pos != len(src) {
		t.Fatalf("raw tokens cover %d of %d bytes", pos, len(src))
	}
}

func TestHTMLTokenizerAgreement(t *testing.T) {
	files, _ := filepath.Glob("testdata/html/*.html")
	for _, f := range files {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		htmlCompareTokenizer(t, src)
	}
	for _, s := range []string{
		`<a b=c d = 'e' f= "g" h i=j/>`, `<a =b c=>`, `<a b="x&amp;y" b="dup" B=up>`, `<a/b/c=d/>`, `<a b='un`,
		`<a b=x&ampy c=&copy= d=&notit;>`, "<a\tb\n=\nc\f>", `<a ="x">`, `<a b=">">`, `<a b c d>`,
	} {
		htmlCompareTokenizer(t, []byte(s))
	}
}

func BenchmarkHTML(b *testing.B) {
	src, err := os.ReadFile("testdata/html/marketing.html")
	require.NoError(b, err)
	page := bytes.Repeat(src, 20)
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := HTML("x.html", page, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// TestHTMLHostile runs shapes that would be quadratic with naive stack
// searches (deep nesting, stray end tags) or that the parser refuses.
func TestHTMLHostile(t *testing.T) {
	n := 20000
	for name, src := range map[string]string{
		"deep":     strings.Repeat("<div>", n) + "x" + strings.Repeat("</div>", n),
		"stray":    "<b><td>" + strings.Repeat("<i>", 1000) + strings.Repeat("<x></x></b>", n),
		"p":        "<p>" + strings.Repeat("<i>", 1000) + strings.Repeat("<div>", n),
		"longent":  "<p>&" + strings.Repeat("a", n) + ";",
		"attrs":    "<p " + strings.Repeat("a=b ", n) + ">x",
		"unclosed": strings.Repeat("<code>", n) + "x",
	} {
		t.Run(name, func(t *testing.T) {
			htmlExtract(t, src, nil)
			_, err := HTML("x.html", []byte(src), &shared.Options{HTMLIgnore: []string{"nav"}})
			if err != nil {
				var ie *content.InputError
				require.True(t, errors.As(err, &ie), "%v", err)
				assert.Contains(t, err.Error(), "html.ignore")
			}
		})
	}
}
