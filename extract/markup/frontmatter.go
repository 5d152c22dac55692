package markup

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/msglint/msglint/content"
	toml "github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
	yaml "go.yaml.in/yaml/v4"
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

func (fm *fmParser) yaml() {
	if !fm.yamlSimple() {
		fm.yamlFull()
	}
}

// yamlFull reads the front matter with the YAML library.
func (fm *fmParser) yamlFull() {
	body := fm.src[fm.bs:fm.be]
	var root yaml.Node
	if err := yaml.Unmarshal(body, &root); err != nil {
		fm.note(fm.bs, "front matter: %v", err)
		return
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 {
		return
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		return
	}
	meta := map[string]any{}
	if err := m.Decode(&meta); err != nil {
		fm.note(fm.bs, "front matter: %v", err)
	}
	fm.doc.Meta = meta
	fm.lines = append(fm.lines[:0], 0)
	for i, c := range body {
		if c == '\n' {
			fm.lines = append(fm.lines, i+1)
		}
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			continue
		}
		switch {
		case k.Value == "msglint":
			fm.yamlDirective(k, v)
		case fm.prose(k.Value):
			switch v.Kind {
			case yaml.ScalarNode:
				fm.yamlScalar(k.Value, v, false)
			case yaml.SequenceNode:
				for _, it := range v.Content {
					if it.Kind == yaml.ScalarNode {
						fm.yamlScalar(k.Value, it, v.Style&yaml.FlowStyle != 0)
					}
				}
			}
		}
	}
}

// yamlSimple handles the common front matter made only of `key: value`
// lines whose values are unambiguous one-line plain strings, giving exactly
// what the YAML path gives (Meta of strings, the same blocks). It reports
// false, having changed nothing, for anything else: comments, quotes,
// nesting, lists, tabs, CRs, values that YAML could read as another type,
// the msglint key, duplicate keys.
func (fm *fmParser) yamlSimple() bool {
	src, be := fm.src, fm.be
	type kv struct{ ks, ke, vs, ve int }
	var buf [16]kv
	kvs := buf[:0]
	for p := fm.bs; p < be; {
		e := p + bytes.IndexByte(src[p:be], '\n')
		if e < p {
			e = be
		}
		if e == p { // empty line
			p = e + 1
			continue
		}
		k := p
		for k < e && isKeyByte(src[k], k == p) {
			k++
		}
		if k == p || k == e || src[k] != ':' || k-p > 64 || !simpleWord(src[p:k]) {
			return false
		}
		v := k + 1
		for v < e && src[v] == ' ' {
			v++
		}
		if v == k+1 || v == e || !simpleValue(src[v:e]) {
			return false
		}
		for _, o := range kvs {
			if bytes.Equal(src[o.ks:o.ke], src[p:k]) {
				return false
			}
		}
		kvs = append(kvs, kv{p, k, v, e})
		p = e + 1
	}
	if len(kvs) == 0 {
		return false
	}
	meta := make(map[string]any, len(kvs))
	for _, o := range kvs {
		meta[string(src[o.ks:o.ke])] = string(src[o.vs:o.ve])
	}
	fm.doc.Meta = meta
	var b builder
	for _, o := range kvs {
		if !fm.prose(string(src[o.ks:o.ke])) {
			continue
		}
		key := string(src[o.ks:o.ke])
		b = builder{src: src, text: b.text[:0], segs: b.segs[:0]}
		fm.plain(&b, o.vs, 0, false)
		fm.addBlock(key, &b, meta[key].(string), o.vs)
	}
	return true
}

// isKeyByte: a simple key is an ASCII letter then letters, digits, '_', '-'.
func isKeyByte(c byte, first bool) bool {
	if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
		return true
	}
	return !first && (c >= '0' && c <= '9' || c == '_' || c == '-')
}

