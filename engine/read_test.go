package engine

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/extract"
	"github.com/msglint/msglint/lint"
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
		fn := func(rel string, src []byte, _ *extract.Options) (*lint.Document, error) {
			got = len(src)
			return &lint.Document{}, nil
		}
		_, err := readAndExtract(p, "f.md", fn, &extract.Options{Limits: extract.Limits{MaxFileSize: 100}})
		if tc.tooBig {
			var ie *lint.InputError
			require.True(t, errors.As(err, &ie), "size %d: %v", tc.size, err)
			require.Equal(t, lint.RuleTooLarge, ie.Rule)
			require.Contains(t, err.Error(), "over the 100-byte limit")
			continue
		}
		require.NoError(t, err)
		require.Equal(t, tc.size, got)
	}
	_, err := readAndExtract(filepath.Join(dir, "missing.md"), "missing.md", nil, &extract.Options{Limits: extract.DefaultLimits})
	require.Error(t, err)
}

// TestOpenFileLikeOSOpen: openFile's errors and reads are os.Open's.
func TestOpenFileLikeOSOpen(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	require.NoError(t, os.WriteFile(p, []byte("hello"), 0o644))
	for _, path := range []string{filepath.Join(dir, "missing.md"), filepath.Join(dir, "a.md", "x"), dir, p} {
		f1, err1 := os.Open(path)
		f2, err2 := openFile(path)
		if err1 != nil {
			require.Error(t, err2, path)
			require.Equal(t, err1.Error(), err2.Error())
			require.True(t, errors.Is(err2, os.ErrNotExist) == errors.Is(err1, os.ErrNotExist))
			continue
		}
		require.NoError(t, err2, path)
		b1 := make([]byte, 16)
		b2 := make([]byte, 16)
		n1, e1 := f1.Read(b1)
		n2, e2 := f2.Read(b2)
		require.Equal(t, n1, n2, path)
		require.Equal(t, b1[:n1], b2[:n2], path)
		require.Equal(t, e1 == nil, e2 == nil, path)
		if e1 != nil {
			require.Equal(t, e1.Error(), e2.Error(), path)
		}
		require.NoError(t, f1.Close())
		require.NoError(t, f2.Close())
	}
}
