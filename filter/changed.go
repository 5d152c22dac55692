// Package filter holds the check command's result filters that look
// outside the run: --changed-since (lines changed since a git ref) and
// --baseline (findings already known). Both work on resolved findings: they
// are the last steps of the driver's policy chain (project/driver/policy.go),
// like golangci-lint's result processors; the check command loads them and
// passes them to the run.
package filter

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"

	"github.com/msglint/msglint/lint"
)

// Changes are the files and lines changed since a git ref, by path
// relative to the folder Changed ran in (the config's folder).
type Changes struct {
	Ref   string
	Files map[string]*FileChange
}

// FileChange is one changed file.
type FileChange struct {
	// Status is git's: A added (or untracked), M modified, R renamed (with
	// changes), C copied, T type changed.
	Status byte
	// Lines are the new file's changed line ranges, 1-based, inclusive.
	Lines []Range
}

// Range is a span of lines, inclusive.
type Range struct{ From, To int }

// Error is a --changed-since failure (not a git work tree, unknown ref,
// git missing): a usage error, exit 2.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// git runs git in dir and returns its standard output.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", append([]string{"-c", "core.quotePath=false"}, args...)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return out, fmt.Errorf("git %s: %s", strings.Join(args, " "), strings.TrimSpace(stderr.String()))
		}
		return out, fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
	}
	return out, nil
}

// Changed lists what changed between ref and the working tree (committed,
// staged and unstaged changes, plus untracked files, which count as added)
// in the git repository holding dir, with paths relative to dir.
func Changed(dir, ref string) (*Changes, error) {
	if strings.HasPrefix(ref, "-") {
		return nil, &Error{fmt.Sprintf("--changed-since: %q is not a git ref", ref)}
	}
	if _, err := exec.LookPath("git"); err != nil {
		return nil, &Error{"--changed-since needs git, which is not installed (or not on PATH)"}
	}
	if out, err := git(dir, "rev-parse", "--is-inside-work-tree"); err != nil || strings.TrimSpace(string(out)) != "true" {
		return nil, &Error{fmt.Sprintf("--changed-since: %s is not inside a git work tree", dir)}
	}
	if _, err := git(dir, "rev-parse", "--verify", "--quiet", "--end-of-options", ref+"^{commit}"); err != nil {
		return nil, &Error{fmt.Sprintf("--changed-since: unknown git ref %q (in a shallow clone, fetch it first, e.g. `git fetch --depth=1 origin %s`, or check out with fetch-depth: 0)", ref, ref)}
	}
	c := &Changes{Ref: ref, Files: map[string]*FileChange{}}

	// which files changed, and how (-z: paths unquoted, NUL-separated)
	out, err := git(dir, "diff", "--name-status", "-z", "-M", "--no-ext-diff", "--relative", ref, "--")
	if err != nil {
		return nil, &Error{err.Error()}
	}
	fields := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	for i := 0; i < len(fields); i++ {
		st := fields[i]
		if st == "" {
			continue
		}
		switch st[0] {
		case 'R', 'C':
			if i+2 >= len(fields) {
				break
			}
			newPath := fields[i+2]
			i += 2
			if st == "R100" {
				// a pure rename: nothing in the file changed
				continue
			}
			c.Files[newPath] = &FileChange{Status: st[0]}
		case 'D':
			i++
		default:
			if i+1 >= len(fields) {
				break
			}
			c.Files[fields[i+1]] = &FileChange{Status: st[0]}
			i++
		}
	}

	// untracked files are new content too
	out, err = git(dir, "ls-files", "-z", "--others", "--exclude-standard")
	if err != nil {
		return nil, &Error{err.Error()}
	}
	for _, p := range strings.Split(string(out), "\x00") {
		if p != "" {
			c.Files[p] = &FileChange{Status: 'A'}
		}
	}

	// changed lines of text files
	out, err = git(dir, "diff", "-U0", "--no-color", "--no-ext-diff", "-M", "--relative", "--src-prefix=a/", "--dst-prefix=b/", ref, "--")
	if err != nil {
		return nil, &Error{err.Error()}
	}
	for path, lines := range parseHunks(out) {
		if fc := c.Files[path]; fc != nil {
			fc.Lines = lines
		}
	}
	return c, nil
}

