package markup

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/shared"
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
// Directives: <!-- msglint-disable|enable|disable-next-line|disable-line RULE... -->.
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
		if ignored, err = htmlIgnoreSet(src, base, opts.HTMLIgnore, lim.MaxElements, opts.Budget); err != nil {
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
		maxDepth: lim.MaxNestingDepth, maxElems: lim.MaxElements, budget: shared.BudgetOf(opts)}
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
