package officegen

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFilesWellFormed: every generated archive is a readable zip whose
// XML parts are well-formed, and building twice gives the same bytes.
func TestFilesWellFormed(t *testing.T) {
	for _, f := range append(append([]File{}, Fixtures...), Examples...) {
		t.Run(f.Name, func(t *testing.T) {
			a, err := f.Build()
			require.NoError(t, err)
			b, err := f.Build()
			require.NoError(t, err)
			assert.True(t, bytes.Equal(a, b), "not deterministic")
			if bytes.HasPrefix(a, []byte("%PDF")) {
				checkPDF(t, a)
				return
			}
			zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
			require.NoError(t, err)
			for _, zf := range zr.File {
				rc, err := zf.Open()
				require.NoError(t, err)
				data, err := io.ReadAll(rc)
				require.NoError(t, err)
				if zf.Name == "mimetype" {
					assert.Equal(t, zip.Store, zf.Method)
					continue
				}
				d := xml.NewDecoder(bytes.NewReader(data))
				for {
					_, err := d.Token()
					if err == io.EOF {
						break
					}
					require.NoError(t, err, zf.Name)
				}
			}
		})
	}
}

// checkPDF verifies that every xref offset points at its object.
func checkPDF(t *testing.T, b []byte) {
	m := regexp.MustCompile(`startxref\n(\d+)\n`).FindSubmatch(b)
	require.NotNil(t, m)
	x, _ := strconv.Atoi(string(m[1]))
	require.True(t, bytes.HasPrefix(b[x:], []byte("xref\n")))
	rows := regexp.MustCompile(`(\d{10}) 00000 n `).FindAllSubmatch(b[x:], -1)
	require.NotEmpty(t, rows)
	for i, r := range rows {
		off, _ := strconv.Atoi(string(r[1]))
		assert.True(t, bytes.HasPrefix(b[off:], []byte(fmt.Sprintf("%d 0 obj", i+1))), "object %d", i+1)
	}
}

func TestPDFString(t *testing.T) {
	assert.Equal(t, `a\(b\)\\ \222`, pdfString(`a(b)\ ’`))
}
