package markup

import (
	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/shared"
)

// Text extracts a plain-text file: paragraphs are separated by blank lines
// (white space only); inside a paragraph each line is trimmed and line
// breaks become a synthetic space. Every other byte maps exactly (invalid
// UTF-8 bytes become U+FFFD with atomic Segs, see markdown.go).
func Text(path string, src []byte, opts *shared.Options) (doc *content.Document, err error) {
	defer recoverInput(&doc, &err)
	doc = &content.Document{Path: path, Format: content.FormatText, Src: src}
	start, err := prepare(doc, src)
	if err != nil {
		return nil, err
	}
	budget := shared.BudgetOf(opts)
	budget.Scan(len(src))
	plainParagraphs(doc, src, start, budget)
	return doc, nil
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}
