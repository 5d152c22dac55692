// Package officegen builds small PPTX, DOCX, ODP, ODT and PDF files from a
// content description, for tests and examples. The parts follow the
// structure PowerPoint, Word and LibreOffice write (content types,
// relationships, masters, themes, styles, manifest), kept minimal.
//
// Paragraph text markup: "|" splits the text into runs whose formatting
// alternates (plain, bold, plain...), so "Acme Cloud|Sync" stores the name
// across two runs; "\n" is a soft line break and "\t" a tab.
package officegen

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"strings"
)

// Deck is a presentation.
type Deck struct {
	Title  string
	Slides []Slide
	// ReverseFiles stores slide N of M as slide(M-N+1).xml, so file-name
	// order differs from presentation order.
	ReverseFiles bool
}

// Slide is one slide.
type Slide struct {
	Title  string
	Hidden bool
	Shapes []Shape
	Notes  []string // speaker-notes paragraphs
}

// Shape is one shape on a slide; set exactly one of its content fields.
type Shape struct {
	Paras    []string   // a text box (or body), one string a paragraph
	Table    [][]string // a table, rows of cells
	Group    []Shape    // a group of shapes
	SmartArt []string   // SmartArt nodes (PPTX data model; ODP: a group of shapes)
	// AltContent wraps a text box in mc:AlternateContent with an identical
	// mc:Fallback copy (PPTX; ignored by ODP).
	AltContent bool
}

// Doc is a word-processing document.
type Doc struct {
	Title  string
	Header []string
	Footer []string
	Body   []Para
}

// Para is a body paragraph (or, with Table set, a table).
type Para struct {
	Text     string
	Heading  int        // 1-3 for headings
	Ins      string     // tracked insertion appended after Text
	Del      string     // tracked deletion appended after Text (not in the visible text)
	Field    string     // a DATE field whose displayed result is Field
	Footnote string     // a footnote referenced at the end of the paragraph
	TextBox  []string   // a text box anchored in this paragraph
	Table    [][]string // a table instead of a paragraph
}

// runs splits paragraph markup into runs; each run is split into pieces
// separated by soft breaks and tabs.
func runs(s string) []string { return strings.Split(s, "|") }

func esc(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

type part struct {
	name string
	data string
}

// pack writes parts into a zip; mimetype (ODF) is stored first, uncompressed.
func pack(parts []part) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		h := &zip.FileHeader{Name: p.name, Method: zip.Deflate}
		if p.name == "mimetype" {
			h.Method = zip.Store
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(p.data)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// Namespaces.
const (
	nsA    = "http://schemas.openxmlformats.org/drawingml/2006/main"
	nsR    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsP    = "http://schemas.openxmlformats.org/presentationml/2006/main"
	nsW    = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsMC   = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	nsRels = "http://schemas.openxmlformats.org/package/2006/relationships"
	relT   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	nsCT   = "http://schemas.openxmlformats.org/package/2006/content-types"
)

type relDef struct{ id, typ, target string }

func relsXML(rs []relDef) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Relationships xmlns="` + nsRels + `">`)
	for _, r := range rs {
		b.WriteString(`<Relationship Id="` + r.id + `" Type="` + relT + r.typ + `" Target="` + esc(r.target) + `"/>`)
	}
	b.WriteString(`</Relationships>`)
	return b.String()
}

func coreXML(title string) string {
	return xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>` + esc(title) + `</dc:title><dc:creator>msglint officegen</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:created></cp:coreProperties>`
}

const rootRelsCore = `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>`

func rootRels(main string) string {
	return xmlHeader + `<Relationships xmlns="` + nsRels + `"><Relationship Id="rId1" Type="` + relT + `officeDocument" Target="` + main + `"/>` + rootRelsCore + `</Relationships>`
}
