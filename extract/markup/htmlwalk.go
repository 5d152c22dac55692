package markup

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/shared"
)

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
	budget             *content.Budget
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
		w.budget.Scan(content.StepUnits + len(raw)) // a token (its text is within the file's size)
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
		if bl, ok := w.scratch.chargedBlock(w.budget, content.ScopeTitle, ""); ok {
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
	if bl, ok := w.cur.chargedBlock(w.budget, scope, ""); ok {
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
	if bl, ok := w.scratch.chargedBlock(w.budget, scope, field); ok {
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
