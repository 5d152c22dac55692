package office

import (
	"archive/zip"
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/extracttest"
	"github.com/msglint/msglint/extract/internal/shared"
	"github.com/msglint/msglint/internal/golden"
	"github.com/msglint/msglint/internal/officegen"
)

// extractors are the office extractors by fixture extension.
var extractors = map[string]shared.Func{".pptx": PPTX, ".docx": DOCX, ".odp": ODP, ".odt": ODT}

func extractOffice(t testing.TB, name string, src []byte, opts *shared.Options) (*content.Document, error) {
	t.Helper()
	fn, ok := extractors[filepath.Ext(name)]
	require.True(t, ok, name)
	return fn(name, src, opts)
}

func TestOfficeGolden(t *testing.T) {
	for _, f := range officegen.Fixtures {
		if _, ok := extractors[filepath.Ext(f.Name)]; !ok {
			continue // PDF: extract/pdf
		}
		t.Run(f.Name, func(t *testing.T) {
			src := extracttest.Fixture(t, f.Name)
			doc, err := extractOffice(t, f.Name, src, nil)
			golden.Check(t, filepath.Join(extracttest.FixtureDir, f.Name+".blocks.golden"), []byte(extracttest.DumpResult(doc, err)))
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
			a, err := extractOffice(t, pair[0], extracttest.Fixture(t, pair[0]), nil)
			require.NoError(t, err)
			b, err := extractOffice(t, pair[1], extracttest.Fixture(t, pair[1]), nil)
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
	for _, f := range officegen.Examples {
		if _, ok := extractors[filepath.Ext(f.Name)]; !ok {
			continue // PDF: extract/pdf
		}
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

// mainPartOf names the part each archive format reads first.
var mainPartOf = map[string]string{
	"deck.pptx": "ppt/presentation.xml",
	"doc.docx":  "word/document.xml",
	"deck.odp":  "content.xml",
	"doc.odt":   "content.xml",
}

func TestZipLimits(t *testing.T) {
	for name, main := range mainPartOf {
		t.Run(name, func(t *testing.T) {
			src := extracttest.Fixture(t, name)
			// a compression bomb in the main part: 4 MB of spaces in a comment
			bomb := extracttest.ZipOf(t, main, `<?xml version="1.0"?><x><!--`+strings.Repeat(" ", 4<<20)+`--></x>`)
			_, err := extractOffice(t, name, bomb, &shared.Options{Limits: shared.Limits{MaxZipRatio: 100}})
			extracttest.RequireInputError(t, err, content.RuleTooLarge, "compression-ratio limit (100:1)")

			_, err = extractOffice(t, name, src, &shared.Options{Limits: shared.Limits{MaxZipEntries: 3}})
			extracttest.RequireInputError(t, err, content.RuleTooLarge, "entries (limit 3)")

			_, err = extractOffice(t, name, src, &shared.Options{Limits: shared.Limits{MaxZipTotal: 2000}})
			extracttest.RequireInputError(t, err, content.RuleTooLarge, "2000")

			_, err = extractOffice(t, name, src, &shared.Options{Limits: shared.Limits{MaxFileSize: 100}})
			extracttest.RequireInputError(t, err, content.RuleTooLarge, "limit 100")
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
	_, err = ODT("x.odt", b, &shared.Options{Limits: shared.Limits{MaxZipRatio: 10}})
	var ie *content.InputError
	require.ErrorAs(t, err, &ie)
}

func TestOfficeTruncated(t *testing.T) {
	for name := range mainPartOf {
		src := extracttest.Fixture(t, name)
		for _, n := range []int{0, 10, len(src) / 2, len(src) - 10} {
			_, err := extractOffice(t, name, src[:n], nil)
			extracttest.RequireInputError(t, err, content.RuleUnreadable, "zip")
		}
	}
}

func TestOfficeXMLSafety(t *testing.T) {
	entity := `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body><office:text><text:p xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">&b;</text:p></office:text></office:body></office:document-content>`
	_, err := ODT("x.odt", extracttest.ZipOf(t, "content.xml", entity), nil)
	extracttest.RequireInputError(t, err, content.RuleUnreadable, "entities")

	// an undeclared entity is a syntax error, not expanded or dropped
	undeclared := `<?xml version="1.0"?><x>&b;</x>`
	_, err = ODT("x.odt", extracttest.ZipOf(t, "content.xml", undeclared), nil)
	extracttest.RequireInputError(t, err, content.RuleUnreadable, "content.xml")

	deep := `<?xml version="1.0"?>` + strings.Repeat("<a>", 50) + strings.Repeat("</a>", 50)
	_, err = ODT("x.odt", extracttest.ZipOf(t, "content.xml", deep), &shared.Options{Limits: shared.Limits{MaxXMLDepth: 20}})
	extracttest.RequireInputError(t, err, content.RuleUnreadable, "deeper than 20")

	_, err = DOCX("x.docx", extracttest.ZipOf(t, "word/document.xml", "<w:document"), nil)
	extracttest.RequireInputError(t, err, content.RuleUnreadable, "word/document.xml")

	_, err = PPTX("x.pptx", extracttest.ZipOf(t, "other.xml", "<x/>"), nil)
	extracttest.RequireInputError(t, err, content.RuleUnreadable, "ppt/presentation.xml")
}

// TestOfficeBrokenSlide: a broken slide is a note; the other slides are
// still extracted.
func TestOfficeBrokenSlide(t *testing.T) {
	src := extracttest.Fixture(t, "deck.pptx")
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
	doc, err := PPTX("x.pptx", extracttest.ZipOf(t, files...), nil)
	require.NoError(t, err)
	require.Len(t, doc.Notes, 1)
	assert.Equal(t, "slide 1", doc.Notes[0].Loc)
	assert.Contains(t, doc.Notes[0].Message, "ppt/slides/slide5.xml")
	assert.Equal(t, "slide 2", doc.Blocks[0].Loc)
}
