// Package golden compares test output with checked-in golden files.
// Run `UPDATE_GOLDEN=1 go test ./...` to rewrite them.
package golden

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// Update reports whether goldens are being rewritten.
func Update() bool { return os.Getenv("UPDATE_GOLDEN") != "" }

// Check compares got with the file at path (creating or rewriting it when
// UPDATE_GOLDEN is set).
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if Update() {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run with UPDATE_GOLDEN=1")
	require.Equal(t, string(want), string(got), "golden mismatch for %s (UPDATE_GOLDEN=1 rewrites)", path)
}
