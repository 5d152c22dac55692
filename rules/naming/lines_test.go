package naming

import (
	"bytes"
	"math/rand/v2"
	"sort"
	"testing"
	"unicode/utf8"

	"github.com/msglint/msglint/content"
)

// lineColsRef is the original byte-by-byte lineCols.
func lineColsRef(src []byte, offsets []int) [][2]int32 {
	order := make([]int, len(offsets))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return offsets[order[a]] < offsets[order[b]] })
	out := make([][2]int32, len(offsets))
	line, col, at := int32(1), int32(1), 0
	for _, i := range order {
		off := offsets[i]
		if off > len(src) {
			off = len(src)
		}
		for at < off {
			c := src[at]
			switch {
			case c == '\n':
				line, col = line+1, 1
			case c < 0x80 || c >= 0xC0:
				col++
			}
			at++
		}
		out[i] = [2]int32{line, col}
	}
	return out
}

func TestLineCols(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "word ", "\n", "\r\n", "é", "日本", "\xff", "\x80\x80", "\uFEFF", "naïve café ", "\n\n", "12345678"}
	sc := &nameScratch{}
	for range 2000 {
		var src []byte
		for range r.IntN(60) {
			src = append(src, pieces[r.IntN(len(pieces))]...)
		}
		// offsets fall on rune boundaries as Go decodes them (where matches
		// start), or at the end
		var bounds []int
		for i := range string(src) {
			bounds = append(bounds, i)
		}
		bounds = append(bounds, len(src))
		offs := make([]int, r.IntN(12))
		offs32 := make([]int32, len(offs))
		for i := range offs {
			offs[i] = bounds[r.IntN(len(bounds))]
			if r.IntN(3) > 0 && i > 0 {
				offs[i] = max(offs[i], offs[i-1]) // mostly in order, as in a document
			}
			offs32[i] = int32(offs[i])
		}
		want := lineColsRef(src, offs)
		got := sc.lineCols(src, offs32)
		doc := &content.Document{Src: src}
		for i := range want {
			l, c := doc.LineCol(offs[i])
			if got[i] != [2]int32{int32(l), int32(c)} {
				t.Fatalf("%q at %v: got %v, Document.LineCol says %d:%d", src, offs, got, l, c)
			}
			if utf8.Valid(src) && !bytes.HasPrefix(src, []byte("\uFEFF")) && got[i] != want[i] {
				t.Fatalf("%q at %v: got %v, want %v", src, offs, got, want)
			}
		}
	}
}
