package markup

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/msglint/msglint/content"
)

// Front matter: a `---` (YAML) or `+++` (TOML) fence on the file's first
// line (after an optional BOM) and a matching closing fence (`---` or `...`
// for YAML). Values are decoded into Document.Meta; the configured prose
// keys (strings or lists of strings at the top level) become
// ScopeFrontMatter blocks whose Segs are mapped scalar by scalar from the
// parser's positions: plain, single- and double-quoted scalars and TOML
// strings map exactly (escapes are atomic Segs), block scalars line by
// line. A scalar whose mapping does not reproduce the decoded value (an
// exotic form) falls back to the decoded text with one zero-width anchor
// Seg at its start. `msglint: {disable: [RULE...]}` gives a disable-file
// directive.

// fence finds front matter at src[start:]. It returns the body range, the
// end of the closing fence line, and the kind ('-' YAML, '+' TOML).
func fence(src []byte, start int) (bodyS, bodyE, end int, kind byte, ok bool) {
	line, next := lineAt(src, start)
	switch string(bytes.TrimRight(line, " \t\r")) {
	case "---":
		kind = '-'
	case "+++":
		kind = '+'
	default:
		return 0, 0, 0, 0, false
	}
	if next >= len(src) && (len(line) == 0 || src[len(src)-1] != '\n') {
		return 0, 0, 0, 0, false
	}
	for p := next; p < len(src); {
		l, n := lineAt(src, p)
		t := string(bytes.TrimRight(l, " \t\r"))
		if (kind == '-' && (t == "---" || t == "...")) || (kind == '+' && t == "+++") {
			return next, p, n, kind, true
		}
		p = n
	}
	return 0, 0, 0, 0, false
}

// lineAt returns the line starting at p (without '\n') and the offset of
// the next line.
func lineAt(src []byte, p int) ([]byte, int) {
	i := bytes.IndexByte(src[p:], '\n')
	if i < 0 {
		return src[p:], len(src)
	}
	return src[p : p+i], p + i + 1
}

// frontMatter extracts the front matter at work[start:] into doc and
// returns its end offset (0 when there is none).
func frontMatter(doc *content.Document, work []byte, start int, keys []string) int {
	bs, be, end, kind, ok := fence(work, start)
	if !ok {
		return 0
	}
	fm := &fmParser{doc: doc, src: doc.Src, bs: bs, be: be, keys: keys}
	if kind == '-' {
		fm.yaml()
	} else {
		fm.toml()
	}
	return end
}

type fmParser struct {
	doc    *content.Document
	src    []byte
	bs, be int // body range in src
	keys   []string
	lines  []int // body-relative line starts (YAML)
}

func (fm *fmParser) prose(key string) bool {
	for _, k := range fm.keys {
		if k == key {
			return true
		}
	}
	return false
}

func (fm *fmParser) note(off int, format string, args ...any) {
	fm.doc.Notes = append(fm.doc.Notes, content.Note{Rule: content.RuleUnreadable,
		Message: fmt.Sprintf(format, args...), Offset: off})
}

func (fm *fmParser) addBlock(field string, b *builder, value string, anchor int) {
	t, segs, ok := b.finish()
	if ok && t == value { // mapped exactly (the common case): the same fields
		if strings.TrimSpace(value) != "" {
			fm.doc.Blocks = append(fm.doc.Blocks, content.Block{Scope: content.ScopeFrontMatter, Field: field, Text: t, Segs: segs})
		}
		return
	}
	want := strings.Fields(value)
	if len(want) == 0 {
		return
	}
	if !ok || !equalFields(strings.Fields(t), want) {
		t = strings.Join(want, " ")
		segs = []content.Seg{{TextOff: 0, TextLen: len(t), SrcOff: anchor, SrcLen: 0}}
	}
	fm.doc.Blocks = append(fm.doc.Blocks, content.Block{Scope: content.ScopeFrontMatter, Field: field, Text: t, Segs: segs})
}

func equalFields(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func (fm *fmParser) disable(line int, rules []string, all bool) {
	if !all && len(rules) == 0 {
		return
	}
	if all {
		rules = nil
	}
	fm.doc.Directives = append(fm.doc.Directives, content.Directive{Kind: "disable-file", Rules: rules, Line: line})
}

func splitRules(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
}

// ---- YAML ----
