package content

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestSrcRange(t *testing.T) {
	// source: "**Acme**&nbsp;CloudSync" -> text "Acme\u00a0CloudSync"
	src := []byte("**Acme**&nbsp;CloudSync")
	d := &Document{Src: src, Blocks: []Block{{Text: "Acme\u00a0CloudSync", Segs: []Seg{
		{TextOff: 0, TextLen: 4, SrcOff: 2, SrcLen: 4},  // Acme
		{TextOff: 4, TextLen: 2, SrcOff: 8, SrcLen: 6},  // nbsp entity (atomic)
		{TextOff: 6, TextLen: 9, SrcOff: 14, SrcLen: 9}, // CloudSync
	}}}}
	b := &d.Blocks[0]
	tests := []struct {
		start, end int
		s, e       int
		exact      bool
	}{
		{0, 15, 2, 23, false},
		{0, 4, 2, 6, true},
		{6, 15, 14, 23, true},
		{7, 10, 15, 18, true},
		{4, 6, 8, 14, false},
		{5, 6, 8, 14, false},
	}
	for _, tt := range tests {
		s, e, ok := b.SrcRange(tt.start, tt.end)
		assert.True(t, ok)
		assert.Equal(t, [2]int{tt.s, tt.e}, [2]int{s, e}, "%d-%d", tt.start, tt.end)
		assert.Equal(t, tt.exact, b.Exact(tt.start, tt.end), "exact %d-%d", tt.start, tt.end)
	}
	_, _, ok := (&Block{Text: "x"}).SrcRange(0, 1)
	assert.False(t, ok, "no segs: no mapping")
}

func TestSrcRangeGap(t *testing.T) {
	// "Acme\n  CloudSync" -> "Acme CloudSync" with a synthetic space
	b := &Block{Text: "Acme CloudSync", Segs: []Seg{{TextOff: 0, TextLen: 4, SrcOff: 0, SrcLen: 4}, {TextOff: 5, TextLen: 9, SrcOff: 7, SrcLen: 9}}}
	s, e, ok := b.SrcRange(0, 14)
	assert.True(t, ok)
	assert.Equal(t, [2]int{0, 16}, [2]int{s, e})
	s, e, _ = b.SrcRange(4, 5) // the synthetic space alone
	assert.Equal(t, 7, s)
	assert.Equal(t, 7, e)
	assert.False(t, b.Exact(0, 14))
}

func TestLineCol(t *testing.T) {
	d := &Document{Src: []byte("ab\ncé€d\n\nx")}
	for _, tt := range []struct{ off, line, col int }{
		{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {4, 2, 2}, {6, 2, 3}, {9, 2, 4}, {11, 3, 1}, {12, 4, 1}, {100, 4, 2},
	} {
		l, c := d.LineCol(tt.off)
		assert.Equal(t, [2]int{tt.line, tt.col}, [2]int{l, c}, "offset %d", tt.off)
	}
	assert.Equal(t, "cé€d", d.LineText(2))
	bom := &Document{Src: []byte("\xEF\xBB\xBFab")}
	l, c := bom.LineCol(4)
	assert.Equal(t, [2]int{1, 2}, [2]int{l, c}, "a BOM is not a column")
}

func TestLineColLongLines(t *testing.T) {
	pieces := []string{"a", "word ", "é", "日本", "\xff", "\x80\x80", "\u2028", "\xe2\x80", "🙂", "\n", "\r\n"}
	r := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 16; n++ {
		var src []byte
		if n%2 == 0 {
			src = append(src, "\xEF\xBB\xBF"...)
		}
		for len(src) < 30000 {
			p := pieces[r.IntN(len(pieces))]
			if p[0] == '\n' || p[0] == '\r' {
				if r.IntN(2000) > 0 {
					continue // few line breaks: long lines
				}
			}
			src = append(src, p...)
		}
		d := &Document{Src: src}
		for i := 0; i < 300; i++ {
			off := r.IntN(len(src) + 1)
			l, c := d.LineCol(off)
			// the plain definition: runes from the line start (after a BOM)
			start := bytes.LastIndexByte(src[:off], '\n') + 1
			if start == 0 && bytes.HasPrefix(src, []byte("\xEF\xBB\xBF")) && off >= 3 {
				start = 3
			}
			wl := bytes.Count(src[:off], []byte("\n")) + 1
			wc := 1 + utf8.RuneCount(src[start:off])
			if l != wl || c != wc {
				t.Fatalf("doc %d offset %d: %d:%d, want %d:%d", n, off, l, c, wl, wc)
			}
		}
	}
}