// parseHunks reads a -U0 unified diff: for each new-side path, the line
// ranges its hunks touch. A hunk that only deletes lines touches the lines
// either side of the deletion. Hunk bodies are skipped by count, so a
// content line that looks like a header ("+++ x") is not taken for one.
func parseHunks(diff []byte) map[string][]Range {
	out := map[string][]Range{}
	path := ""
	oldLeft, newLeft := 0, 0
	sc := bufio.NewScanner(bytes.NewReader(diff))
	sc.Buffer(make([]byte, 64*1024), 64*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if oldLeft > 0 || newLeft > 0 {
			switch {
			case strings.HasPrefix(line, "-"):
				oldLeft--
			case strings.HasPrefix(line, "+"):
				newLeft--
			case strings.HasPrefix(line, " "):
				oldLeft--
				newLeft--
			}
			continue
		}
		switch {
		case strings.HasPrefix(line, "diff "):
			path = ""
		case strings.HasPrefix(line, "+++ "):
			path = diffPath(strings.TrimPrefix(line, "+++ "))
		case strings.HasPrefix(line, "@@ "):
			r, o, n, ok := parseHunkHeader(line)
			if ok && path != "" {
				out[path] = append(out[path], r)
			}
			oldLeft, newLeft = o, n
		}
	}
	return out
}

// diffPath decodes a `+++ b/path` name ("" for /dev/null).
func diffPath(s string) string {
	s = strings.TrimSuffix(s, "\t")
	if strings.HasPrefix(s, `"`) {
		if u, err := strconv.Unquote(s); err == nil {
			s = u
		}
	}
	if s == "/dev/null" {
		return ""
	}
	return strings.TrimPrefix(s, "b/")
}

// parseHunkHeader parses `@@ -a,b +c,d @@`: the new-side lines it touches
// and the old and new line counts of its body.
func parseHunkHeader(line string) (r Range, oldN, newN int, ok bool) {
	f := strings.Fields(line)
	if len(f) < 3 || !strings.HasPrefix(f[1], "-") || !strings.HasPrefix(f[2], "+") {
		return Range{}, 0, 0, false
	}
	_, oldN, ok1 := parseSpan(strings.TrimPrefix(f[1], "-"))
	c, n, ok2 := parseSpan(strings.TrimPrefix(f[2], "+"))
	if !ok1 || !ok2 {
		return Range{}, 0, 0, false
	}
	if n == 0 {
		// deletion after line c: the lines around the cut
		return Range{From: max(c, 1), To: c + 1}, oldN, n, true
	}
	return Range{From: c, To: c + n - 1}, oldN, n, true
}

// parseSpan parses `start[,count]` (count defaults to 1).
func parseSpan(spec string) (start, count int, ok bool) {
	s, n := spec, "1"
	if i := strings.IndexByte(spec, ','); i >= 0 {
		s, n = spec[:i], spec[i+1:]
	}
	a, err1 := strconv.Atoi(s)
	b, err2 := strconv.Atoi(n)
	return a, b, err1 == nil && err2 == nil && a >= 0 && b >= 0
}

// Touched reports whether the change touched a site: an added file, any
// changed file for office and PDF locations and for whole-file findings
// (no column), or a changed line within the site's lines otherwise.
func (c *Changes) Touched(s *lint.Site) bool {
	fc := c.Files[s.Path]
	if fc == nil {
		return false
	}
	if fc.Status == 'A' || fc.Status == 'T' || s.Loc != "" || s.Col < 1 {
		return true
	}
	from, to := max(s.Line, 1), max(s.EndLine, s.Line, 1)
	for _, r := range fc.Lines {
		if r.From <= to && from <= r.To {
			return true
		}
	}
	return false
}

// Filter keeps the findings whose site, or one of whose related sites
// (cross-asset findings), the change touched.
func (c *Changes) Filter(ds []lint.Finding) []lint.Finding {
	out := ds[:0:0]
	for i := range ds {
		d := &ds[i]
		keep := c.Touched(&d.Site)
		for j := 0; !keep && j < len(d.Related); j++ {
			keep = c.Touched(&d.Related[j])
		}
		if keep {
			out = append(out, *d)
		}
	}
	return out
}
