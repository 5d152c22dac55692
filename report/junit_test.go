package report

import (
	"encoding/xml"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/internal/golden"
)

func TestJUnitGolden(t *testing.T) {
	res, meta := ciFixture()
	golden.Check(t, filepath.Join("testdata", "junit", "ci.xml"), render(t, JUnit, res, meta))
}

func TestJUnitRoundTrip(t *testing.T) {
	res, meta := ciFixture()
	var got junitSuites
	require.NoError(t, xml.Unmarshal(render(t, JUnit, res, meta), &got))
	require.Equal(t, len(res.Findings), got.Failures)
	require.Equal(t, len(res.Findings)+1, got.Tests) // + blog/clean.md passing
	n := 0
	for _, s := range got.Suites {
		require.Equal(t, len(s.Cases), s.Tests)
		for _, c := range s.Cases {
			if c.Failure != nil {
				n++
				require.NotEmpty(t, c.Failure.Message)
			}
		}
	}
	require.Equal(t, got.Failures, n)
	msg := locMessage(&res.Findings[3])
	found := false
	for _, s := range got.Suites {
		for _, c := range s.Cases {
			if c.Failure != nil && c.Failure.Message == msg {
				found = true
			}
		}
	}
	require.True(t, found, "message with <&>\"' and a newline survives")
}
