//go:build unix

package discover

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func errsOf(r *Result) map[string]string {
	out := map[string]string{}
	for _, f := range r.Files {
		if f.Err != nil {
			out[f.Rel] = f.Err.Error()
		}
	}
	return out
}

// Special files are listed with an error (a finding later), never opened;
// special files of other kinds and symbolic links in a walk stay skipped.
func TestFindSpecialFiles(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{"a.md": "x"})
	require.NoError(t, syscall.Mkfifo(filepath.Join(root, "pipe.md"), 0o644))
	require.NoError(t, syscall.Mkfifo(filepath.Join(root, "pipe.bin"), 0o644))
	require.NoError(t, os.Symlink("loop.md", filepath.Join(root, "loop.md")))
	require.NoError(t, os.Symlink("a.md", filepath.Join(root, "link.md")))

	r, err := Find([]string{root}, Options{Root: root, Known: known})
	require.NoError(t, err)
	assert.Equal(t, []string{"a.md", "pipe.md"}, rels(r))
	assert.Equal(t, map[string]string{"pipe.md": "a FIFO, not a regular file; skipped"}, errsOf(r))
	assert.Equal(t, 3, r.Skipped, "pipe.bin, loop.md, link.md")

	// named on the command line: the FIFO (whatever its name) and the
	// link loop are findings; a link that resolves is skipped as before
	var named []string
	for _, n := range []string{"pipe.md", "pipe.bin", "loop.md", "link.md", "a.md"} {
		named = append(named, filepath.Join(root, n))
	}
	r, err = Find(named, Options{Root: root, Known: known})
	require.NoError(t, err)
	assert.Equal(t, []string{"a.md", "loop.md", "pipe.bin", "pipe.md"}, rels(r))
	assert.Equal(t, map[string]string{
		"pipe.md":  "a FIFO, not a regular file; skipped",
		"pipe.bin": "a FIFO, not a regular file; skipped",
		"loop.md":  "too many levels of symbolic links; skipped",
	}, errsOf(r))
	assert.Equal(t, 1, r.Skipped)
}

// A path longer than the system's limit (4,096 bytes on Linux) is a
// finding, not silently dropped.
func TestFindPathTooLong(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{"short.md": "x"})
	t.Chdir(root)
	name := strings.Repeat("d", 200)
	depth := 0
	for ; depth < 25; depth++ {
		require.NoError(t, os.Mkdir(name, 0o755))
		t.Chdir(name)
	}
	require.NoError(t, os.WriteFile("deep.md", []byte("x"), 0o644))
	r, err := Find([]string{root}, Options{Root: root, Known: known})
	require.NoError(t, err)
	require.Len(t, r.Files, 2)
	assert.Equal(t, "short.md", r.Files[1].Rel)
	deep := r.Files[0]
	assert.Greater(t, len(deep.Abs), 3800)
	require.Error(t, deep.Err)
	assert.Regexp(t, `^path is \d{4} bytes, longer than the system allows; skipped$`, deep.Err.Error())
}
