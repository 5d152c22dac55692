package markup

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/andybalholm/cascadia"
	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/shared"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTML extracts an HTML page.
//
// The page is read with golang.org/x/net/html's Tokenizer, whose tokens
// partition the input, so every token's byte offset is the sum of the
// lengths of the raw tokens before it. Text is built from the raw source
// bytes (not from the tokenizer's decoded text) so that every word keeps an
// exact Seg; entities, invalid UTF-8 and collapsed white space get atomic
// Segs.
//
// Checked: body text; <title> (ScopeTitle); <meta name="description"> and
// og:title / og:description content (ScopeMeta, Field = the name); alt
// attributes (ScopeAlt) and title attributes (ScopeAttr, Field "title").
//
// Not checked:
//   - script, style, template, noscript, noembed, noframes: invisible, removed
//     without a trace (the text on either side joins);
//   - pre, xmp, plaintext, listing: block-level, removed;
//   - code, kbd, samp, svg, math, textarea and iframe are inline and are
//     replaced by content.Barrier so that no match spans them;
//   - comments (msglint directives in them are recorded);
//   - elements matched by the CSS selectors in Options.HTMLIgnore (a
//     block-level one ends the block, an inline one becomes a Barrier);
//   - other attributes (href, src, placeholder, aria-label, value), and the
//     title attribute of link, base, meta, script and style.
//
// The hidden attribute and CSS display:none are not honoured: html.ignore
// "[hidden]" does that.
//
// Block-level elements delimit blocks; inline elements join into the
// enclosing block; <br> is a space. A block's scope comes from its nearest
// h1-h6 (heading), li (list-item), td/th (table-cell) or blockquote (quote)
// ancestor, else it is a paragraph.
//
// Text: character references are decoded (atomic Segs); a no-break space
// (literal or &nbsp;) is white space; white-space runs collapse to one
// space; invalid UTF-8 becomes U+FFFD and adds one input/encoding Note; a
// leading BOM is skipped (offsets stay file offsets); a NUL byte in the
// first 8 KB makes the file binary (input/unreadable).
//
// Meta gets "title" (the first <title>) and "description" (the meta
// description), as for front matter.
//
// Directives: <!-- msglint-disable|enable|disable-next-line RULE... -->.
// Line is the comment's first line, except for disable-next-line, whose
// Line is the comment's last line (so "the next line" is the one after it).
//
// Limits: a page with more than Limits.MaxElements start tags is
// input/too-large; an element opened deeper than Limits.MaxNestingDepth is
// not opened (its text joins the element at the limit, and its end tag
// closes it), and the page gets one input/degraded note.
//
// html.ignore needs a parse tree: only then is the page also parsed with
// x/net/html (which refuses pages nested deeper than 512 elements: such a
// page is input/unreadable when html.ignore is set).
func HTML(path string, src []byte, opts *shared.Options) (*content.Document, error) {
	if i := bytes.IndexByte(src[:min(len(src), 8<<10)], 0); i >= 0 {
		return nil, &content.InputError{Rule: content.RuleUnreadable, Err: fmt.Errorf("binary file (NUL byte at offset %d), not HTML", i)}
	}
	doc := &content.Document{Path: path, Format: content.FormatHTML, Src: src}
	base := 0
	if bytes.HasPrefix(src, []byte("\xEF\xBB\xBF")) {
		base = 3
	}
	lim := shared.LimitsOf(opts)
	var ignored map[int]bool
	if opts != nil && len(opts.HTMLIgnore) > 0 {
		var err error
		if ignored, err = htmlIgnoreSet(src, base, opts.HTMLIgnore, lim.MaxElements); err != nil {
			return nil, err
		}
	}
	if !utf8.Valid(src) {
		first, n := -1, 0
		for i := 0; i < len(src); {
			r, size := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && size == 1 {
				if first < 0 {
					first = i
				}
				n++
			}
			i += size
		}
		doc.Notes = append(doc.Notes, content.Note{
			Rule:    content.RuleEncoding,
			Message: fmt.Sprintf("invalid UTF-8: %d bad byte(s), checked as U+FFFD", n),
			Offset:  first,
		})
	}
	w := &htmlWalker{doc: doc, src: src, ignored: ignored, open: map[string][]int{}, line: 1,
		maxDepth: lim.MaxNestingDepth, maxElems: lim.MaxElements}
	w.cur.src = src
	w.scratch.src = src
	if err := w.run(base); err != nil {
		var ie *content.InputError
		if errors.As(err, &ie) {
			return nil, err
		}
		return nil, &content.InputError{Rule: content.RuleUnreadable, Err: err}
	}
	// Attribute blocks are emitted when their tag is read, before the
	// enclosing block ends: order everything by first source byte.
	slices.SortStableFunc(doc.Blocks, func(a, b content.Block) int {
		return htmlBlockStart(&a) - htmlBlockStart(&b)
	})
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		key := ""
		switch {
		case b.Scope == content.ScopeTitle:
			key = "title"
		case b.Scope == content.ScopeMeta && b.Field == "description":
			key = "description"
		default:
			continue
		}
		if doc.Meta == nil {
			doc.Meta = map[string]any{}
		}
		if _, ok := doc.Meta[key]; !ok {
			doc.Meta[key] = b.Text
		}
	}
	return doc, nil
}

