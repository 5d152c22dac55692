//go:build unix

package engine

import (
	"os"
	"syscall"
)

// openFile opens abs for reading like os.Open, without os.Open's attempt to
// register the descriptor with the runtime's poller, which for a regular
// file costs four fcntl calls and a failing epoll_ctl on Linux: a fifth of
// the system calls of a big run.
func openFile(abs string) (*os.File, error) {
	for {
		fd, err := syscall.Open(abs, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &os.PathError{Op: "open", Path: abs, Err: err}
		}
		return os.NewFile(uintptr(fd), abs), nil
	}
}
