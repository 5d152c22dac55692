//go:build !unix

package atomicfile

import (
	"io/fs"
	"os"
)

func keepOwner(tmp *os.File, orig fs.FileInfo) error { return nil }

func reraise(sig os.Signal) { os.Exit(1) }
