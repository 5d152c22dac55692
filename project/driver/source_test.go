package driver

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
)

// TestFillSources: a finding's source line is taken from the file after
// the run: from the bytes read again when they are the ones linted, from
// the kept source when the input cannot read them again, never from bytes
// that changed in between (no line then); NoLineText reads nothing.
func TestFillSources(t *testing.T) {
	const src = "# Title\n\nWe use Cloudsync daily.\n"
	doc := func() (*content.Document, error) {
		text := "We use Cloudsync daily."
		return &content.Document{Format: content.FormatMarkdown, Src: []byte(src), Blocks: []content.Block{{Text: text,
			Segs: []content.Seg{{TextOff: 0, TextLen: len(text), SrcOff: 9, SrcLen: len(text)}}}}}, nil
	}
	rule := &lint.Rule{Name: "x/name", Default: lint.Warning, Run: func(p *lint.Pass) error {
		p.Reportf(0, 7, 16, "a name")
		return nil
	}}
	for _, tc := range []struct {
		name     string
		source   func() ([]byte, error)
		noLines  bool
		wantLine string
		reads    int
	}{
		{name: "read again", source: func() ([]byte, error) { return []byte(src), nil }, wantLine: "We use Cloudsync daily.", reads: 1},
		{name: "kept (no Source)", wantLine: "We use Cloudsync daily."},
		{name: "changed since", source: func() ([]byte, error) { return []byte(src + "more\n"), nil }, reads: 1},
		{name: "gone since", source: func() ([]byte, error) { return nil, errors.New("gone") }, reads: 1},
		{name: "no lines wanted", source: func() ([]byte, error) { return []byte(src), nil }, noLines: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reads := 0
			in := Input{Path: "a.md", Load: doc}
			if tc.source != nil {
				in.Source = func() ([]byte, error) { reads++; return tc.source() }
			}
			res := Run([]Input{in}, Options{Env: &lint.Env{}, Rules: []*lint.Rule{rule}, Jobs: 2, NoLineText: tc.noLines})
			if assert.Len(t, res.Findings, 1) {
				f := res.Findings[0]
				assert.Equal(t, tc.wantLine, f.LineText)
				assert.Equal(t, 3, f.Line)
				assert.Equal(t, 8, f.Col)
				assert.Equal(t, "Cloudsync", f.Match)
				assert.Zero(t, f.Need)
			}
			assert.Equal(t, tc.reads, reads)
		})
	}
}
