package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v4"
)

// RepoRoot returns the folder a config file at path is confined to: the
// git work tree's top (see GitTop) from the config's own folder up, or the
// config's folder when it is not in a git work tree. The result is
// absolute with its symbolic links resolved.
func RepoRoot(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	dir := filepath.Dir(abs)
	if top, ok := GitTop(dir); ok {
		return top, nil
	}
	if r, err := filepath.EvalSymlinks(dir); err == nil {
		dir = r
	}
	return dir, nil
}

// GitTop returns the top of the git work tree holding dir: the nearest
// folder, from dir up, that holds a .git folder or file (no git binary is
// needed), with its symbolic links resolved; false when dir is not in one.
func GitTop(dir string) (string, bool) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	for d := abs; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			if r, err := filepath.EvalSymlinks(d); err == nil {
				d = r
			}
			return d, true
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}

// within reports whether p is root or inside it (both clean and absolute).
func within(root, p string) bool {
	if p == root {
		return true
	}
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// inGitDir reports whether p has a .git component: git's own files (and
// the credentials a CI checkout may leave in .git/config) are never
// config.
func inGitDir(p string) bool {
	return slices.Contains(strings.Split(filepath.ToSlash(p), "/"), ".git")
}

// confined checks that path (the main config when ref is nil, else a
// file named at ref) resolves, its symbolic links followed, inside the
// root and not inside a .git folder. It reports an error and returns false
// when it does not.
func (l *loader) confined(path, kind string, ref *Pos) bool {
	root := l.opts.Root
	if root == "" || (ref == nil && l.opts.MainOutside) {
		return true
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = filepath.Clean(path)
	}
	real := abs
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		real = r
	}
	// (a missing file or a link loop keeps its own path: reading it
	// reports the problem)
	var why string
	switch {
	case !within(root, real):
		why = "outside the repository " + root
	case inGitDir(real):
		why = "inside a .git folder"
	default:
		return true
	}
	if real != abs {
		why = "resolves to " + real + ", " + why
	} else {
		why = "is " + why
	}
	const hint = " (use --allow-outside-config to allow it)"
	if ref == nil {
		l.errs.add(&Error{File: path, Msg: "config file " + why + hint})
	} else {
		l.errs.at(*ref, 0, "%s file %q %s%s", kind, path, why, hint)
	}
	return false
}

// configKeys are the top-level keys of a config file.
var configKeys = func() []string {
	var out []string
	t := reflect.TypeOf(Config{})
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if name != "" && name != "-" {
			out = append(out, name)
		}
	}
	return out
}()

// glossaryKeys are the top-level keys of a glossary file.
var glossaryKeys = []string{"terms"}

// quotable reports whether an error may show lines of the file at path:
// the main config when it is not a symbolic link (the file the user
// edits), or any file that reads as a msglint config (a YAML mapping with
// at least one of msglint's keys and no key that is not one of them or a
// misspelling of one). Any other file (.git/config, /etc/passwd, a
// credentials file a CI step left in the work tree) may hold secrets:
// its errors say "not a msglint config" and nothing of its content.
func quotable(path string, src []byte, main bool, keys []string) bool {
	if main {
		if fi, err := os.Lstat(path); err == nil && fi.Mode().IsRegular() {
			return true
		}
	}
	return looksLikeConfig(src, keys)
}

func looksLikeConfig(src []byte, keys []string) bool {
	var doc yaml.Node
	if err := yaml.Load(src, &doc); err != nil {
		var les *yaml.LoadErrors
		if errors.As(err, &les) && len(les.Errors) == 1 && strings.Contains(les.Errors[0].Message, "no documents in stream") {
			return true // empty
		}
		return false
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return true
	}
	root := doc.Content[0]
	if isNull(root) {
		return true
	}
	if root.Kind != yaml.MappingNode {
		return false
	}
	known := false
	for i := 0; i+1 < len(root.Content); i += 2 {
		k := root.Content[i]
		if k.Kind != yaml.ScalarNode {
			return false
		}
		switch {
		case slices.Contains(keys, k.Value) || k.Value == "<<":
			known = true
		case suggest(k.Value, keys) == "":
			return false
		}
	}
	return known
}
