// From findings to LSP diagnostics: ranges in UTF-16, severities, config errors.

package lsp

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project"
)

// check lints one document (its buffer for a text format, else the file
// on disk) and returns its findings and diagnostics. Config errors are
// published on the config file too.
func (s *Server) check(d *document, text string) ([]published, []diagnostic) {
	cp, err := s.project(d.path)
	if err != nil {
		return nil, s.configError(err)
	}
	s.clearConfigDiags()
	s.mu.Lock()
	minSev := s.minSeverity
	s.mu.Unlock()
	// the other files' facts come from the workspace index (index.go)
	opt := project.Options{Paths: []string{d.path}, Cwd: cp.p.Config.Dir, Jobs: 1, Scoped: true,
		MinSeverity: minSev, Facts: s.indexFacts(cp)}
	if d.textKind {
		opt.Stdin, opt.StdinName = strings.NewReader(text), d.path
	}
	res, err := cp.p.Run(opt)
	if err != nil {
		return nil, s.configError(err)
	}
	var pubs []published
	var diags []diagnostic
	for _, f := range res.Findings {
		if filepath.Join(cp.p.Config.Dir, filepath.FromSlash(f.Path)) != d.path {
			continue
		}
		r := findingRange(f, text, d.textKind)
		pubs = append(pubs, published{f: f, r: r})
		diags = append(diags, toDiagnostic(f, r, cp.p.Config.Dir))
	}
	return pubs, diags
}

// findingRange is a finding's LSP range: its rune columns converted to
// UTF-16 on the buffer's lines; line 0 for a finding on a whole file or
// with an office/PDF location.
func findingRange(f lint.Finding, text string, textKind bool) Range {
	if !textKind || f.Loc != "" || f.Line < 1 {
		return Range{}
	}
	start := Position{Line: f.Line - 1}
	if line, ok := lineOf(text, f.Line-1); ok {
		start.Character = colToUTF16(line, f.Line, f.Col)
	}
	end := start
	if f.EndLine >= f.Line && f.EndLine > 0 {
		end = Position{Line: f.EndLine - 1}
		if line, ok := lineOf(text, f.EndLine-1); ok {
			end.Character = colToUTF16(line, f.EndLine, f.EndCol)
		}
	}
	if end.Line < start.Line || end.Line == start.Line && end.Character < start.Character {
		end = start
	}
	return Range{Start: start, End: end}
}

// colToUTF16 converts a column on a line: msglint does not count a
// byte-order mark on the first line, an editor counts it when the buffer
// holds it.
func colToUTF16(line string, lineNo, col int) int {
	if lineNo == 1 && strings.HasPrefix(line, "\uFEFF") {
		return 1 + RuneColToUTF16(line[3:], col)
	}
	return RuneColToUTF16(line, col)
}

func severity(s lint.Severity) int {
	switch s {
	case lint.Error:
		return 1
	case lint.Warning:
		return 2
	}
	return 3
}

func toDiagnostic(f lint.Finding, r Range, dir string) diagnostic {
	msg := f.Message
	if f.Loc != "" {
		msg = f.Loc + ": " + msg
	}
	d := diagnostic{Range: r, Severity: severity(f.Severity), Source: "msglint", Code: f.Rule, Message: msg}
	for _, rel := range f.Related {
		if rel.Path == "" {
			continue
		}
		loc := location{URI: pathToURI(filepath.Join(dir, filepath.FromSlash(rel.Path)))}
		if rel.Line > 0 && rel.Loc == "" {
			loc.Range.Start.Line, loc.Range.End.Line = rel.Line-1, rel.Line-1
		}
		note := "related"
		if rel.Match != "" {
			note = fmt.Sprintf("%q", rel.Match)
		}
		if rel.Loc != "" {
			note = rel.Loc + ": " + note
		}
		d.RelatedInformation = append(d.RelatedInformation, relatedInformation{Location: loc, Message: note})
	}
	return d
}

// configError publishes a config error on the config file (with
// positions) and returns the diagnostic for the document.
func (s *Server) configError(err error) []diagnostic {
	var list []*config.Error
	collectConfigErrors(err, &list)
	byFile := map[string][]diagnostic{}
	for _, e := range list {
		if e.File == "" || e.Warning {
			continue
		}
		r := Range{}
		if e.Line > 0 {
			ch := 0
			if e.Col > 0 {
				ch = RuneColToUTF16(e.Snippet, e.Col)
			}
			r.Start = Position{Line: e.Line - 1, Character: ch}
			r.End = r.Start
			if e.Width > 0 {
				r.End.Character = RuneColToUTF16(e.Snippet, e.Col+e.Width)
			}
		}
		path := e.File
		if !filepath.IsAbs(path) {
			if abs, err := filepath.Abs(path); err == nil {
				path = abs
			}
		}
		byFile[path] = append(byFile[path], diagnostic{Range: r, Severity: 1, Source: "msglint", Code: "config", Message: e.Msg})
	}
	s.mu.Lock()
	for path := range byFile {
		s.configDiags[path] = true
	}
	s.mu.Unlock()
	for path, diags := range byFile {
		s.publish(pathToURI(path), nil, diags)
	}
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return []diagnostic{{Severity: 1, Source: "msglint", Code: "config", Message: "msglint's config has errors; this file is not linted: " + msg}}
}

func collectConfigErrors(err error, out *[]*config.Error) {
	if e, ok := err.(*config.Error); ok {
		*out = append(*out, e)
		return
	}
	switch u := err.(type) {
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			collectConfigErrors(e, out)
		}
	case interface{ Unwrap() error }:
		if e := u.Unwrap(); e != nil {
			collectConfigErrors(e, out)
		}
	}
}

// clearConfigDiags clears the config errors published before (the config
// now loads).
func (s *Server) clearConfigDiags() {
	s.mu.Lock()
	var paths []string
	for p := range s.configDiags {
		paths = append(paths, p)
	}
	clear(s.configDiags)
	s.mu.Unlock()
	for _, p := range paths {
		s.publish(pathToURI(p), nil, nil)
	}
}
