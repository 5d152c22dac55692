package office

import (
	"testing"

	"github.com/msglint/msglint/extract/internal/extracttest"
)

func FuzzExtractPPTX(f *testing.F) { extracttest.FuzzFixtures(f, "x.pptx", PPTX, true) }
func FuzzExtractDOCX(f *testing.F) { extracttest.FuzzFixtures(f, "x.docx", DOCX, true) }
func FuzzExtractODP(f *testing.F)  { extracttest.FuzzFixtures(f, "x.odp", ODP, true) }
func FuzzExtractODT(f *testing.F)  { extracttest.FuzzFixtures(f, "x.odt", ODT, true) }
