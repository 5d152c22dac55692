// Package office extracts the office formats: PPTX and ODP (slides,
// speaker notes), DOCX and ODT (paragraphs, tables, headers, footers,
// notes). The archives are read within the Limits (zip.go, xml.go); DOCX
// and ODT share one paragraph walker (walker.go).
//
// Blocks: one block per non-empty paragraph (a slide title is one block,
// its paragraphs joined by a space). Soft line breaks become a space, tabs
// stay tabs, and text runs split by formatting are concatenated, so
// "Acme Cl" + "oudSync" reads "Acme CloudSync". Block text is trimmed.
//
// Failures: a corrupt archive or main part is input/unreadable (an
// InputError); a limit is input/too-large and aborts the file; a broken
// secondary part (one slide, a footer) becomes a Note of input/unreadable
// and the rest of the file is still checked.
package office

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/shared"
)

// cleanText trims a paragraph's text.
func cleanText(s string) string {
	return strings.TrimFunc(s, unicode.IsSpace)
}

// partNote records a broken secondary part.
func partNote(doc *content.Document, loc string, err error) {
	doc.Notes = append(doc.Notes, content.Note{Rule: content.RuleUnreadable, Message: "skipped unreadable part: " + err.Error(), Offset: -1, Loc: loc})
}

// notesDirective reads a speaker-notes paragraph "msglint-disable RULE..."
// (no RULE = all rules) as a directive covering the slide and its notes.
func notesDirective(text string, slide int) (content.Directive, bool) {
	kind, rules, ok := shared.ParseDirective(text)
	if !ok || kind != "disable" {
		return content.Directive{}, false
	}
	return content.Directive{Kind: "disable-loc", Rules: rules, Loc: slideLoc(slide)}, true
}

func slideLoc(n int) string { return fmt.Sprintf("slide %d", n) }

// drawingParaText returns the text of a DrawingML paragraph <a:p>.
func drawingParaText(p *xnode) string {
	var b strings.Builder
	for _, k := range p.kids() {
		switch k.Local {
		case "r", "fld":
			if typ := k.attr("type"); typ == "slidenum" || strings.HasPrefix(typ, "datetime") {
				continue // slide numbers and dates are not prose
			}
			if t := k.child("t"); t != nil {
				writeChars(&b, t)
			}
		case "br":
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// writeChars writes the character data directly inside n.
func writeChars(b *strings.Builder, n *xnode) {
	for _, k := range n.Kids {
		if k.Local == "" {
			b.WriteString(k.Text)
		}
	}
}
