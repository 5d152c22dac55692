package report

import (
	"path/filepath"
	"strings"
)

// Paths maps the paths findings and assets carry to the paths an output
// shows (docs/output.md, "Paths"). Inside a run every path is relative to
// the config's folder, with '/' (a file outside it: its absolute path);
// rules, globs, baselines and sorting use those. At output time:
//
//   - human-facing formats (text, json, checkstyle, junit, codeclimate,
//     rdjson) show paths relative to the working folder (Show), as Vale,
//     ruff and eslint do, so that terminals and editors can open them;
//   - SARIF and the github format use paths relative to the repository
//     root (Repo), where code scanning and annotations look for files.
//
// A nil *Paths leaves every path as it is (config-relative).
type Paths struct {
	// ConfigDir is the config's folder (absolute).
	ConfigDir string
	// Cwd is the working folder (absolute).
	Cwd string
	// RepoRoot is the repository root (absolute): GITHUB_WORKSPACE when
	// set, else the git work tree's top, else the config's folder.
	RepoRoot string

	// up is Cwd relative to ConfigDir, with '/' ("." when they are the
	// same); down is ConfigDir relative to Cwd when the config's folder
	// is inside the working folder ("" otherwise).
	up, down string
	// repo is ConfigDir relative to RepoRoot, with '/', when the config's
	// folder is inside the repository; repoOK says whether it is.
	repo   string
	repoOK bool
}

// NewPaths returns the mapping for a run whose config folder is
// configDir, started in cwd, in the repository at repoRoot (all
// absolute; repoRoot "" means configDir).
func NewPaths(configDir, cwd, repoRoot string) *Paths {
	if repoRoot == "" {
		repoRoot = configDir
	}
	p := &Paths{ConfigDir: filepath.Clean(configDir), Cwd: filepath.Clean(cwd), RepoRoot: filepath.Clean(repoRoot), up: "."}
	if rel, err := filepath.Rel(p.ConfigDir, p.Cwd); err == nil {
		p.up = filepath.ToSlash(rel)
	}
	if rel, ok := inside(p.Cwd, p.ConfigDir); ok {
		p.down = rel
	}
	// the repository root may be a resolved path (git's top, with its
	// symbolic links resolved): compare resolved paths when needed
	if rel, ok := inside(p.RepoRoot, p.ConfigDir); ok {
		p.repo, p.repoOK = rel, true
	} else if rel, ok := inside(resolve(p.RepoRoot), resolve(p.ConfigDir)); ok {
		p.repo, p.repoOK = rel, true
	}
	return p
}

// Base is the working folder relative to the config's folder, with '/'
// ("" when they are the same): the JSON output's path_base, with which a
// baseline written from any folder is read back.
func (p *Paths) Base() string {
	if p == nil || p.up == "." {
		return ""
	}
	return p.up
}

// Show returns a path as the working folder sees it: relative to it
// ("../x.md" for a file beside it), or absolute when the two share
// nothing but the file system's root. "" and "." (no file) are kept.
func (p *Paths) Show(rel string) string {
	if p == nil || rel == "" || rel == "." || (p.up == "." && !isAbs(rel)) {
		return rel
	}
	if !isAbs(rel) && p.down != "" {
		if p.down == "." {
			return rel
		}
		return p.down + "/" + rel // the common case: the config's folder below the working folder
	}
	abs := p.abs(rel)
	if r, ok := inside(p.Cwd, abs); ok {
		return r
	}
	r, err := filepath.Rel(p.Cwd, abs)
	if err != nil || rootOnly(p.Cwd, abs) {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(r)
}

// Repo returns a path relative to the repository root, with '/'; ok is
// false for a file outside the repository (its absolute path is returned
// then).
func (p *Paths) Repo(rel string) (string, bool) {
	if p == nil || rel == "" || rel == "." {
		return rel, true
	}
	if !isAbs(rel) && p.repoOK {
		if p.repo == "." {
			return rel, true
		}
		return p.repo + "/" + rel, true
	}
	abs := p.abs(rel)
	if r, ok := inside(p.RepoRoot, abs); ok {
		return r, true
	}
	if r, ok := inside(resolve(p.RepoRoot), resolve(abs)); ok {
		return r, true
	}
	return filepath.ToSlash(abs), false
}

func (p *Paths) abs(rel string) string {
	f := filepath.FromSlash(rel)
	if filepath.IsAbs(f) {
		return filepath.Clean(f)
	}
	return filepath.Join(p.ConfigDir, f)
}

func isAbs(rel string) bool { return filepath.IsAbs(filepath.FromSlash(rel)) }

// inside returns target relative to dir, with '/', when target is dir or
// below it.
func inside(dir, target string) (string, bool) {
	rel, err := filepath.Rel(dir, target)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// rootOnly reports whether a and b (absolute, clean) have no common
// folder but the root (or a volume): a relative path between them would
// climb to the root, and the absolute path reads better.
func rootOnly(a, b string) bool {
	first := func(p string) string {
		p = strings.TrimPrefix(p, filepath.VolumeName(p))
		p = strings.TrimLeft(p, string(filepath.Separator))
		if i := strings.IndexByte(p, filepath.Separator); i >= 0 {
			return p[:i]
		}
		return p
	}
	return filepath.VolumeName(a) != filepath.VolumeName(b) || first(a) == "" || first(a) != first(b)
}

func resolve(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

// show maps a path for a human-facing format (nil meta: as is).
func (m *Meta) show(p string) string {
	if m == nil {
		return p
	}
	return m.Paths.Show(p)
}

// repo maps a path for SARIF and the github format: relative to the
// repository root; ok is false outside it.
func (m *Meta) repo(p string) (string, bool) {
	if m == nil {
		return p, true
	}
	return m.Paths.Repo(p)
}
