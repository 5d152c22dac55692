//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package cache

import "os"

// StatOf returns false: without an inode and a change time the fast path
// is not safe, and every file is read and hashed.
func StatOf(fi os.FileInfo) (FileStat, bool) { return FileStat{}, false }
