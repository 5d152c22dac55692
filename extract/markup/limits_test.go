package markup

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/extracttest"
	"github.com/msglint/msglint/extract/internal/shared"
)

func TestMarkdownNestingLimit(t *testing.T) {
	deep := func(unit string, n int, tail string) string { return strings.Repeat(unit, n) + tail }
	for _, tc := range []struct {
		name, src string
		degraded  bool
	}{
		{"quotes at the limit", deep("> ", 8, "x\n"), false},
		{"quotes over", deep("> ", 9, "x\n"), true},
		{"bare quotes over", deep(">", 9, "x\n"), true},
		{"lists over", deep("- ", 9, "x\n"), true},
		{"ordered over", deep("1) ", 9, "x\n"), true},
		{"mixed over", deep("> 1. ", 5, "x\n"), true},
		{"indented list over", func() string {
			var b strings.Builder
			for i := range 10 {
				b.WriteString(strings.Repeat("  ", i) + "- x\n")
			}
			return b.String()
		}(), true},
		{"links at the limit", deep("[", 8, "x") + strings.Repeat("]", 8), false},
		{"links over", deep("[", 9, "x") + strings.Repeat("]", 9), true},
		{"escaped brackets", deep(`\[`, 20, "x\n"), false},
		{"links in turn", deep("[a](u) ", 50, "\n"), false},
		{"emphasis over", deep("*a ", 9, "x") + strings.Repeat(" a*", 9), true},
		{"emphasis run over", deep("*", 9, "x") + strings.Repeat("*", 9), true},
		{"emphasis in turn", deep("*a* **b** ~~c~~ _d_ ", 50, "\n"), false},
		{"a blank line ends a paragraph", deep("[", 5, "\n\n") + deep("[", 5, "\n"), false},
		{"thematic breaks", "* * *\n- - -\n", false},
		{"code indentation", "        code\n" + strings.Repeat(" ", 40) + "x\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, fn := range []shared.Func{Markdown, MDX} {
				d, err := fn("f.md", []byte(tc.src), &shared.Options{Limits: shared.Limits{MaxNestingDepth: 8}})
				require.NoError(t, err)
				var notes []string
				for _, n := range d.Notes {
					if n.Rule == content.RuleDegraded {
						notes = append(notes, n.Message)
					}
				}
				if !tc.degraded {
					assert.Empty(t, notes)
					continue
				}
				require.Len(t, notes, 1)
				assert.Contains(t, notes[0], "checked as plain text (to check it anyway, raise limits.max_nesting_depth: 8 in msglint.yaml)")
				var text []string
				for _, b := range d.Blocks {
					text = append(text, b.Text)
				}
				assert.Contains(t, strings.Join(text, " "), "x", "the text is still checked")
			}
		})
	}
}

// Degraded Markdown is plain text: paragraphs between blank lines, exact
// Segs into the source, front matter and directives kept.
func TestMarkdownDegradedText(t *testing.T) {
	src := "---\ntitle: Hello\n---\n<!-- msglint-disable claims -->\n" + strings.Repeat("> ", 300) + "deep best-in-class\nnext line\n\nsecond *para*\n"
	d, err := Markdown("f.md", []byte(src), nil)
	require.NoError(t, err)
	require.Len(t, d.Notes, 1)
	assert.Equal(t, content.RuleDegraded, d.Notes[0].Rule)
	assert.Contains(t, d.Notes[0].Message, "deeper than 256 levels")
	assert.Equal(t, "Hello", d.Meta["title"])
	require.Len(t, d.Directives, 1)
	var texts []string
	for _, b := range d.Blocks {
		texts = append(texts, b.Text)
		for _, s := range b.Segs {
			if s.TextLen == s.SrcLen {
				assert.Equal(t, b.Text[s.TextOff:s.TextOff+s.TextLen], src[s.SrcOff:s.SrcOff+s.SrcLen])
			}
		}
	}
	assert.Equal(t, []string{"Hello", strings.Repeat("> ", 299) + ">" + " deep best-in-class next line", "second *para*"}, texts)
}

// The pre-scan's parse-work budget: within the depth limit, but deep
// nesting over many lines.
func TestMarkdownWorkBudget(t *testing.T) {
	src := strings.Repeat("> ", 200) + "x\n" + strings.Repeat("y\n", 200_000)
	d, err := Markdown("f.md", []byte(src), nil)
	require.NoError(t, err)
	require.Len(t, d.Notes, 1)
	assert.Contains(t, d.Notes[0].Message, "nested too deeply for its size")
	assert.Contains(t, d.Notes[0].Message, "limits.max_nesting_depth: 256")
	// raising the limit raises the budget
	d, err = Markdown("f.md", []byte(src), &shared.Options{Limits: shared.Limits{MaxNestingDepth: 4096}})
	require.NoError(t, err)
	assert.Empty(t, d.Notes)
}

// Inline HTML tags count toward the work budget; HTML blocks do not.
func TestMarkdownInlineHTMLBudget(t *testing.T) {
	block := "<table>\n" + strings.Repeat("<tr><td>a</td><td>b</td></tr>\n", 50_000) + "</table>\n"
	inline := "x " + strings.Repeat("<i>a</i><b>b</b> ", 50_000) + "\n"
	kind7 := "<A>\n" + strings.Repeat("<i>a</i><b>b</b>\n", 50_000)
	for _, tc := range []struct {
		src      string
		degraded bool
	}{{block, false}, {inline, true}, {kind7, false}, {"para\n" + kind7, true}} {
		d, err := Markdown("f.md", []byte(tc.src), nil)
		require.NoError(t, err)
		if tc.degraded {
			require.Len(t, d.Notes, 1, tc.src[:20])
			assert.Contains(t, d.Notes[0].Message, "too deeply for its size")
		} else {
			assert.Empty(t, d.Notes, tc.src[:20])
		}
	}
}

func TestHTMLLimits(t *testing.T) {
	src := strings.Repeat("<div>", 20) + "deep <b>text</b>" + strings.Repeat("</div>", 20) + "<p>after</p>"
	d, err := HTML("f.html", []byte(src), &shared.Options{Limits: shared.Limits{MaxNestingDepth: 10}})
	require.NoError(t, err)
	require.Len(t, d.Notes, 1)
	assert.Equal(t, content.RuleDegraded, d.Notes[0].Rule)
	assert.Equal(t, 50, d.Notes[0].Offset) // the 11th <div>, past the depth limit
	assert.Contains(t, d.Notes[0].Message, "limits.max_nesting_depth: 10 ")
	var texts []string
	for _, b := range d.Blocks {
		texts = append(texts, b.Text)
	}
	assert.Equal(t, []string{"deep text", "after"}, texts)

	// at the default, the same page is read as written
	d, err = HTML("f.html", []byte(src), nil)
	require.NoError(t, err)
	assert.Empty(t, d.Notes)

	for _, ignore := range [][]string{nil, {"nav"}} {
		_, err = HTML("f.html", []byte(src), &shared.Options{HTMLIgnore: ignore, Limits: shared.Limits{MaxElements: 21}})
		extracttest.RequireInputError(t, err, content.RuleTooLarge, "HTML has more than 21 elements; skipped (to check it anyway, raise limits.max_elements: 21 in msglint.yaml)")
	}
}
