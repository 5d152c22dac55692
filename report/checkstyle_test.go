package report

import (
	"encoding/xml"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/internal/golden"
)

func TestCheckstyleGolden(t *testing.T) {
	res, meta := ciFixture()
	golden.Check(t, filepath.Join("testdata", "checkstyle", "ci.xml"), render(t, Checkstyle, res, meta))
}

// The XML parses back to the same paths and messages (escaping round trip).
func TestCheckstyleRoundTrip(t *testing.T) {
	res, meta := ciFixture()
	var got checkstyleXML
	require.NoError(t, xml.Unmarshal(render(t, Checkstyle, res, meta), &got))
	var msgs []string
	files := map[string]bool{}
	for _, f := range got.Files {
		files[f.Name] = true
		for _, e := range f.Errors {
			msgs = append(msgs, e.Message)
		}
	}
	require.Len(t, msgs, len(res.Findings))
	for i := range res.Findings {
		d := &res.Findings[i]
		require.True(t, files[d.Path], d.Path)
		require.Contains(t, msgs, locMessage(d))
	}
	require.True(t, files["blog/clean.md"], "files without findings are listed")
}
