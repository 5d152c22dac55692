package safetext

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestString(t *testing.T) {
	for in, want := range map[string]string{
		"plain text, é, 漢字, emoji 🙂\tand a tab": "plain text, é, 漢字, emoji 🙂\tand a tab",
		"\x1b]0;title\x07":                    `\x1b]0;title\x07`,
		"\x1b[2J clear":                       `\x1b[2J clear`,
		"\x1b]52;c;cHduZWQ=\x07":              `\x1b]52;c;cHduZWQ=\x07`,
		"a\r::add-mask::x":                    `a\r::add-mask::x`,
		"a\n::error::x":                       `a\n::error::x`,
		"nul\x00del\x7f":                      `nul\x00del\x7f`,
		"c1 \u009b31m csi":                    `c1 \u009b31m csi`,
		"line\u2028sep\u2029":                 `line\u2028sep\u2029`,
		"bidi \u202eevil\u202c \u2066x\u2069": `bidi \u202eevil\u202c \u2066x\u2069`,
		"bad \xff utf8":                       "bad \uFFFD utf8",
	} {
		assert.Equal(t, want, String(in), "%q", in)
		assert.Equal(t, want != in, Needs(in), "%q", in)
	}
}

func TestWriter(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b)
	msg := "line 1 \x1b[31mred\n\tline 2\r::warning::x é"
	// byte by byte: split UTF-8 sequences stay whole
	for i := range len(msg) {
		n, err := w.Write([]byte{msg[i]})
		require.NoError(t, err)
		require.Equal(t, 1, n)
	}
	require.NoError(t, w.Flush())
	assert.Equal(t, "line 1 \\x1b[31mred\n\tline 2\\r::warning::x é", b.String())
	w.Write([]byte("\xc3"))
	require.NoError(t, w.Flush())
	assert.True(t, bytes.HasSuffix(b.Bytes(), []byte("\uFFFD")))
}

func TestNoCommand(t *testing.T) {
	for in, want := range map[string]string{
		"a::b":                  "a::b",
		"::error title=X::x.md": `\x3a:error title=X::x.md`,
		"    \t::add-mask::x":   "    \t\\x3a:add-mask::x",
		":single":               ":single",
		"":                      "",
	} {
		assert.Equal(t, want, NoCommand(in), "%q", in)
	}
}

func TestWriterNoCommand(t *testing.T) {
	for in, want := range map[string]string{
		"::error::x\n  ::add-mask::y\nok: a::b\n:single\n::": `\x3a:error::x` + "\n  " + `\x3a:add-mask::y` + "\nok: a::b\n:single\n" + `\x3a:`,
		"a\r::warning::x\n": `a\r::warning::x` + "\n",
		":":                 ":",
	} {
		// whole, and byte by byte
		var whole, bytewise bytes.Buffer
		w := NewWriter(&whole)
		_, err := w.Write([]byte(in))
		require.NoError(t, err)
		require.NoError(t, w.Flush())
		w = NewWriter(&bytewise)
		for i := range len(in) {
			_, err := w.Write([]byte{in[i]})
			require.NoError(t, err)
		}
		require.NoError(t, w.Flush())
		assert.Equal(t, want, whole.String(), "%q", in)
		assert.Equal(t, want, bytewise.String(), "%q byte by byte", in)
	}
}
