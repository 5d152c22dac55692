package safeopen

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestOpenRegular(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.md")
	require.NoError(t, os.WriteFile(p, []byte("hello"), 0o644))
	f, fi, err := Open(p)
	require.NoError(t, err)
	defer f.Close()
	require.EqualValues(t, 5, fi.Size())
	b := make([]byte, 10)
	n, err := f.Read(b)
	require.NoError(t, err)
	require.Equal(t, "hello", string(b[:n]))
}

func TestOpenRefusesFolder(t *testing.T) {
	dir := t.TempDir()
	_, _, err := Open(dir)
	require.ErrorIs(t, err, ErrNotRegular)
	require.Contains(t, err.Error(), "a folder")
	_, _, err = OpenRegular(dir)
	require.ErrorIs(t, err, ErrNotRegular)
}

func TestOpenRefusesDevice(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no /dev/null")
	}
	_, _, err := Open("/dev/null")
	require.ErrorIs(t, err, ErrNotRegular)
	require.Contains(t, err.Error(), "/dev/null: not a regular file (a character device)")
}

func TestOpenMissing(t *testing.T) {
	_, _, err := Open(filepath.Join(t.TempDir(), "nope"))
	require.True(t, errors.Is(err, os.ErrNotExist))
}

func TestReadFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.md")
	require.NoError(t, os.WriteFile(p, []byte("hello"), 0o644))
	b, err := ReadFile(p, 5)
	require.NoError(t, err)
	require.Equal(t, "hello", string(b))
	_, err = ReadFile(p, 4)
	require.ErrorContains(t, err, "larger than 4 bytes")
	require.ErrorIs(t, err, ErrTooLarge)
	_, err = ReadFile(filepath.Dir(p), 10)
	require.ErrorIs(t, err, ErrNotRegular)
}
