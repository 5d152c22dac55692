// Hover and code actions, and the URI and path helpers.

package lsp

import (
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/rules"
)

func (s *Server) hover(p textDocumentPositionParams) any {
	_, _, found := s.findingsAt(p.TextDocument.URI, Range{Start: p.Position, End: p.Position})
	var b strings.Builder
	seen := map[string]bool{}
	for _, f := range found {
		if seen[f.f.Rule] {
			continue
		}
		seen[f.f.Rule] = true
		if b.Len() > 0 {
			b.WriteString("\n---\n\n")
		}
		r, ok := rules.Get(f.f.Rule)
		if !ok || s.opt.Explain == nil {
			fmt.Fprintf(&b, "**%s**\n", f.f.Rule)
			continue
		}
		b.WriteString(s.opt.Explain(r))
	}
	term, termRange := s.termAt(p.TextDocument.URI, p.Position)
	if term != "" {
		if b.Len() > 0 {
			b.WriteString("\n---\n\n")
		}
		b.WriteString(term)
	}
	if b.Len() == 0 {
		return nil
	}
	rng := termRange
	if len(found) > 0 {
		rng = found[0].r
	}
	return hoverResult{Contents: markupContent{Kind: "markdown", Value: b.String()}, Range: &rng}
}

// termAt describes the glossary term written at pos in a text document's
// buffer (its canonical form, kind, note, trademark, variants and
// deprecated names), with the range of the words; "" when there is none.
// The line is matched as it is in the source, markup included.
func (s *Server) termAt(uri string, pos Position) (string, Range) {
	s.mu.Lock()
	d := s.docs[uri]
	var line string
	ok := false
	if d != nil && d.textKind {
		line, ok = lineOf(d.text, pos.Line)
	}
	s.mu.Unlock()
	if !ok {
		return "", Range{}
	}
	cp, err := s.project(d.path)
	if err != nil {
		return "", Range{}
	}
	ix := cp.p.Index
	off := utf16ToByte(line, pos.Character)
	for _, m := range ix.Find(line, nil, nil) {
		if off < m.Start || off > m.End || m.Term < 0 || m.Term >= len(ix.Terms) {
			continue
		}
		t := ix.Terms[m.Term]
		var b strings.Builder
		fmt.Fprintf(&b, "**%s**", t.Name)
		if t.Kind != "" {
			fmt.Fprintf(&b, " (%s)", t.Kind)
		}
		b.WriteString(" — glossary term\n")
		if t.Note != "" {
			fmt.Fprintf(&b, "\n%s\n", t.Note)
		}
		if t.Trademark != "" {
			fmt.Fprintf(&b, "\nTrademark: %s on the first mention\n", t.Trademark)
		}
		variants, deprecated := ix.Forms(m.Term)
		if len(variants) > 0 {
			fmt.Fprintf(&b, "\nVariants (write %q instead): %s\n", t.Name, strings.Join(variants, ", "))
		}
		if len(deprecated) > 0 {
			fmt.Fprintf(&b, "\nDeprecated: %s\n", strings.Join(deprecated, ", "))
		}
		r := Range{Start: Position{Line: pos.Line, Character: utf16Units(line[:m.Start])},
			End: Position{Line: pos.Line, Character: utf16Units(line[:m.End])}}
		return b.String(), r
	}
	return "", Range{}
}

// utf16Units is the length of s in UTF-16 code units.
func utf16Units(s string) int {
	n := 0
	for _, r := range s {
		n += utf16Len(r)
	}
	return n
}

func (s *Server) codeActions(p codeActionParams) []codeAction {
	d, text, found := s.findingsAt(p.TextDocument.URI, p.Range)
	out := []codeAction{}
	if d == nil {
		return out
	}
	seenDisable := map[string]bool{}
	fixable := 0
	for _, f := range found {
		diag := toDiagnostic(f.f, f.r, "")
		diag.RelatedInformation = nil
		if fx := f.f.Fix; fx != nil && fx.Start >= 0 && fx.End >= fx.Start && fx.End <= len(text) && d.textKind {
			edit := textEdit{Range: Range{Start: ByteToPosition(text, fx.Start), End: ByteToPosition(text, fx.End)}, NewText: fx.Replacement}
			title := fmt.Sprintf("Replace %q with %q (%s)", text[fx.Start:fx.End], fx.Replacement, f.f.Rule)
			safe := fx.Safety == lint.FixSafe
			if r, ok := rules.Get(f.f.Rule); ok && fx.Safety == lint.FixNone {
				safe = r.Fix == lint.FixSafe
			}
			out = append(out, codeAction{Title: title, Kind: "quickfix", Diagnostics: []diagnostic{diag}, IsPreferred: safe,
				Edit: &workspaceEdit{Changes: map[string][]textEdit{d.uri: {edit}}}})
			fixable++
		}
		key := fmt.Sprint(f.f.Line, f.f.Rule)
		if seenDisable[key] {
			continue
		}
		seenDisable[key] = true
		if edit, ok := disableEdit(d.path, text, f.f); ok {
			out = append(out, codeAction{Title: fmt.Sprintf("Disable %s for this line", f.f.Rule), Kind: "quickfix",
				Diagnostics: []diagnostic{diag}, Edit: &workspaceEdit{Changes: map[string][]textEdit{d.uri: {edit}}}})
		}
	}
	if fixable > 0 {
		if all := s.fixAll(d.uri); all != nil {
			out = append(out, *all)
		}
	}
	return out
}

