// Package discover finds the files msglint checks: the PATHs given, walked
// recursively, filtered by include/exclude globs and .gitignore, skipping
// hidden folders, .git, node_modules and vendor, never following symlinks,
// in path order.
package discover

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/msglint/msglint/internal/safeopen"
)

// Options configure discovery.
type Options struct {
	// Root is the folder paths are reported relative to (the config's folder).
	Root string
	// Include and Exclude are doublestar globs relative to Root (the
	// config's). An empty Include means every file of a known kind.
	Include, Exclude []string
	// CwdInclude and CwdExclude are doublestar globs relative to Cwd (the
	// command line's --include and --exclude, relative to the working
	// folder; Cwd "" means Root). A CwdInclude replaces Include; a
	// CwdExclude adds to Exclude.
	CwdInclude, CwdExclude []string
	Cwd                    string
	// Known reports whether a file is of a kind msglint reads.
	Known func(path string) bool
}

// File is one file found.
type File struct {
	Abs string // absolute path
	Rel string // relative to Root, with '/'; outside Root: the cleaned path given
	// Err, when set, says why the file cannot be read: not a regular file
	// (a FIFO, socket or device), a symbolic link loop, a path too long to
	// open, a folder that cannot be listed. It is not opened; the driver
	// reports it as an input/unreadable finding, so nothing is dropped
	// silently and nothing blocks.
	Err error
}

// Result lists the files to check and counts those skipped.
type Result struct {
	Files []File
	// Skipped counts files of unknown kinds (and symlinks) under the PATHs.
	Skipped int
}

// maxGitignore bounds the size of a .gitignore file read (a larger one is
// ignored).
const maxGitignore = 4 << 20

var skipDirs = map[string]bool{".git": true, "node_modules": true, "vendor": true}

