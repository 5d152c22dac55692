// Package extracttest holds the test helpers the extractor packages of
// several kinds share (extract/office and extract/pdf read the generated
// fixtures of internal/officegen; extract/markup and extract/office run
// the nesting fuzz targets): fixture loading, zip building, input-error
// assertions, the fixture-seeded fuzz body and the nesting reproducers.
// Only tests import it.
package extracttest

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/shared"
	"github.com/msglint/msglint/internal/officegen"
)

// FixtureDir is where a package's generated fixtures are checked in,
// relative to the package (go test runs in the package's folder).
const FixtureDir = "testdata/fixtures"

// Fixture returns a generated fixture's bytes, checking that the
// checked-in copy (in FixtureDir) is current.
func Fixture(t testing.TB, name string) []byte {
	t.Helper()
	for _, f := range officegen.Fixtures {
		if f.Name != name {
			continue
		}
		b, err := f.Build()
		require.NoError(t, err)
		disk, err := os.ReadFile(filepath.Join(FixtureDir, name))
		require.NoError(t, err)
		require.True(t, bytes.Equal(b, disk), "%s is stale: run go run ./cmd/gen-fixtures -fixtures extract", name)
		return b
	}
	t.Fatalf("no fixture %s", name)
	return nil
}

// DumpResult renders a document or an extraction error for goldens.
func DumpResult(doc *content.Document, err error) string {
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

// ZipOf builds an archive from name/content pairs.
func ZipOf(t testing.TB, files ...string) []byte {
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

// RequireInputError fails unless err is an InputError of this rule whose
// message contains contains.
func RequireInputError(t *testing.T, err error, rule, contains string) {
	t.Helper()
	var ie *content.InputError
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, rule, ie.Rule)
	assert.Contains(t, ie.Error(), contains)
}
