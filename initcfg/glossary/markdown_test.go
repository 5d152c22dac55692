package glossary

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestMarkdownFixture(t *testing.T) {
	r := readFixture(t, "glossary.md")
	require.Equal(t, "markdown", r.Format)
	f := "testdata/glossary.md"
	require.Equal(t, []Term{
		{Name: "Zentrio", Kind: "product", Deprecated: []string{"ZenTrio", "Zen Trio", "zentrio.io"}, Note: "The company and the platform. See brand.", File: f, Line: 14},
		{Name: "Zentrio Relay", Kind: "product", Variants: []string{"Relay"}, Deprecated: []string{"Zentrio relay", "Zentrio-Relay"}, Note: "The forwarder", File: f, Line: 15},
		{Name: "Zentrio Pulse", Kind: "product", Deprecated: []string{"Zentrio pulse"}, File: f, Line: 16},
		{Name: "Pulse", Kind: "product", File: f, Line: 16},
		{Name: "admin", Deprecated: []string{"administrator", "site administrator"}, Note: "Shorter, friendlier", File: f, Line: 23},
		{Name: "site admin", Note: "Shorter, friendlier", File: f, Line: 23},
		{Name: "codebase", Deprecated: []string{"code base"}, Note: "One word", File: f, Line: 25},
		{Name: "config file", Deprecated: []string{"configuration file"}, File: f, Line: 26},
		{Name: "set up", Deprecated: []string{"setup", "set-up"}, File: f, Line: 28},
		{Name: "sign in", Deprecated: []string{"log in", "login"}, File: f, Line: 30},
		{Name: "status page", Deprecated: []string{"status-page", "Status Page"}, Note: "One pipe, written |, splits nothing", File: f, Line: 31},
		{Name: "PagerDuty", Kind: "term", Variants: []string{"Pagerduty"}, Deprecated: []string{"Pager Duty"}, File: f, Line: 38},
		{Name: "DuckDuckGo", Deprecated: []string{"Duck Duck Go"}, File: f, Line: 39},
		{Name: "Statusly", Kind: "term", Competitor: true, Deprecated: []string{"StatusLy", "Status.ly"}, File: f, Line: 52},
	}, r.Terms)
	require.Equal(t, []string{
		f + `:15: "Zentrio(’s) Relay" is not a plain form (it has parentheses or brackets): skipped`,
		f + `:29: the term "set up (v)/setup (n)" is not a plain name (it has parentheses or brackets): add it by hand`,
		f + ":32: a row with no term",
		f + `:39: kind "gadget" is none of product, feature, term: imported without a kind`,
		f + `:43: a table whose header names no term column: skipped (it has "Plan", "Price")`,
	}, problems(r))
}

func TestMarkdownCells(t *testing.T) {
	for _, tc := range []struct {
		name, md string
		cols     string
		want     []Term
		problems []string
	}{
		{name: "code span keeps an escaped pipe", md: "| Term | Avoid |\n|--|--|\n| `a\\|b` | `a\\|b `, a-b, `x\\|y` |\n",
			want: []Term{{Name: "a|b", Deprecated: []string{"a-b", "x|y"}, Line: 3}}},
		{name: "links keep their words, images go", md: "| Term | Notes |\n|--|--|\n| [Acme](https://acme.test) ![logo](l.png) | see <https://acme.test> |\n",
			want: []Term{{Name: "Acme", Note: "see https://acme.test", Line: 3}}},
		{name: "or, quotes and a trailing comma", md: "Word | Incorrect\n---|---\nGo | \"Golang\", 'golang', or “GoLang”,\n",
			want: []Term{{Name: "Go", Deprecated: []string{"Golang", "golang", "GoLang"}, Line: 3}}},
		{name: "a table in a list item, after a heading of kind", md: "## Features\n\n- | Term |\n  |---|\n  | Smart Sync |\n",
			want: []Term{{Name: "Smart Sync", Kind: "feature", Line: 5}}},
		{name: "a later heading ends the kind", md: "## Products\n\n### Setup\n\n| Term |\n|---|\n| Acme |\n",
			want: []Term{{Name: "Acme", Line: 7}}},
		{name: "a term in two tables merges", md: "| Term | Avoid |\n|-|-|\n| Acme | ACME |\n\n| Term | Variants |\n|-|-|\n| Acme | acme |\n",
			want: []Term{{Name: "Acme", Variants: []string{"acme"}, Deprecated: []string{"ACME"}, Line: 3}}},
		{name: "--columns maps an unusual header", md: "| Our spelling | Never write | Tier |\n|---|---|---|\n| Acme Cloud | Acme-Cloud | gold |\n",
			cols: "Our spelling=term, Never write=avoid, Tier=skip",
			want: []Term{{Name: "Acme Cloud", Deprecated: []string{"Acme-Cloud"}, Line: 3}}},
		{name: "a bold row with more cells is a term", md: "| Term | Notes |\n|--|--|\n| **Acme** | ours |\n| **B** | |\n",
			want: []Term{{Name: "Acme", Note: "ours", Line: 3}}},
		{name: "a row longer than the header loses its extra cells", md: "| Term |\n|--|\n| Acme | extra |\n",
			want: []Term{{Name: "Acme", Line: 3}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cols, err := ParseColumns(tc.cols)
			require.NoError(t, err)
			r, err := ReadWith("g.md", []byte(tc.md), Options{Columns: cols})
			require.NoError(t, err)
			for i := range tc.want {
				tc.want[i].File = "g.md"
			}
			require.Equal(t, tc.want, r.Terms)
			require.Equal(t, tc.problems, problems(r))
		})
	}
}

func TestMarkdownErrors(t *testing.T) {
	_, err := Read("notes.md", []byte("# Notes\n\nNo table here.\n"))
	require.EqualError(t, err, "notes.md: a Markdown file with no table: a glossary in Markdown is a pipe table with a term column")
	_, err = Read("notes.markdown", []byte("# Notes\n\n| Plan | Price |\n|---|---|\n| Team | $20 |\n"))
	require.EqualError(t, err, `notes.markdown:3: no table's header names a term column (one of term, approved, preferred, name, use this; or map one with --columns "HEADER=term"); they have "Plan", "Price"`)
	_, err = Read("g.md", []byte("| Term |\n|--|\n| \xff |\n"))
	require.EqualError(t, err, "g.md: not UTF-8 text")
	// by content: a file with no extension whose delimiter row makes it Markdown
	r, err := Read("GLOSSARY", []byte("| Term | Avoid |\n| :-- | --: |\n| Acme | ACME |\n"))
	require.NoError(t, err)
	require.Equal(t, "markdown", r.Format)
	require.Equal(t, []Term{{Name: "Acme", Deprecated: []string{"ACME"}, File: "GLOSSARY", Line: 3}}, r.Terms)
}
