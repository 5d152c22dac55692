package markup

import (
	"bytes"

	"github.com/msglint/msglint/content"
)

// The MDX masker runs before goldmark and overwrites with spaces (newlines
// kept, so offsets are unchanged):
//
//   - top-level ESM: a line starting with `import` or `export` after a blank
//     line (or at the start), up to the next blank line;
//   - `{...}` expressions, with brace matching that knows JS strings,
//     template literals and comments; `{/* msglint-... */}` comments are
//     recorded as directives;
//   - JSX tags `<X ...>`, `</X>`, `<X/>`, fragments `<>`/`</>`, lowercase
//     HTML tags too, including multi-line attributes (attribute strings and
//     expressions are never prose);
//   - HTML comments `<!-- -->` (recorded as directives).
//
// Fenced code and inline code are left alone. In Markdown the same scanner
// masks only Hugo shortcodes (maskShortcodes). JSX children stay and are
// parsed as Markdown. Masked ranges are returned so that, where one falls
// inside a text run, the block's Text gets a content.Barrier.
//
// Unbalanced input is never fatal: a `{` or `<` that does not close (before
// a blank line, for tags) is literal text. All failed scans share a budget
// proportional to the file size, so hostile input stays linear.

type masker struct {
	doc    *content.Document
	w      []byte
	masks  []span
	budget int
	hugo   bool // Markdown mode: mask only Hugo shortcodes
}

func maskMDX(doc *content.Document, w []byte, start int) []span {
	m := &masker{doc: doc, w: w, budget: 8*len(w) + 1<<16}
	m.run(start)
	return m.masks
}

// maskShortcodes masks Hugo shortcodes `{{< ... >}}` and `{{% ... %}}` in
// Markdown (outside code): like tags, their parameters are not prose, and
// the content between a paired shortcode stays.
func maskShortcodes(doc *content.Document, w []byte, start int) []span {
	if bytes.Index(w[start:], []byte("{{<")) < 0 && bytes.Index(w[start:], []byte("{{%")) < 0 {
		return nil
	}
	m := &masker{doc: doc, w: w, budget: 8*len(w) + 1<<16, hugo: true}
	m.run(start)
	return m.masks
}

// index is bytes.Index(m.w[from:], sep) charged to the scan budget; it
// reports -1 once the budget is spent.
func (m *masker) index(from int, sep []byte) int {
	if m.budget <= 0 || from > len(m.w) {
		return -1
	}
	k := bytes.Index(m.w[from:], sep)
	if k < 0 {
		m.budget -= len(m.w) - from
	} else {
		m.budget -= k
	}
	return k
}

// shortcode returns the end of a Hugo shortcode at i.
func (m *masker) shortcode(i int) (int, bool) {
	w := m.w
	if i+3 > len(w) || w[i+1] != '{' || (w[i+2] != '<' && w[i+2] != '%') {
		return 0, false
	}
	closer := []byte("%}}")
	if w[i+2] == '<' {
		closer = []byte(">}}")
	}
	k := m.index(i+3, closer)
	if k < 0 {
		return 0, false
	}
	return i + 3 + k + 3, true
}

func (m *masker) mask(s, e int) {
	if e <= s {
		return
	}
	blank(m.w, s, e)
	if n := len(m.masks); n > 0 && m.masks[n-1].e >= s {
		m.masks[n-1].e = max(m.masks[n-1].e, e)
		return
	}
	m.masks = append(m.masks, span{s, e})
}