func htmlBlockStart(b *content.Block) int {
	if len(b.Segs) == 0 {
		return 0
	}
	return b.Segs[0].SrcOff
}

// ValidateSelector reports whether s is a valid CSS selector (group) for
// html.ignore. The error names the selector.
func ValidateSelector(s string) error {
	_, err := htmlCompileSelector(s)
	return err
}

func htmlCompileSelector(s string) (cascadia.SelectorGroup, error) {
	if strings.TrimSpace(s) == "" {
		return nil, errors.New("html.ignore: empty CSS selector")
	}
	g, err := cascadia.ParseGroup(s)
	if err != nil {
		return nil, fmt.Errorf("html.ignore: invalid CSS selector %q: %v", s, err)
	}
	return g, nil
}

// htmlMarker is the attribute injected into a copy of the source to map
// parsed nodes back to the byte offset of their start tag.
const htmlMarker = "data-msglint-offset"

// htmlIgnoreSet returns the byte offsets of the start tags of the elements
// matched by the selectors. x/net/html nodes carry no positions, so a copy
// of the source gets a marker attribute holding each start tag's offset;
// the copy is parsed, the selectors run, and the markers are read back.
// Elements the parser invents (an implied <tbody> or <body>) carry no
// marker; when one matches, its descendants' start tags are used.
func htmlIgnoreSet(src []byte, base int, selectors []string, maxElems int) (map[int]bool, error) {
	groups := make([]cascadia.SelectorGroup, 0, len(selectors))
	for _, s := range selectors {
		g, err := htmlCompileSelector(s)
		if err != nil {
			return nil, err
		}
		groups = append(groups, g)
	}
	marked := make([]byte, 0, len(src)+len(src)/8)
	z := html.NewTokenizer(bytes.NewReader(src[base:]))
	pos := base
	elems := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			// The parse tree below costs a few hundred bytes an element:
			// count them before building it.
			if elems++; elems > maxElems {
				return nil, htmlTooManyElements(maxElems)
			}
			k := htmlTagNameEnd(raw)
			marked = append(marked, raw[:k]...)
			marked = append(marked, ' ')
			marked = append(marked, htmlMarker...)
			marked = append(marked, `="`...)
			marked = strconv.AppendInt(marked, int64(pos), 10)
			marked = append(marked, '"')
			marked = append(marked, raw[k:]...)
		} else {
			marked = append(marked, raw...)
		}
		pos += len(raw)
	}
	// x/net/html refuses pages nested deeper than 512 elements.
	root, err := html.Parse(bytes.NewReader(marked))
	if err != nil {
		return nil, &content.InputError{Rule: content.RuleUnreadable, Err: fmt.Errorf("cannot apply html.ignore: %v", err)}
	}
	set := map[int]bool{}
	var addAll func(n *html.Node)
	addAll = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if off, ok := htmlMarkerOf(c); ok {
				set[off] = true
			} else {
				addAll(c)
			}
		}
	}
	for _, g := range groups {
		for _, n := range cascadia.QueryAll(root, g) {
			if off, ok := htmlMarkerOf(n); ok {
				set[off] = true
			} else {
				addAll(n)
			}
		}
	}
	return set, nil
}

func htmlMarkerOf(n *html.Node) (int, bool) {
	for _, a := range n.Attr {
		if a.Key == htmlMarker && a.Namespace == "" {
			off, err := strconv.Atoi(a.Val)
			return off, err == nil
		}
	}
	return 0, false
}

// htmlTagNameEnd returns the end of the tag name in a raw start tag "<name...",
// as the tokenizer's readTagName finds it.
func htmlTagNameEnd(raw []byte) int {
	for k := 2; k < len(raw); k++ {
		switch raw[k] {
		case ' ', '\n', '\r', '\t', '\f', '/', '>':
			return k
		}
	}
	return len(raw)
}

// htmlAttr locates one attribute in a raw tag: key raw[k0:k1], value
// raw[v0:v1] (inside the quotes when quoted).
type htmlAttr struct {
	k0, k1, v0, v1 int
}

func htmlIsSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f'
}

