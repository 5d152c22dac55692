package project

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract"
)

func TestReadAndExtractSizeLimit(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		size   int
		tooBig bool
	}{
		{size: 0}, {size: 99}, {size: 100}, {size: 101, tooBig: true}, {size: 5000, tooBig: true},
	} {
		p := filepath.Join(dir, "f.md")
		require.NoError(t, os.WriteFile(p, make([]byte, tc.size), 0o644))
		var got int
		fn := func(rel string, src []byte, _ *extract.Options) (*content.Document, error) {
			got = len(src)
			return &content.Document{}, nil
		}
		_, err := readAndExtract(p, "f.md", fn, &extract.Options{Limits: extract.Limits{MaxFileSize: 100}})
		if tc.tooBig {
			var ie *content.InputError
			require.True(t, errors.As(err, &ie), "size %d: %v", tc.size, err)
			require.Equal(t, content.RuleTooLarge, ie.Rule)
			require.Contains(t, err.Error(), "over the 100-byte limit")
			continue
		}
		require.NoError(t, err)
		require.Equal(t, tc.size, got)
	}
	_, err := readAndExtract(filepath.Join(dir, "missing.md"), "missing.md", nil, &extract.Options{Limits: extract.DefaultLimits})
	require.Error(t, err)
}

// endless is a stream that never ends; it counts the bytes read from it.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	e.n += int64(len(p))
	return len(p), nil
}

func TestStdinInput(t *testing.T) {
	root := t.TempDir()
	xo := &extract.Options{Limits: extract.Limits{MaxFileSize: 100}}
	load := func(r io.Reader, name string) (string, *content.Document, error) {
		files := StdinInput(r, filepath.Join(root, name), InputOptions{Root: root, Extract: xo})
		require.Len(t, files.Inputs, 1)
		doc, err := files.Inputs[0].Load()
		return files.Inputs[0].Path, doc, err
	}
	for _, tc := range []struct {
		name, src, path, format string
	}{
		{"stdin.md", "Hello.", "stdin.md", content.FormatMarkdown},
		{"site/a.html", "<p>Hello.</p>", "site/a.html", content.FormatHTML},
		{"notes/b.TXT", "Hello.", "notes/b.TXT", content.FormatText},
		{"x.md", strings.Repeat("a", 100), "x.md", content.FormatMarkdown},
	} {
		path, doc, err := load(strings.NewReader(tc.src), tc.name)
		require.NoError(t, err, tc.name)
		require.Equal(t, tc.path, path)
		require.Equal(t, tc.format, doc.Format)
		require.Equal(t, tc.src, string(doc.Src))
	}

	// over the limit: a too-large finding, and the stream is read only one
	// byte past the limit, whatever its length
	e := &endless{}
	_, _, err := load(e, "big.md")
	var ie *content.InputError
	require.True(t, errors.As(err, &ie), "%v", err)
	require.Equal(t, content.RuleTooLarge, ie.Rule)
	require.Contains(t, err.Error(), "standard input is over the 100-byte limit")
	require.LessOrEqual(t, e.n, int64(101+512))

	// a read error is an unreadable finding
	_, _, err = load(iotest.ErrReader(errors.New("boom")), "c.md")
	require.True(t, errors.As(err, &ie), "%v", err)
	require.Equal(t, content.RuleUnreadable, ie.Rule)

	// a name outside the root keeps its path; a name of no known kind is
	// skipped
	out := StdinInput(strings.NewReader(""), "/elsewhere/a.md", InputOptions{Root: root, Extract: xo})
	require.Equal(t, "/elsewhere/a.md", out.Inputs[0].Path)
	require.Equal(t, &Files{Skipped: 1}, StdinInput(strings.NewReader(""), filepath.Join(root, "a.xyz"), InputOptions{Root: root, Extract: xo}))
}

func TestFileKind(t *testing.T) {
	for _, tc := range []struct {
		name           string
		known, fixable bool
	}{
		{"a.md", true, true}, {"b/c.HTML", true, true}, {"d.txt", true, true}, {"e.mdx", true, true},
		{"f.pptx", true, false}, {"g.pdf", true, false}, {"h.xyz", false, false}, {"stdin", false, false},
	} {
		known, fixable := FileKind(tc.name)
		require.Equal(t, tc.known, known, tc.name)
		require.Equal(t, tc.fixable, fixable, tc.name)
	}
}
