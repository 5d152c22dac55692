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
// TestResolveLongLine: a finding on a line longer than MaxLineText carries
// no LineText (reporters show its context instead); a shorter one does.
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
		if len(text) <= MaxLineText {
			assert.Equal(t, text, s.LineText, "n=%d", n)
		} else {
			assert.Empty(t, s.LineText, "n=%d", n)
		}
	}
}
