package project

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

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
