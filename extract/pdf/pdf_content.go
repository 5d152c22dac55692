package pdf

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"unicode/utf16"

	"github.com/msglint/msglint/extract/internal/pdf"
)

// A small content-stream interpreter on top of ledongthuc/pdf's parser.
// It replaces Page.Content, which (1) decodes fonts with an /Encoding
// dictionary without their /ToUnicode map (Type 3 fonts from Chromium
// come out as garbage), (2) appends a bogus glyph for "\n" after each TJ,
// and (3) has no widths for composite (Type 0) fonts, so words cannot be
// spaced from positions.

type pdfGlyph struct {
	x, y, w, fs float64
	s           string
	type3       bool
}

type pdfFont struct {
	enc     pdf.TextEncoding
	uni     *pdfCMap // ToUnicode, preferred when present
	widths  map[int]float64
	dw      float64 // default width (glyph units)
	scale   float64 // glyph units to text space (0.001, or Type 3 FontMatrix)
	twoByte bool
	type3   bool
	v       pdf.Value // the font dictionary, for the file's work budget
}

type pdfMatrix [3][3]float64

var pdfIdent = pdfMatrix{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}

func (x pdfMatrix) mul(y pdfMatrix) pdfMatrix {
	var z pdfMatrix
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			for k := 0; k < 3; k++ {
				z[i][j] += x[i][k] * y[k][j]
			}
		}
	}
	return z
}

func translate(tx, ty float64) pdfMatrix { return pdfMatrix{{1, 0, 0}, {0, 1, 0}, {tx, ty, 1}} }

func loadFont(f pdf.Font) *pdfFont {
	v := f.V
	pf := &pdfFont{widths: map[int]float64{}, scale: 0.001, v: v}
	sub := v.Key("Subtype").Name()
	pf.type3 = sub == "Type3"
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		pf.uni = readPDFCMap(tu)
	}
	pf.enc = f.Encoder()
	v.Step(int64(len(pf.widths)) >> 4)
	switch sub {
	case "Type0":
		pf.twoByte = true
		d := v.Key("DescendantFonts").Index(0)
		pf.dw = 1000
		if dw := d.Key("DW"); dw.Kind() != pdf.Null {
			pf.dw = dw.Float64()
		}
		w := d.Key("W")
		// Widths set in all: no font has more than 65,536 glyphs, so a /W
		// that sets over pdfMaxWidths (overlapping ranges) is cut short.
		set := 0
		for i := 0; i < w.Len() && i < 200000 && set < pdfMaxWidths; {
			c := int(w.Index(i).Int64())
			if i+1 < w.Len() && w.Index(i+1).Kind() == pdf.Array {
				arr := w.Index(i + 1)
				for j := 0; j < arr.Len() && j < 65536; j++ {
					pf.widths[c+j] = arr.Index(j).Float64()
				}
				set += min(arr.Len(), 65536)
				i += 2
				continue
			}
			if i+2 < w.Len() {
				hi := int(w.Index(i + 1).Int64())
				wd := w.Index(i + 2).Float64()
				for k := c; k <= hi && k-c < 65536; k++ {
					pf.widths[k] = wd
				}
				set += max(min(hi-c+1, 65536), 0)
			}
			i += 3
		}
	default:
		first := int(v.Key("FirstChar").Int64())
		ws := v.Key("Widths")
		for i := 0; i < ws.Len() && i < 65536; i++ {
			pf.widths[first+i] = ws.Index(i).Float64()
		}
		pf.dw = v.Key("FontDescriptor").Key("MissingWidth").Float64()
		if pf.dw == 0 && ws.Len() == 0 {
			pf.dw = 500 // standard 14 font without /Widths: a guess
		}
		if pf.type3 {
			if m := v.Key("FontMatrix"); m.Len() >= 1 && m.Index(0).Float64() != 0 {
				pf.scale = math.Abs(m.Index(0).Float64())
			}
		}
	}
	if pf.uni != nil && len(pf.uni.lens) > 0 && !pf.twoByte {
		pf.twoByte = pf.uni.lens[0] == 2 && len(pf.uni.lens) == 1
	}
	return pf
}

// decode splits raw into codes and returns each code's text.
func (f *pdfFont) each(raw string, fn func(code int, text string)) {
	n := 1
	if f.twoByte {
		n = 2
	}
	for i := 0; i < len(raw); {
		l := n
		if f.uni != nil {
			f.v.Step(int64(len(f.uni.ranges)>>4) + 1)
			l = f.uni.codeLen(raw[i:], n)
		}
		if i+l > len(raw) {
			l = len(raw) - i
		}
		code := 0
		for _, c := range []byte(raw[i : i+l]) {
			code = code<<8 | int(c)
		}
		var s string
		if f.uni != nil {
			if t, ok := f.uni.m[code]; ok {
				s = t
			}
		}
		if s == "" && !f.type3 {
			s = f.enc.Decode(raw[i : i+l])
		}
		fn(code, s)
		i += l
	}
}

func (f *pdfFont) width(code int) float64 {
	if w, ok := f.widths[code]; ok {
		return w * f.scale
	}
	return f.dw * f.scale
}

