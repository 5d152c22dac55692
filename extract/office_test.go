package extract

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/shared"
	"github.com/msglint/msglint/internal/golden"
	"github.com/msglint/msglint/internal/officegen"
)

const officeDir = "testdata/office"

// officeFixture returns a generated fixture's bytes, checking that the
// checked-in copy is current.
func officeFixture(t testing.TB, name string) []byte {
	t.Helper()
	for _, f := range officegen.Fixtures {
		if f.Name != name {
			continue
		}
		b, err := f.Build()
		require.NoError(t, err)
		disk, err := os.ReadFile(filepath.Join(officeDir, name))
		require.NoError(t, err)
		require.True(t, bytes.Equal(b, disk), "%s is stale: run go run ./cmd/gen-fixtures -fixtures extract/testdata/office", name)
		return b
	}
	t.Fatalf("no fixture %s", name)
	return nil
}

func extractOffice(t testing.TB, name string, src []byte, opts *Options) (*content.Document, error) {
	t.Helper()
	fn, _, ok := For(name)
	require.True(t, ok)
	return fn(name, src, opts)
}

// dumpResult renders a document or an extraction error for goldens.
func dumpResult(doc *content.Document, err error) string {
	if err != nil {
		rule := content.RuleUnreadable
		var ie *content.InputError
		if errors.As(err, &ie) {
			rule = ie.Rule
		}
		return "error " + rule + ": " + err.Error() + "\n"
	}
	s := shared.Dump(doc)
	if b, ok := doc.Meta["backend"]; ok {
		s += "backend " + b.(string) + "\n"
	}
	return s
}

func TestOfficeGolden(t *testing.T) {
	t.Setenv(pdfBackendEnv, PDFBackendGo)
	for _, f := range officegen.Fixtures {
		t.Run(f.Name, func(t *testing.T) {
			src := officeFixture(t, f.Name)
			doc, err := extractOffice(t, f.Name, src, nil)
			golden.Check(t, filepath.Join(officeDir, f.Name+".blocks.golden"), []byte(dumpResult(doc, err)))
		})
	}
}

type blockKey struct {
	Scope, Text, Loc, Heading string
	Hidden                    bool
}

func blockKeys(d *content.Document) []blockKey {
	var out []blockKey
	for _, b := range d.Blocks {
		out = append(out, blockKey{b.Scope, b.Text, b.Loc, b.Heading, b.Hidden})
	}
	return out
}

// TestOfficeSameContent checks that the same content saved as PPTX and
// ODP (DOCX and ODT) gives the same blocks, locations and directives.
// The findings-level version (one glossary, same findings) is
// project.TestOfficeSameFindings.
func TestOfficeSameContent(t *testing.T) {
	for _, pair := range [][2]string{{"deck.pptx", "deck.odp"}, {"doc.docx", "doc.odt"}} {
		t.Run(pair[0]+"="+pair[1], func(t *testing.T) {
			a, err := extractOffice(t, pair[0], officeFixture(t, pair[0]), nil)
			require.NoError(t, err)
			b, err := extractOffice(t, pair[1], officeFixture(t, pair[1]), nil)
			require.NoError(t, err)
			require.NotEmpty(t, a.Blocks)
			assert.Equal(t, blockKeys(a), blockKeys(b))
			assert.Equal(t, a.Directives, b.Directives)
			assert.Empty(t, a.Notes)
			assert.Empty(t, b.Notes)
		})
	}
}

func TestOfficeExamples(t *testing.T) {
	t.Setenv(pdfBackendEnv, PDFBackendGo)
	for _, f := range officegen.Examples {
		src, err := f.Build()
		require.NoError(t, err)
		doc, err := extractOffice(t, f.Name, src, nil)
		require.NoError(t, err, f.Name)
		all := shared.Dump(doc)
		assert.Contains(t, all, "40% higher win rates", f.Name)
		assert.Contains(t, all, "CloudSync", f.Name)
		assert.Empty(t, doc.Notes, f.Name)
	}
}

