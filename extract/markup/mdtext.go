package markup

import (
	"bytes"
	"encoding/binary"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"

	"github.com/msglint/msglint/content"
)

// span is a half-open byte range of the source.
type span struct{ s, e int }

// builder accumulates one block's Text and Segs.
type builder struct {
	src   []byte
	masks []span // sorted, non-overlapping ranges that read as Barrier
	text  []byte
	segs  []content.Seg
}

func (b *builder) reset() {
	b.text = b.text[:0]
	b.segs = b.segs[:0]
}

// exact appends src[s:e] verbatim, replacing invalid UTF-8 and NUL bytes.
func (b *builder) exact(s, e int) {
	for s < e {
		c := b.src[s]
		if c < utf8.RuneSelf && c != 0 {
			j := s + 1
			for j < e && b.src[j] < utf8.RuneSelf && b.src[j] != 0 {
				j++
			}
			b.copyExact(s, j)
			s = j
			continue
		}
		if c == 0 {
			b.atomic("\uFFFD", s, s+1)
			s++
			continue
		}
		r, n := utf8.DecodeRune(b.src[s:e])
		if r == utf8.RuneError && n <= 1 {
			b.atomic("\uFFFD", s, s+1)
			s++
			continue
		}
		b.copyExact(s, s+n)
		s += n
	}
}

func (b *builder) copyExact(s, e int) {
	t := len(b.text)
	b.text = append(b.text, b.src[s:e]...)
	if n := len(b.segs); n > 0 {
		g := &b.segs[n-1]
		if g.TextLen == g.SrcLen && g.TextOff+g.TextLen == t && g.SrcOff+g.SrcLen == s {
			g.TextLen += e - s
			g.SrcLen += e - s
			return
		}
	}
	b.segs = append(b.segs, content.Seg{TextOff: t, TextLen: e - s, SrcOff: s, SrcLen: e - s})
}

// atomic appends str standing for src[s:e] as a whole.
func (b *builder) atomic(str string, s, e int) {
	if len(str) == e-s && str == string(b.src[s:e]) {
		b.copyExact(s, e)
		return
	}
	if len(str) == e-s {
		// Same length but different bytes: widen the source range by
		// nothing we can honour; map to a zero-width anchor instead so
		// the seg stays atomic.
		b.segs = append(b.segs, content.Seg{TextOff: len(b.text), TextLen: len(str), SrcOff: s, SrcLen: 0})
		b.text = append(b.text, str...)
		return
	}
	b.segs = append(b.segs, content.Seg{TextOff: len(b.text), TextLen: len(str), SrcOff: s, SrcLen: e - s})
	b.text = append(b.text, str...)
}

// space appends a synthetic space unless Text is empty or ends in one.
func (b *builder) space() {
	if n := len(b.text); n == 0 || b.text[n-1] == ' ' {
		return
	}
	b.text = append(b.text, ' ')
}

// barrier appends content.Barrier (once for a run of removed content).
func (b *builder) barrier() {
	if bytes.HasSuffix(b.text, barrierBytes) {
		return
	}
	b.text = utf8.AppendRune(b.text, content.Barrier)
}

var barrierBytes = []byte(string(content.Barrier))

// markdownText appends a goldmark text segment: backslash escapes and
// entities become their characters; masked ranges (MDX) become Barrier.
func (b *builder) markdownText(s, e int) {
	if len(b.masks) == 0 {
		b.textWithURLs(s, e)
		return
	}
	i := sort.Search(len(b.masks), func(i int) bool { return b.masks[i].e > s })
	for s < e {
		if i >= len(b.masks) || b.masks[i].s >= e {
			b.textWithURLs(s, e)
			return
		}
		m := b.masks[i]
		if m.s > s {
			b.textWithURLs(s, m.s)
			s = m.s
		}
		b.barrier()
		s = min(m.e, e)
		i++
	}
}

// textWithURLs decodes text, replacing bare URLs (http://, https://,
// www.) with Barrier, as GFM's autolinks would be: a URL is not prose.
func (b *builder) textWithURLs(s, e int) {
	for s < e {
		u := urlStart(b.src[s:e])
		if u < 0 {
			b.decodeText(s, e)
			return
		}
		if u > 0 {
			b.decodeText(s, s+u)
		}
		end := s + u
		for end < e && !isURLStop(b.src[end]) {
			end++
		}
		for end > s+u && bytes.IndexByte([]byte(".,:;!?)'\"*_"), b.src[end-1]) >= 0 {
			end-- // trailing punctuation ends the sentence, not the URL
		}
		b.barrier()
		s = end
	}
}

// urlStart returns the offset of the first bare URL in p (http://,
// https://, www.), or -1. Two fast byte scans: most text has neither.
func urlStart(p []byte) int {
	best := -1
	for off := 0; ; {
		i := bytes.IndexByte(p[off:], ':')
		if i < 0 {
			break
		}
		i += off
		if bytes.HasPrefix(p[i:], []byte("://")) {
			switch {
			case i >= 5 && bytes.EqualFold(p[i-5:i], []byte("https")):
				best = i - 5
			case i >= 4 && bytes.EqualFold(p[i-4:i], []byte("http")):
				best = i - 4
			}
			if best >= 0 {
				break
			}
		}
		off = i + 1
	}
	if w := indexWWW(p); w >= 0 && (best < 0 || w < best) && (w == 0 || p[w-1] == ' ' || p[w-1] == '(') {
		best = w
	}
	return best
}

