package markup

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/shared"
)

func TestFrontMatterGolden(t *testing.T) { runGolden(t, "frontmatter", ".md", Markdown) }

func TestFrontMatterKeys(t *testing.T) {
	src := "---\ntitle: T\nfaq: [Q one, Q two]\n---\nBody\n"
	d, err := Markdown("x.md", []byte(src), &shared.Options{FrontMatter: []string{"faq"}})
	require.NoError(t, err)
	require.NoError(t, checkSegs(d))
	var got []string
	for _, b := range d.Blocks {
		got = append(got, b.Scope+":"+b.Field+":"+b.Text)
	}
	assert.Equal(t, []string{"front-matter:faq:Q one", "front-matter:faq:Q two", "paragraph::Body"}, got)
}

func TestFrontMatterScalars(t *testing.T) {
	tests := []struct {
		name, fm, want string
	}{
		{"plain", "title: Acme CloudSync", "Acme CloudSync"},
		{"plain comment", "title: Acme # note", "Acme"},
		{"double", `title: "Acme \"Cloud\" \u00e9"`, `Acme "Cloud" é`},
		{"single", `title: 'It''s Acme'`, "It's Acme"},
		{"literal", "title: |\n  Line one\n  line two\n", "Line one line two"},
		{"folded", "title: >\n  Line one\n\n  line two\n", "Line one line two"},
		{"multi-line plain", "title: Acme\n  CloudSync", "Acme CloudSync"},
		{"toml basic", "+title = \"Acme \\t x\"", "Acme \t x"},
		{"toml literal", "+title = 'C:\\path'", `C:\path`},
		{"toml multi-line literal", "+title = '''\nOne\ntwo'''", "One two"},
		{"crlf double", "title: \"Acme\r\n  CloudSync\"\r", "Acme CloudSync"},
		{"crlf literal", "title: |\r\n  a\r\n  b\r", "a b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "---\n" + tt.fm + "\n---\n"
			if tt.fm[0] == '+' {
				src = "+++\n" + tt.fm[1:] + "\n+++\n"
			}
			d, err := Markdown("x.md", []byte(src), nil)
			require.NoError(t, err)
			require.NoError(t, checkSegs(d))
			require.Len(t, d.Blocks, 1, shared.Dump(d))
			b := d.Blocks[0]
			assert.Equal(t, tt.want, b.Text)
			// Mapped exactly: no zero-width fallback anchor.
			for _, g := range b.Segs {
				assert.NotZero(t, g.SrcLen, "fallback seg used: %+v", b.Segs)
			}
		})
	}
}

func TestFrontMatterDirective(t *testing.T) {
	for _, src := range []string{
		"---\na: 1\nmsglint:\n  disable: [naming/variant, claims]\n---\n",
		"+++\na = 1\nmsglint = {disable = [\"naming/variant\", \"claims\"]}\n+++\n",
		"+++\na = 1\n[msglint]\ndisable = \"naming/variant, claims\"\n+++\n",
	} {
		d, err := Markdown("x.md", []byte(src), nil)
		require.NoError(t, err)
		require.Len(t, d.Directives, 1, src)
		assert.Equal(t, "disable-file", d.Directives[0].Kind)
		assert.Equal(t, []string{"naming/variant", "claims"}, d.Directives[0].Rules)
	}
	d, err := Markdown("x.md", []byte("---\nmsglint: {disable: true}\n---\n"), nil)
	require.NoError(t, err)
	assert.Equal(t, []content.Directive{{Kind: "disable-file", Line: 2}}, d.Directives)
}

func TestFrontMatterErrors(t *testing.T) {
	d, err := Markdown("x.md", []byte("---\ntitle: [x\n---\n# H\n"), nil)
	require.NoError(t, err)
	require.Len(t, d.Notes, 1)
	assert.Equal(t, content.RuleUnreadable, d.Notes[0].Rule)
	require.Len(t, d.Blocks, 1)
	assert.Equal(t, "H", d.Blocks[0].Text)

	// No closing fence: not front matter (a thematic break and a paragraph).
	d, err = Markdown("x.md", []byte("---\ntitle: x\n"), nil)
	require.NoError(t, err)
	assert.Nil(t, d.Meta)
}

func TestFrontMatterPositions(t *testing.T) {
	tests := []struct {
		name, src, field, sub string
		from, to              [2]int
	}{
		{"flow after non-ASCII", "---\nsummary: [Ünï, \"Zwei Acme\"]\n---\n", "summary", "Acme", [2]int{2, 22}, [2]int{2, 26}},
		{"toml array", "+++\nfaq = [\"é\", 'Acme x']\n+++\n", "faq", "Acme", [2]int{2, 14}, [2]int{2, 18}},
		{"crlf", "---\r\ntitle: x\r\ndescription: >\r\n  one\r\n  Acme\r\n---\r\n", "description", "Acme", [2]int{5, 3}, [2]int{5, 7}},
		{"escape before", "---\ntitle: \"\\u00e9 Acme\"\n---\n", "title", "Acme", [2]int{2, 16}, [2]int{2, 20}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Markdown("x.md", []byte(tt.src), &shared.Options{FrontMatter: []string{tt.field}})
			require.NoError(t, err)
			require.NoError(t, checkSegs(d))
			for i := range d.Blocks {
				b := &d.Blocks[i]
				k := strings.Index(b.Text, tt.sub)
				if b.Field != tt.field || k < 0 {
					continue
				}
				s, e, ok := b.SrcRange(k, k+len(tt.sub))
				require.True(t, ok)
				l1, c1 := d.LineCol(s)
				l2, c2 := d.LineCol(e)
				assert.Equal(t, tt.from, [2]int{l1, c1})
				assert.Equal(t, tt.to, [2]int{l2, c2})
				return
			}
			t.Fatalf("not found:\n%s", shared.Dump(d))
		})
	}
}

