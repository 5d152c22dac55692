package lint

import (
	"strings"
	"testing"

	"github.com/msglint/msglint/content"
	"github.com/stretchr/testify/assert"
)

func TestDirectives(t *testing.T) {
	ds := directives{
		{Kind: "disable", Rules: []string{"naming"}, Line: 3},
		{Kind: "enable", Rules: []string{"naming/variant"}, Line: 6},
		{Kind: "disable-next-line", Line: 9},
		{Kind: "disable-loc", Loc: "slide 2", Rules: []string{"claims"}},
	}
	assert.False(t, ds.suppressed("naming/variant", 2, ""))
	assert.True(t, ds.suppressed("naming/variant", 4, ""))
	assert.False(t, ds.suppressed("naming/variant", 7, ""))
	assert.True(t, ds.suppressed("naming/case", 7, ""))
	assert.True(t, ds.suppressed("claims/mismatch", 10, ""))
	assert.False(t, ds.suppressed("claims/mismatch", 11, ""))
	assert.True(t, ds.suppressed("claims/mismatch", 1, "slide 2 notes"))
	assert.False(t, ds.suppressed("claims/mismatch", 1, "slide 20"))
}

func TestPolicy(t *testing.T) {
	r := &Rule{Name: "naming/variant", Default: Error}
	p := NewPolicy([]*Rule{r})
	p.Rules = map[string]Severity{"naming": Warning}
	p.Overrides = []OverridePolicy{{Files: []string{"legal/**"}, Rules: map[string]Severity{"naming/variant": Off}}}
	assert.Equal(t, Warning, p.Severity(r, "site/a.md"))
	assert.Equal(t, Off, p.Severity(r, "legal/terms.md"))
	assert.True(t, p.Enabled(r))
	p.Disable = []string{"naming"}
	assert.False(t, p.Enabled(r))
	p.Disable = nil
	p.Only = []string{"claims"}
	assert.False(t, p.Enabled(r))
	assert.Equal(t, "naming", r.Family())
}

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