// simpleWord rejects keys and values that YAML resolves to a non-string
// (booleans and null in YAML 1.1 and 1.2 spellings) and the msglint key.
func simpleWord(w []byte) bool {
	if len(w) > 5 && len(w) != 7 {
		return true
	}
	switch strings.ToLower(string(w)) {
	case "y", "n", "yes", "no", "on", "off", "true", "false", "null", "msglint":
		return false
	}
	return true
}

// simpleValue reports whether v is a one-line plain scalar that YAML reads
// as exactly these bytes, a string: it starts with an ASCII letter, holds
// printable characters only, no '#', no tab, no ':' before a space or at
// the end, no trailing space, and is no special word.
func simpleValue(v []byte) bool {
	if len(v) == 0 || !isKeyByte(v[0], true) || v[len(v)-1] == ' ' || !simpleWord(v) {
		return false
	}
	for i := 0; i < len(v); {
		c := v[i]
		if c < utf8.RuneSelf {
			if c < ' ' || c == 0x7f || c == '#' || c == ':' && (i+1 == len(v) || v[i+1] == ' ') {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(v[i:])
		if r < 0xA0 || r == 0xFEFF || r == 0x2028 || r == 0x2029 || r == 0xFFFE || r == 0xFFFF || r == utf8.RuneError {
			return false
		}
		i += n
	}
	return true
}

func (fm *fmParser) yamlDirective(k, v *yaml.Node) {
	line := fm.absLine(k.Line)
	if v.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		if v.Content[i].Value != "disable" {
			continue
		}
		d := v.Content[i+1]
		switch d.Kind {
		case yaml.SequenceNode:
			var rules []string
			for _, it := range d.Content {
				rules = append(rules, splitRules(it.Value)...)
			}
			fm.disable(line, rules, len(d.Content) == 0)
		case yaml.ScalarNode:
			if d.Tag == "!!bool" {
				fm.disable(line, nil, d.Value == "true")
			} else {
				fm.disable(line, splitRules(d.Value), false)
			}
		}
	}
}

// absLine converts a body line to a document line.
func (fm *fmParser) absLine(bodyLine int) int {
	l, _ := fm.doc.LineCol(fm.bs)
	return l + bodyLine - 1
}

// offset converts a YAML 1-based line and rune column to a src offset.
func (fm *fmParser) offset(line, col int) int {
	if line < 1 || line > len(fm.lines) {
		return fm.bs
	}
	p := fm.bs + fm.lines[line-1]
	for ; col > 1 && p < fm.be; col-- {
		_, n := utf8.DecodeRune(fm.src[p:fm.be])
		p += n
	}
	return p
}

func (fm *fmParser) yamlScalar(field string, n *yaml.Node, flow bool) {
	if n.Tag != "!!str" && n.Tag != "" {
		return
	}
	p := fm.offset(n.Line, n.Column)
	b := &builder{src: fm.src}
	ls := fm.bs + bytes.LastIndexByte(fm.src[fm.bs:p], '\n') + 1
	indent := leading(fm.src[ls:p])
	switch n.Style & (yaml.DoubleQuotedStyle | yaml.SingleQuotedStyle | yaml.LiteralStyle | yaml.FoldedStyle) {
	case yaml.DoubleQuotedStyle:
		quoted(b, fm.src, p+1, fm.be, '"', true, true)
	case yaml.SingleQuotedStyle:
		quoted(b, fm.src, p+1, fm.be, '\'', true, false)
	case yaml.LiteralStyle, yaml.FoldedStyle:
		fm.blockScalar(b, p, indent)
	default:
		fm.plain(b, p, indent, flow)
	}
	fm.addBlock(field, b, n.Value, p)
}

// plain maps a plain scalar: its first line and, outside flow context,
// continuation lines indented more than the line it starts on.
func (fm *fmParser) plain(b *builder, p, indent int, flow bool) {
	src := fm.src
	line, next := lineAt(src[:fm.be], p)
	b.exact(p, p+plainEnd(line, flow))
	if flow {
		return
	}
	for next < fm.be {
		l, n := lineAt(src[:fm.be], next)
		ind := leading(l)
		trimmed := bytes.TrimRight(l, " \t\r")
		if ind >= len(trimmed) { // blank line
			next = n
			continue
		}
		if ind <= indent || trimmed[ind] == '#' || bytes.Contains(trimmed, []byte(": ")) {
			return
		}
		b.space()
		b.exact(next+ind, next+ind+plainEnd(l[ind:], false))
		next = n
	}
}

// plainEnd is the length of a plain scalar's text on one line.
func plainEnd(line []byte, flow bool) int {
	end := len(line)
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c == '#' && i > 0 && (line[i-1] == ' ' || line[i-1] == '\t') {
			end = i
			break
		}
		if flow && (c == ',' || c == ']' || c == '}') {
			end = i
			break
		}
	}
	for end > 0 && (line[end-1] == ' ' || line[end-1] == '\t' || line[end-1] == '\r') {
		end--
	}
	return end
}

