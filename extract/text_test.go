package extract

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/lint"
)

func TestTextGolden(t *testing.T) { runGolden(t, "text", ".txt", Text) }

func TestTextParagraphs(t *testing.T) {
	src := "  One\r\n two  \r\n\r\n \t \nThree\n"
	d, err := Text("a.txt", []byte(src), nil)
	require.NoError(t, err)
	require.NoError(t, checkSegs(d))
	assert.Equal(t, lint.FormatText, d.Format)
	require.Len(t, d.Blocks, 2)
	assert.Equal(t, lint.Block{Scope: lint.ScopeParagraph, Text: "One two",
		Segs: []lint.Seg{{T: 0, TN: 3, S: 2, SN: 3}, {T: 4, TN: 3, S: 8, SN: 3}}}, d.Blocks[0])
	assert.Equal(t, "Three", d.Blocks[1].Text)
}

func FuzzExtractText(f *testing.F) {
	seedFiles(f, "text", "markdown")
	f.Add([]byte("a\r\n\r\nb\xff"))
	fuzzExtract(f, Text)
}

func BenchmarkExtractText(b *testing.B) {
	benchExtract(b, "testdata/text/plain.txt", Text)
}
