package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/msglint/msglint/internal/safeopen"
)

// ConfigNames are the file names Find looks for, in order of preference:
// in a folder holding several, the first is used and Shadowed names the
// others (the caller warns about them).
var ConfigNames = []string{"msglint.yaml", "msglint.yml", ".msglint.yaml", ".msglint.yml"}

// MaxFileSize is the largest config or glossary file Load reads.
const MaxFileSize = 10 << 20

// maxExtendsDepth bounds chains of extends.
const maxExtendsDepth = 32

// maxConfigFiles bounds how many distinct config files one load reads
// through extends (each is read and merged once, however often it is
// extended).
const maxConfigFiles = 100

// DefaultInclude is the include glob when the config sets none: every
// file kind msglint reads.
var DefaultInclude = []string{"**/*.{md,markdown,mdx,html,htm,txt,pptx,docx,odp,odt,pdf}"}

// DefaultFrontMatter are the front-matter keys that hold prose by default.
var DefaultFrontMatter = []string{"title", "description", "summary"}

// DefaultStages are the funnel stages when the config sets none.
var DefaultStages = []string{"awareness", "consideration", "decision", "retention"}

// Find returns the path of the config (the first of ConfigNames present) in
// dir or its nearest ancestor that has one, or "" when there is none. The
// path is dir joined with the relative way up, so a relative dir gives a
// relative path.
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for cur := abs; ; {
		for _, name := range ConfigNames {
			p := filepath.Join(cur, name)
			fi, err := os.Stat(p)
			// A stat error (missing, no permission, a link loop in dir, a
			// path too long) means no config here: the search goes on, and
			// the file named, if any, gets its own finding.
			if err == nil && !fi.IsDir() {
				rel, err := filepath.Rel(abs, cur)
				if err != nil {
					return p, nil
				}
				return filepath.Join(dir, rel, name), nil
			}
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return "", nil
		}
		cur = parent
	}
}

// Shadowed returns the other config files (ConfigNames) in the folder of
// path, a config Find returned: they are not read.
func Shadowed(path string) []string {
	dir, base := filepath.Split(path)
	var out []string
	for _, name := range ConfigNames {
		if name == base {
			continue
		}
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			out = append(out, p)
		}
	}
	return out
}

// Default returns the configuration used when there is no config file:
// version 1, an empty glossary and every default applied. dir is the
// folder paths are relative to (usually the working folder). The generic
// rules (forbidden superlatives, statistics, funnel signals) are not part
// of it: they live in the rule packages and stay on (DefaultsOn).
func Default(dir string) *Config {
	c := &Config{Dir: dir, present: map[string]Pos{}}
	applyDefaults(c)
	return c
}

// Load reads the config file at path, the files it extends and its
// glossary files, validates everything, merges it (see docs/config.md)
// and applies the defaults. On failure it returns a *Error, or Errors
// when there are several, each with file:line:col and the source line.
// Term examples are parsed with their positions but not run.
func Load(path string, opts LoadOptions) (*Config, error) {
	l := &loader{opts: &opts, srcs: map[string][]byte{}}
	units := l.chain(path, nil, nil)
	if !l.errs.empty() {
		return nil, l.errs.result(l.srcs)
	}
	c := l.finish(units, false)
	c.Path = path
	c.Dir = filepath.Dir(path)
	if err := l.errs.result(l.srcs); err != nil {
		return nil, err
	}
	c.Warnings = l.warnings()
	return c, nil
}

// Parse parses and validates one config file held in memory, named name
// in messages. It reads no other file: `extends` and `glossary` are kept
// as written and not loaded, and when the file has either, the checks
// that need their content (funnel keys against the stages, claims'
// product references) are skipped. Path is name and Dir its folder.
func Parse(name string, src []byte, opts LoadOptions) (*Config, error) {
	l := &loader{opts: &opts, srcs: map[string][]byte{}}
	if len(src) > MaxFileSize {
		return nil, &Error{File: name, Msg: fmt.Sprintf("file is larger than %d MB", MaxFileSize>>20)}
	}
	c := l.parseConfig(name, src)
	if !l.errs.empty() {
		return nil, l.errs.result(l.srcs)
	}
	checkFileTerms(l.dec(name), c.Terms)
	out := l.finish([]*Config{c}, len(c.Extends) > 0 || len(c.Glossary) > 0)
	out.Extends, out.ExtendsPos = c.Extends, c.ExtendsPos
	out.Glossary, out.GlossaryPos = c.Glossary, c.GlossaryPos
	out.Files = nil
	out.Path, out.Dir = name, filepath.Dir(name)
	if err := l.errs.result(l.srcs); err != nil {
		return nil, err
	}
	out.Warnings = l.warnings()
	return out, nil
}

