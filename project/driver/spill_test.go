package driver

import (
	"fmt"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
)

// spillInputs are n one-block documents; spillRule reports two findings
// on each (one with a fix) and closes the run's spill in its Finish when
// breakSpill is set.
func spillInputs(n int) []Input {
	var in []Input
	for i := range n {
		text := fmt.Sprintf("Acme cloud %d", i)
		doc := &content.Document{Src: []byte(text), Blocks: []content.Block{{Text: text, Segs: []content.Seg{{TextOff: 0, TextLen: len(text), SrcOff: 0, SrcLen: len(text)}}}}}
		in = append(in, Input{Path: fmt.Sprintf("d%03d.md", i), Load: func() (*content.Document, error) { return doc, nil }})
	}
	return in
}

var spillRuleName = "x/spill"

func spillRule(breakSpill bool) *lint.Rule {
	return &lint.Rule{Name: spillRuleName, Default: lint.Warning, Run: func(p *lint.Pass) error {
		p.Report(lint.Diagnostic{Block: 0, Start: 0, End: 4, Message: "first", Fix: &lint.Fix{Replacement: "ACME"}})
		p.Report(lint.Diagnostic{Block: 0, Start: 5, End: 10, Message: "second " + p.Doc.Path})
		return nil
	}, Finish: func(c *lint.CorpusPass) error {
		if breakSpill {
			_ = c.Env.Spill.Close() // as a spill file that can no longer be read
		}
		return nil
	}}
}

// TestSpilledFindings: findings that waited in the spill (in memory, or
// in its file with chunks of a byte) come back as the findings of a run
// without a spill; when the spill cannot give them back, each file that
// had findings says so in an internal error instead (no empty finding,
// no crash).
func TestSpilledFindings(t *testing.T) {
	in := spillInputs(40)
	want := Run(in, Options{Env: &lint.Env{}, Rules: []*lint.Rule{spillRule(false)}, Jobs: 2})
	require.Len(t, want.Findings, 80)
	for _, s := range []*lint.Spill{lint.NewMemorySpill(), lint.NewSpillSize(t.TempDir(), 1)} {
		got := Run(in, Options{Env: &lint.Env{Spill: s}, Rules: []*lint.Rule{spillRule(false)}, Jobs: 2})
		assert.Equal(t, want.Findings, got.Findings)
		// decoded, they share the strings they repeat, as before encoding
		f0, f2 := got.Findings[0], got.Findings[2] // "first" on d000.md and d001.md
		assert.Equal(t, "first", f2.Message)
		assert.Same(t, unsafe.StringData(f0.Message), unsafe.StringData(f2.Message), "one message string")
		assert.Same(t, unsafe.StringData(f0.Match), unsafe.StringData(f2.Match), "one match string")
		assert.Same(t, unsafe.StringData(f0.Rule), unsafe.StringData(spillRuleName), "the rule's own name")
		assert.Same(t, unsafe.StringData(f0.Path), unsafe.StringData(in[0].Path), "the input's path")
		require.NoError(t, s.Close())
	}

	got := Run(in, Options{Env: &lint.Env{Spill: lint.NewSpillSize(t.TempDir(), 1)}, Rules: []*lint.Rule{spillRule(true)}, Jobs: 2})
	require.Len(t, got.Findings, 41)
	assert.Equal(t, ".", got.Findings[0].Path, "the run says its spill failed")
	assert.Contains(t, got.Findings[0].Message, "internal error in the run's spill")
	for i, f := range got.Findings[1:] {
		assert.Equal(t, fmt.Sprintf("d%03d.md", i), f.Path)
		assert.Equal(t, content.RuleUnreadable, f.Rule)
		// "internal error in ": never kept by the content cache
		assert.True(t, strings.HasPrefix(f.Message, "internal error in "), f.Message)
		assert.Contains(t, f.Message, "could not be read back")
	}
}
