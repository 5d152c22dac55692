//go:build unix

package atomicfile

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMain doubles as the helper process of TestSignalRemovesTemp: with
// ATOMICFILE_SIGNAL_HELPER set to a folder, it starts a write there that
// never ends and waits for a signal.
func TestMain(m *testing.M) {
	if dir := os.Getenv("ATOMICFILE_SIGNAL_HELPER"); dir != "" {
		CleanupOnSignal()
		_ = Write(filepath.Join(dir, "page.md"), func(w io.Writer) error {
			fmt.Println("ready")
			select {}
		}, Options{Prefix: ".msglint-fix-"})
		os.Exit(3)
	}
	os.Exit(m.Run())
}

func TestSignalRemovesTemp(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "page.md"), []byte("old"), 0o644))
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), "ATOMICFILE_SIGNAL_HELPER="+dir)
			out, err := cmd.StdoutPipe()
			require.NoError(t, err)
			require.NoError(t, cmd.Start())
			line, err := bufio.NewReader(out).ReadString('\n')
			require.NoError(t, err)
			require.Equal(t, "ready\n", line)
			tmps, _ := filepath.Glob(filepath.Join(dir, ".msglint-fix-*.tmp"))
			require.Len(t, tmps, 1, "the temporary file exists while writing")

			require.NoError(t, cmd.Process.Signal(sig))
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				cmd.Process.Kill()
				t.Fatal("the helper did not exit on the signal")
			}
			var ee *exec.ExitError
			require.ErrorAs(t, err, &ee)
			ws := ee.Sys().(syscall.WaitStatus)
			assert.True(t, ws.Signaled() && ws.Signal() == sig, "ended by %v: %v", sig, ws)
			tmps, _ = filepath.Glob(filepath.Join(dir, ".msglint-*"))
			assert.Empty(t, tmps, "temporary file left behind")
			b, _ := os.ReadFile(filepath.Join(dir, "page.md"))
			assert.Equal(t, "old", string(b))
		})
	}
}

func TestCleanupStopsLaterWrites(t *testing.T) {
	defer func() { live.Lock(); live.closed = false; live.Unlock() }()
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	var removed []string
	err := Write(p, func(w io.Writer) error {
		removed = Cleanup()
		return nil
	}, Options{})
	require.Error(t, err, "the rename of a removed temporary file fails")
	assert.Len(t, removed, 1)
	assert.Empty(t, leftovers(t, dir))
	assert.ErrorContains(t, WriteBytes(p, []byte("x"), Options{}), "interrupted")
	assert.NoFileExists(t, p)
}
