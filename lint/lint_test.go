package lint

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/msglint/msglint/content"
)

// TestLineColLongLines: columns far into long lines (answered from
// rune-count checkpoints) equal a count from the line start, on bad UTF-8
// too and wherever the offset falls.
// TestResolveLongLine: a finding on a line longer than MaxLineText gets no
// LineText once filled from the source (reporters show its context
// instead); a shorter one does. Resolve itself copies no line.
func TestResolveLongLine(t *testing.T) {
	for _, n := range []int{10, MaxLineText - 20, MaxLineText + 1, 100000} {
		text := strings.Repeat("x", n) + " CloudSync"
		src := []byte(text + "\nnext\n")
		d := &content.Document{Src: src, Blocks: []content.Block{{Text: text, Segs: []content.Seg{{TextOff: 0, TextLen: len(text), SrcOff: 0, SrcLen: len(text)}}}}}
		s := resolve(d, 0, n+1, n+10)
		assert.Equal(t, 1, s.Line)
		assert.Equal(t, n+2, s.Col)
		assert.Equal(t, "CloudSync", s.Match)
		assert.Contains(t, s.Context, "CloudSync")
		assert.Empty(t, s.LineText, "resolve keeps offsets only")
		ctx := s.Context
		s.FillSource(NewSource(src), true)
		assert.Zero(t, s.Need)
		assert.Equal(t, ctx, s.Context, "a per-document site's context is the block's")
		if len(text) <= MaxLineText {
			assert.Equal(t, text, s.LineText, "n=%d", n)
		} else {
			assert.Empty(t, s.LineText, "n=%d", n)
		}
	}
}
