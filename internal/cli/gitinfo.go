package cli

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/msglint/msglint/config"
)

var hexCommit = regexp.MustCompile(`^[0-9a-f]{40}([0-9a-f]{24})?$`)

// gitCommit returns the commit checked out in the git work tree that holds
// dir, read from .git's files (HEAD, loose refs, packed-refs) with no
// subprocess and no network; "" when dir is in no work tree or the commit
// cannot be read. A linked worktree's .git file ("gitdir: ...") and its
// commondir are followed.
func gitCommit(dir string) string {
	top, ok := config.GitTop(dir)
	if !ok {
		return ""
	}
	gitDir := filepath.Join(top, ".git")
	if st, err := os.Stat(gitDir); err == nil && !st.IsDir() {
		b, err := readSmall(gitDir)
		if err != nil || !strings.HasPrefix(b, "gitdir:") {
			return ""
		}
		gitDir = strings.TrimSpace(strings.TrimPrefix(b, "gitdir:"))
		if !filepath.IsAbs(gitDir) {
			gitDir = filepath.Join(top, gitDir)
		}
	}
	common := gitDir
	if b, err := readSmall(filepath.Join(gitDir, "commondir")); err == nil {
		common = strings.TrimSpace(b)
		if !filepath.IsAbs(common) {
			common = filepath.Join(gitDir, common)
		}
	}
	head, err := readSmall(filepath.Join(gitDir, "HEAD"))
	if err != nil {
		return ""
	}
	head = strings.TrimSpace(head)
	for range 5 { // a symbolic ref may point to another one
		if hexCommit.MatchString(head) {
			return head
		}
		ref, ok := strings.CutPrefix(head, "ref:")
		if !ok {
			return ""
		}
		ref = strings.TrimSpace(ref)
		if !strings.HasPrefix(ref, "refs/") || strings.Contains(ref, "..") {
			return ""
		}
		head = ""
		for _, d := range []string{gitDir, common} {
			if b, err := readSmall(filepath.Join(d, filepath.FromSlash(ref))); err == nil {
				head = strings.TrimSpace(b)
				break
			}
		}
		if head == "" {
			return packedRef(filepath.Join(common, "packed-refs"), ref)
		}
	}
	return ""
}

// packedRef looks a ref up in a packed-refs file.
func packedRef(path, ref string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		sha, name, ok := strings.Cut(sc.Text(), " ")
		if ok && name == ref && hexCommit.MatchString(sha) {
			return sha
		}
	}
	return ""
}

// readSmall reads a small regular file (git's HEAD and refs).
func readSmall(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	b := make([]byte, 4096)
	n, err := f.Read(b)
	if n == 0 && err != nil {
		return "", err
	}
	return string(b[:n]), nil
}