func leading(l []byte) int {
	i := 0
	for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
		i++
	}
	return i
}

// blockScalar maps a literal or folded block scalar line by line.
func (fm *fmParser) blockScalar(b *builder, p, indent int) {
	_, next := lineAt(fm.src[:fm.be], p)
	contentCol := -1
	for next < fm.be {
		l, n := lineAt(fm.src[:fm.be], next)
		text := bytes.TrimRight(l, " \t\r")
		ind := leading(text)
		if ind >= len(text) {
			next = n
			continue
		}
		if contentCol < 0 {
			if ind <= indent {
				return
			}
			contentCol = ind
		}
		if ind < contentCol {
			return
		}
		b.space()
		b.exact(next+ind, next+len(text))
		next = n
	}
}

// quoted maps the inside of a quoted string starting at src[i] (after the
// opening quote) up to the closing quote q (0: none) or lim. yamlFold
// applies YAML line folding (trailing white space dropped, line breaks
// become a space) and ” in single quotes; TOML strings keep white space,
// and line breaks become a space. escapes enables backslash escapes.
func quoted(b *builder, src []byte, i, lim int, q byte, yamlFold, escapes bool) {
	run := i
	for i < lim {
		c := src[i]
		switch {
		case c == '\'' && q == '\'' && i+1 < lim && src[i+1] == '\'' && yamlFold:
			b.exact(run, i)
			b.atomic("'", i, i+2)
			i += 2
			run = i
		case c == q && q != 0:
			b.exact(run, i)
			return
		case c == '\\' && escapes && i+1 < lim:
			b.exact(run, i)
			j := i + 1
			for j < lim && (src[j] == ' ' || src[j] == '\t') && !yamlFold {
				j++
			}
			if j < lim && (src[j] == '\n' || src[j] == '\r') {
				// escaped line break: joins lines without a space
				for j < lim && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n' || src[j] == '\r') {
					j++
				}
				i, run = j, j
				continue
			}
			str, n := escape(src[i:lim])
			b.atomic(str, i, i+n)
			i += n
			run = i
		case c == '\n' || c == '\r':
			j := i
			if yamlFold {
				for j > run && (src[j-1] == ' ' || src[j-1] == '\t') {
					j--
				}
			}
			b.exact(run, j)
			for i < lim && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
				i++
			}
			b.space()
			run = i
		default:
			i++
		}
	}
	b.exact(run, lim)
}

// simpleEscapes are the one-letter YAML and TOML escapes.
var simpleEscapes = map[byte]string{'0': "\x00", 'a': "\a", 'b': "\b", 't': "\t", '\t': "\t", 'n': "\n",
	'v': "\v", 'f': "\f", 'r': "\r", 'e': "\x1b", ' ': " ", '"': "\"", '/': "/", '\\': "\\",
	'N': "\u0085", '_': "\u00a0", 'L': "\u2028", 'P': "\u2029"}