func isBlankLine(l []byte) bool {
	for _, c := range l {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// fenceOpen reports a code fence opener: up to 3 spaces, then ``` or ~~~.
func fenceOpen(l []byte) (c byte, n int, ok bool) {
	i := leading(l)
	if i > 3 || i >= len(l) || (l[i] != '`' && l[i] != '~') {
		return 0, 0, false
	}
	c = l[i]
	j := i
	for j < len(l) && l[j] == c {
		j++
	}
	if j-i < 3 || (c == '`' && bytes.IndexByte(l[j:], '`') >= 0) {
		return 0, 0, false
	}
	return c, j - i, true
}

func fenceClose(l []byte, c byte, n int) bool {
	i := leading(l)
	if i > 3 {
		return false
	}
	j := i
	for j < len(l) && l[j] == c {
		j++
	}
	return j-i >= n && isBlankLine(l[j:])
}

func isESM(l []byte) bool {
	for _, kw := range []string{"import", "export"} {
		if bytes.HasPrefix(l, []byte(kw)) && len(l) > len(kw) {
			switch l[len(kw)] {
			case ' ', '\t', '{', '*':
				return true
			}
		}
	}
	return false
}

func (m *masker) run(i int) {
	w := m.w
	prevBlank := true
	var fc byte
	var fn int
	inFence := false
	for i < len(w) {
		// at a line start
		ls := i
		line, next := lineAt(w, i)
		blankLine := isBlankLine(line)
		if inFence {
			if fenceClose(line, fc, fn) {
				inFence = false
			}
			i, prevBlank = next, blankLine
			continue
		}
		if c, n, ok := fenceOpen(line); ok {
			fc, fn, inFence = c, n, true
			i, prevBlank = next, false
			continue
		}
		if prevBlank && !m.hugo && isESM(line) {
			e := next
			for e < len(w) {
				l, n := lineAt(w, e)
				if isBlankLine(l) {
					break
				}
				e = n
			}
			m.mask(ls, e)
			i, prevBlank = e, true
			continue
		}
		prevBlank = blankLine
		i = m.scanLine(ls)
	}
}

// scanLine masks expressions, tags and comments from i to the end of the
// line (or of the last multi-line construct starting on it) and returns the
// start of the next line.
func (m *masker) scanLine(i int) int {
	w := m.w
	for i < len(w) {
		switch w[i] {
		case '\n':
			return i + 1
		case '\\':
			i++
			if i < len(w) && w[i] != '\n' {
				i++
			}
		case '`':
			i = m.codeSpan(i)
		case '{':
			if m.hugo {
				e, ok := m.shortcode(i)
				if !ok {
					i++
					continue
				}
				m.mask(i, e)
				i = e
				continue
			}
			e, ok := m.expr(i, 0)
			if !ok {
				i++
				continue
			}
			m.exprComment(i, e)
			m.mask(i, e)
			i = e
		case '<':
			if m.hugo {
				i++
				continue
			}
			if bytes.HasPrefix(w[i:], []byte("<!--")) {
				e := m.comment(i)
				if e < 0 {
					i++
					continue
				}
				m.mask(i, e)
				i = e
				continue
			}
			e, ok := m.tag(i)
			if !ok {
				i++
				continue
			}
			m.mask(i, e)
			i = e
		default:
			i++
		}
	}
	return i
}

// codeSpan skips an inline code span opened at i (closed before a blank
// line), or just the backtick run.
func (m *masker) codeSpan(i int) int {
	w := m.w
	j := i
	for j < len(w) && w[j] == '`' {
		j++
	}
	n := j - i
	for k := j; k < len(w); {
		if m.budget--; m.budget < 0 {
			break
		}
		if w[k] == '\n' {
			l, _ := lineAt(w, k+1)
			if isBlankLine(l) {
				break
			}
		}
		if w[k] != '`' {
			k++
			continue
		}
		r := k
		for r < len(w) && w[r] == '`' {
			r++
		}
		if r-k == n {
			return r
		}
		k = r
	}
	return j
}

// comment records and returns the end of an HTML comment at i (-1 if
// unclosed).
func (m *masker) comment(i int) int {
	j := m.index(i+4, []byte("-->"))
	if j < 0 {
		return -1
	}
	e := i + 4 + j + 3
	addDirective(m.doc, m.doc.Src[i+4:i+4+j], i, e)
	return e
}

// exprComment records a {/* msglint-... */} directive.
func (m *masker) exprComment(s, e int) {
	body := bytes.TrimSpace(m.doc.Src[s+1 : e-1])
	if len(body) < 4 || !bytes.HasPrefix(body, []byte("/*")) || !bytes.HasSuffix(body, []byte("*/")) {
		return
	}
	addDirective(m.doc, body[2:len(body)-2], s, e)
}

const maxNesting = 64

// expr returns the end of the JS expression whose '{' is at i.
func (m *masker) expr(i, depth int) (int, bool) {
	w := m.w
	if depth > maxNesting {
		return 0, false
	}
	level := 0
	for j := i; j < len(w); j++ {
		if m.budget--; m.budget < 0 {
			return 0, false
		}
		switch c := w[j]; c {
		case '{':
			level++
		case '}':
			level--
			if level == 0 {
				return j + 1, true
			}
		case '"', '\'':
			e, ok := m.str(j, c)
			if !ok {
				return 0, false
			}
			j = e - 1
		case '`':
			e, ok := m.template(j, depth)
			if !ok {
				return 0, false
			}
			j = e - 1
		case '/':
			if j+1 < len(w) && w[j+1] == '*' {
				k := m.index(j+2, []byte("*/"))
				if k < 0 {
					return 0, false
				}
				j += 2 + k + 1
			} else if j+1 < len(w) && w[j+1] == '/' {
				k := bytes.IndexByte(w[j:], '\n')
				if k < 0 {
					return 0, false
				}
				j += k - 1
			}
		}
	}
	return 0, false
}

// str returns the end of a JS string literal opened at i.
func (m *masker) str(i int, q byte) (int, bool) {
	w := m.w
	for j := i + 1; j < len(w); j++ {
		if m.budget--; m.budget < 0 {
			return 0, false
		}
		switch w[j] {
		case '\\':
			j++
		case q:
			return j + 1, true
		case '\n':
			return 0, false
		}
	}
	return 0, false
}

// template returns the end of a template literal opened at i.
func (m *masker) template(i, depth int) (int, bool) {
	w := m.w
	for j := i + 1; j < len(w); j++ {
		if m.budget--; m.budget < 0 {
			return 0, false
		}
		switch w[j] {
		case '\\':
			j++
		case '`':
			return j + 1, true
		case '$':
			if j+1 < len(w) && w[j+1] == '{' {
				e, ok := m.expr(j+1, depth+1)
				if !ok {
					return 0, false
				}
				j = e - 1
			}
		}
	}
	return 0, false
}

func isTagNameStart(c byte) bool {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func isTagNameChar(c byte) bool {
	return isTagNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == ':'
}

// tag returns the end of a JSX/HTML tag at i. A tag does not span a blank
// line outside its attribute values.
func (m *masker) tag(i int) (int, bool) {
	w := m.w
	j := i + 1
	if j < len(w) && w[j] == '/' {
		j++
	}
	if j < len(w) && w[j] == '>' {
		return j + 1, true // fragment
	}
	if j >= len(w) || !isTagNameStart(w[j]) {
		return 0, false
	}
	for j < len(w) && isTagNameChar(w[j]) {
		j++
	}
	for j < len(w) {
		if m.budget--; m.budget < 0 {
			return 0, false
		}
		switch c := w[j]; c {
		case '>':
			return j + 1, true
		case '/':
			if j+1 < len(w) && w[j+1] == '>' {
				return j + 2, true
			}
			j++
		case '{':
			e, ok := m.expr(j, 0)
			if !ok {
				return 0, false
			}
			j = e
		case '"', '\'':
			k := m.index(j+1, []byte{c})
			if k < 0 {
				return 0, false
			}
			j += k + 2
		case '<':
			return 0, false
		case '\n':
			l, _ := lineAt(w, j+1)
			if isBlankLine(l) {
				return 0, false
			}
			j++
		default:
			j++
		}
	}
	return 0, false
}
