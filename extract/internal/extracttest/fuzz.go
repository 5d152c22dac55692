package extracttest

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/shared"
	"github.com/msglint/msglint/internal/officegen"
)

// storedCopy repacks an archive without compression, so the fuzzer can
// mutate the XML itself.
func storedCopy(t testing.TB, src []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		_, _ = b.ReadFrom(rc)
		_, _ = w.Write(b.Bytes())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzFixtures is the fuzz body of the office and PDF extractors: seeds
// are the generated fixtures with fixture's extension (archives also
// repacked uncompressed, and small element bombs in the main part); every
// result must be an error that is not a recovered panic, or blocks with
// text and a location and no Segs (valid UTF-8 for archives), and notes of
// input/unreadable or input/encoding only.
func FuzzFixtures(f *testing.F, fixture string, fn shared.Func, archive bool) {
	for _, fx := range officegen.Fixtures {
		if strings.HasSuffix(fx.Name, fixture[strings.LastIndex(fixture, "."):]) {
			b, err := fx.Build()
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
			if archive {
				f.Add(storedCopy(f, b))
			}
		}
	}
	// element bombs in the main part (issue 16), small
	main := map[string]string{".pptx": "ppt/presentation.xml", ".docx": "word/document.xml", ".odp": "content.xml", ".odt": "content.xml"}[fixture[strings.LastIndex(fixture, "."):]]
	if main != "" {
		f.Add(ZipOf(f, main, `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`+
			strings.Repeat("<w:p/>", 30000)+`</w:body></w:document>`))
		f.Add(ZipOf(f, main, `<?xml version="1.0"?><x>`+strings.Repeat("<p>", 100)+strings.Repeat("</p>", 100)+`</x>`))
	}
	opts := &shared.Options{Limits: shared.Limits{MaxFileSize: 1 << 20, MaxZipTotal: 8 << 20, MaxZipEntries: 200, MaxZipRatio: 200, MaxXMLDepth: 64, MaxElements: 20000}}
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := fn("f"+fixture, src, opts)
		if err != nil {
			if strings.HasPrefix(err.Error(), "internal error") {
				t.Fatalf("recovered panic: %v", err)
			}
			return
		}
		for _, b := range doc.Blocks {
			if b.Text == "" || b.Loc == "" || len(b.Segs) != 0 {
				t.Fatalf("bad block %+v", b)
			}
			if archive && !utf8.ValidString(b.Text) {
				t.Fatalf("invalid UTF-8 %q", b.Text)
			}
		}
		for _, n := range doc.Notes {
			if n.Rule != content.RuleUnreadable && n.Rule != content.RuleEncoding {
				t.Fatalf("bad note %+v", n)
			}
		}
	})
}
