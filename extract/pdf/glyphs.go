package pdf

import (
	"math"

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