// htmlScanAttrs finds the attributes of a complete raw start tag, mirroring
// the tokenizer's readTag: the same key and value boundaries, empty keys
// dropped, and only the first of duplicate keys (case-insensitive) kept.
func htmlScanAttrs(raw []byte, out []htmlAttr) []htmlAttr {
	out = out[:0]
	n := len(raw)
	p := htmlTagNameEnd(raw)
	skipWS := func() {
		for p < n && htmlIsSpace(raw[p]) {
			p++
		}
	}
	skipWS()
	for p < n && raw[p] != '>' {
		var a htmlAttr
		// key
		a.k0 = p
		for {
			if p >= n {
				a.k1 = p
				break
			}
			c := raw[p]
			p++
			if c == '=' && a.k0+1 == p {
				continue
			}
			if c == '=' || htmlIsSpace(c) || c == '/' || c == '>' {
				p--
				a.k1 = p
				break
			}
		}
		// value
		a.v0, a.v1 = p, p
		func() {
			skipWS()
			if p >= n {
				return
			}
			c := raw[p]
			p++
			if c == '/' {
				return
			}
			if c != '=' {
				p--
				return
			}
			skipWS()
			if p >= n {
				return
			}
			q := raw[p]
			p++
			switch q {
			case '>':
				p--
			case '"', '\'':
				a.v0 = p
				for {
					if p >= n {
						a.v1 = p
						return
					}
					c := raw[p]
					p++
					if c == q {
						a.v1 = p - 1
						return
					}
				}
			default:
				a.v0 = p - 1
				for {
					if p >= n {
						a.v1 = p
						return
					}
					c := raw[p]
					p++
					if htmlIsSpace(c) {
						a.v1 = p - 1
						return
					}
					if c == '>' {
						p--
						a.v1 = p
						return
					}
				}
			}
		}()
		if a.k0 != a.k1 && !htmlDupKey(raw, out, a) {
			out = append(out, a)
		}
		skipWS()
	}
	return out
}

func htmlDupKey(raw []byte, seen []htmlAttr, a htmlAttr) bool {
	key := raw[a.k0:a.k1]
	for _, s := range seen {
		if htmlKeyIs(raw[s.k0:s.k1], string(key)) {
			return true
		}
	}
	return false
}

// htmlKeyIs compares an attribute key with name, ignoring ASCII case only
// (as the tokenizer lower-cases keys).
func htmlKeyIs(key []byte, name string) bool {
	if len(key) != len(name) {
		return false
	}
	for i := range len(key) {
		c, d := key[i], name[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if 'A' <= d && d <= 'Z' {
			d += 'a' - 'A'
		}
		if c != d {
			return false
		}
	}
	return true
}

// htmlEntity decodes the character reference at the start of s ("&...")
// exactly as x/net/html does in text (attr false) or attribute values (attr
// true). It returns the decoded text and the number of source bytes it
// stands for; n == 0 means the '&' is a literal ampersand.
func htmlEntity(s []byte, attr bool) (val string, n int) {
	if len(s) < 2 {
		return "", 0
	}
	i := 1
	if s[1] == '#' {
		i = 2
		hex := false
		if i < len(s) && (s[i] == 'x' || s[i] == 'X') {
			hex = true
			i++
		}
		i0 := i
		for i < len(s) {
			c := s[i]
			if '0' <= c && c <= '9' || hex && ('a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				i++
				continue
			}
			break
		}
		if i == i0 {
			return "", 0
		}
		if i < len(s) && s[i] == ';' {
			i++
		}
		// Long runs of leading zeros or digits: the value saturates, and
		// x/net/html decodes the whole reference to one rune either way.
		return html.UnescapeString(string(s[:i])), i
	}
	for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z' || s[i] >= '0' && s[i] <= '9') {
		i++
	}
	semi := i < len(s) && s[i] == ';'
	if semi {
		i++
	}
	if i == 1 || i == 2 && semi {
		return "", 0
	}
	if attr && !semi && i < len(s) && s[i] == '=' {
		return "", 0
	}
	const longestName = 32 // "&CounterClockwiseContourIntegral;" without '&'
	cand := s[:i]
	if i-1 > longestName {
		if attr {
			return "", 0
		}
		// Only a legacy entity without ';' (at most 6 letters) can match a
		// prefix of a long run.
		cand = s[:8]
	}
	out := html.UnescapeString(string(cand))
	if out == string(cand) {
		return "", 0
	}
	// out is either the whole reference decoded (1 or 2 runes), or a legacy
	// entity decoded from a prefix followed by the rest of cand verbatim.
	_, size := utf8.DecodeRuneInString(out)
	if rest := out[size:]; rest != "" && len(rest) < len(cand)-2 && strings.HasSuffix(string(cand), rest) &&
		!strings.Contains(rest[:len(rest)-1], ";") {
		if attr {
			return "", 0
		}
		return out[:size], len(cand) - len(rest)
	}
	if len(cand) != i {
		return "", 0 // cannot happen: a long run decoded in full
	}
	return out, i
}

// htmlText builds one block's Text and Segs from source ranges.
type htmlText struct {
	src   []byte
	buf   []byte
	segs  []content.Seg
	words bool // some content other than Barrier and spaces

	pending          bool // a collapsed white-space run waits to be written
	spaceAt, spaceSN int  // its source range (spaceSN 0: synthetic, e.g. <br>)
}

func (b *htmlText) reset() {
	b.buf = b.buf[:0]
	b.segs = b.segs[:0]
	b.words = false
	b.pending = false
}

