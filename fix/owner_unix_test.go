//go:build unix

package fix_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/fix"
)

// Run as root, fix keeps the file's owner and group (it used to hand the
// file to root).
func TestOwnerKept(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give a file another owner")
	}
	dir := copyCase(t, "md")
	p := filepath.Join(dir, "page.md")
	const uid, gid = 65534, 65533
	require.NoError(t, os.Chown(p, uid, gid))
	require.NoError(t, os.Chmod(p, 0o640))
	r := plan(t, dir)
	require.Len(t, r.Files, 1)
	require.NoError(t, r.Files[0].Write(fix.WriteOptions{}))
	fi, err := os.Stat(p)
	require.NoError(t, err)
	st := fi.Sys().(*syscall.Stat_t)
	require.EqualValues(t, uid, st.Uid)
	require.EqualValues(t, gid, st.Gid)
	require.Equal(t, os.FileMode(0o640), fi.Mode().Perm())
}
