package pdf

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/extracttest"
	"github.com/msglint/msglint/extract/internal/shared"
)

func TestPDFEncrypted(t *testing.T) {
	t.Setenv(BackendEnv, BackendGo)
	_, err := Extract("x.pdf", extracttest.Fixture(t, "encrypted.pdf"), nil)
	extracttest.RequireInputError(t, err, content.RuleUnreadable, "encrypted PDF")
}

func TestPDFImageOnly(t *testing.T) {
	t.Setenv(BackendEnv, BackendGo)
	doc, err := Extract("x.pdf", extracttest.Fixture(t, "image-only.pdf"), nil)
	require.NoError(t, err)
	assert.Empty(t, doc.Blocks)
	require.Len(t, doc.Notes, 1)
	assert.Equal(t, content.RuleUnreadable, doc.Notes[0].Rule)
	assert.Contains(t, doc.Notes[0].Message, "no text on any of its 2 pages")
}

func TestPDFTruncated(t *testing.T) {
	t.Setenv(BackendEnv, BackendGo)
	src := extracttest.Fixture(t, "pages.pdf")
	for _, n := range []int{0, 10, len(src) / 2, len(src) - 10} {
		_, err := Extract("x.pdf", src[:n], nil)
		extracttest.RequireInputError(t, err, content.RuleUnreadable, "PDF")
	}
	_, err := Extract("x.pdf", src, &shared.Options{Limits: shared.Limits{MaxFileSize: 100}})
	extracttest.RequireInputError(t, err, content.RuleTooLarge, "limit 100")
}

func TestPDFBackendEnv(t *testing.T) {
	t.Setenv(BackendEnv, "nope")
	_, err := Extract("x.pdf", extracttest.Fixture(t, "pages.pdf"), nil)
	require.Error(t, err)
}

func TestPDFJoinLines(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want string
	}{
		{[]string{"a sync engine that is reli-", "able across clouds"}, "a sync engine that is reliable across clouds"},
		{[]string{"Acme Cloud-", "Sync"}, "Acme Cloud-\nSync"},
		{[]string{"pages 10-", "12"}, "pages 10-\n12"},
		{[]string{"soft\u00ad", "hyphen"}, "softhyphen"},
		{[]string{"  two   spaces ", "", "next"}, "two spaces\nnext"},
	} {
		assert.Equal(t, c.want, pdfJoinLines(c.in), "%q", c.in)
	}
}

// TestPDFJoinLinesLinear: joining hyphenated lines does not copy the page
// text once per line (it did: 200,000 such lines took minutes).
func TestPDFJoinLinesLinear(t *testing.T) {
	lines := make([]string, 200000)
	for i := range lines {
		lines[i] = "ab-"
	}
	lines[len(lines)-1] = "ab"
	start := time.Now()
	out := pdfJoinLines(lines)
	assert.Equal(t, strings.Repeat("ab", 200000), out)
	assert.Less(t, time.Since(start), 5*time.Second)
}

func TestPDFLayout(t *testing.T) {
	g := func(s string, x, y, w float64) pdfGlyph {
		return pdfGlyph{fs: 10, x: x, y: y, w: w, s: s}
	}
	lines := pdfLayout([]pdfGlyph{
		g("A", 0, 100, 6), g("c", 6, 100, 5), g("m", 11, 100, 8), g("e", 19.2, 100, 5), // kerned: no space
		g("\uFFFD", 24, 100, 1),
		g("S", 27, 100, 6), // gap of 2.8 > 2: a space
		g("x", 0, 88, 5),   // next line
		g(" ", 5, 88, 3), g(" ", 8, 88, 3), g("y", 11, 88, 5),
		g("\u00a0", 16, 88, 3), g("z", 19, 88, 5),
	})
	assert.Equal(t, []string{"Acme S", "x y z"}, lines)

	// letter-spaced: letters 4pt apart, words 9pt apart
	var spaced []pdfGlyph
	x := 0.0
	for _, w := range []string{"THE", "PROBLEM"} {
		for _, r := range w {
			spaced = append(spaced, g(string(r), x, 50, 6))
			x += 10
		}
		x += 5
	}
	assert.Equal(t, []string{"THE PROBLEM"}, pdfLayout(spaced))
}

func TestPDFQuality(t *testing.T) {
	assert.Equal(t, pdfOK, pdfQuality("Acme CloudSync keeps teams in step, 40% faster."))
	assert.Equal(t, pdfGarbled, pdfQuality("\x01\x02\x03 \x04\x05 \x06\x07 ab"))
	assert.Equal(t, pdfGlued, pdfQuality("ourfreelancershavethebestskillsinthemarket and more"))
	assert.Equal(t, "pages 1-3, 5", pageList([]int{1, 2, 3, 5}))
	assert.Equal(t, "page 4", pageList([]int{4}))
}

// TestPDFFontShared: a font used on every page is read once per document
// (pdfFonts) and decodes the same on each page; a font of the same name in
// another page's own resources is another font.
func TestPDFFontShared(t *testing.T) {
	t.Setenv(BackendEnv, BackendGo)
	g := newPDFGen()
	cmap := "1 begincodespacerange <0000> <FFFF> endcodespacerange\n2 beginbfchar <0001> <0048> <0002> <0069> endbfchar\n"
	g.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	g.obj(2, "<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 /Resources << /Font << /F1 7 0 R >> >> >>")
	g.obj(3, "<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>")
	g.obj(4, "<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>")
	g.obj(5, "<< /Type /Page /Parent 2 0 R /Contents 6 0 R /Resources << /Font << /F1 "+pdfGenFont+" >> >> >>")
	g.stream(6, "", []byte("BT /F1 12 Tf 72 700 Td <00010002> Tj ET"))
	g.obj(7, "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [9 0 R] /ToUnicode 8 0 R >>")
	g.stream(8, "", []byte(cmap))
	g.obj(9, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /DW 500 >>")
	doc, err := Extract("x.pdf", g.xrefTable(10, "0 10", "/Root 1 0 R"), nil)
	require.NoError(t, err)
	var texts []string
	for _, b := range doc.Blocks {
		texts = append(texts, b.Loc+": "+b.Text)
	}
	// page 3's own Helvetica reads the bytes 00 01 00 02 as WinAnsi: control
	// codes, dropped
	assert.Equal(t, []string{"page 1: Hi", "page 2: Hi"}, texts)
}