// space records white space at src[at:at+n]; runs collapse to one space,
// and leading and trailing space is dropped.
func (b *htmlText) space(at, n int) {
	if b.pending {
		return
	}
	b.pending, b.spaceAt, b.spaceSN = true, at, n
}

func (b *htmlText) flushSpace() {
	if !b.pending {
		return
	}
	b.pending = false
	if len(b.buf) == 0 {
		return
	}
	t := len(b.buf)
	b.buf = append(b.buf, ' ')
	switch {
	case b.spaceSN == 1 && b.src[b.spaceAt] == ' ':
		b.exactSeg(t, b.spaceAt, 1)
	case b.spaceSN > 1:
		b.segs = append(b.segs, content.Seg{TextOff: t, TextLen: 1, SrcOff: b.spaceAt, SrcLen: b.spaceSN})
	}
}

func (b *htmlText) exactSeg(t, s, n int) {
	if k := len(b.segs) - 1; k >= 0 {
		g := &b.segs[k]
		if g.TextLen == g.SrcLen && g.TextOff+g.TextLen == t && g.SrcOff+g.SrcLen == s {
			g.TextLen += n
			g.SrcLen += n
			return
		}
	}
	b.segs = append(b.segs, content.Seg{TextOff: t, TextLen: n, SrcOff: s, SrcLen: n})
}

// exact appends src[s:e] verbatim.
func (b *htmlText) exact(s, e int) {
	if s >= e {
		return
	}
	b.flushSpace()
	t := len(b.buf)
	b.buf = append(b.buf, b.src[s:e]...)
	b.exactSeg(t, s, e-s)
	b.words = true
}

// atomic appends val standing for src[s:s+n].
func (b *htmlText) atomic(val string, s, n int) {
	if len(val) == n {
		// An atomic Seg needs TN != SN: keep the source as it is (only
		// "&#0", which would be U+FFFD, gets here).
		b.exact(s, s+n)
		return
	}
	b.flushSpace()
	t := len(b.buf)
	b.buf = append(b.buf, val...)
	b.segs = append(b.segs, content.Seg{TextOff: t, TextLen: len(val), SrcOff: s, SrcLen: n})
}

// barrier appends a Barrier standing for the start tag src[s:s+n].
func (b *htmlText) barrier(s, n int) {
	const bar = string(content.Barrier)
	if n == len(bar) {
		n = 0 // "<a>": an atomic Seg needs TN != SN; extendBarrier widens it
	}
	b.flushSpace()
	t := len(b.buf)
	b.buf = append(b.buf, bar...)
	b.segs = append(b.segs, content.Seg{TextOff: t, TextLen: len(bar), SrcOff: s, SrcLen: n})
}

// extendBarrier stretches a Barrier Seg that starts at s to end at e, when
// it is still the last thing written.
func (b *htmlText) extendBarrier(s, e int) {
	if k := len(b.segs) - 1; k >= 0 && !b.pending {
		g := &b.segs[k]
		if g.SrcOff == s && g.TextOff+g.TextLen == len(b.buf) && g.TextLen == utf8.RuneLen(content.Barrier) && e > g.SrcOff+g.SrcLen {
			g.SrcLen = e - g.SrcOff
		}
	}
}

// text appends the source text src[s:e], decoding character references
// (attribute rules when attr), collapsing white space and replacing invalid
// UTF-8 and NUL bytes with U+FFFD. A no-break space (literal or &nbsp;)
// counts as white space, so "Acme&nbsp;CloudSync" is "Acme CloudSync".
func (b *htmlText) text(s, e int, attr bool) {
	src := b.src
	run := s
	for i := s; i < e; {
		c := src[i]
		switch {
		case htmlIsSpace(c):
			b.exact(run, i)
			j := i + 1
			for j < e && htmlIsSpace(src[j]) {
				j++
			}
			b.space(i, j-i)
			i = j
			run = i
		case c == '&':
			val, n := htmlEntity(src[i:e], attr)
			if n == 0 {
				i++
				continue
			}
			b.exact(run, i)
			if len(val) == 1 && htmlIsSpace(val[0]) || val == "\u00a0" {
				b.space(i, n)
			} else {
				b.atomic(val, i, n)
				b.words = true
			}
			i += n
			run = i
		case c == 0:
			b.exact(run, i)
			b.atomic("\uFFFD", i, 1)
			i++
			run = i
		case c < utf8.RuneSelf:
			i++
		case c == 0xC2 && i+1 < e && src[i+1] == 0xA0: // U+00A0 NO-BREAK SPACE
			b.exact(run, i)
			b.space(i, 2)
			i += 2
			run = i
		default:
			r, size := utf8.DecodeRune(src[i:e])
			if r == utf8.RuneError && size == 1 {
				b.exact(run, i)
				b.atomic("\uFFFD", i, 1)
				b.words = true
				i++
				run = i
				continue
			}
			i += size
		}
	}
	b.exact(run, e)
}