// zipOf builds an archive from name/content pairs.
func zipOf(t testing.TB, files ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(files); i += 2 {
		w, err := zw.Create(files[i])
		require.NoError(t, err)
		_, err = w.Write([]byte(files[i+1]))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// mainPartOf names the part each archive format reads first.
var mainPartOf = map[string]string{
	"deck.pptx": "ppt/presentation.xml",
	"doc.docx":  "word/document.xml",
	"deck.odp":  "content.xml",
	"doc.odt":   "content.xml",
}

func requireInputError(t *testing.T, err error, rule, contains string) {
	t.Helper()
	var ie *content.InputError
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, rule, ie.Rule)
	assert.Contains(t, ie.Error(), contains)
}

func TestZipLimits(t *testing.T) {
	for name, main := range mainPartOf {
		t.Run(name, func(t *testing.T) {
			src := officeFixture(t, name)
			// a compression bomb in the main part: 4 MB of spaces in a comment
			bomb := zipOf(t, main, `<?xml version="1.0"?><x><!--`+strings.Repeat(" ", 4<<20)+`--></x>`)
			_, err := extractOffice(t, name, bomb, &Options{Limits: Limits{MaxZipRatio: 100}})
			requireInputError(t, err, content.RuleTooLarge, "compression-ratio limit (100:1)")

			_, err = extractOffice(t, name, src, &Options{Limits: Limits{MaxZipEntries: 3}})
			requireInputError(t, err, content.RuleTooLarge, "entries (limit 3)")

			_, err = extractOffice(t, name, src, &Options{Limits: Limits{MaxZipTotal: 2000}})
			requireInputError(t, err, content.RuleTooLarge, "2000")

			_, err = extractOffice(t, name, src, &Options{Limits: Limits{MaxFileSize: 100}})
			requireInputError(t, err, content.RuleTooLarge, "limit 100")
		})
	}
}

// TestZipLyingHeader: an entry whose header understates its size is
// caught while reading, never read past the limits.
func TestZipLyingHeader(t *testing.T) {
	body := `<?xml version="1.0"?><x><!--` + strings.Repeat(" ", 1<<20) + `--></x>`
	var comp bytes.Buffer
	zw := zip.NewWriter(&comp)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "content.xml", Method: zip.Deflate})
	require.NoError(t, err)
	_, err = w.Write([]byte(body))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	// rewrite the declared uncompressed sizes (local header and central
	// directory) to 100 bytes
	b := comp.Bytes()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	real := uint32(zr.File[0].UncompressedSize64)
	le := func(v uint32) []byte { return []byte{byte(v), byte(v >> 8), byte(v >> 16), byte(v >> 24)} }
	b = bytes.ReplaceAll(b, le(real), le(100))
	_, err = ODT("x.odt", b, &Options{Limits: Limits{MaxZipRatio: 10}})
	var ie *content.InputError
	require.ErrorAs(t, err, &ie)
}

func TestOfficeTruncated(t *testing.T) {
	for name := range mainPartOf {
		src := officeFixture(t, name)
		for _, n := range []int{0, 10, len(src) / 2, len(src) - 10} {
			_, err := extractOffice(t, name, src[:n], nil)
			requireInputError(t, err, content.RuleUnreadable, "zip")
		}
	}
}

func TestOfficeXMLSafety(t *testing.T) {
	entity := `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body><office:text><text:p xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">&b;</text:p></office:text></office:body></office:document-content>`
	_, err := ODT("x.odt", zipOf(t, "content.xml", entity), nil)
	requireInputError(t, err, content.RuleUnreadable, "entities")

	// an undeclared entity is a syntax error, not expanded or dropped
	undeclared := `<?xml version="1.0"?><x>&b;</x>`
	_, err = ODT("x.odt", zipOf(t, "content.xml", undeclared), nil)
	requireInputError(t, err, content.RuleUnreadable, "content.xml")

	deep := `<?xml version="1.0"?>` + strings.Repeat("<a>", 50) + strings.Repeat("</a>", 50)
	_, err = ODT("x.odt", zipOf(t, "content.xml", deep), &Options{Limits: Limits{MaxXMLDepth: 20}})
	requireInputError(t, err, content.RuleUnreadable, "deeper than 20")

	_, err = DOCX("x.docx", zipOf(t, "word/document.xml", "<w:document"), nil)
	requireInputError(t, err, content.RuleUnreadable, "word/document.xml")

	_, err = PPTX("x.pptx", zipOf(t, "other.xml", "<x/>"), nil)
	requireInputError(t, err, content.RuleUnreadable, "ppt/presentation.xml")
}

// TestOfficeBrokenSlide: a broken slide is a note; the other slides are
// still extracted.
func TestOfficeBrokenSlide(t *testing.T) {
	src := officeFixture(t, "deck.pptx")
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	require.NoError(t, err)
	var files []string
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		var b bytes.Buffer
		_, err = b.ReadFrom(rc)
		require.NoError(t, err)
		data := b.String()
		if f.Name == "ppt/slides/slide5.xml" { // presentation slide 1
			data = data[:len(data)/2]
		}
		files = append(files, f.Name, data)
	}
	doc, err := PPTX("x.pptx", zipOf(t, files...), nil)
	require.NoError(t, err)
	require.Len(t, doc.Notes, 1)
	assert.Equal(t, "slide 1", doc.Notes[0].Loc)
	assert.Contains(t, doc.Notes[0].Message, "ppt/slides/slide5.xml")
	assert.Equal(t, "slide 2", doc.Blocks[0].Loc)
}
