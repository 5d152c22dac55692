package office

import (
	"testing"

	"github.com/msglint/msglint/extract/internal/extracttest"
	"github.com/msglint/msglint/extract/internal/shared"
)

// FuzzOfficeNesting puts the nested text in the main part of each office
// format (the rest of the package is missing, which the extractors must
// survive too) and in a body element.
func FuzzOfficeNesting(f *testing.F) {
	extracttest.AddNestingSeeds(f)
	f.Fuzz(func(t *testing.T, open, middle, close string, depth, count uint16) {
		body := extracttest.Nested(open, middle, close, depth, count, extracttest.FuzzNestLen)
		for name, main := range mainPartOf {
			for _, xml := range []string{
				`<?xml version="1.0"?>` + body,
				`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `</w:body></w:document>`,
				`<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body><office:text>` + body + `</office:text></office:body></office:document-content>`,
			} {
				_, err := extractOffice(t, name, extracttest.ZipOf(t, main, xml), &shared.Options{Limits: extracttest.FuzzLimits})
				extracttest.RequireInputErr(t, err)
			}
		}
	})
}