// block returns the built block, or false when it holds no prose.
func (b *htmlText) block(scope, field string) (content.Block, bool) {
	b.pending = false
	if !b.words {
		return content.Block{}, false
	}
	return content.Block{Scope: scope, Field: field, Text: string(b.buf), Segs: slices.Clone(b.segs)}, true
}

// Element classes.
const (
	htmlVoid     = 1 << iota // no end tag, never pushed
	htmlBlock                // delimits blocks
	htmlSkip                 // content not checked
	htmlBarrier              // inline, replaced by a Barrier
	htmlNoAttrs              // own attributes not checked
	htmlForeign              // svg, math: self-closing tags close
	htmlPCloser              // start tag closes an open <p>
	htmlBoundary             // end-tag searches do not cross it
	htmlHeading              // h1-h6
)

var htmlClass = map[atom.Atom]uint16{
	atom.Area: htmlVoid, atom.Base: htmlVoid | htmlNoAttrs, atom.Br: htmlVoid, atom.Col: htmlVoid | htmlBlock,
	atom.Embed: htmlVoid, atom.Hr: htmlVoid | htmlBlock | htmlPCloser, atom.Img: htmlVoid, atom.Input: htmlVoid,
	atom.Keygen: htmlVoid, atom.Link: htmlVoid | htmlNoAttrs, atom.Meta: htmlVoid | htmlNoAttrs, atom.Param: htmlVoid,
	atom.Source: htmlVoid, atom.Track: htmlVoid, atom.Wbr: htmlVoid,

	atom.Script: htmlSkip | htmlNoAttrs, atom.Style: htmlSkip | htmlNoAttrs, atom.Template: htmlSkip | htmlNoAttrs | htmlBoundary,
	atom.Noscript: htmlSkip | htmlNoAttrs, atom.Noembed: htmlSkip | htmlNoAttrs, atom.Noframes: htmlSkip | htmlNoAttrs,

	atom.Pre: htmlBlock | htmlSkip | htmlPCloser, atom.Xmp: htmlBlock | htmlSkip | htmlPCloser,
	atom.Plaintext: htmlBlock | htmlSkip | htmlPCloser, atom.Listing: htmlBlock | htmlSkip | htmlPCloser,

	atom.Code: htmlSkip | htmlBarrier, atom.Kbd: htmlSkip | htmlBarrier, atom.Samp: htmlSkip | htmlBarrier,
	atom.Textarea: htmlSkip | htmlBarrier, atom.Iframe: htmlSkip | htmlBarrier,
	atom.Svg: htmlSkip | htmlBarrier | htmlForeign | htmlBoundary, atom.Math: htmlSkip | htmlBarrier | htmlForeign | htmlBoundary,

	atom.H1: htmlBlock | htmlPCloser | htmlHeading, atom.H2: htmlBlock | htmlPCloser | htmlHeading, atom.H3: htmlBlock | htmlPCloser | htmlHeading,
	atom.H4: htmlBlock | htmlPCloser | htmlHeading, atom.H5: htmlBlock | htmlPCloser | htmlHeading, atom.H6: htmlBlock | htmlPCloser | htmlHeading,

	atom.Address: htmlBlock | htmlPCloser, atom.Article: htmlBlock | htmlPCloser, atom.Aside: htmlBlock | htmlPCloser,
	atom.Blockquote: htmlBlock | htmlPCloser, atom.Center: htmlBlock | htmlPCloser, atom.Details: htmlBlock | htmlPCloser,
	atom.Dialog: htmlBlock | htmlPCloser, atom.Dir: htmlBlock | htmlPCloser, atom.Div: htmlBlock | htmlPCloser,
	atom.Dl: htmlBlock | htmlPCloser, atom.Fieldset: htmlBlock | htmlPCloser, atom.Figcaption: htmlBlock | htmlPCloser,
	atom.Figure: htmlBlock | htmlPCloser, atom.Footer: htmlBlock | htmlPCloser, atom.Form: htmlBlock | htmlPCloser,
	atom.Header: htmlBlock | htmlPCloser, atom.Hgroup: htmlBlock | htmlPCloser, atom.Main: htmlBlock | htmlPCloser,
	atom.Menu: htmlBlock | htmlPCloser, atom.Nav: htmlBlock | htmlPCloser, atom.Ol: htmlBlock | htmlPCloser,
	atom.P: htmlBlock | htmlPCloser, atom.Section: htmlBlock | htmlPCloser, atom.Summary: htmlBlock | htmlPCloser,
	atom.Ul: htmlBlock | htmlPCloser, atom.Search: htmlBlock | htmlPCloser, atom.Li: htmlBlock | htmlPCloser,
	atom.Dd: htmlBlock | htmlPCloser, atom.Dt: htmlBlock | htmlPCloser, atom.Table: htmlBlock | htmlPCloser | htmlBoundary,

	atom.Html: htmlBlock | htmlBoundary, atom.Head: htmlBlock, atom.Body: htmlBlock,
	atom.Caption: htmlBlock | htmlBoundary, atom.Td: htmlBlock | htmlBoundary, atom.Th: htmlBlock | htmlBoundary,
	atom.Tr: htmlBlock, atom.Thead: htmlBlock, atom.Tbody: htmlBlock, atom.Tfoot: htmlBlock, atom.Colgroup: htmlBlock,
	atom.Legend: htmlBlock, atom.Label: htmlBlock, atom.Button: htmlBlock | htmlBoundary, atom.Select: htmlBlock,
	atom.Option: htmlBlock, atom.Optgroup: htmlBlock, atom.Datalist: htmlBlock, atom.Output: htmlBlock,
	atom.Video: htmlBlock, atom.Audio: htmlBlock, atom.Canvas: htmlBlock, atom.Object: htmlBlock | htmlBoundary,
	atom.Frameset: htmlBlock, atom.Frame: htmlVoid | htmlBlock,
}

