//go:build unix

package safeopen

import (
	"os"
	"syscall"
)

// openNonblock opens path read-only with O_NONBLOCK, so that opening a
// FIFO returns at once, then clears O_NONBLOCK (it changes nothing for a
// regular file, and a cleared flag keeps os.NewFile from registering the
// descriptor with the runtime's poller: for a regular file that would cost
// a failing epoll_ctl and fcntl calls on every open).
func openNonblock(path string) (*os.File, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &os.PathError{Op: "open", Path: path, Err: err}
		}
		if err := syscall.SetNonblock(fd, false); err != nil {
			syscall.Close(fd)
			return nil, &os.PathError{Op: "open", Path: path, Err: err}
		}
		return os.NewFile(uintptr(fd), path), nil
	}
}