type loader struct {
	opts  *LoadOptions
	errs  errList
	warns errList // warnings: Config.Warnings
	srcs  map[string][]byte
	files []string
	// memo holds chain's result per file identity: a file extended from
	// several places is read and merged once (extends fan-out stays
	// linear, not exponential).
	memo map[string][]*Config
	pats []patSize // every file's patterns, in load order
}

func (l *loader) dec(file string) *decoder {
	d := newDecoder(file, &l.errs, l.opts)
	d.pats = &l.pats
	return d
}

// read reads a regular file of at most MaxFileSize bytes (a FIFO or a
// device is refused at once, never opened for a blocking read).
func read(path string) ([]byte, error) {
	f, _, err := safeopen.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxFileSize {
		return nil, fmt.Errorf("file is larger than %d MB", MaxFileSize>>20)
	}
	return b, nil
}

// readAt reads path for a reference made at ref (nil for the main file):
// a config file when keys is configKeys, a glossary file when it is
// glossaryKeys. The path must be confined (see confined), and a file that
// does not read as a msglint config is refused without a word of its
// content (see quotable).
func (l *loader) readAt(path, kind string, ref *Pos, keys []string) ([]byte, bool) {
	if !l.confined(path, kind, ref) {
		return nil, false
	}
	b, err := read(path)
	if err == nil {
		if !quotable(path, b, ref == nil, keys) {
			if ref == nil {
				l.errs.add(&Error{File: path, Msg: "not a msglint config"})
			} else {
				l.errs.at(*ref, 0, "%s file %q: not a msglint config", kind, path)
			}
			return nil, false
		}
		l.srcs[path] = b
		return b, true
	}
	var pe *fs.PathError
	var nr *safeopen.NotRegularError
	switch {
	case errors.As(err, &nr):
		err = fmt.Errorf("is %s, not a regular file", safeopen.Kind(nr.Mode))
	case errors.As(err, &pe):
		err = pe.Err
	}
	if ref == nil {
		l.errs.add(&Error{File: path, Msg: fmt.Sprintf("cannot read config: %v", err)})
	} else {
		l.errs.at(*ref, 0, "cannot read %s file %q: %v", kind, path, err)
	}
	return nil, false
}

// parseRoot parses src into its root node; nil for an empty document.
func (l *loader) parseRoot(name string, src []byte) (*yaml.Node, bool) {
	l.srcs[name] = src
	var doc yaml.Node
	err := yaml.Load(src, &doc)
	if err != nil {
		var le *yaml.LoadError
		var les *yaml.LoadErrors
		switch {
		case errors.As(err, &les) && len(les.Errors) > 0:
			for _, e := range les.Errors {
				if strings.Contains(e.Message, "no documents in stream") {
					return nil, true
				}
				l.yamlError(name, e)
			}
		case errors.As(err, &le):
			l.yamlError(name, le)
		default:
			l.errs.add(&Error{File: name, Msg: "invalid YAML: " + err.Error()})
		}
		return nil, false
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, true
	}
	root := doc.Content[0]
	if isNull(root) {
		return nil, true
	}
	return root, true
}

func (l *loader) yamlError(name string, e *yaml.LoadError) {
	msg := e.Message
	switch {
	case strings.Contains(msg, "expected single document"):
		msg = "a config file must hold a single YAML document (remove the extra ---)"
	case e.ContextMsg != "":
		ctx := e.ContextMsg
		if e.ContextMark.Line > 0 && e.ContextMark.Line != e.Mark.Line {
			ctx += fmt.Sprintf(" that starts at line %d", e.ContextMark.Line)
		}
		msg = fmt.Sprintf("invalid YAML: %s (%s)", msg, ctx)
	default:
		msg = "invalid YAML: " + msg
	}
	l.errs.add(&Error{File: name, Line: e.Mark.Line, Col: e.Mark.Column, Msg: msg})
}

