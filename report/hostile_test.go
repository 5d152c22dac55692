package report

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/driver"
)

// hostileResult holds findings whose paths, messages and excerpts carry
// terminal escapes (OSC title, screen clear, OSC 52 clipboard), CR, LF,
// C1, U+2028, a bidi override and GitHub workflow commands.
func hostileResult() *driver.Result {
	line := "Title \x1b]0;pwned\x07 CloudSync \x1b[2J \x1b]52;c;cHduZWQ=\x07\r::warning file=a::x \u009b31m \u2028 \u202e"
	return &driver.Result{Files: 3, Findings: []lint.Finding{
		{Rule: "naming/variant", Severity: lint.Error, Message: "bad \x1b[31m \u2028 \r::add-mask::x",
			Site: lint.Site{Path: "::error title=X::pwned.md", Line: 1, Col: 1, EndLine: 1, EndCol: 3, LineText: "::add-mask::secret"}},
		{Rule: "naming/variant", Severity: lint.Warning, Message: "m",
			Site:    lint.Site{Path: "a\nb\x1b[31m.md", Line: 1, Col: 18, EndLine: 1, EndCol: 27, LineText: line},
			Related: []lint.Site{{Path: "c\r::error::d.md", Line: 2}}},
		{Rule: "claims/forbidden", Severity: lint.Info, Message: "m",
			Site: lint.Site{Path: "deck.pptx", Line: 1, Loc: "slide 1\x1b]0;t\x07", Match: "CloudSync", Context: "x \x1b[2J CloudSync"}},
	}}
}

// assertInert fails on a control character a terminal acts on, or a line
// that a GitHub runner would take as a workflow command.
func assertInert(t *testing.T, out string, format string) {
	t.Helper()
	for _, bad := range []string{"\x1b", "\x07", "\r", "\u009b", "\u2028", "\u202e"} {
		assert.NotContains(t, out, bad, "%s output holds %q", format, bad)
	}
	for _, l := range strings.Split(out, "\n") {
		if format == "github" {
			// one command per line, nothing else
			assert.Regexp(t, `^(::(error|warning|notice) [^:]*::.*)?$`, l)
			continue
		}
		assert.False(t, strings.HasPrefix(strings.TrimLeft(l, " \t"), "::"), "%s: a line starts with ::\n%s", format, l)
	}
}

func TestHostileTextIsInert(t *testing.T) {
	for _, color := range []bool{false, true} {
		var b bytes.Buffer
		require.NoError(t, Text(&b, hostileResult(), &Meta{Color: color}))
		out := b.String()
		if color {
			out = strings.NewReplacer(ansiReset, "", ansiBold, "", ansiRed, "", ansiYellow, "", ansiBlue, "", ansiDim, "", ansiGreen, "").Replace(out)
		}
		assertInert(t, out, "text")
		assert.Contains(t, out, `\x3a:error title=X::pwned.md:1:1: error: bad [31m ::add-mask::x [naming/variant]`)
		assert.Contains(t, out, `    \x3a:add-mask::secret`+"\n    ^^^^^\n", "the carets follow the escapes")
		assert.Contains(t, out, `a\nb\x1b[31m.md:1:18: warning: m`)
		assert.Contains(t, out, `    also: c\r::error::d.md:2`)
		assert.Contains(t, out, "deck.pptx: slide 1\\x1b]0;t\\x07: info: m")
		assert.Contains(t, out, "    x \\x1b[2J CloudSync\n              ^^^^^^^^^\n")
		// the excerpt's carets sit under CloudSync, after the escapes
		i := strings.Index(out, "    Title ")
		require.GreaterOrEqual(t, i, 0)
		lines := strings.SplitN(out[i:], "\n", 3)
		assert.Equal(t, strings.Index(lines[0], "CloudSync"), strings.Index(lines[1], "^"))
	}
}

func TestHostileFormatsAreInert(t *testing.T) {
	for name, f := range map[string]ReporterFunc{"github": GitHub, "checkstyle": Checkstyle, "junit": JUnit} {
		out := string(render(t, f, hostileResult(), &Meta{ToolName: "msglint"}))
		assertInert(t, out, name)
	}
	out := string(render(t, GitHub, hostileResult(), &Meta{}))
	assert.Contains(t, out, "::error file=%3A%3Aerror title=X%3A%3Apwned.md,line=1,col=1,endLine=1,endColumn=3,title=naming/variant::bad \\x1b[31m \\u2028 %0D::add-mask::x\n")
}

// The coverage report's Markdown and HTML neutralise the control
// characters of content-derived strings: titles, evidence, product
// names, findings' messages and excerpts; in the HTML's JSON island too,
// where JSON.parse would turn a \u001b back into the character.
func TestHostileCoverageIsInert(t *testing.T) {
	bad := "T \x1b]0;pwned\x07 \x1b[2J \u009b31m \u2028 \u202eevil\u202c \u2066x\u2069 \x7f \x00 \r"
	c := coverageFixture()
	c.Assets[2].Title = bad
	c.Assets[2].Evidence = []string{"path: " + bad}
	c.Assets[2].Team = "team" + bad
	c.Products[0].Label = "P" + bad
	c.Gaps[0].Label = "G" + bad
	meta := &CoverageMeta{Findings: []lint.Finding{{Rule: "naming/variant", Severity: lint.Error, Message: "msg " + bad,
		Site: lint.Site{Path: c.Assets[2].Path, Line: 2, Context: "ctx " + bad}}}}
	controls := []string{"\x1b", "\x07", "\r", "\x00", "\x7f", "\u009b", "\u2028", "\u202e", "\u202c", "\u2066", "\u2069"}
	for _, format := range []string{"markdown", "html"} {
		var b bytes.Buffer
		require.NoError(t, RenderCoverageMeta(&b, format, c, meta))
		out := b.String()
		for _, cc := range controls {
			assert.NotContains(t, out, cc, "%s output holds %q", format, cc)
		}
		if format == "markdown" {
			// C0 controls as spaces (one line), the others as escapes,
			// whose backslash Markdown shows
			assert.Contains(t, out, `| T \]0;pwned \[2J \\u009b31m \\u202eevil\\u202c \\u2066x\\u2069 |`)
			continue
		}
		assert.Contains(t, out, `\u202eevil\u202c`, format)
		assert.Contains(t, out, `T \x1b]0;pwned\x07 \x1b[2J \u009b31m \u2028`)
		// the island, as the script reads it
		m := regexp.MustCompile(`(?s)<script type="application/json" id="msglint-data">(.*?)</script>`).FindStringSubmatch(out)
		require.NotNil(t, m)
		var island any
		require.NoError(t, json.Unmarshal([]byte(m[1]), &island))
		var walk func(v any)
		strs := 0
		walk = func(v any) {
			switch v := v.(type) {
			case string:
				strs++
				for _, cc := range controls {
					assert.NotContains(t, v, cc, "island string %q", v)
				}
			case []any:
				for _, x := range v {
					walk(x)
				}
			case map[string]any:
				for _, x := range v {
					walk(x)
				}
			}
		}
		walk(island)
		assert.Contains(t, m[1], `msg T \\x1b]0;pwned`, "the message, escaped visibly")
		assert.Greater(t, strs, 20)
	}
}