// indexWWW is bytes.Index(p, []byte("www.")), found from the dots: 'w' is
// too common a letter to scan for.
func indexWWW(p []byte) int {
	for off := 3; off < len(p); {
		i := bytes.IndexByte(p[off:], '.')
		if i < 0 {
			return -1
		}
		i += off
		if p[i-1] == 'w' && p[i-2] == 'w' && p[i-3] == 'w' {
			return i - 3
		}
		off = i + 1
	}
	return -1
}

func isURLStop(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '<' || c == '>' || c == '"'
}

func (b *builder) decodeText(s, e int) {
	src := b.src
	i := s
	for i < e {
		// A run of plain ASCII bytes is copied as it is (the common case).
		j := plainRun(src, i, e)
		if j > i {
			b.copyExact(i, j)
			i = j
			if i == e {
				return
			}
		}
		switch c := src[i]; {
		case c == '\\' && i+1 < e && util.IsPunct(src[i+1]):
			b.atomic(string(src[i+1]), i, i+2)
			i += 2
		case c == '&':
			str, n := entity(src[i:e])
			if n == 0 {
				b.copyExact(i, i+1)
				i++
				continue
			}
			b.atomic(str, i, i+n)
			i += n
		case c < utf8.RuneSelf && c != 0: // a backslash before no punctuation
			b.copyExact(i, i+1)
			i++
		default: // NUL or non-ASCII: exact replaces what is not valid UTF-8
			n := 1
			if c != 0 {
				_, n = utf8.DecodeRune(src[i:e])
			}
			b.exact(i, i+n)
			i += n
		}
	}
}

// plainRun returns the end of the run of bytes from i that decodeText
// copies as they are (none of textSpecial), at most e. It tests eight bytes
// at a time: a word is plain unless a byte has its high bit set, is zero,
// or equals '\\' or '&' (a zero byte of the word XORed with the byte's
// repetition).
func plainRun(src []byte, i, e int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	const backslashes, amps = ones * '\\', ones * '&'
	hasZero := func(v uint64) bool { return (v-ones)&^v&highs != 0 }
	for ; i+8 <= e; i += 8 {
		v := binary.LittleEndian.Uint64(src[i:])
		if v&highs != 0 || hasZero(v) || hasZero(v^backslashes) || hasZero(v^amps) {
			break
		}
	}
	for i < e && !textSpecial[src[i]] {
		i++
	}
	return i
}

// textSpecial marks the bytes decodeText cannot copy as they are without a
// look: escapes, entities, NUL and non-ASCII bytes.
var textSpecial = func() (t [256]bool) {
	t['\\'], t['&'], t[0] = true, true, true
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = true
	}
	return t
}()

// entity decodes an HTML entity or numeric character reference at the
// start of p, returning its characters and length (0 if none).
func entity(p []byte) (string, int) {
	if len(p) < 3 || p[0] != '&' {
		return "", 0
	}
	if p[1] == '#' {
		i, base := 2, 10
		if i < len(p) && (p[i] == 'x' || p[i] == 'X') {
			i, base = 3, 16
		}
		j := i
		for j < len(p) && j-i < 8 && isDigitBase(p[j], base) {
			j++
		}
		if j == i || j >= len(p) || p[j] != ';' {
			return "", 0
		}
		v, err := strconv.ParseUint(string(p[i:j]), base, 32)
		if err != nil {
			return "", 0
		}
		return string(util.ToValidRune(rune(v))), j + 1
	}
	j := 1
	for j < len(p) && j < 40 && util.IsAlphaNumeric(p[j]) {
		j++
	}
	if j == 1 || j >= len(p) || p[j] != ';' {
		return "", 0
	}
	ent, ok := util.LookUpHTML5EntityByName(string(p[1:j]))
	if !ok {
		return "", 0
	}
	return string(ent.Characters), j + 1
}

func isDigitBase(c byte, base int) bool {
	if c >= '0' && c <= '9' {
		return true
	}
	if base == 16 {
		return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
	}
	return false
}

// finish returns the block's Text (trailing synthetic space and barriers
// trimmed) and Segs, and whether it holds any prose.
func (b *builder) finish() (string, []content.Seg, bool) {
	t, segs, ok := b.finishText()
	if !ok {
		return "", nil, false
	}
	out := make([]content.Seg, len(segs))
	copy(out, segs)
	return t, out, true
}

// finishText is finish with Segs that alias the builder's scratch (valid
// until the builder is used again).
func (b *builder) finishText() (string, []content.Seg, bool) {
	t := b.text
	for {
		if n := len(t); n > 0 && t[n-1] == ' ' && !b.covered(n-1) {
			t = t[:n-1]
			continue
		}
		if bytes.HasSuffix(t, barrierBytes) {
			t = t[:len(t)-len(barrierBytes)]
			continue
		}
		break
	}
	prose := false
	for i := 0; i < len(t); {
		if c := t[i]; c < utf8.RuneSelf {
			if c != ' ' && c != '\t' {
				prose = true
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(t[i:])
		if r != content.Barrier && r != ' ' && r != '\t' && r != '\u00a0' {
			prose = true
			break
		}
		i += n
	}
	segs := b.segs
	for len(segs) > 0 && segs[len(segs)-1].TextOff >= len(t) {
		segs = segs[:len(segs)-1]
	}
	if n := len(segs); n > 0 && segs[n-1].TextOff+segs[n-1].TextLen > len(t) {
		segs[n-1].TextLen = len(t) - segs[n-1].TextOff
		segs[n-1].SrcLen = segs[n-1].TextLen
	}
	if !prose {
		return "", nil, false
	}
	return string(t), segs, true
}

// covered reports whether Text byte t lies in a seg.
func (b *builder) covered(t int) bool {
	n := len(b.segs)
	return n > 0 && t < b.segs[n-1].TextOff+b.segs[n-1].TextLen
}