type pdfTextState struct {
	ctm                       pdfMatrix
	tc, tw, th, tl, tfs, rise float64
	font                      *pdfFont
}

// pdfFontKey identifies a font across pages: the object the font
// dictionary is (or is inside, for a direct one) and its resource name.
type pdfFontKey struct {
	id   uint32
	gen  uint16
	name string
}

// pdfFonts caches the fonts of one document, so that a font (and its
// ToUnicode map) used on every page is read once.
type pdfFonts map[pdfFontKey]*pdfFont

func (c pdfFonts) load(p pdf.Page, name string) *pdfFont {
	font := p.Font(name)
	id, gen := font.V.ID()
	k := pdfFontKey{id, gen, name}
	if f, ok := c[k]; ok {
		return f
	}
	f := loadFont(font)
	c[k] = f
	return f
}

// pdfPageGlyphs interprets a page's content stream and returns its glyphs
// in stream order, capped at maxGlyphs. cache holds the document's fonts.
func pdfPageGlyphs(p pdf.Page, maxGlyphs int, cache pdfFonts) []pdfGlyph {
	contents := p.V.Key("Contents")
	if contents.Kind() == pdf.Null {
		return nil
	}
	fonts := map[string]*pdfFont{}
	g := pdfTextState{ctm: pdfIdent, th: 1}
	var stack []pdfTextState
	tm, tlm := pdfIdent, pdfIdent
	var out []pdfGlyph
	show := func(raw string) {
		f := g.font
		if f == nil || len(out) >= maxGlyphs {
			return
		}
		f.each(raw, func(code int, s string) {
			trm := pdfMatrix{{g.tfs * g.th, 0, 0}, {0, g.tfs, 0}, {0, g.rise, 1}}.mul(tm).mul(g.ctm)
			x0, y0 := trm[2][0], trm[2][1]
			fs := math.Hypot(trm[1][0], trm[1][1])
			tx := f.width(code)*g.tfs + g.tc
			if code == 32 && !f.twoByte {
				tx += g.tw
			}
			tm = translate(tx*g.th, 0).mul(tm)
			x1 := pdfMatrix{{1, 0, 0}, {0, 1, 0}, {0, g.rise, 1}}.mul(tm).mul(g.ctm)[2][0]
			if len(out) < maxGlyphs {
				out = append(out, pdfGlyph{x: x0, y: y0, w: x1 - x0, fs: fs, s: s, type3: f.type3})
			}
		})
	}
	num := func(v pdf.Value) float64 { return v.Float64() }
	pdf.Interpret(contents, func(stk *pdf.Stack, op string) {
		n := stk.Len()
		args := make([]pdf.Value, n)
		for i := n - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		switch op {
		case "q":
			if len(stack) < 1000 {
				stack = append(stack, g)
			}
		case "Q":
			if len(stack) > 0 {
				g = stack[len(stack)-1]
				stack = stack[:len(stack)-1]
			}
		case "cm":
			if n == 6 {
				var m pdfMatrix
				for i := 0; i < 6; i++ {
					m[i/2][i%2] = num(args[i])
				}
				m[2][2] = 1
				g.ctm = m.mul(g.ctm)
			}
		case "BT":
			tm, tlm = pdfIdent, pdfIdent
		case "Tc":
			if n == 1 {
				g.tc = num(args[0])
			}
		case "Tw":
			if n == 1 {
				g.tw = num(args[0])
			}
		case "Tz":
			if n == 1 {
				g.th = num(args[0]) / 100
			}
		case "TL":
			if n == 1 {
				g.tl = num(args[0])
			}
		case "Ts":
			if n == 1 {
				g.rise = num(args[0])
			}
		case "Tf":
			if n == 2 {
				name := args[0].Name()
				f, ok := fonts[name]
				if !ok {
					f = cache.load(p, name)
					fonts[name] = f
				}
				g.font, g.tfs = f, num(args[1])
			}
		case "TD", "Td":
			if n == 2 {
				if op == "TD" {
					g.tl = -num(args[1])
				}
				tlm = translate(num(args[0]), num(args[1])).mul(tlm)
				tm = tlm
			}
		case "Tm":
			if n == 6 {
				var m pdfMatrix
				for i := 0; i < 6; i++ {
					m[i/2][i%2] = num(args[i])
				}
				m[2][2] = 1
				tm, tlm = m, m
			}
		case "T*":
			tlm = translate(0, -g.tl).mul(tlm)
			tm = tlm
		case "Tj", "'", "\"":
			if n == 0 {
				return
			}
			if op != "Tj" {
				if op == "\"" && n == 3 {
					g.tw, g.tc = num(args[0]), num(args[1])
				}
				tlm = translate(0, -g.tl).mul(tlm)
				tm = tlm
			}
			show(args[n-1].RawString())
		case "TJ":
			if n != 1 {
				return
			}
			v := args[0]
			for i := 0; i < v.Len(); i++ {
				x := v.Index(i)
				if x.Kind() == pdf.String {
					show(x.RawString())
				} else {
					tm = translate(-num(x)/1000*g.tfs*g.th, 0).mul(tm)
				}
			}
		}
	})
	return out
}

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
