package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/adler32"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/msglint/msglint/content"
)

// Generators of hostile PDFs (issue 16). Each is small to build and small
// in memory; the bombs among them are only big once inflated.

// pdfGen writes a PDF object by object and records each object's offset for
// the cross-reference table.
type pdfGen struct {
	b    bytes.Buffer
	offs map[int]int
}

func newPDFGen() *pdfGen {
	g := &pdfGen{offs: map[int]int{}}
	g.b.WriteString("%PDF-1.5\n%\xE2\xE3\xCF\xD3\n")
	return g
}

func (g *pdfGen) obj(n int, body string) {
	g.offs[n] = g.b.Len()
	fmt.Fprintf(&g.b, "%d 0 obj\n%s\nendobj\n", n, body)
}

// stream writes a stream object; dict is the dictionary's content without
// << >> and /Length.
func (g *pdfGen) stream(n int, dict string, data []byte) {
	g.offs[n] = g.b.Len()
	fmt.Fprintf(&g.b, "%d 0 obj\n<< %s /Length %d >>\nstream\n", n, dict, len(data))
	g.b.Write(data)
	g.b.WriteString("\nendstream\nendobj\n")
}

// xrefTable ends the file with a classic cross-reference table covering
// objects 0..size-1 (sub is the subsection header, normally "0 size") and a
// trailer with the extra entries in trailer.
func (g *pdfGen) xrefTable(size int, sub, trailer string) []byte {
	at := g.b.Len()
	fmt.Fprintf(&g.b, "xref\n%s\n", sub)
	for i := 0; i < size; i++ {
		if off, ok := g.offs[i]; ok {
			fmt.Fprintf(&g.b, "%010d 00000 n \n", off)
		} else {
			g.b.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&g.b, "trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n", size, trailer, at)
	return g.b.Bytes()
}

// pdfXrefEntry is a row of a cross-reference stream: type 1 (offset) or
// type 2 (in object stream stm at index idx).
type pdfXrefEntry struct {
	typ, a, b int
}

// xrefStream ends the file with a cross-reference stream, object n, of the
// given entries (object i is entries[i]; missing objects are free) and
// extra dictionary entries.
func (g *pdfGen) xrefStream(n int, entries map[int]pdfXrefEntry, size int, extra string) []byte {
	at := g.b.Len()
	entries[n] = pdfXrefEntry{1, at, 0}
	var data bytes.Buffer
	for i := 0; i < size; i++ {
		e, ok := entries[i]
		if !ok {
			e = pdfXrefEntry{0, 0, 0}
		}
		data.WriteByte(byte(e.typ))
		_ = binary.Write(&data, binary.BigEndian, uint32(e.a))
		_ = binary.Write(&data, binary.BigEndian, uint16(e.b))
	}
	g.stream(n, fmt.Sprintf("/Type /XRef /Size %d /W [1 4 2] %s", size, extra), data.Bytes())
	fmt.Fprintf(&g.b, "startxref\n%d\n%%%%EOF\n", at)
	return g.b.Bytes()
}

// offsets returns the type-1 xref entries of the objects written so far.
func (g *pdfGen) offsets() map[int]pdfXrefEntry {
	m := map[int]pdfXrefEntry{}
	for n, off := range g.offs {
		m[n] = pdfXrefEntry{1, off, 0}
	}
	return m
}

const pdfGenFont = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"

// pdfGenPage writes a catalog (1), a page tree (2), one page (3) with the
// content stream 4 and a font (5); contents is the content stream object's
// dictionary extras and data.
func pdfGenPage(g *pdfGen, contentDict string, content []byte) {
	g.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	g.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	g.obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>")
	g.stream(4, contentDict, content)
	g.obj(5, pdfGenFont)
}

func pdfDeflate(data []byte) []byte {
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	_, _ = w.Write(data)
	_ = w.Close()
	return b.Bytes()
}

// pdfBomb returns a zlib stream that inflates to n MB (n >= 2) of pattern
// repeated, about 1 KB per MB: once 1 MB of the pattern has been written,
// the deflate block for the next MB only refers back into it, so that block
// can be repeated. len(pattern) must divide 1 MB.
func pdfBomb(pattern string, n int) []byte {
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	mb := bytes.Repeat([]byte(pattern), (1<<20)/len(pattern))
	_, _ = w.Write(mb)
	_ = w.Flush()
	first := b.Len()
	_, _ = w.Write(mb)
	_ = w.Flush()
	block := append([]byte(nil), b.Bytes()[first:]...)
	out := append([]byte(nil), b.Bytes()...)
	for i := 2; i < n; i++ {
		out = append(out, block...)
	}
	// a final empty stored block, then the Adler-32 of n copies of mb
	out = append(out, 1, 0, 0, 0xff, 0xff)
	one := adler32.Checksum(mb)
	sum := one
	for i := 1; i < n; i++ {
		sum = adler32Combine(sum, one, len(mb))
	}
	return binary.BigEndian.AppendUint32(out, sum)
}

// adler32Combine is zlib's adler32_combine.
func adler32Combine(a1, a2 uint32, len2 int) uint32 {
	const base = 65521
	rem := uint32(len2 % base)
	sum1 := a1 & 0xffff
	sum2 := rem * sum1 % base
	sum1 += (a2 & 0xffff) + base - 1
	sum2 += (a1 >> 16) + (a2 >> 16) + base - rem
	if sum1 >= base {
		sum1 -= base
	}
	if sum1 >= base {
		sum1 -= base
	}
	if sum2 >= base<<1 {
		sum2 -= base << 1
	}
	if sum2 >= base {
		sum2 -= base
	}
	return sum1 | sum2<<16
}

const pdfGenText = "BT /F1 12 Tf 72 700 Td (Hello from a page) Tj ET"

// hostilePDFs are the issue-16 reproducers, by name.
// rule and want are the finding each must give: its rule and a part of
// its message.
var hostilePDFs = []struct {
	name, rule, want string
	gen              func() []byte
}{
	{"inflate-bomb", content.RuleUnreadable, "operands on the stack", func() []byte { // 1 MB of Flate that inflates to 1 GB of "0 " operands
		g := newPDFGen()
		pdfGenPage(g, "/Filter /FlateDecode", pdfBomb("0 ", 1024))
		return g.xrefTable(6, "0 6", "/Root 1 0 R")
	}},
	{"inflate-bomb-zeros", content.RuleTooLarge, "limits.max_pdf_stream_bytes", func() []byte { // 1 GB of zeros (white space)
		g := newPDFGen()
		pdfGenPage(g, "/Filter /FlateDecode", pdfBomb("\x00", 1024))
		return g.xrefTable(6, "0 6", "/Root 1 0 R")
	}},
	{"inflate-bomb-ops", content.RuleTooLarge, "limits.max_pdf_work", func() []byte { // 1 GB of path operators
		g := newPDFGen()
		pdfGenPage(g, "/Filter /FlateDecode", pdfBomb("00 00 m\n1 1 l\nS\n", 1024))
		return g.xrefTable(6, "0 6", "/Root 1 0 R")
	}},
	{"xref-huge-range", content.RuleUnreadable, "claims more entries than the file holds", func() []byte { // xref subsection "0 40000000000"
		g := newPDFGen()
		pdfGenPage(g, "", []byte(pdfGenText))
		return g.xrefTable(6, "0 40000000000", "/Root 1 0 R")
	}},
	{"xref-huge-start", content.RuleTooLarge, "limits.max_pdf_objects", func() []byte { // xref subsection "40000000000 6"
		g := newPDFGen()
		pdfGenPage(g, "", []byte(pdfGenText))
		return g.xrefTable(6, "40000000000 6", "/Root 1 0 R")
	}},
	{"xref-stream-huge-size", content.RuleTooLarge, "limits.max_pdf_objects", func() []byte { // /Size 10000000000
		g := newPDFGen()
		pdfGenPage(g, "", []byte(pdfGenText))
		b := g.xrefStream(6, g.offsets(), 7, "/Root 1 0 R")
		return bytes.Replace(b, []byte("/Size 7"), []byte("/Size 10000000000"), 1)
	}},
	{"predictor-columns", content.RuleUnreadable, "predictor /Columns", func() []byte { // /Columns 1000000000000
		g := newPDFGen()
		pdfGenPage(g, "/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 1000000000000 >>", pdfDeflate([]byte(pdfGenText)))
		return g.xrefTable(6, "0 6", "/Root 1 0 R")
	}},
	{"prev-self-encrypt", content.RuleUnreadable, "/Prev chain loops", pdfPrevSelfEncrypt},
	{"page-tree-cycle", content.RuleUnreadable, "page tree loops", func() []byte { // Pages 2 -> Pages 6 -> Pages 2
		g := newPDFGen()
		g.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
		g.obj(2, "<< /Type /Pages /Kids [6 0 R 3 0 R] /Count 5 >>")
		g.obj(3, "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>")
		g.stream(4, "", []byte(pdfGenText))
		g.obj(5, pdfGenFont)
		g.obj(6, "<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 5 >>")
		return g.xrefTable(7, "0 7", "/Root 1 0 R")
	}},
	{"parent-cycle", content.RuleUnreadable, "/Parent chain", func() []byte { // a page whose /Parent is itself, no /Resources
		g := newPDFGen()
		g.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
		g.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
		g.obj(3, "<< /Type /Page /Parent 3 0 R /Contents 4 0 R >>")
		g.stream(4, "", []byte(pdfGenText))
		return g.xrefTable(5, "0 5", "/Root 1 0 R")
	}},
	{"objstm-cycle", content.RuleUnreadable, "object streams nest", func() []byte { // object 3 is in stream 7, stream 7 is in stream 8, 8 is in 7
		g := newPDFGen()
		g.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
		g.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
		e := g.offsets()
		e[3] = pdfXrefEntry{2, 7, 0}
		e[7] = pdfXrefEntry{2, 8, 0}
		e[8] = pdfXrefEntry{2, 7, 1}
		return g.xrefStream(9, e, 10, "/Root 1 0 R")
	}},
	{"objstm-extends-cycle", content.RuleUnreadable, "/Extends chain", func() []byte { // object stream 7 /Extends itself
		g := newPDFGen()
		g.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
		g.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
		g.stream(7, "/Type /ObjStm /N 1 /First 4 /Extends 7 0 R", []byte("4 0 null"))
		e := g.offsets()
		e[3] = pdfXrefEntry{2, 7, 0}
		return g.xrefStream(9, e, 10, "/Root 1 0 R")
	}},
	{"prev-self-stream", content.RuleUnreadable, "/Prev chain loops", func() []byte { // an xref stream whose /Prev is itself
		g := newPDFGen()
		pdfGenPage(g, "", []byte(pdfGenText))
		at := g.b.Len()
		return g.xrefStream(6, g.offsets(), 7, fmt.Sprintf("/Root 1 0 R /Prev %d", at))
	}},
	{"tounicode-bomb", content.RuleUnreadable, "ToUnicode map", func() []byte { // 4 MB of <0000> <FFFF> <0041> ranges
		var cm bytes.Buffer
		cm.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
		for cm.Len() < 4<<20 {
			cm.WriteString("100 beginbfrange\n")
			for i := 0; i < 100; i++ {
				cm.WriteString("<0000> <FFFF> <0041>\n")
			}
			cm.WriteString("endbfrange\n")
		}
		cm.WriteString("endcmap CMapName currentdict /CMap defineresource pop end end\n")
		g := newPDFGen()
		g.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
		g.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
		g.obj(3, "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>")
		g.stream(4, "", []byte("BT /F1 12 Tf 72 700 Td <00410042> Tj ET"))
		g.obj(5, "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 6 0 R >>")
		g.stream(6, "/Filter /FlateDecode", pdfDeflate(cm.Bytes()))
		g.obj(7, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /DW 500 >>")
		return g.xrefTable(8, "0 8", "/Root 1 0 R")
	}},
	{"codespace-bomb", content.RuleTooLarge, "limits.max_pdf_work", func() []byte { // 60,000 codespace ranges, a 32,000-code string
		var cm bytes.Buffer
		cm.WriteString("60000 begincodespacerange\n")
		for i := 0; i < 60000; i++ {
			fmt.Fprintf(&cm, "<%04X> <%04X>\n", 0xFFFF-i%0xFFFF, 0xFFFF)
		}
		cm.WriteString("endcodespacerange\n1 beginbfchar <0041> <0041> endbfchar\n")
		g := newPDFGen()
		g.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
		g.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
		g.obj(3, "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>")
		g.stream(4, "", []byte("BT /F1 12 Tf 72 700 Td <"+strings.Repeat("0041", 32000)+"> Tj ET"))
		g.obj(5, "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 6 0 R >>")
		g.stream(6, "/Filter /FlateDecode", pdfDeflate(cm.Bytes()))
		g.obj(7, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /DW 500 >>")
		return g.xrefTable(8, "0 8", "/Root 1 0 R")
	}},
	{"kids-100000", content.RuleTooLarge, "limits.max_pdf_pages", func() []byte { // 100,000 /Kids, all the same page
		g := newPDFGen()
		kids := strings.Repeat("3 0 R ", 100000)
		g.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
		g.obj(2, "<< /Type /Pages /Kids ["+kids+"] /Count 100000 >>")
		g.obj(3, "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>")
		g.stream(4, "", []byte(pdfGenText))
		g.obj(5, pdfGenFont)
		return g.xrefTable(6, "0 6", "/Root 1 0 R")
	}},
}

// pdfPrevSelfEncrypt is the 203-byte reproducer: an xref table whose
// trailer's /Prev is the table itself and which names /Encrypt.
func pdfPrevSelfEncrypt() []byte {
	head := "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
	at := len(head)
	return []byte(fmt.Sprintf("%sxref\n0 2\n0000000000 65535 f \n%010d 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R /Prev %d /Encrypt 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", head, len("%PDF-1.4\n"), at, at))
}

// TestWriteHostilePDFs writes the reproducers to $MSGLINT_HOSTILE_PDF_DIR
// (for measuring the msglint binary on them); skipped otherwise.
func TestWriteHostilePDFs(t *testing.T) {
	dir := os.Getenv("MSGLINT_HOSTILE_PDF_DIR")
	if dir == "" {
		t.Skip("MSGLINT_HOSTILE_PDF_DIR not set")
	}
	for _, h := range hostilePDFs {
		if err := os.WriteFile(filepath.Join(dir, h.name+".pdf"), h.gen(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// HostilePDF is a reproducer, exported for the CLI test (package
// pdf_test).
type HostilePDF struct {
	Name, Rule, Want string
	Gen              func() []byte
}

// HostilePDFs returns the reproducers.
func HostilePDFs() []HostilePDF {
	var out []HostilePDF
	for _, h := range hostilePDFs {
		out = append(out, HostilePDF{h.name, h.rule, h.want, h.gen})
	}
	return out
}

// PeakHeap is peakHeap, for the CLI test.
var PeakHeap = peakHeap

// HostileHeapBound is the bound on the peak heap of a hostile file.
const HostileHeapBound = hostileHeapBound
