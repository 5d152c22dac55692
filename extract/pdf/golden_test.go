package pdf

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/extract/internal/extracttest"
	"github.com/msglint/msglint/extract/internal/shared"
	"github.com/msglint/msglint/internal/golden"
	"github.com/msglint/msglint/internal/officegen"
)

// TestPDFGolden extracts the generated PDF fixtures (testdata/fixtures).
func TestPDFGolden(t *testing.T) {
	t.Setenv(BackendEnv, BackendGo)
	for _, f := range officegen.Fixtures {
		if filepath.Ext(f.Name) != ".pdf" {
			continue // office formats: extract/office
		}
		t.Run(f.Name, func(t *testing.T) {
			src := extracttest.Fixture(t, f.Name)
			doc, err := Extract(f.Name, src, nil)
			golden.Check(t, filepath.Join(extracttest.FixtureDir, f.Name+".blocks.golden"), []byte(extracttest.DumpResult(doc, err)))
		})
	}
}

func TestPDFExamples(t *testing.T) {
	t.Setenv(BackendEnv, BackendGo)
	for _, f := range officegen.Examples {
		if !strings.HasSuffix(f.Name, ".pdf") {
			continue // office formats: extract/office
		}
		src, err := f.Build()
		require.NoError(t, err)
		doc, err := Extract(f.Name, src, nil)
		require.NoError(t, err, f.Name)
		all := shared.Dump(doc)
		assert.Contains(t, all, "40% higher win rates", f.Name)
		assert.Contains(t, all, "CloudSync", f.Name)
		assert.Empty(t, doc.Notes, f.Name)
	}
}
