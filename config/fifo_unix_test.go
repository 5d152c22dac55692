//go:build unix

package config

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A config, extends or glossary path that is a FIFO (or a device) is a
// config error naming it, at once: nothing waits for a writer.
func TestConfigNotRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.yaml")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))
	cfg := filepath.Join(dir, "msglint.yaml")
	tests := []struct{ path, body, want string }{
		{fifo, "", fifo + ": cannot read config: is a FIFO, not a regular file"},
		{cfg, "version: 1\nextends: [fifo.yaml]\n", `cannot read extends file "` + fifo + `": is a FIFO, not a regular file`},
		{cfg, "version: 1\nglossary: [fifo.yaml]\n", `cannot read glossary file "` + fifo + `": is a FIFO, not a regular file`},
		{cfg, "version: 1\nglossary: [/dev/zero]\n", `cannot read glossary file "/dev/zero": is a character device, not a regular file`},
	}
	for _, tt := range tests {
		if tt.body != "" {
			wr(t, cfg, tt.body)
		}
		done := make(chan error, 1)
		go func() { _, err := Load(tt.path, LoadOptions{}); done <- err }()
		select {
		case err := <-done:
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		case <-time.After(5 * time.Second):
			t.Fatalf("loading %s hangs", tt.body)
		}
	}
}
