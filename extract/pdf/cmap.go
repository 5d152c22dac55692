package pdf

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"io"
	"unicode/utf16"

	"github.com/msglint/msglint/extract/internal/pdf"
)

// pdfCMap is a parsed ToUnicode CMap.
type pdfCMap struct {
	lens   []int // code lengths of the codespace ranges
	ranges []struct{ lo, hi []byte }
	m      map[int]string
}

// codeLen picks the length of the code at the start of s.
func (c *pdfCMap) codeLen(s string, def int) int {
	for _, r := range c.ranges {
		l := len(r.lo)
		if l == 0 || l > len(s) {
			continue
		}
		ok := true
		for i := 0; i < l; i++ {
			if s[i] < r.lo[i] || s[i] > r.hi[i] {
				ok = false
				break
			}
		}
		if ok {
			return l
		}
	}
	return def
}

// Bounds of one font: widths set from /W, and codes mapped by a ToUnicode
// CMap (a 2-byte font has at most 65,536 codes; more is a CMap bomb, and
// the file is reported unreadable).
const (
	pdfMaxWidths     = 1 << 18
	pdfMaxCMapCodes  = 1 << 18
	pdfMaxCMapTokens = 1 << 18
	pdfMaxCodespaces = 1 << 10
)

// readPDFCMap parses bfchar/bfrange entries of a ToUnicode stream (read
// up to 4 MB).
func readPDFCMap(v pdf.Value) (c *pdfCMap) {
	defer func() {
		if recover() != nil {
			c = nil
		}
	}()
	set := 0 // entries set, with repeats
	count := func(n int) {
		if set += n; set > pdfMaxCMapCodes {
			v.Fail(&pdf.MalformedError{Msg: fmt.Sprintf("a font's ToUnicode map sets more than %d codes", pdfMaxCMapCodes)})
		}
	}
	rc := v.Reader()
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, 4<<20))
	if err != nil && len(data) == 0 {
		return nil
	}
	toks := cmapTokens(data)
	c = &pdfCMap{m: map[int]string{}}
	codeOf := func(b []byte) int {
		n := 0
		for _, x := range b {
			n = n<<8 | int(x)
		}
		return n
	}
	utf := func(b []byte) string {
		if len(b)%2 == 1 {
			return string(rune(codeOf(b)))
		}
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
		return string(utf16.Decode(u))
	}
	for i := 0; i < len(toks); i++ {
		switch string(toks[i].word) {
		case "begincodespacerange":
			for i++; i+1 < len(toks) && toks[i].hex != nil; i += 2 {
				if len(c.ranges) >= pdfMaxCodespaces {
					continue // real maps have a handful
				}
				c.ranges = append(c.ranges, struct{ lo, hi []byte }{toks[i].hex, toks[i+1].hex})
				c.lens = append(c.lens, len(toks[i].hex))
			}
		case "beginbfchar":
			for i++; i+1 < len(toks) && toks[i].hex != nil; i += 2 {
				if toks[i+1].hex != nil {
					count(1)
					c.m[codeOf(toks[i].hex)] = utf(toks[i+1].hex)
				}
			}
		case "beginbfrange":
			for i++; i+2 < len(toks) && toks[i].hex != nil; {
				lo, hi := codeOf(toks[i].hex), codeOf(toks[i+1].hex)
				if hi-lo > 65535 || hi < lo {
					hi = lo
				}
				if d := toks[i+2].hex; d != nil {
					count(hi - lo + 1)
					base := []rune(utf(d))
					for k := lo; k <= hi && len(base) > 0; k++ {
						r := append([]rune(nil), base...)
						r[len(r)-1] += rune(k - lo)
						c.m[k] = string(r)
					}
					i += 3
					continue
				}
				if string(toks[i+2].word) == "[" {
					j := i + 3
					for k := lo; j < len(toks) && toks[j].hex != nil; j, k = j+1, k+1 {
						count(1)
						c.m[k] = utf(toks[j].hex)
					}
					i = j + 1 // skip ]
					continue
				}
				i += 3
			}
		}
	}
	return c
}

type cmapTok struct {
	hex  []byte
	word []byte
}

func cmapTokens(b []byte) []cmapTok {
	out := make([]cmapTok, 0, min(len(b)/8+16, pdfMaxCMapTokens))
	for i := 0; i < len(b) && len(out) < pdfMaxCMapTokens; {
		switch c := b[i]; {
		case c == '<' && i+1 < len(b) && b[i+1] != '<':
			j := bytes.IndexByte(b[i:], '>')
			if j < 0 {
				return out
			}
			h := bytes.Map(func(r rune) rune {
				if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
					return -1
				}
				return r
			}, b[i+1:i+j])
			if len(h)%2 == 1 {
				h = append(h, '0')
			}
			d := make([]byte, hex.DecodedLen(len(h)))
			if _, err := hex.Decode(d, h); err != nil {
				d = []byte{}
			}
			out = append(out, cmapTok{hex: d})
			i += j + 1
		case c == '[' || c == ']':
			out = append(out, cmapTok{word: b[i : i+1]})
			i++
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0:
			i++
		default:
			j := i
			for j < len(b) && !bytes.ContainsRune([]byte(" \n\r\t\f<>[]%/()"), rune(b[j])) {
				j++
			}
			if j == i {
				j++
			}
			out = append(out, cmapTok{word: b[i:j]})
			i = j
		}
	}
	return out
}
