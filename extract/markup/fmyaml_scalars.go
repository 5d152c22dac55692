// YAML front matter through the library: directives, positions and scalars.

package markup

import (
	"bytes"
	"strconv"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v4"
)

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
