package cache

import (
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGoBuildIDMatchesTheToolchain(t *testing.T) {
	exe, err := os.Executable()
	require.NoError(t, err)
	id := goBuildID(exe)
	if runtime.GOOS == "linux" {
		require.NotEmpty(t, id, "a test binary built by go test has a build ID")
	}
	goBin, err := exec.LookPath("go")
	if err != nil || id == "" {
		t.Skip("no go command to compare with")
	}
	out, err := exec.Command(goBin, "tool", "buildid", exe).Output()
	if err != nil {
		t.Skipf("go tool buildid: %v", err)
	}
	assert.Equal(t, strings.TrimSpace(string(out)), id)
	assert.True(t, strings.HasPrefix(BuildID(), "go:"+id))
}

func TestBuildIDParsers(t *testing.T) {
	const id = "ZXkiClh_YCZiHbvwTX34/xdSi3f6ExYC6sW902roQ/Nghjo0HhrWWCg48QRpKM/rh2Aea9N81s0-ehisCMH"
	note := func(name string, typ byte, desc string) []byte {
		b := []byte{byte(len(name)), 0, 0, 0, byte(len(desc)), 0, 0, 0, typ, 0, 0, 0}
		return append(append(b, name...), desc...)
	}
	assert.Equal(t, id, string(elfNoteDesc(note("Go\x00\x00", 4, id))))
	assert.Nil(t, elfNoteDesc(note("GNU\x00", 4, id)), "another owner's note")
	assert.Nil(t, elfNoteDesc(note("Go\x00\x00", 3, id)), "another type")
	assert.Nil(t, elfNoteDesc(note("Go\x00\x00", 4, id)[:40]), "truncated")
	assert.Nil(t, elfNoteDesc(nil))

	raw := []byte("\x00\x00\xff Go build ID: \"" + id + "\"\n \xff\x00")
	assert.Equal(t, id, string(rawBuildID(raw)))
	assert.Nil(t, rawBuildID([]byte("\xff Go build ID: \""+id)), "no end mark")

	for _, tc := range []struct {
		id string
		ok bool
	}{
		{id, true},
		{"", false},
		{"a/b/c", false},     // not an executable's four parts
		{"a//c/d", false},    // an empty part
		{"a/b/c/d e", false}, // not base64
		{strings.Repeat("a/", 3) + "a", true},
	} {
		assert.Equal(t, tc.ok, validBuildID([]byte(tc.id)), tc.id)
	}
}

func TestGoBuildIDOfAFileWithoutOne(t *testing.T) {
	p := t.TempDir() + "/not-a-binary"
	require.NoError(t, os.WriteFile(p, []byte("#!/bin/sh\necho hi\n"), 0o755))
	assert.Equal(t, "", goBuildID(p))
	assert.Equal(t, "", goBuildID(p+".missing"))
}