// parseConfig decodes one config file.
func (l *loader) parseConfig(name string, src []byte) *Config {
	c := &Config{}
	d := l.dec(name)
	if root, ok := l.parseRoot(name, src); ok && root != nil {
		d.value("the config file", "", root, reflect.ValueOf(c).Elem(), false)
	}
	c.present = d.present
	for i := range c.ExtendsPos {
		c.ExtendsPos[i].File = name
	}
	return c
}

// parseGlossary decodes a glossary file: a mapping with a `terms:` list.
func (l *loader) parseGlossary(name string, src []byte) []Term {
	var g struct {
		Terms []Term `yaml:"terms"`
	}
	d := l.dec(name)
	if root, ok := l.parseRoot(name, src); ok && root != nil {
		d.value("the glossary file", "", root, reflect.ValueOf(&g).Elem(), false)
	}
	return g.Terms
}

// resolve makes a path named in file `from` relative to from's folder.
func resolve(from, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(filepath.Dir(from), filepath.FromSlash(p))
}

func identity(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		p = a
	}
	if r, err := filepath.EvalSymlinks(p); err == nil {
		p = r
	}
	return p
}

// chain loads path and what it extends, returning the configs in merge
// order (extended files first, depth first, then path itself). Each
// unit's Terms hold its glossary files' terms followed by its own.
func (l *loader) chain(path string, ref *Pos, stack []string) []*Config {
	id := identity(path)
	if i := slices.Index(stack, id); i >= 0 {
		names := append(slices.Clone(stack[i:]), id)
		for j := range names {
			names[j] = filepath.Base(names[j])
		}
		l.errs.at(*ref, 0, "extends cycle: %s", strings.Join(names, " -> "))
		return nil
	}
	if units, done := l.memo[id]; done {
		return units
	}
	if len(stack) >= maxExtendsDepth {
		l.errs.at(*ref, 0, "extends nested more than %d levels deep", maxExtendsDepth)
		return nil
	}
	if l.memo == nil {
		l.memo = map[string][]*Config{}
	}
	if len(l.memo) >= maxConfigFiles {
		l.errs.at(*ref, 0, "extends reaches more than %d config files", maxConfigFiles)
		return nil
	}
	l.memo[id] = nil // a failure below is reported once
	units := l.chainRead(path, ref, stack, id)
	l.memo[id] = units
	return units
}

// chainRead is chain for a file not seen before.
func (l *loader) chainRead(path string, ref *Pos, stack []string, id string) []*Config {
	src, ok := l.readAt(path, "extends", ref, configKeys)
	if !ok {
		return nil
	}
	c := l.parseConfig(path, src)
	stack = append(stack, id)
	var units []*Config
	var extends []string
	var extendsPos []Pos
	inUnits := map[*Config]bool{}
	inExtends := map[string]bool{}
	addExtends := func(p string, pos Pos) {
		if !inExtends[p] {
			inExtends[p] = true
			extends = append(extends, p)
			extendsPos = append(extendsPos, pos)
		}
	}
	for i, e := range c.Extends {
		if strings.TrimSpace(e) == "" {
			continue
		}
		p := resolve(path, e)
		pos := c.ExtendsPos[i]
		sub := l.chain(p, &pos, stack)
		if len(sub) > 0 {
			// sub's last unit is p itself; it lists what p reached.
			last := sub[len(sub)-1]
			for j, x := range last.Extends {
				addExtends(x, last.ExtendsPos[j])
			}
			addExtends(p, pos)
		}
		// each file is merged once, where it is first reached
		for _, u := range sub {
			if !inUnits[u] {
				inUnits[u] = true
				units = append(units, u)
			}
		}
	}
	var terms []Term
	var glossary []string
	var glossaryPos []Pos
	for i, g := range c.Glossary {
		if strings.TrimSpace(g) == "" {
			continue
		}
		p := resolve(path, g)
		pos := c.GlossaryPos[i]
		pos.File = path
		gsrc, ok := l.readAt(p, "glossary", &pos, glossaryKeys)
		if !ok {
			continue
		}
		l.files = append(l.files, p)
		terms = append(terms, l.parseGlossary(p, gsrc)...)
		glossary = append(glossary, p)
		glossaryPos = append(glossaryPos, pos)
	}
	c.Terms = append(terms, c.Terms...)
	checkFileTerms(l.dec(path), c.Terms)
	// Only this unit's own references; the sub-units carry theirs.
	c.Extends, c.ExtendsPos = extends, extendsPos
	c.Glossary, c.GlossaryPos = glossary, glossaryPos
	l.files = append(l.files, path)
	return append(units, c)
}
