package report

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/internal/golden"
	"github.com/msglint/msglint/lint"
)

func TestRDJSONGolden(t *testing.T) {
	res, meta := ciFixture()
	golden.Check(t, filepath.Join("testdata", "rdjson", "ci.json"), render(t, RDJSON, res, meta))
}

func TestByteColumn(t *testing.T) {
	line := "a𐐀b"
	for col, want := range map[int]int{1: 1, 2: 2, 3: 6, 4: 7} {
		got, ok := byteColumn(line, col)
		require.True(t, ok)
		require.Equal(t, want, got, "col %d", col)
	}
	_, ok := byteColumn(line, 5)
	require.False(t, ok)
}

func TestRDJSONColumnsAreBytes(t *testing.T) {
	res, meta := ciFixture()
	var out rdjsonResult
	require.NoError(t, json.Unmarshal(render(t, RDJSON, res, meta), &out))
	d := out.Diagnostics[3] // CloudSync after multi-byte text
	line := res.Findings[3].LineText
	r := d.Location.Range
	require.Equal(t, "CloudSync", line[r.Start.Column-1:r.End.Column-1])
	require.Len(t, d.Suggestions, 1)
	require.Equal(t, "Acme CloudSync", d.Suggestions[0].Text)
	require.Equal(t, "ERROR", d.Severity)
	require.Equal(t, "naming/variant", d.Code.Value)
	// a match across two lines: the end is on the next line
	ml := out.Diagnostics[4].Location.Range
	require.Equal(t, rdjsonPos{Line: 6, Column: 11}, *ml.End)
	// advisory fixes are not suggestions; office findings have no columns
	require.Empty(t, out.Diagnostics[5].Suggestions)
	require.Equal(t, &rdjsonRange{Start: rdjsonPos{Line: 1}}, out.Diagnostics[2].Location.Range)
	require.Equal(t, "INFO", out.Diagnostics[6].Severity)
	_ = lint.Info
}