// htmlScope is the block scope an element gives its content ("" = none).
func htmlScope(a atom.Atom) string {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return content.ScopeHeading
	case atom.Li:
		return content.ScopeListItem
	case atom.Td, atom.Th:
		return content.ScopeTableCell
	case atom.Blockquote:
		return content.ScopeQuote
	}
	return ""
}

// htmlElem is an open element on the walker's stack.
type htmlElem struct {
	a     atom.Atom
	name  string
	class uint16
	start int    // byte offset of the start tag
	skip  bool   // content not checked (own class, or html.ignore)
	bar   bool   // a Barrier stands for it
	scope string // effective block scope for its content
	bIdx  int    // stack index of the nearest boundary at or below it, or -1
	blIdx int    // stack index of the nearest block-level element at or below it, or -1
}

// htmlSearchLimit bounds how deep an implied-end-tag search (li, dd, td,
// tr...) looks, so hostile nesting stays linear.
const htmlSearchLimit = 512

type htmlWalker struct {
	doc     *content.Document
	src     []byte
	ignored map[int]bool

	stack   []htmlElem
	open    map[string][]int // stack indexes of open elements by name ("h*": any heading)
	skip    int              // open elements whose content is not checked
	foreign int              // open svg/math elements
	cur     htmlText         // the current block
	scratch htmlText         // attribute and title blocks
	attrs   []htmlAttr

	line, linePos int // line number at byte linePos

	// Limits: start tags are counted against maxElems (over it, the file
	// is input/too-large); elements opened deeper than maxDepth are not
	// pushed (overflow counts them, and their end tags pop them), so
	// their content joins the element at the limit (input/degraded).
	maxDepth, maxElems int
	elems, overflow    int
	degraded           bool
}

// htmlTooManyElements is the input/too-large error of a page with more
// than limit elements.
func htmlTooManyElements(limit int) error {
	return shared.TooLarge("HTML has more than %d elements; skipped (%s)", limit, shared.RaiseHint("max_elements", int64(limit)))
}

func (w *htmlWalker) run(base int) error {
	z := html.NewTokenizer(bytes.NewReader(w.src[base:]))
	pos := base
	for {
		tt := z.Next()
		raw := z.Raw()
		start, end := pos, pos+len(raw)
		pos = end
		switch tt {
		case html.ErrorToken:
			w.flush()
			if err := z.Err(); err != io.EOF {
				return err
			}
			return nil
		case html.TextToken:
			w.textToken(start, end)
		case html.StartTagToken, html.SelfClosingTagToken:
			if w.elems++; w.elems > w.maxElems {
				return htmlTooManyElements(w.maxElems)
			}
			name, _ := z.TagName()
			w.startTag(name, tt == html.SelfClosingTagToken, start, end)
		case html.EndTagToken:
			name, _ := z.TagName()
			w.endTag(name, start, end)
		case html.CommentToken:
			if bytes.Contains(raw, []byte("msglint-")) {
				w.comment(string(z.Text()), start, end)
			}
		}
	}
}

// lineAt returns the 1-based line of byte offset off (off never decreases
// between calls, so the scan is linear).
func (w *htmlWalker) lineAt(off int) int {
	if off > w.linePos {
		w.line += bytes.Count(w.src[w.linePos:off], []byte{'\n'})
		w.linePos = off
	}
	return w.line
}

func (w *htmlWalker) comment(body string, start, end int) {
	kind, _, ok := shared.ParseDirective(body)
	if !ok {
		return
	}
	line := w.lineAt(start)
	if kind == "disable-next-line" {
		last := end - 1
		for last > start && (w.src[last] == '\n' || w.src[last] == '\r') {
			last--
		}
		line = w.lineAt(last)
	}
	if d, ok := shared.Directive(body, line); ok {
		w.doc.Directives = append(w.doc.Directives, d)
	}
}

func (w *htmlWalker) top() *htmlElem {
	if len(w.stack) == 0 {
		return nil
	}
	return &w.stack[len(w.stack)-1]
}