// escape decodes a YAML or TOML backslash escape at the start of p.
func escape(p []byte) (string, int) {
	if len(p) < 2 {
		return "\\", 1
	}
	if s, ok := simpleEscapes[p[1]]; ok {
		return s, 2
	}
	digits := 0
	switch p[1] {
	case 'x':
		digits = 2
	case 'u':
		digits = 4
	case 'U':
		digits = 8
	}
	if digits == 0 || len(p) < 2+digits {
		return "\\", 1
	}
	v, err := strconv.ParseUint(string(p[2:2+digits]), 16, 32)
	if err != nil || !utf8.ValidRune(rune(v)) {
		return "\\", 1
	}
	return string(rune(v)), 2 + digits
}

// ---- TOML ----

func (fm *fmParser) toml() {
	body := fm.src[fm.bs:fm.be]
	meta := map[string]any{}
	if err := toml.Unmarshal(body, &meta); err != nil {
		fm.note(fm.bs, "front matter: %v", err)
		return
	}
	fm.doc.Meta = meta
	var p unstable.Parser
	p.Reset(body)
	var table []string
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table = table[:0]
			for it := e.Key(); it.Next(); {
				table = append(table, string(it.Node().Data))
			}
			if e.Kind == unstable.ArrayTable {
				table = append(table, "[]")
			}
		case unstable.KeyValue:
			var key []string
			for it := e.Key(); it.Next(); {
				key = append(key, string(it.Node().Data))
			}
			full := append(append([]string(nil), table...), key...)
			v := e.Value()
			kr := fm.bs
			if it := e.Key(); it.Next() {
				kr += int(it.Node().Raw.Offset)
			}
			line, _ := fm.doc.LineCol(kr)
			switch {
			case len(full) == 1 && full[0] == "msglint" && v.Kind == unstable.InlineTable:
				for it := v.Children(); it.Next(); {
					kv := it.Node()
					ki := kv.Key()
					if ki.Next() && string(ki.Node().Data) == "disable" && ki.IsLast() {
						fm.tomlDisable(line, kv.Value())
					}
				}
			case len(full) == 2 && full[0] == "msglint" && full[1] == "disable":
				fm.tomlDisable(line, v)
			case len(full) == 1 && fm.prose(full[0]):
				switch v.Kind {
				case unstable.String:
					fm.tomlString(full[0], v)
				case unstable.Array:
					for it := v.Children(); it.Next(); {
						if it.Node().Kind == unstable.String {
							fm.tomlString(full[0], it.Node())
						}
					}
				}
			}
		}
	}
	if err := p.Error(); err != nil {
		fm.note(fm.bs, "front matter: %v", err)
	}
}

func (fm *fmParser) tomlDisable(line int, v *unstable.Node) {
	switch v.Kind {
	case unstable.Array:
		var rules []string
		n := 0
		for it := v.Children(); it.Next(); {
			n++
			rules = append(rules, splitRules(string(it.Node().Data))...)
		}
		fm.disable(line, rules, n == 0)
	case unstable.String:
		fm.disable(line, splitRules(string(v.Data)), false)
	case unstable.Bool:
		fm.disable(line, nil, string(v.Data) == "true")
	}
}

func (fm *fmParser) tomlString(field string, v *unstable.Node) {
	rs := fm.bs + int(v.Raw.Offset)
	re := rs + int(v.Raw.Length)
	if re > fm.be || re-rs < 2 {
		return
	}
	q := fm.src[rs]
	d := 1
	if re-rs >= 6 && fm.src[rs+1] == q && fm.src[rs+2] == q {
		d = 3
	}
	b := &builder{src: fm.src}
	cs, ce := rs+d, re-d
	if q == '\'' {
		for i, run := cs, cs; ; i++ {
			if i == ce || fm.src[i] == '\n' || fm.src[i] == '\r' {
				b.exact(run, i)
				if i == ce {
					break
				}
				b.space()
				run = i + 1
			}
		}
	} else {
		quoted(b, fm.src, cs, ce, 0, false, true)
	}
	fm.addBlock(field, b, string(v.Data), rs)
}
