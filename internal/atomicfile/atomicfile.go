// Package atomicfile writes files whole or not at all: a temporary file in
// the target's folder is filled, synced, given the replaced file's owner,
// group and mode, optionally verified, closed and renamed over the target.
// On any failure the temporary file is removed and the target is left as
// it was; CleanupOnSignal removes it on SIGINT and SIGTERM too.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Options tune Write.
type Options struct {
	// Mode of the new file. Zero keeps an existing file's permission bits,
	// or uses 0644 for a new file.
	Mode fs.FileMode
	// Verify, when set, runs on the complete temporary file (by path)
	// before the rename; an error stops the write.
	Verify func(tmp string) error
	// Rename replaces the target (nil: os.Rename). Tests inject failures.
	Rename func(oldpath, newpath string) error
	// Prefix names the temporary file: Prefix + random + ".tmp" in the
	// target's folder ("" means ".msglint-").
	Prefix string
}

// Write replaces (or creates) path with what fill writes.
func Write(path string, fill func(w io.Writer) error, o Options) (err error) {
	mode := o.Mode
	var orig fs.FileInfo
	if fi, serr := os.Stat(path); serr == nil {
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("%s: not a regular file", path)
		}
		orig = fi
		if mode == 0 {
			mode = fi.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
		}
	} else if !errors.Is(serr, fs.ErrNotExist) {
		return serr
	}
	if mode == 0 {
		mode = 0o644
	}
	prefix := o.Prefix
	if prefix == "" {
		prefix = ".msglint-"
	}
	tmp, err := create(filepath.Dir(path), prefix+"*.tmp")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	name := tmp.Name()
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(name)
		}
		forget(name)
	}()
	bw := bufio.NewWriter(tmp)
	if err = fill(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	// the replaced file keeps its owner and group (before the chmod: a
	// chown clears the set-id bits)
	if orig != nil {
		if err = keepOwner(tmp, orig); err != nil {
			return fmt.Errorf("cannot keep the owner of %s: %w", path, err)
		}
	}
	if err = tmp.Chmod(mode); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if o.Verify != nil {
		if err = o.Verify(name); err != nil {
			return err
		}
	}
	rename := o.Rename
	if rename == nil {
		rename = os.Rename
	}
	if err = rename(name, path); err != nil {
		return fmt.Errorf("replacing %s: %w", path, err)
	}
	return nil
}

// WriteBytes is Write for data already in memory.
func WriteBytes(path string, data []byte, o Options) error {
	return Write(path, func(w io.Writer) error { _, err := w.Write(data); return err }, o)
}
