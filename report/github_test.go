package report

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/internal/golden"
	"github.com/msglint/msglint/lint"
)

func TestGitHubGolden(t *testing.T) {
	res, meta := ciFixture()
	golden.Check(t, filepath.Join("testdata", "github", "ci.txt"), render(t, GitHub, res, meta))
}

func TestGitHubEscaping(t *testing.T) {
	d := &lint.Finding{Rule: "claims/forbidden", Severity: lint.Warning,
		Message: "100% sure:\r\nreally, yes::x",
		Site:    lint.Site{Path: "a,b:c%d\n.md", Line: 2, Col: 3, EndLine: 2, EndCol: 7}}
	require.Equal(t,
		"::warning file=a%2Cb%3Ac%25d%0A.md,line=2,col=3,endLine=2,endColumn=7,title=claims/forbidden::100%25 sure:%0D%0Areally, yes::x",
		GitHubCommand(d))

	d.Severity = lint.Info
	d.EndLine, d.EndCol = 4, 2 // spans lines: GitHub rejects col/endColumn then
	require.True(t, strings.HasPrefix(GitHubCommand(d), "::notice file=a%2Cb%3Ac%25d%0A.md,line=2,endLine=4,title="))

	d.Severity = lint.Error
	d.Loc, d.Line, d.Col, d.EndLine, d.EndCol = "slide 4", 1, 0, 0, 0
	require.Equal(t, "::error file=a%2Cb%3Ac%25d%0A.md,line=1,title=claims/forbidden::slide 4: 100%25 sure:%0D%0Areally, yes::x",
		GitHubCommand(d))

	d.Site = lint.Site{Path: "."}
	require.Equal(t, "::error title=claims/forbidden::100%25 sure:%0D%0Areally, yes::x", GitHubCommand(d))
}

// Every command stays on one line, whatever the input holds.
func TestGitHubOneLinePerFinding(t *testing.T) {
	res, meta := ciFixture()
	out := strings.TrimSuffix(string(render(t, GitHub, res, meta)), "\n")
	lines := strings.Split(out, "\n")
	require.Len(t, lines, len(res.Findings))
	for _, l := range lines {
		require.Regexp(t, `^::(error|warning|notice) [^:]*::`, l)
		require.NotContains(t, l, "\r")
	}
}