func (w *htmlWalker) textToken(start, end int) {
	if w.skip > 0 {
		return
	}
	if t := w.top(); t != nil && t.a == atom.Title {
		w.scratch.reset()
		w.scratch.text(start, end, false)
		if bl, ok := w.scratch.block(content.ScopeTitle, ""); ok {
			w.doc.Blocks = append(w.doc.Blocks, bl)
		}
		return
	}
	w.cur.text(start, end, false)
}

// flush ends the current block.
func (w *htmlWalker) flush() {
	scope := content.ScopeParagraph
	if t := w.top(); t != nil && t.scope != "" {
		scope = t.scope
	}
	if bl, ok := w.cur.block(scope, ""); ok {
		w.doc.Blocks = append(w.doc.Blocks, bl)
	}
	w.cur.reset()
}

func (w *htmlWalker) startTag(name []byte, selfClosing bool, start, end int) {
	a := atom.Lookup(name)
	class := htmlClass[a]
	ign := w.ignored != nil && w.ignored[start]
	if a == atom.Br {
		if w.skip == 0 && !ign {
			w.cur.space(start, 0)
		}
		return
	}
	if class&htmlBlock != 0 {
		w.flush()
		w.implyClose(a, class)
	}
	if w.skip == 0 && !ign && class&htmlNoAttrs == 0 {
		w.attributes(start, end)
	} else if w.skip == 0 && !ign && a == atom.Meta {
		w.meta(start, end)
	}
	if class&htmlVoid != 0 || selfClosing && w.foreign > 0 {
		return
	}
	if len(w.stack) >= w.maxDepth {
		w.tooDeep(start)
		return
	}
	e := htmlElem{a: a, class: class, start: start, skip: ign || class&htmlSkip != 0}
	if a != 0 {
		e.name = a.String()
	} else {
		e.name = string(name)
	}
	if w.skip == 0 && e.skip && class&htmlBlock == 0 && (ign || class&htmlBarrier != 0) {
		w.cur.barrier(start, end-start)
		e.bar = true
	}
	e.scope = htmlScope(a)
	if e.scope == "" && len(w.stack) > 0 {
		e.scope = w.top().scope
	}
	w.push(e)
}

func (w *htmlWalker) push(e htmlElem) {
	i := len(w.stack)
	e.bIdx, e.blIdx = -1, -1
	if t := w.top(); t != nil {
		e.bIdx, e.blIdx = t.bIdx, t.blIdx
	}
	if e.class&htmlBoundary != 0 {
		e.bIdx = i
	}
	if e.class&htmlBlock != 0 {
		e.blIdx = i
	}
	w.stack = append(w.stack, e)
	w.open[e.name] = append(w.open[e.name], i)
	if e.class&htmlHeading != 0 {
		w.open["h*"] = append(w.open["h*"], i)
	}
	if e.skip {
		w.skip++
	}
	if e.class&htmlForeign != 0 {
		w.foreign++
	}
}

// popTo pops the stack down to (and including) index i, ending the block
// first if a block-level element is among them.
func (w *htmlWalker) popTo(i int) {
	for j := i; j < len(w.stack); j++ {
		if w.stack[j].class&htmlBlock != 0 {
			w.flush()
			break
		}
	}
	for len(w.stack) > i {
		e := &w.stack[len(w.stack)-1]
		w.open[e.name] = w.open[e.name][:len(w.open[e.name])-1]
		if e.class&htmlHeading != 0 {
			w.open["h*"] = w.open["h*"][:len(w.open["h*"])-1]
		}
		if e.skip {
			w.skip--
		}
		if e.class&htmlForeign != 0 {
			w.foreign--
		}
		w.stack = w.stack[:len(w.stack)-1]
	}
}

// last returns the stack index of the innermost open element named name
// that no boundary element (table, td, button...) hides, or -1.
func (w *htmlWalker) last(name string) int {
	ix := w.open[name]
	if len(ix) == 0 {
		return -1
	}
	if i := ix[len(ix)-1]; w.top().bIdx <= i {
		return i
	}
	return -1
}

// find returns the index of the nearest open element accepted by match,
// not looking past an element accepted by stop or a boundary; -1 if none.
// Each use pushes the element it looks for, so the scans stay amortized
// linear; htmlSearchLimit bounds them anyway.
func (w *htmlWalker) find(match, stop func(e *htmlElem) bool) int {
	for i := len(w.stack) - 1; i >= 0 && i >= len(w.stack)-htmlSearchLimit; i-- {
		e := &w.stack[i]
		if match(e) {
			return i
		}
		if e.class&htmlBoundary != 0 || stop != nil && stop(e) {
			return -1
		}
	}
	return -1
}

func htmlIs(as ...atom.Atom) func(e *htmlElem) bool {
	return func(e *htmlElem) bool { return slices.Contains(as, e.a) }
}

