package markup

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/content"
)

func TestTextGolden(t *testing.T) { runGolden(t, "text", ".txt", Text) }

func TestTextParagraphs(t *testing.T) {
	src := "  One\r\n two  \r\n\r\n \t \nThree\n"
	d, err := Text("a.txt", []byte(src), nil)
	require.NoError(t, err)
	require.NoError(t, checkSegs(d))
	assert.Equal(t, content.FormatText, d.Format)
	require.Len(t, d.Blocks, 2)
	assert.Equal(t, content.Block{Scope: content.ScopeParagraph, Text: "One two",
		Segs: []content.Seg{{TextOff: 0, TextLen: 3, SrcOff: 2, SrcLen: 3}, {TextOff: 4, TextLen: 3, SrcOff: 8, SrcLen: 3}}}, d.Blocks[0])
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