// Find walks the paths. A PATH that does not exist is an error.
func Find(paths []string, opt Options) (*Result, error) {
	root, err := filepath.Abs(opt.Root)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	seen := map[string]bool{}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		add := func(f File) {
			if !seen[f.Abs] {
				seen[f.Abs] = true
				res.Files = append(res.Files, f)
			}
		}
		fi, err := os.Lstat(abs)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("%s: no such file or folder", p)
			}
			// a path too long, a loop in its folders, a folder that
			// cannot be searched: a finding on that path, the run goes on
			add(File{Abs: abs, Rel: relTo(root, abs), Err: cause(err)})
			continue
		}
		ign := newIgnorer(root, abs)
		if !fi.IsDir() {
			// a file named explicitly is checked even if ignored or hidden,
			// but still filtered by kind
			rel := relTo(root, abs)
			switch {
			case fi.Mode()&fs.ModeSymlink != 0:
				// not followed; one that leads nowhere (a loop) is a finding
				if _, err := os.Stat(abs); err != nil && !errors.Is(err, fs.ErrNotExist) {
					add(File{Abs: abs, Rel: rel, Err: cause(err)})
				} else {
					res.Skipped++
				}
			case !fi.Mode().IsRegular():
				// a FIFO, socket or device named on the command line
				add(File{Abs: abs, Rel: rel, Err: notRegular(fi.Mode())})
			case !opt.Known(abs):
				res.Skipped++
			default:
				add(File{Abs: abs, Rel: rel})
			}
			continue
		}
		err = filepath.WalkDir(abs, func(fp string, d fs.DirEntry, err error) error {
			if err != nil {
				if fp == abs {
					return err
				}
				// A folder that cannot be listed (a path over the
				// system's limit, no permission) or a file that cannot
				// be stat'ed: a finding, so nothing is dropped silently.
				if d == nil || d.IsDir() || opt.Known(fp) {
					add(File{Abs: fp, Rel: relTo(root, fp), Err: cause(err)})
				}
				if d != nil && d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			name := d.Name()
			if d.IsDir() {
				if fp != abs && (skipDirs[name] || strings.HasPrefix(name, ".")) {
					return filepath.SkipDir
				}
				if fp != abs && ign.ignored(fp, true) {
					return filepath.SkipDir
				}
				ign.enter(fp)
				return nil
			}
			special := d.Type()&fs.ModeSymlink == 0 && !d.Type().IsRegular()
			if d.Type()&fs.ModeSymlink != 0 || (special && !opt.Known(fp)) {
				res.Skipped++
				return nil
			}
			if strings.HasPrefix(name, ".") || ign.ignored(fp, false) {
				return nil
			}
			rel := relTo(root, fp)
			if !opt.Known(fp) {
				res.Skipped++
				return nil
			}
			if !opt.selected(root, rel, fp) {
				return nil
			}
			if special {
				// a FIFO, socket or device with a content file's name:
				// a finding, never opened
				add(File{Abs: fp, Rel: rel, Err: notRegular(d.Type())})
				return nil
			}
			add(File{Abs: fp, Rel: rel})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Slice(res.Files, func(i, j int) bool { return res.Files[i].Rel < res.Files[j].Rel })
	return res, nil
}

// notRegular is the error of a file that is not a regular file.
func notRegular(m fs.FileMode) error {
	return fmt.Errorf("%s, not a regular file; skipped", safeopen.Kind(m))
}

// cause strips the path from a *PathError (the finding names the file):
// "too many levels of symbolic links", "file name too long".
func cause(err error) error {
	var pe *fs.PathError
	switch {
	case errors.Is(err, syscall.ENAMETOOLONG):
		p := ""
		if errors.As(err, &pe) {
			p = pe.Path
		}
		return fmt.Errorf("path is %d bytes, longer than the system allows; skipped", len(p))
	case errors.As(err, &pe):
		return fmt.Errorf("%v; skipped", pe.Err)
	}
	return err
}

func relTo(root, abs string) string {
	rel, err := filepath.Rel(root, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(rel)
}

// selected applies the globs to a file found in a walk (rel: relative to
// root; abs: its absolute path).
func (o *Options) selected(root, rel, abs string) bool {
	if len(o.CwdInclude) == 0 && len(o.CwdExclude) == 0 {
		return globOK(rel, o.Include, o.Exclude)
	}
	include := o.Include
	if len(o.CwdInclude) > 0 {
		include = nil
	}
	if !globOK(rel, include, o.Exclude) {
		return false
	}
	cwd := o.Cwd
	if cwd == "" {
		cwd = root
	}
	cwdRel := rel
	if r, err := filepath.Rel(cwd, abs); err == nil {
		cwdRel = filepath.ToSlash(r)
	}
	if strings.HasPrefix(cwdRel, "../") {
		// a file outside the working folder ("../blog/x.md"): only a
		// glob that climbs out too ("../blog/*") names it; "**" means
		// everything below the working folder
		include, exclude := climbing(o.CwdInclude), climbing(o.CwdExclude)
		if len(o.CwdInclude) > 0 && len(include) == 0 {
			return false
		}
		return globOK(cwdRel, include, exclude)
	}
	return globOK(cwdRel, o.CwdInclude, o.CwdExclude)
}

// climbing returns the globs that start with "../".
func climbing(globs []string) []string {
	var out []string
	for _, g := range globs {
		if strings.HasPrefix(g, "../") {
			out = append(out, g)
		}
	}
	return out
}

func globOK(rel string, include, exclude []string) bool {
	if len(include) > 0 {
		ok := false
		for _, g := range include {
			if m, _ := doublestar.Match(g, rel); m {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	for _, g := range exclude {
		if m, _ := doublestar.Match(g, rel); m {
			return false
		}
	}
	return true
}

// ignorer applies .gitignore files: those of the folders from the git work
// tree's top (or the walk's start) down to the current folder.
type ignorer struct {
	rules map[string][]gitRule // folder -> its .gitignore rules
	top   string
	// the folders with rules that apply in one folder, top down: the
	// files of a folder share them (a walk asks for each of its files)
	lastDir    string
	lastLevels []string
}

type gitRule struct {
	pattern  string
	negate   bool
	dirOnly  bool
	anchored bool
}

func newIgnorer(root, start string) *ignorer {
	ig := &ignorer{rules: map[string][]gitRule{}}
	// find the work tree's top: nearest ancestor with .git
	top := start
	for d := start; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			top = d
			break
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	ig.top = top
	// load the ancestors' .gitignore files between top and start
	var chain []string
	for d := filepath.Dir(start); strings.HasPrefix(d, top) && d != filepath.Dir(d); d = filepath.Dir(d) {
		chain = append(chain, d)
		if d == top {
			break
		}
	}
	for i := len(chain) - 1; i >= 0; i-- {
		ig.enter(chain[i])
	}
	return ig
}

func (ig *ignorer) enter(dir string) {
	if _, ok := ig.rules[dir]; ok {
		return
	}
	ig.lastDir = "" // a folder's rules are known from now on
	// a regular file only (a FIFO named .gitignore must not hang the walk)
	b, err := safeopen.ReadFile(filepath.Join(dir, ".gitignore"), maxGitignore)
	if err != nil {
		ig.rules[dir] = nil
		return
	}
	ig.rules[dir] = parseGitignore(b)
}

func parseGitignore(b []byte) []gitRule {
	var out []gitRule
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), " \r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r := gitRule{}
		if strings.HasPrefix(line, "!") {
			r.negate = true
			line = line[1:]
		}
		line = strings.TrimPrefix(line, `\`)
		if strings.HasSuffix(line, "/") {
			r.dirOnly = true
			line = strings.TrimSuffix(line, "/")
		}
		if strings.Contains(line, "/") {
			r.anchored = true
			line = strings.TrimPrefix(line, "/")
		}
		if line == "" || !doublestar.ValidatePattern(line) {
			continue
		}
		r.pattern = line
		out = append(out, r)
	}
	return out
}

// ignored applies the rules of every folder from the top down to fp's
// folder; the last matching rule wins.
func (ig *ignorer) ignored(fp string, isDir bool) bool {
	result := false
	for _, d := range ig.levels(filepath.Dir(fp)) {
		rules := ig.rules[d]
		rel, err := filepath.Rel(d, fp)
		if err != nil {
			continue
		}
		rel = filepath.ToSlash(rel)
		for _, r := range rules {
			if r.dirOnly && !isDir {
				// a dir-only rule still ignores files inside a matching folder
				if !matchParent(r, rel) {
					continue
				}
			} else if !matchRule(r, rel) && !matchParent(r, rel) {
				continue
			}
			result = !r.negate
		}
	}
	return result
}

// levels returns the folders from the top down to dir whose .gitignore
// has rules (reading those not read yet), kept for the next call on dir.
func (ig *ignorer) levels(dir string) []string {
	if dir == ig.lastDir && dir != "" {
		return ig.lastLevels
	}
	var chain []string
	for d := dir; ; d = filepath.Dir(d) {
		chain = append(chain, d)
		if d == ig.top || filepath.Dir(d) == d || !strings.HasPrefix(d, ig.top) {
			break
		}
	}
	var levels []string
	for i := len(chain) - 1; i >= 0; i-- {
		d := chain[i]
		if _, ok := ig.rules[d]; !ok {
			ig.enter(d)
		}
		if len(ig.rules[d]) > 0 {
			levels = append(levels, d)
		}
	}
	ig.lastDir, ig.lastLevels = dir, levels
	return levels
}

func matchRule(r gitRule, rel string) bool {
	if r.anchored {
		ok, _ := doublestar.Match(r.pattern, rel)
		return ok
	}
	// a rule without a slash matches a name at any depth: rel's last
	// one (its folders are matchParent's); "**/"+pattern against rel
	// would say the same, as the pattern cannot span a slash
	ok, _ := doublestar.Match(r.pattern, path.Base(rel))
	return ok
}

// matchParent reports whether a folder containing rel matches the rule.
func matchParent(r gitRule, rel string) bool {
	for d := path.Dir(rel); d != "." && d != "/"; d = path.Dir(d) {
		if matchRule(r, d) {
			return true
		}
	}
	return false
}

// ErrNoFiles is returned when the paths hold no file to check.
var ErrNoFiles = errors.New("no files to check")
