//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package cache

import (
	"os"
	"syscall"
)

// StatOf returns fi's FileStat (false: the system does not say enough
// for the fast path).
func StatOf(fi os.FileInfo) (FileStat, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return FileStat{}, false
	}
	ctimeSec, ctimeNsec := ctime(st)
	return FileStat{Size: fi.Size(), Mtime: fi.ModTime().UnixNano(), Ctime: ctimeSec*1e9 + ctimeNsec,
		Ino: uint64(st.Ino), Dev: uint64(st.Dev)}, true
}
