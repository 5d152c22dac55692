package markup

import (
	"slices"
	"unicode/utf8"

	"github.com/msglint/msglint/content"
)

// htmlText builds one block's Text and Segs from source ranges.
type htmlText struct {
	src   []byte
	buf   []byte
	segs  []content.Seg
	words bool // some content other than Barrier and spaces

	pending          bool // a collapsed white-space run waits to be written
	spaceAt, spaceSN int  // its source range (spaceSN 0: synthetic, e.g. <br>)
}

func (b *htmlText) reset() {
	b.buf = b.buf[:0]
	b.segs = b.segs[:0]
	b.words = false
	b.pending = false
}

// space records white space at src[at:at+n]; runs collapse to one space,
// and leading and trailing space is dropped.
func (b *htmlText) space(at, n int) {
	if b.pending {
		return
	}
	b.pending, b.spaceAt, b.spaceSN = true, at, n
}

func (b *htmlText) flushSpace() {
	if !b.pending {
		return
	}
	b.pending = false
	if len(b.buf) == 0 {
		return
	}
	t := len(b.buf)
	b.buf = append(b.buf, ' ')
	switch {
	case b.spaceSN == 1 && b.src[b.spaceAt] == ' ':
		b.exactSeg(t, b.spaceAt, 1)
	case b.spaceSN > 1:
		b.segs = append(b.segs, content.Seg{TextOff: t, TextLen: 1, SrcOff: b.spaceAt, SrcLen: b.spaceSN})
	}
}

func (b *htmlText) exactSeg(t, s, n int) {
	if k := len(b.segs) - 1; k >= 0 {
		g := &b.segs[k]
		if g.TextLen == g.SrcLen && g.TextOff+g.TextLen == t && g.SrcOff+g.SrcLen == s {
			g.TextLen += n
			g.SrcLen += n
			return
		}
	}
	b.segs = append(b.segs, content.Seg{TextOff: t, TextLen: n, SrcOff: s, SrcLen: n})
}

// exact appends src[s:e] verbatim.
func (b *htmlText) exact(s, e int) {
	if s >= e {
		return
	}
	b.flushSpace()
	t := len(b.buf)
	b.buf = append(b.buf, b.src[s:e]...)
	b.exactSeg(t, s, e-s)
	b.words = true
}

// atomic appends val standing for src[s:s+n].
func (b *htmlText) atomic(val string, s, n int) {
	if len(val) == n {
		// An atomic Seg needs TN != SN: keep the source as it is (only
		// "&#0", which would be U+FFFD, gets here).
		b.exact(s, s+n)
		return
	}
	b.flushSpace()
	t := len(b.buf)
	b.buf = append(b.buf, val...)
	b.segs = append(b.segs, content.Seg{TextOff: t, TextLen: len(val), SrcOff: s, SrcLen: n})
}

// barrier appends a Barrier standing for the start tag src[s:s+n].
func (b *htmlText) barrier(s, n int) {
	const bar = string(content.Barrier)
	if n == len(bar) {
		n = 0 // "<a>": an atomic Seg needs TN != SN; extendBarrier widens it
	}
	b.flushSpace()
	t := len(b.buf)
	b.buf = append(b.buf, bar...)
	b.segs = append(b.segs, content.Seg{TextOff: t, TextLen: len(bar), SrcOff: s, SrcLen: n})
}

// extendBarrier stretches a Barrier Seg that starts at s to end at e, when
// it is still the last thing written.
func (b *htmlText) extendBarrier(s, e int) {
	if k := len(b.segs) - 1; k >= 0 && !b.pending {
		g := &b.segs[k]
		if g.SrcOff == s && g.TextOff+g.TextLen == len(b.buf) && g.TextLen == utf8.RuneLen(content.Barrier) && e > g.SrcOff+g.SrcLen {
			g.SrcLen = e - g.SrcOff
		}
	}
}

// text appends the source text src[s:e], decoding character references
// (attribute rules when attr), collapsing white space and replacing invalid
// UTF-8 and NUL bytes with U+FFFD. A no-break space (literal or &nbsp;)
// counts as white space, so "Acme&nbsp;CloudSync" is "Acme CloudSync".
func (b *htmlText) text(s, e int, attr bool) {
	src := b.src
	run := s
	for i := s; i < e; {
		c := src[i]
		switch {
		case htmlIsSpace(c):
			b.exact(run, i)
			j := i + 1
			for j < e && htmlIsSpace(src[j]) {
				j++
			}
			b.space(i, j-i)
			i = j
			run = i
		case c == '&':
			val, n := htmlEntity(src[i:e], attr)
			if n == 0 {
				i++
				continue
			}
			b.exact(run, i)
			if len(val) == 1 && htmlIsSpace(val[0]) || val == "\u00a0" {
				b.space(i, n)
			} else {
				b.atomic(val, i, n)
				b.words = true
			}
			i += n
			run = i
		case c == 0:
			b.exact(run, i)
			b.atomic("\uFFFD", i, 1)
			i++
			run = i
		case c < utf8.RuneSelf:
			i++
		case c == 0xC2 && i+1 < e && src[i+1] == 0xA0: // U+00A0 NO-BREAK SPACE
			b.exact(run, i)
			b.space(i, 2)
			i += 2
			run = i
		default:
			r, size := utf8.DecodeRune(src[i:e])
			if r == utf8.RuneError && size == 1 {
				b.exact(run, i)
				b.atomic("\uFFFD", i, 1)
				b.words = true
				i++
				run = i
				continue
			}
			i += size
		}
	}
	b.exact(run, e)
}

// block returns the built block, or false when it holds no prose.
func (b *htmlText) block(scope, field string) (content.Block, bool) {
	b.pending = false
	if !b.words {
		return content.Block{}, false
	}
	return content.Block{Scope: scope, Field: field, Text: string(b.buf), Segs: slices.Clone(b.segs)}, true
}

// chargedBlock is block, with the block, its text and Segs charged to the
// file's budget before they are made (content.Budget).
func (b *htmlText) chargedBlock(budget *content.Budget, scope, field string) (content.Block, bool) {
	charge := blockBytes + len(b.buf) + len(b.segs)*segBytes
	budget.Alloc(charge)
	bl, ok := b.block(scope, field)
	if !ok {
		budget.Free(charge)
	}
	return bl, ok
}
