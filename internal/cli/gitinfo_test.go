package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestGitCommit(t *testing.T) {
	const sha = "0123456789abcdef0123456789abcdef01234567"
	write := func(path, s string) {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(s), 0o644))
	}
	// a loose ref
	dir := t.TempDir()
	write(filepath.Join(dir, ".git", "HEAD"), "ref: refs/heads/main\n")
	write(filepath.Join(dir, ".git", "refs", "heads", "main"), sha+"\n")
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "site"), 0o755))
	require.Equal(t, sha, gitCommit(filepath.Join(dir, "site")))
	// a packed ref
	dir = t.TempDir()
	write(filepath.Join(dir, ".git", "HEAD"), "ref: refs/heads/main\n")
	write(filepath.Join(dir, ".git", "packed-refs"), "# pack-refs with: peeled\n"+sha+" refs/heads/main\n")
	require.Equal(t, sha, gitCommit(dir))
	// a detached HEAD
	dir = t.TempDir()
	write(filepath.Join(dir, ".git", "HEAD"), sha+"\n")
	require.Equal(t, sha, gitCommit(dir))
	// a linked worktree: .git is a file; refs live in the common dir
	main := t.TempDir()
	write(filepath.Join(main, ".git", "refs", "heads", "wt"), sha+"\n")
	wtGit := filepath.Join(main, ".git", "worktrees", "wt")
	write(filepath.Join(wtGit, "HEAD"), "ref: refs/heads/wt\n")
	write(filepath.Join(wtGit, "commondir"), "../..\n")
	wt := t.TempDir()
	write(filepath.Join(wt, ".git"), "gitdir: "+wtGit+"\n")
	require.Equal(t, sha, gitCommit(wt))
	// a ref that leaves .git is not followed
	dir = t.TempDir()
	write(filepath.Join(dir, ".git", "HEAD"), "ref: refs/../../x\n")
	require.Equal(t, "", gitCommit(dir))
}
