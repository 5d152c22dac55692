package report

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/internal/golden"
)

func TestTextGolden(t *testing.T) {
	res, meta := ciFixture()
	golden.Check(t, filepath.Join("testdata", "text", "ci.txt"), render(t, Text, res, meta))
}

func TestTextColor(t *testing.T) {
	res, meta := ciFixture()
	plain := string(render(t, Text, res, meta))
	assert.NotContains(t, plain, "\x1b[", "no colour codes unless asked")
	m := *meta
	m.Color = true
	colored := string(render(t, Text, res, &m))
	assert.Contains(t, colored, ansiRed)
	// the same text once the colour codes are stripped
	strip := func(s string) string {
		for _, c := range []string{ansiReset, ansiBold, ansiRed, ansiYellow, ansiBlue, ansiDim, ansiGreen} {
			s = strings.ReplaceAll(s, c, "")
		}
		return s
	}
	assert.Equal(t, plain, strip(colored))
}

func TestJSONGolden(t *testing.T) {
	res, meta := ciFixture()
	out := render(t, JSON, res, meta)
	golden.Check(t, filepath.Join("testdata", "json", "ci.json"), out)
	var doc JSONOutput
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&doc), "the output parses back into the schema types")
	assert.Equal(t, 1, doc.Version)
	assert.Len(t, doc.Findings, len(res.Findings))
}

func TestJSONEmptyLists(t *testing.T) {
	_, meta := ciFixture()
	res, _ := ciFixture()
	res.Findings, res.Analyses = nil, nil
	out := string(render(t, JSON, res, meta))
	assert.Contains(t, out, `"findings": []`, "an empty run still has the lists")
	assert.Contains(t, out, `"assets": []`)
}
