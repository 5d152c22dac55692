//go:build unix

package safeopen

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// A FIFO with no writer is refused at once by both entry points (OpenRegular
// opens it without blocking, then sees its type).
func TestOpenFIFO(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pipe.md")
	require.NoError(t, syscall.Mkfifo(p, 0o644))
	for _, open := range []func(string) error{
		func(p string) error { _, _, err := Open(p); return err },
		func(p string) error { _, _, err := OpenRegular(p); return err },
	} {
		done := make(chan error, 1)
		go func() { done <- open(p) }()
		select {
		case err := <-done:
			require.ErrorIs(t, err, ErrNotRegular)
			require.Contains(t, err.Error(), "a FIFO")
		case <-time.After(5 * time.Second):
			t.Fatal("opening a FIFO blocked")
		}
	}
}
