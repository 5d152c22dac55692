package cache

import (
	"crypto/sha256"
	"io"
	"os"
	"runtime/debug"
	"sync"
)

// BuildID identifies the running binary: a hash of the executable's
// bytes, or when it cannot be read, of its build information (module
// versions and VCS revision). Entries of another build are never used:
// a rule changed between two builds gives other findings.
var BuildID = sync.OnceValue(func() string {
	h := sha256.New()
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			_, err = io.Copy(h, f)
			f.Close()
			if err == nil {
				return string(h.Sum(nil))
			}
			h.Reset()
		}
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		io.WriteString(h, bi.String())
	}
	return string(h.Sum(nil))
})
