//go:build unix

package atomicfile

import (
	"io/fs"
	"os"
	"syscall"
	"time"
)

// keepOwner gives tmp the owner and group of orig when they differ (a
// file fixed by root stays its owner's). Without the right to (not root),
// it keeps what it can: the group when the user is in it, else nothing,
// as a plain rewrite would.
func keepOwner(tmp *os.File, orig fs.FileInfo) error {
	want, ok := orig.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	fi, err := tmp.Stat()
	if err != nil {
		return err
	}
	have, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || (have.Uid == want.Uid && have.Gid == want.Gid) {
		return nil
	}
	err = tmp.Chown(int(want.Uid), int(want.Gid))
	if err == nil || os.Geteuid() == 0 {
		return err
	}
	if have.Gid != want.Gid {
		_ = tmp.Chown(-1, int(want.Gid))
	}
	return nil
}

// reraise ends the process with sig, as if it had not been caught.
func reraise(sig os.Signal) {
	s, ok := sig.(syscall.Signal)
	if !ok {
		os.Exit(1)
	}
	_ = syscall.Kill(os.Getpid(), s)
	time.Sleep(time.Second) // the signal's default action ends the process
	os.Exit(128 + int(s))
}