// implyClose closes the elements a block-level start tag ends implicitly,
// roughly as the HTML parser does.
func (w *htmlWalker) implyClose(a atom.Atom, class uint16) {
	if class&htmlPCloser != 0 {
		if i := w.last("p"); i >= 0 {
			w.popTo(i)
		}
	}
	var i = -1
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		if t := w.top(); t != nil && t.class&htmlHeading != 0 {
			i = len(w.stack) - 1
		}
	case atom.Li:
		if len(w.open["li"]) > 0 {
			i = w.find(htmlIs(atom.Li), htmlIs(atom.Ul, atom.Ol, atom.Menu))
		}
	case atom.Dt, atom.Dd:
		if len(w.open["dt"])+len(w.open["dd"]) > 0 {
			i = w.find(htmlIs(atom.Dt, atom.Dd), htmlIs(atom.Dl))
		}
	case atom.Td, atom.Th:
		if len(w.open["td"])+len(w.open["th"]) > 0 {
			i = w.find(htmlIs(atom.Td, atom.Th), htmlIs(atom.Tr, atom.Tbody, atom.Thead, atom.Tfoot))
		}
	case atom.Tr:
		if len(w.open["tr"]) > 0 {
			i = w.find(htmlIs(atom.Tr), htmlIs(atom.Tbody, atom.Thead, atom.Tfoot))
		}
	case atom.Tbody, atom.Thead, atom.Tfoot:
		i = w.find(htmlIs(atom.Tbody, atom.Thead, atom.Tfoot), nil)
	case atom.Option, atom.Optgroup:
		if t := w.top(); t != nil && t.a == atom.Option {
			w.popTo(len(w.stack) - 1)
		}
		if t := w.top(); a == atom.Optgroup && t != nil && t.a == atom.Optgroup {
			i = len(w.stack) - 1
		}
	}
	if i >= 0 {
		w.popTo(i)
	}
}

func (w *htmlWalker) endTag(name []byte, start, end int) {
	a := atom.Lookup(name)
	class := htmlClass[a]
	switch a {
	case atom.Br: // </br> is read as <br>
		if w.skip == 0 {
			w.cur.space(start, 0)
		}
		return
	case atom.Body, atom.Html: // content after them still belongs to the body
		w.flush()
		return
	}
	if class&htmlBlock != 0 {
		w.flush()
	}
	if w.overflow > 0 {
		w.overflow-- // closes an element opened past the depth limit
		return
	}
	key := string(name)
	if class&htmlHeading != 0 {
		key = "h*" // </h2> closes any open heading
	}
	i := w.last(key)
	if i < 0 || class&htmlBlock == 0 && w.top().blIdx > i {
		return // not open, or an inline end tag across a block: ignored
	}
	e := w.stack[i]
	w.popTo(i)
	if e.bar && w.skip == 0 {
		w.cur.extendBarrier(e.start, end)
	}
}

// tooDeep records an element opened past the depth limit: it is not
// pushed, and the first one adds the input/degraded note.
func (w *htmlWalker) tooDeep(start int) {
	w.overflow++
	if w.degraded {
		return
	}
	w.degraded = true
	w.doc.Notes = append(w.doc.Notes, content.Note{Rule: content.RuleDegraded, Offset: start,
		Message: fmt.Sprintf("HTML nested deeper than %d elements: what is nested deeper is checked as part of "+
			"the element at that depth (%s)", w.maxDepth, shared.RaiseHint("max_nesting_depth", int64(w.maxDepth)))})
}

// attributes turns alt and title attributes into blocks.
func (w *htmlWalker) attributes(start, end int) {
	raw := w.src[start:end]
	w.attrs = htmlScanAttrs(raw, w.attrs)
	for _, at := range w.attrs {
		key := raw[at.k0:at.k1]
		var scope, field string
		switch {
		case htmlKeyIs(key, "alt"):
			scope = content.ScopeAlt
		case htmlKeyIs(key, "title"):
			scope, field = content.ScopeAttr, "title"
		default:
			continue
		}
		w.attrBlock(start+at.v0, start+at.v1, scope, field)
	}
}

func (w *htmlWalker) attrBlock(s, e int, scope, field string) {
	w.scratch.reset()
	w.scratch.text(s, e, true)
	if bl, ok := w.scratch.block(scope, field); ok {
		w.doc.Blocks = append(w.doc.Blocks, bl)
	}
}

// meta checks <meta name="description">, og:title and og:description.
func (w *htmlWalker) meta(start, end int) {
	raw := w.src[start:end]
	w.attrs = htmlScanAttrs(raw, w.attrs)
	var field string
	contentAttr := -1
	for j, at := range w.attrs {
		key := raw[at.k0:at.k1]
		switch {
		case htmlKeyIs(key, "name"), htmlKeyIs(key, "property"):
			v := strings.ToLower(strings.TrimSpace(html.UnescapeString(string(raw[at.v0:at.v1]))))
			switch v {
			case "description", "og:title", "og:description":
				field = v
			}
		case htmlKeyIs(key, "content"):
			contentAttr = j
		}
	}
	if field == "" || contentAttr < 0 {
		return
	}
	at := w.attrs[contentAttr]
	w.attrBlock(start+at.v0, start+at.v1, content.ScopeMeta, field)
}
