package office

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/extracttest"
	"github.com/msglint/msglint/extract/internal/shared"
)

// The node budget counts over all the parts of an office file: every
// fixture passes at the default and fails at a budget of 20 nodes.
func TestOfficeElementBudget(t *testing.T) {
	for name, main := range mainPartOf {
		t.Run(name, func(t *testing.T) {
			src := extracttest.Fixture(t, name)
			_, err := extractOffice(t, name, src, nil)
			require.NoError(t, err)
			_, err = extractOffice(t, name, src, &shared.Options{Limits: shared.Limits{MaxElements: 20}})
			extracttest.RequireInputError(t, err, content.RuleTooLarge, "more than 20 XML nodes in the file; skipped (to check it anyway, raise limits.max_elements: 20 in msglint.yaml)")

			// an element bomb in the main part, inside the zip limits
			bomb := extracttest.ZipOf(t, main, `<?xml version="1.0"?><x>`+strings.Repeat("<p/>", 2000)+`</x>`)
			_, err = extractOffice(t, name, bomb, &shared.Options{Limits: shared.Limits{MaxElements: 1000}})
			extracttest.RequireInputError(t, err, content.RuleTooLarge, "limits.max_elements: 1000 ")
		})
	}
}

// A part streamed from the archive still meets the ratio limit, counted
// while reading, when its header lies about its size.
func TestOfficeStreamedRatio(t *testing.T) {
	for name, main := range mainPartOf {
		bomb := extracttest.ZipOf(t, main, `<?xml version="1.0"?><x>`+strings.Repeat("<p/>", 200_000)+`</x>`)
		_, err := extractOffice(t, name, bomb, &shared.Options{Limits: shared.Limits{MaxZipRatio: 50}})
		extracttest.RequireInputError(t, err, content.RuleTooLarge, "limits.max_zip_ratio: 50 ")
	}
}
