package atomicfile

import (
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// live holds the temporary files being written, for the signal handler.
var live = struct {
	sync.Mutex
	names  map[string]bool
	closed bool // the process is exiting on a signal: no new file
}{names: map[string]bool{}}

// create makes the temporary file and records it.
func create(dir, pattern string) (*os.File, error) {
	live.Lock()
	defer live.Unlock()
	if live.closed {
		return nil, &os.PathError{Op: "create", Path: dir, Err: errInterrupted}
	}
	f, err := os.CreateTemp(dir, pattern)
	if err == nil {
		live.names[f.Name()] = true
	}
	return f, err
}

// forget drops a temporary file from the record (renamed or removed).
func forget(name string) {
	live.Lock()
	delete(live.names, name)
	live.Unlock()
}

type interrupted struct{}

func (interrupted) Error() string { return "interrupted" }

var errInterrupted error = interrupted{}

// Cleanup removes every temporary file being written and makes later
// writes fail. It returns the names removed.
func Cleanup() []string {
	live.Lock()
	defer live.Unlock()
	live.closed = true
	var out []string
	for name := range live.names {
		if os.Remove(name) == nil {
			out = append(out, name)
		}
		delete(live.names, name)
	}
	return out
}

// CleanupOnSignal makes SIGINT and SIGTERM remove the temporary files
// being written before the process ends the way the signal would have
// ended it. Call it once, from main; stop undoes it.
func CleanupOnSignal() (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			Cleanup()
			signal.Reset(os.Interrupt, syscall.SIGTERM)
			reraise(sig)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}
