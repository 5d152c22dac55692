package markup

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/extracttest"
)

func TestMDXGolden(t *testing.T) { runGolden(t, "mdx", ".mdx", MDX) }

func mdxTexts(t *testing.T, src string) []string {
	t.Helper()
	d, err := MDX("x.mdx", []byte(src), nil)
	require.NoError(t, err)
	require.NoError(t, checkSegs(d))
	var got []string
	for _, b := range d.Blocks {
		got = append(got, strings.ReplaceAll(b.Text, string(content.Barrier), "⌧"))
	}
	return got
}

func TestMDXMasking(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"import", "import X from 'y'\nimport {A} from \"b\"\n\nProse.", []string{"Prose."}},
		{"export block", "export const meta = {\n  title: 'Acme'\n}\n\nProse.", []string{"Prose."}},
		{"import mid-paragraph is prose", "We help you\nimport data.", []string{"We help you import data."}},
		{"expression", "Hello {user.name}, welcome.", []string{"Hello ⌧, welcome."}},
		{"nested braces and strings", "A {f({a: '}'}, `${b}}`)} B", []string{"A ⌧ B"}},
		{"jsx block", "<Callout type=\"info\" title=\"Acme attr\">\nChild Acme text.\n</Callout>", []string{"Child Acme text."}},
		{"jsx multi-line attrs", "<Tabs\n  items={['Acme', 'B']}\n  x=\"a > b\"\n>\n  Tab text.\n</Tabs>", []string{"Tab text."}},
		{"self closing", "Before <Icon name=\"acme\" /> after.", []string{"Before ⌧ after."}},
		{"inline jsx", "Use <Badge>Acme</Badge> now.", []string{"Use ⌧Acme⌧ now."}},
		{"fragment", "<>\nFrag text.\n</>", []string{"Frag text."}},
		{"lowercase html", "<div className=\"x\">\nInside div.\n</div>", []string{"Inside div."}},
		{"indented child is not code", "<Tip>\n    Deeply indented child.\n</Tip>", []string{"Deeply indented child."}},
		{"fenced code kept out", "```jsx\n<Foo bar={1} />\n```\n\nAfter.", []string{"After."}},
		{"inline code braces", "Use `{x}` and `<Y>` here.", []string{"Use ⌧ and ⌧ here."}},
		{"less than", "a < b and 3<4 here.", []string{"a < b and 3<4 here."}},
		{"unbalanced brace", "Open { brace stays.", []string{"Open { brace stays."}},
		{"unclosed tag", "A <Foo bar\n\nNext para.", []string{"A <Foo bar", "Next para."}},
		{"escaped brace", `Literal \{ brace \}.`, []string{"Literal { brace }."}},
		{"apostrophe in prose", "Don't {x} it's fine.", []string{"Don't ⌧ it's fine."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, mdxTexts(t, tt.src))
		})
	}
}

func TestMDXDirectives(t *testing.T) {
	src := "{/* msglint-disable naming/variant */}\n\nText.\n\n{/*\n msglint-enable\n*/}\n<!-- msglint-disable-next-line claims -->\nMore.\n```\n{/* msglint-disable */}\n```\n"
	d, err := MDX("x.mdx", []byte(src), nil)
	require.NoError(t, err)
	assert.Equal(t, []content.Directive{
		{Kind: "disable", Rules: []string{"naming/variant"}, Line: 1},
		{Kind: "enable", Line: 5},
		{Kind: "disable-next-line", Rules: []string{"claims"}, Line: 8},
	}, d.Directives)
}

func TestMDXHostile(t *testing.T) {
	inputs := []string{
		strings.Repeat("{", 50000),
		strings.Repeat("<a ", 30000),
		strings.Repeat("`` ` ", 30000),
		strings.Repeat("<!-- ", 30000),
		strings.Repeat("{/* ", 30000),
		strings.Repeat("<a b=\"", 30000),
		strings.Repeat("`${", 20000),
		strings.Repeat("{`${'", 10000),
		"<A b={\"x",
		"{/*",
		"<!--",
		"import",
		"<",
		"{",
	}
	for _, in := range inputs {
		d, err := MDX("x.mdx", []byte(in), nil)
		require.NoError(t, err)
		require.NoError(t, checkSegs(d))
	}
}

func FuzzExtractMDX(f *testing.F) {
	seedFiles(f, "mdx", "markdown")
	f.Add([]byte("<A b={`${c}`}>\n{/* msglint-disable */}\n</A>"))
	extracttest.AddNestingReproducers(f)
	fuzzExtract(f, MDX)
}
