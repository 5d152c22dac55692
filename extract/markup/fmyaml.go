package markup

import (
	"bytes"
	"strings"
	"time"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v4"
)

// yaml reads YAML front matter: with the fast reader of simple
// documents (yamlSimple) when it can, else with the YAML library.
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
// lines whose values are unambiguous one-line strings, giving exactly what
// the YAML path gives (the same Meta, the same blocks). A value may be a
// plain string (simpleValue), a double-quoted one without escapes
// (simpleQuoted), a date (simpleDate) or a flow list of plain words
// (simpleFlow). It reports false, having changed nothing, for anything
// else: comments, single quotes, escapes, nesting, block lists, tabs, CRs,
// values that YAML could read as another type, the msglint key, duplicate
// keys.
func (fm *fmParser) yamlSimple() bool {
	src, be := fm.src, fm.be
	type kv struct {
		ks, ke, vs, ve int
		kind           byte // 0 plain, '"' quoted, 'd' date, '[' flow list
	}
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
		if v == k+1 || v == e {
			return false
		}
		var kind byte
		switch val := src[v:e]; {
		case simpleValue(val):
		case simpleQuoted(val):
			kind = '"'
		case simpleDate(val):
			kind = 'd'
		case simpleFlow(val):
			kind = '['
		default:
			return false
		}
		for _, o := range kvs {
			if bytes.Equal(src[o.ks:o.ke], src[p:k]) {
				return false
			}
		}
		kvs = append(kvs, kv{p, k, v, e, kind})
		p = e + 1
	}
	if len(kvs) == 0 {
		return false
	}
	meta := make(map[string]any, len(kvs))
	for _, o := range kvs {
		key := string(src[o.ks:o.ke])
		switch o.kind {
		case '"':
			meta[key] = string(src[o.vs+1 : o.ve-1])
		case '[':
			var items []any
			forFlowItems(src[:o.ve-1], o.vs+1, func(s, e int) { items = append(items, string(src[s:e])) })
			meta[key] = items
		case 'd':
			meta[key], _ = time.Parse("2006-1-2", string(src[o.vs:o.ve]))
		default:
			meta[key] = string(src[o.vs:o.ve])
		}
	}
	fm.doc.Meta = meta
	var b builder
	for _, o := range kvs {
		if o.kind == 'd' || !fm.prose(string(src[o.ks:o.ke])) {
			continue // a date is no string: YAML's path makes no block of it
		}
		key := string(src[o.ks:o.ke])
		switch o.kind {
		case '"':
			b = builder{src: src, text: b.text[:0], segs: b.segs[:0]}
			quoted(&b, src, o.vs+1, be, '"', true, true)
			fm.addBlock(key, &b, meta[key].(string), o.vs)
		case '[':
			forFlowItems(src[:o.ve-1], o.vs+1, func(s, e int) {
				b = builder{src: src, text: b.text[:0], segs: b.segs[:0]}
				fm.plain(&b, s, 0, true)
				fm.addBlock(key, &b, string(src[s:e]), s)
			})
		default:
			b = builder{src: src, text: b.text[:0], segs: b.segs[:0]}
			fm.plain(&b, o.vs, 0, false)
			fm.addBlock(key, &b, meta[key].(string), o.vs)
		}
	}
	return true
}

// simpleQuoted reports whether v is a double-quoted scalar that ends the
// line and holds printable characters only, no escape and no quote: YAML
// reads it as the bytes between the quotes, a string.
func simpleQuoted(v []byte) bool {
	if len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
		return false
	}
	in := v[1 : len(v)-1]
	return bytes.IndexByte(in, '"') < 0 && bytes.IndexByte(in, '\\') < 0 && printable(in)
}

// simpleDate reports whether v is a valid date, YYYY-MM-DD: YAML resolves
// it to a timestamp (a time.Time in Meta, parsed as below) and the YAML
// path makes no block of it.
func simpleDate(v []byte) bool {
	if len(v) != 10 || v[4] != '-' || v[7] != '-' {
		return false
	}
	for i, c := range v {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	_, err := time.Parse("2006-1-2", string(v))
	return err == nil
}

// simpleFlow reports whether v is a one-line flow list, `[a, b c, d-e]`,
// of one or more plain words: an ASCII letter, then letters, digits,
// spaces, '-', '_' and '.', no special word, nothing after the ']'.
func simpleFlow(v []byte) bool {
	if len(v) < 3 || v[0] != '[' || v[len(v)-1] != ']' {
		return false
	}
	in := v[1 : len(v)-1]
	for _, c := range in {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ' || c == ',' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	ok := true
	for len(in) > 0 {
		item, rest, found := bytes.Cut(in, []byte{','})
		w := bytes.Trim(item, " ")
		if len(w) == 0 || !isKeyByte(w[0], true) || !simpleWord(w) {
			ok = false
			break
		}
		if !found {
			break
		}
		in = rest
		if len(in) == 0 { // a trailing comma
			ok = false
		}
	}
	return ok
}

// forFlowItems calls f with the source range of every item of a list that
// simpleFlow accepted, from p (after the '[') to the end of src (the ']').
func forFlowItems(src []byte, p int, f func(s, e int)) {
	for p < len(src) {
		e := p + bytes.IndexByte(src[p:], ',')
		if e < p {
			e = len(src)
		}
		s, t := p, e
		for src[s] == ' ' {
			s++
		}
		for src[t-1] == ' ' {
			t--
		}
		f(s, t)
		p = e + 1
	}
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
	for i := 0; i < len(v); i++ {
		if c := v[i]; c == '#' || c == ':' && (i+1 == len(v) || v[i+1] == ' ') {
			return false
		}
	}
	return printable(v)
}

// printable reports whether v holds printable characters only, as YAML
// allows them in a scalar: no control character, tab, NEL, line or
// paragraph separator, BOM, noncharacter or invalid UTF-8.
func printable(v []byte) bool {
	for i := 0; i < len(v); {
		c := v[i]
		if c < utf8.RuneSelf {
			if c < ' ' || c == 0x7f {
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