// fixAll is the action that applies every safe fix of the document (as
// `msglint fix` would: no heuristic fix, no two fixes that overlap); nil
// when there are fewer than two.
func (s *Server) fixAll(uri string) *codeAction {
	d, text, found := s.findingsAt(uri, Range{Start: Position{}, End: Position{Line: 1 << 30}})
	if d == nil || !d.textKind {
		return nil
	}
	type span struct {
		a, b int
		repl string
	}
	var spans []span
	for _, f := range found {
		fx := f.f.Fix
		if fx == nil || fx.Start < 0 || fx.End < fx.Start || fx.End > len(text) {
			continue
		}
		safety := fx.Safety
		if safety == lint.FixNone {
			if r, ok := rules.Get(f.f.Rule); ok {
				safety = r.Fix
			}
		}
		if safety != lint.FixSafe {
			continue
		}
		spans = append(spans, span{fx.Start, fx.End, fx.Replacement})
	}
	slices.SortStableFunc(spans, func(x, y span) int { return x.a - y.a })
	var edits []textEdit
	last := -1
	for _, sp := range spans {
		if sp.a < last || sp.a == last && sp.a == sp.b {
			continue // overlaps the one before
		}
		edits = append(edits, textEdit{Range: Range{Start: ByteToPosition(text, sp.a), End: ByteToPosition(text, sp.b)}, NewText: sp.repl})
		last = sp.b
	}
	if len(edits) < 2 {
		return nil
	}
	return &codeAction{Title: fmt.Sprintf("Fix all %d safe msglint findings in this file", len(edits)), Kind: "quickfix",
		Edit: &workspaceEdit{Changes: map[string][]textEdit{uri: edits}}}
}

// disableEdit is the edit that turns rule f.Rule off for f's line:
// a disable-next-line comment above it (Markdown, MDX, HTML), or a
// disable-line comment at the end of a Markdown table row (a line
// between the rows would end the table). None for plain text (no
// directives), for front matter, or for a finding with no line.
func disableEdit(path, text string, f lint.Finding) (textEdit, bool) {
	if f.Loc != "" || f.Line < 1 || f.Rule == "" {
		return textEdit{}, false
	}
	ext := strings.ToLower(filepath.Ext(path))
	mdx := ext == ".mdx"
	switch ext {
	case ".md", ".markdown", ".mdx", ".html", ".htm":
	default:
		return textEdit{}, false
	}
	line, ok := lineOf(text, f.Line-1)
	if !ok || inFrontMatter(text, f.Line-1) {
		return textEdit{}, false
	}
	line = strings.TrimSuffix(line, "\r")
	comment := func(kind string) string {
		if mdx {
			return "{/* msglint-" + kind + " " + f.Rule + " */}"
		}
		return "<!-- msglint-" + kind + " " + f.Rule + " -->"
	}
	trimmed := strings.TrimLeft(line, " \t")
	if ext != ".html" && ext != ".htm" && strings.HasPrefix(trimmed, "|") {
		end := Position{Line: f.Line - 1, Character: RuneColToUTF16(line, len([]rune(line))+1)}
		return textEdit{Range: Range{Start: end, End: end}, NewText: " " + comment("disable-line")}, true
	}
	indent := line[:len(line)-len(trimmed)]
	at := Position{Line: f.Line - 1}
	nl := "\n"
	if strings.Contains(text, "\r\n") {
		nl = "\r\n"
	}
	return textEdit{Range: Range{Start: at, End: at}, NewText: indent + comment("disable-next-line") + nl}, true
}

// inFrontMatter reports whether line n (0-based) is inside a leading
// front matter block (--- YAML --- or +++ TOML +++).
func inFrontMatter(text string, n int) bool {
	text = strings.TrimPrefix(text, "\uFEFF")
	first, _ := lineOf(text, 0)
	first = strings.TrimRight(first, " \t\r")
	if first != "---" && first != "+++" {
		return false
	}
	for i := 1; ; i++ {
		l, ok := lineOf(text, i)
		if !ok {
			return false // unclosed: not front matter
		}
		if strings.TrimRight(l, " \t\r") == first {
			return n <= i
		}
	}
}

// uriToPath converts a file: URI to a clean absolute path.
func uriToPath(uri string) (string, error) {
	u, err := url.Parse(uri)
	if err != nil {
		return "", err
	}
	if u.Scheme != "file" {
		return "", fmt.Errorf("not a file: URI: %q", uri)
	}
	p := filepath.FromSlash(u.Path)
	if len(p) >= 3 && p[0] == '\\' && p[2] == ':' { // file:///C:/x on Windows
		p = p[1:]
	}
	if !filepath.IsAbs(p) {
		return "", fmt.Errorf("not an absolute file: URI: %q", uri)
	}
	return filepath.Clean(p), nil
}

// pathToURI converts an absolute path to a file: URI.
func pathToURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
