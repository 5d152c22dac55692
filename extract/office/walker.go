package office

import (
	"strings"

	"github.com/msglint/msglint/content"
)

// paraWalker is the one paragraph walker of the word-processing formats:
// DOCX (docxWalker) and ODF (odfWalker: ODT bodies, headers, footers and
// notes, and the text frames of ODP slides) embed it. It owns the blocks
// collected so far, the heading in force and the forced scope, and turns
// one paragraph into one block; what differs between the formats (which
// elements hold paragraphs and tables, how runs are read, white space,
// heading styles) is the embedding walker's, reached through paraSyntax.
type paraWalker struct {
	syntax  paraSyntax
	blocks  []content.Block
	heading string // text of the last body heading, given to the blocks after it
	fixed   string // scope forced for all paragraphs (header, footer, footnote, notes)
}

// paraSyntax is what a format tells the paragraph walker.
type paraSyntax interface {
	// inline writes the text of paragraph p to b; text boxes met on the
	// way are walked as blocks of their own, after p's.
	inline(p *xnode, b *strings.Builder)
	// clean turns the collected text into the block's text.
	clean(s string) string
	// isHeading reports whether body paragraph p is a heading.
	isHeading(p *xnode) bool
}

// take returns the blocks collected so far and resets the walker for
// the next part (the heading in force is kept).
func (w *paraWalker) take() []content.Block {
	b := w.blocks
	w.blocks, w.fixed = nil, ""
	return b
}

// para appends paragraph p as a block of this scope (or the forced
// scope). Its slot is taken before its text is read, so that text boxes
// inside it come after it. A body paragraph that is a heading becomes a
// ScopeHeading block and the heading in force; other unforced blocks
// carry the heading in force.
func (w *paraWalker) para(p *xnode, scope string) {
	if w.fixed != "" {
		scope = w.fixed
	}
	idx := len(w.blocks)
	w.blocks = append(w.blocks, content.Block{})
	var b strings.Builder
	w.syntax.inline(p, &b)
	text := w.syntax.clean(b.String())
	bl := content.Block{Scope: scope, Text: text}
	if w.fixed == "" {
		if scope == content.ScopeParagraph && w.syntax.isHeading(p) {
			bl.Scope = content.ScopeHeading
			if text != "" {
				w.heading = text
			}
		} else {
			bl.Heading = w.heading
		}
	}
	w.blocks[idx] = bl
}
