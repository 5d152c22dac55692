package officegen

import (
	"bytes"
	"fmt"
	"strings"
)

// helvetica holds the Helvetica AFM widths of WinAnsi codes 32-126.
var helvetica = [...]int{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // 32-47
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 48-63
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // 64-79
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // 80-95
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // 96-111
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // 112-126
}

// winAnsi maps a few non-ASCII runes to WinAnsi codes.
var winAnsi = map[rune]byte{'’': 0x92, '‘': 0x91, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, '•': 0x95, '€': 0x80, 'é': 0xE9}

// PDFOptions vary the generated PDF.
type PDFOptions struct {
	// Encrypted adds an /Encrypt dictionary (standard security handler,
	// revision 6) without real encryption: readers must refuse the file.
	Encrypted bool
	// ImageOnly draws a rectangle instead of the text on every page.
	ImageOnly bool
}

// PDF builds a PDF with one page per element of pages, each a list of
// lines set in Helvetica 12 pt with WinAnsi encoding. Lines alternate
// between one Tj string per line and a TJ array per word where word gaps
// are positioning offsets (no space glyph) and some letter pairs are
// kerned, so extractors must space words from glyph positions.
func PDF(pages [][]string, o PDFOptions) []byte {
	var objs []string // object i+1
	add := func(s string) int { objs = append(objs, s); return len(objs) }
	add("<< /Type /Catalog /Pages 2 0 R >>")
	add("") // pages, filled below
	var widths strings.Builder
	for c := 32; c <= 255; c++ {
		w := 556
		if c <= 126 {
			w = helvetica[c-32]
		}
		fmt.Fprintf(&widths, "%d ", w)
	}
	font := add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths [" + strings.TrimSpace(widths.String()) + "] >>")
	var kids []string
	for _, lines := range pages {
		var cs strings.Builder
		if o.ImageOnly {
			cs.WriteString("0.5 g 72 600 200 100 re f\n")
		} else {
			for i, l := range lines {
				fmt.Fprintf(&cs, "BT /F1 12 Tf 72 %d Td ", 720-16*i)
				if i%2 == 0 {
					fmt.Fprintf(&cs, "(%s) Tj ET\n", pdfString(l))
					continue
				}
				cs.WriteString("[")
				for j, w := range strings.Split(l, " ") {
					if j > 0 {
						cs.WriteString(" -278 ")
					}
					if rs := []rune(w); len(rs) > 3 {
						fmt.Fprintf(&cs, "(%s) 15 (%s)", pdfString(string(rs[:2])), pdfString(string(rs[2:])))
					} else {
						fmt.Fprintf(&cs, "(%s)", pdfString(w))
					}
				}
				cs.WriteString("] TJ ET\n")
			}
		}
		stream := cs.String()
		c := add(fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", len(stream), stream))
		p := add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", font, c))
		kids = append(kids, fmt.Sprintf("%d 0 R", p))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	enc := ""
	if o.Encrypted {
		e := add("<< /Filter /Standard /V 5 /R 6 /Length 256 /P -1028 /O <" + strings.Repeat("00", 48) + "> /U <" + strings.Repeat("00", 48) + "> /OE <" + strings.Repeat("00", 32) + "> /UE <" + strings.Repeat("00", 32) + "> /Perms <" + strings.Repeat("00", 16) + "> >>")
		enc = fmt.Sprintf(" /Encrypt %d 0 R /ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>]", e)
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, enc, xref)
	return b.Bytes()
}

// pdfString encodes text as a PDF literal string in WinAnsi.
func pdfString(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r >= 32 && r <= 126:
			b.WriteRune(r)
		default:
			c, ok := winAnsi[r]
			if !ok {
				c = '?'
			}
			fmt.Fprintf(&b, "\\%03o", c)
		}
	}
	return b.String()
}
