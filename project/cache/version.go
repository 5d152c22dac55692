package cache

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"io"
	"os"
	"runtime/debug"
	"sync"
)

// BuildID identifies the running binary. Entries of another build are
// never used: a rule changed between two builds gives other findings.
//
// It is the Go build ID the linker writes into the executable, whose last
// part is a hash of the linked binary's content (go tool buildid prints
// it): reading it costs a few kilobytes, where hashing the whole 16 MB
// executable cost 20-50 ms of every run. When the executable has no build
// ID (linked with -buildid=, or not by the Go toolchain), it is a hash of
// the executable's bytes, or when those cannot be read, of its build
// information (module versions and VCS revision).
var BuildID = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err == nil {
		if id := goBuildID(exe); id != "" {
			return "go:" + id
		}
	}
	h := sha256.New()
	if err == nil {
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

// goBuildID reads the Go build ID of the executable at path: the ELF note
// the linker writes (Linux, the BSDs), else the marked string other formats
// carry near the start of their text (macOS, Windows). "" when it has none
// or it does not look like one (a content hash needs its four parts).
func goBuildID(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	var id []byte
	if ef, err := elf.NewFile(f); err == nil {
		if s := ef.Section(".note.go.buildid"); s != nil && s.Size <= 1<<10 {
			if b, err := s.Data(); err == nil {
				id = elfNoteDesc(b)
			}
		}
	} else {
		buf := make([]byte, 64<<10)
		n, _ := io.ReadFull(f, buf)
		id = rawBuildID(buf[:n])
	}
	if !validBuildID(id) {
		return ""
	}
	return string(id)
}

// elfNoteDesc is the descriptor of an ELF note named "Go" of type 4 (the
// Go build ID), or nil.
func elfNoteDesc(b []byte) []byte {
	if len(b) < 16 {
		return nil
	}
	le := func(p []byte) int { return int(p[0]) | int(p[1])<<8 | int(p[2])<<16 | int(p[3])<<24 }
	namesz, descsz, typ := le(b[0:]), le(b[4:]), le(b[8:])
	if namesz != 4 || typ != 4 || string(b[12:16]) != "Go\x00\x00" || descsz <= 0 || 16+descsz > len(b) {
		return nil
	}
	return b[16 : 16+descsz]
}

// rawBuildID finds `\xff Go build ID: "…"\n \xff` in b.
func rawBuildID(b []byte) []byte {
	const prefix, suffix = "\xff Go build ID: \"", "\"\n \xff"
	i := bytes.Index(b, []byte(prefix))
	if i < 0 {
		return nil
	}
	b = b[i+len(prefix):]
	j := bytes.Index(b, []byte(suffix))
	if j < 0 {
		return nil
	}
	return b[:j]
}

// validBuildID reports whether id looks like an executable's build ID:
// four non-empty parts of URL-safe base64, the last the content hash.
func validBuildID(id []byte) bool {
	if len(id) == 0 || len(id) > 256 {
		return false
	}
	parts := bytes.Split(id, []byte("/"))
	if len(parts) != 4 {
		return false
	}
	for _, p := range parts {
		if len(p) == 0 {
			return false
		}
		for _, c := range p {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
				return false
			}
		}
	}
	return true
}