// yamlBothWays extracts the YAML front matter body with the fast path for
// simple front matter and with the YAML library, and reports whether the fast
// path took it and whether both documents are equal.
func yamlBothWays(t testing.TB, body string) (simple bool) {
	src := []byte("---\n" + body + "\n---\nText\n")
	bs, be, _, _, ok := fence(src, 0)
	if !ok {
		return false
	}
	keys := []string{"title", "description", "summary", "tags"}
	fast := &content.Document{Src: src}
	full := &content.Document{Src: src}
	simple = (&fmParser{doc: fast, src: src, bs: bs, be: be, keys: keys}).yamlSimple()
	if !simple {
		if fast.Meta != nil || fast.Blocks != nil || fast.Notes != nil || fast.Directives != nil {
			t.Fatalf("%q: yamlSimple declined but changed the document", body)
		}
		return false
	}
	(&fmParser{doc: full, src: src, bs: bs, be: be, keys: keys}).yamlFull()
	require.Equal(t, full.Meta, fast.Meta, "%q", body)
	require.Equal(t, full.Blocks, fast.Blocks, "%q", body)
	require.Equal(t, full.Notes, fast.Notes, "%q", body)
	require.Equal(t, full.Directives, fast.Directives, "%q", body)
	return true
}

var yamlSimpleSeeds = []string{
	"title: Acme CloudSync",
	"title: Page 0 of the product tour\ndescription: How modern teams work together, with examples.",
	"title: A\n\ndescription: B c\nsummary: x-y z_1",
	"title: see https://example.com/a?b=c&d",
	"title: It's Acme's \"best\" (beta) release, A/B tested! 100% v1.2 e.g. Q&A",
	"title: Größe für Über-Teams — schnell",
	"title: a\ntitle: b",
	"title: NaN\nsummary: Infinity\ndescription: nil",
	"title: Yes", "title: no", "title: On", "title: NULL", "title: y", "tags: Off",
	"True: x", "null: x", "msglint: x",
	"title: foo: bar", "title: foo:", "title: foo:bar", "title: a # c", "title: a#b",
	"title: a ", "title:  two spaces", "title:x", "title:", "title: \"q\"", "title: 'q'",
	"title: [a, b]", "title: {a: b}", "title: |", "title: >", "title: &a x", "title: *a",
	"title: !t x", "title: %x", "title: @x", "title: `x`", "title: - x", "title: ? x",
	"title: x\n  continued", "title: x\n# comment", "  title: x", "title: x\r", "title: a\tb",
	"title: a\u0085b", "title: a\u2028b", "title: a\ufeffb", "title: a\x7fb", "title: a\xffb",
	"key-with-dash: v", "k_1: v", "9k: v", "a b: c", "title : x", "title: x\n---",
	"title: 2024-01-01", "title: 0x1F", "title: .inf", "title: ~", "title: v1.0.0-beta+exp",
	"title: a, b, c", "title: a [b] {c}", "title: a | b > c", "title: a * b & c ! d",
	"description: Don't use \\n here", "title: " + strings.Repeat("long ", 300) + "end",
	strings.Repeat("k", 64) + ": v", strings.Repeat("k", 65) + ": v",
	// double-quoted scalars, dates and flow lists of plain words
	"title: \"Acme: the #1 tool, [beta] {x} 'ok'\"\ndescription: \"  spaced  \"",
	"title: \"\"", "title: \"a\\\"b\"", "title: \"a\\nb\"", "title: \"a\" # c", "title: \"a\"b\"",
	"title: \"a\tb\"", "title: \"Größe — schnell\"", "title: \"yes\"", "title: \"2024-01-01\"",
	"date: 2024-01-01\ntitle: x", "title: 2024-01-01", "date: 2024-1-01", "date: 2024-01-01T10:00:00Z",
	"date: 2024-13-45", "date: 0000-00-00", "tags: [a, b c, d-e, f_g, v1.2]", "tags: [a]", "tags: []",
	"tags: [ a ,b ]", "tags: [a,]", "tags: [a,,b]", "tags: [yes, no]", "tags: [a, 1]", "tags: [a, [b]]",
	"tags: [a, b] # c", "tags: [a, b]x", "tags: [a:b]", "title: [Acme, Cloud Sync]\ndescription: [x]",
	"keywords: [a, b]\ntitle: \"T\"\ndate: 2026-12-03",
}

func TestYAMLSimpleMatchesYAML(t *testing.T) {
	took := 0
	for _, body := range yamlSimpleSeeds {
		if yamlBothWays(t, body) {
			took++
		}
	}
	assert.Greater(t, took, 10)
	assert.True(t, yamlBothWays(t, "title: Page 0 of the product tour\ndescription: How modern teams work together, with examples."))
	// the fast path takes double-quoted scalars, dates and flow lists of plain words
	for _, body := range []string{
		"title: \"Acme: the #1 tool\"",
		"date: 2024-01-01\ntitle: 2026-12-03",
		"tags: [a, b c, d-e]",
		"keywords: [a, b]\ntitle: \"T\"\ndate: 2026-12-03\ndescription: plain",
	} {
		assert.True(t, yamlBothWays(t, body), "%q", body)
	}
	// and declines escapes, comments after a value, invalid dates, nested lists
	for _, body := range []string{
		"title: \"a\\nb\"", "title: \"a\" # c", "date: 2024-13-45", "tags: [a, [b]]", "tags: [yes]",
	} {
		assert.False(t, yamlBothWays(t, body), "%q", body)
	}
}

func FuzzYAMLSimple(f *testing.F) {
	for _, s := range yamlSimpleSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) { yamlBothWays(t, body) })
}
