package report

import (
	"bytes"
	"encoding/json"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/lint"
)

// hostileLine carries terminal escapes (OSC title, screen clear, OSC 52),
// CR, C1 CSI, U+2028, a bidi override and a workflow command.
const hostileLine = "T \x1b]0;pwned\x07 \x1b[2J \x1b]52;c;cHduZWQ=\x07\r::warning file=a::x \u009b31m \u2028 \u202e end"

// The Markdown and HTML coverage reports write no control character a
// terminal acts on (a report may be read with cat, a job summary in a
// log): titles, evidence, paths and findings carry hostileLine.
func TestCoverageReportsAreInert(t *testing.T) {
	c := coverageFixture()
	for _, a := range c.Assets {
		a.Title = hostileLine
		a.Evidence = append(a.Evidence, hostileLine)
	}
	c.Assets[0].Path = "sales/deck\x1b]0;x\x07\u202e.pptx"
	meta := &CoverageMeta{Findings: []lint.Finding{
		{Rule: "naming/variant", Severity: lint.Error, Message: hostileLine,
			Site: lint.Site{Path: c.Assets[1].Path, Line: 2, LineText: hostileLine, Context: hostileLine}},
	}}

	var md bytes.Buffer
	require.NoError(t, CoverageMarkdown(&md, c))
	assertInert(t, md.String(), "markdown")
	assert.Contains(t, md.String(), `x \\u009b31m \\u202e end`, "C1 and bidi shown as escapes (their backslash escaped for Markdown)")

	var page bytes.Buffer
	require.NoError(t, CoverageHTMLMeta(&page, c, meta))
	out := page.String()
	assertInert(t, out, "html")
	assert.Contains(t, out, `\u202e end`)
	// the JSON island still parses, and holds the title (JSON has the
	// same escape for U+009B and U+202E)
	m := regexp.MustCompile(`(?s)<script type="application/json" id="msglint-data">(.*?)</script>`).FindStringSubmatch(out)
	require.Len(t, m, 2)
	var island any
	require.NoError(t, json.Unmarshal([]byte(m[1]), &island))
	assert.Contains(t, m[1], `\u009b31m`)
}
