package office

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/shared"
)

// ODT extracts an OpenDocument text: content.xml (body paragraphs,
// headings, lists, tables, sections, text boxes, foot- and endnotes) and
// the headers and footers of styles.xml master pages. Tracked deletions
// live in text:tracked-changes and are skipped; insertions are ordinary
// text. Locations and order are as for DOCX, so the same document saved
// as .docx and .odt gives the same blocks.
func ODT(path string, src []byte, opts *shared.Options) (doc *content.Document, err error) {
	defer shared.Guard(&doc, &err)
	z, contentXML, err := openODF(src, opts)
	if err != nil {
		return nil, err
	}
	doc = &content.Document{Path: path, Format: content.FormatODT}
	var st *xnode
	if z.has("styles.xml") {
		st, err = z.xml("styles.xml")
		if isLimit(err) {
			return nil, err
		} else if err != nil {
			partNote(doc, "", err)
		}
	}
	w := newODFWalker(map[string]odfStyle{})
	w.addStyles(st.path("styles"))
	w.addStyles(st.path("automatic-styles"))
	w.addStyles(contentXML.path("automatic-styles"))
	w.container(contentXML.path("body", "text"), content.ScopeParagraph)
	body := numberBody(w.take())
	notes := map[string][]content.Block{}
	count := map[string]int{}
	for _, nt := range w.notes {
		count[nt.class]++
		for _, b := range nt.blocks {
			if b.Text != "" {
				b.Loc = fmt.Sprintf("%s %d", nt.class, count[nt.class])
				notes[nt.class] = append(notes[nt.class], b)
			}
		}
	}
	var headers, footers []content.Block
	seen := map[string]bool{}
	for _, mp := range st.path("master-styles").all("master-page") {
		for _, k := range mp.kids() {
			scope := content.ScopeHeader
			if strings.HasPrefix(k.Local, "footer") {
				scope = content.ScopeFooter
			} else if !strings.HasPrefix(k.Local, "header") {
				continue
			}
			if k.attr("display") == "false" {
				continue
			}
			w.fixed = scope
			w.container(k, scope)
			for _, b := range w.take() {
				if b.Text == "" || seen[scope+"\x00"+b.Text] {
					continue
				}
				seen[scope+"\x00"+b.Text] = true
				b.Loc = scope
				if scope == content.ScopeHeader {
					headers = append(headers, b)
				} else {
					footers = append(footers, b)
				}
			}
		}
	}
	doc.Blocks = append(doc.Blocks, headers...)
	doc.Blocks = append(doc.Blocks, body...)
	doc.Blocks = append(doc.Blocks, notes["footnote"]...)
	doc.Blocks = append(doc.Blocks, notes["endnote"]...)
	doc.Blocks = append(doc.Blocks, footers...)
	return doc, nil
}

// ODP extracts an OpenDocument presentation: each draw:page in order,
// its frames (title, outline, text boxes, tables, groups, custom shapes)
// and speaker notes (presentation:notes). Hidden slides (a drawing-page
// style with presentation:visibility="hidden") are marked. styles.xml
// holds master placeholders only and is not read. Locations and
// directives are as for PPTX.
func ODP(path string, src []byte, opts *shared.Options) (doc *content.Document, err error) {
	defer shared.Guard(&doc, &err)
	_, contentXML, err := openODF(src, opts)
	if err != nil {
		return nil, err
	}
	doc = &content.Document{Path: path, Format: content.FormatODP}
	hiddenStyle := map[string]bool{}
	for _, s := range contentXML.path("automatic-styles").all("style") {
		if s.attr("family") == "drawing-page" && s.child("drawing-page-properties").attr("visibility") == "hidden" {
			hiddenStyle[s.attr("name")] = true
		}
	}
	for i, page := range contentXML.path("body", "presentation").all("page") {
		n := i + 1
		w := newODFWalker(nil)
		hidden := hiddenStyle[page.attr("style-name")]
		w.shapes(page)
		emit := func(loc string, bs []content.Block) {
			for _, b := range bs {
				if b.Text != "" {
					b.Loc, b.Hidden = loc, hidden
					doc.Blocks = append(doc.Blocks, b)
				}
			}
		}
		emit(slideLoc(n), w.take())
		for _, notes := range page.all("notes") {
			for _, fr := range notes.all("frame") {
				if fr.attr("class") != "notes" {
					continue
				}
				w.fixed = content.ScopeNotes
				w.container(fr.child("text-box"), content.ScopeNotes)
			}
			var keep []content.Block
			for _, b := range w.take() {
				if d, ok := notesDirective(b.Text, n); ok {
					doc.Directives = append(doc.Directives, d)
					continue
				}
				keep = append(keep, b)
			}
			emit(slideLoc(n)+" notes", keep)
		}
	}
	return doc, nil
}

type odfNote struct {
	class  string
	blocks []content.Block
}

type odfStyle struct {
	parent  string
	heading bool
}

// addStyles records paragraph styles: a style is a heading style when it
// has a default outline level or is named Title or Heading*.
func (w *odfWalker) addStyles(n *xnode) {
	for _, s := range n.all("style") {
		if s.attr("family") != "paragraph" {
			continue
		}
		name := s.attr("name")
		disp := strings.ToLower(s.attr("display-name"))
		if disp == "" {
			disp = strings.ToLower(name)
		}
		w.styles[name] = odfStyle{
			parent:  s.attr("parent-style-name"),
			heading: s.attr("default-outline-level") != "" || disp == "title" || strings.HasPrefix(disp, "heading"),
		}
	}
}

func (w *odfWalker) isHeading(p *xnode) bool {
	if p.Local == "h" {
		return true
	}
	name := p.attr("style-name")
	for i := 0; name != "" && i < 10; i++ {
		s, ok := w.styles[name]
		if !ok {
			return false
		}
		if s.heading {
			return true
		}
		name = s.parent
	}
	return false
}

// odfWalker walks OpenDocument text: the paragraph walker (walker.go)
// with ODF's block elements, spans, white-space rules and heading styles,
// and the drawing shapes of slides. Foot- and endnotes met in paragraphs
// are collected in notes.
type odfWalker struct {
	paraWalker
	styles map[string]odfStyle
	notes  []odfNote
}

func newODFWalker(styles map[string]odfStyle) *odfWalker {
	w := &odfWalker{styles: styles}
	w.syntax = w
	return w
}

// clean applies ODF's white-space rules (odfCollapse).
func (w *odfWalker) clean(s string) string { return odfCollapse(s) }

// shapes walks the drawing shapes of a slide.
func (w *odfWalker) shapes(n *xnode) {
	for _, k := range n.kids() {
		switch k.Local {
		case "frame":
			if k.attr("placeholder") == "true" {
				continue
			}
			switch k.attr("class") {
			case "page-number", "date-time", "page", "handout", "header":
				continue
			case "title":
				var parts []string
				w.container(k.child("text-box"), content.ScopeTitle)
				for _, b := range w.take() {
					if b.Text != "" {
						parts = append(parts, b.Text)
					}
				}
				w.blocks = append(w.blocks, content.Block{Scope: content.ScopeTitle, Text: strings.Join(parts, " ")})
				continue
			}
			for _, c := range k.kids() {
				switch c.Local {
				case "text-box":
					w.container(c, content.ScopeBody)
				case "table":
					w.table(c)
				}
			}
		case "g":
			w.shapes(k)
		case "custom-shape", "rect", "ellipse", "polygon", "polyline", "path", "line", "connector", "caption", "regular-polygon", "circle":
			w.container(k, content.ScopeBody)
		}
	}
}

// container walks block-level text content.
func (w *odfWalker) container(n *xnode, scope string) {
	for _, k := range n.kids() {
		switch k.Local {
		case "p", "h":
			w.para(k, scope)
		case "list", "list-item", "list-header", "section", "index-body", "table-of-content",
			"illustration-index", "alphabetical-index", "user-index", "bibliography", "object-index", "table-index":
			w.container(k, scope)
		case "table":
			w.table(k)
		}
	}
}

func (w *odfWalker) table(n *xnode) {
	for _, k := range n.kids() {
		switch k.Local {
		case "table-header-rows", "table-rows", "table-row-group", "table-row":
			w.table(k)
		case "table-cell":
			w.container(k, content.ScopeTableCell)
		}
	}
}

// Sentinels for spaces and tabs that survive ODF white-space collapsing.
const (
	odfSpace = '\uE000'
	odfTab   = '\uE001'
)

func (w *odfWalker) inline(n *xnode, b *strings.Builder) {
	for _, k := range n.Kids {
		if k.Local == "" {
			b.WriteString(k.Text)
			continue
		}
		switch k.Local {
		case "s":
			c, err := strconv.Atoi(k.attr("c"))
			if err != nil || c < 1 {
				c = 1
			}
			b.WriteString(strings.Repeat(string(odfSpace), min(c, 64)))
		case "tab":
			b.WriteRune(odfTab)
		case "line-break":
			b.WriteByte(' ')
		case "note":
			class := k.attr("note-class")
			if class != "endnote" {
				class = "footnote"
			}
			sub := newODFWalker(nil)
			sub.fixed = content.ScopeFootnote
			sub.container(k.child("note-body"), content.ScopeFootnote)
			w.notes = append(w.notes, sub.notes...)
			w.notes = append(w.notes, odfNote{class: class, blocks: sub.blocks})
		case "annotation", "annotation-end", "tracked-changes", "change", "change-start", "change-end",
			"note-citation", "ruby-text", "bookmark", "bookmark-start", "bookmark-end":
		case "frame", "g", "custom-shape", "rect", "text-box":
			// text boxes anchored in the paragraph: blocks of their own
			heading := w.heading
			if k.Local == "text-box" {
				w.container(k, content.ScopeBody)
			} else {
				w.shapes(&xnode{Kids: []*xnode{k}})
			}
			w.heading = heading
		case "image", "object", "object-ole", "title", "desc", "plugin", "applet":
		default:
			w.inline(k, b)
		}
	}
}

// odfCollapse applies ODF white-space rules: runs of space, tab, CR and
// LF in character data collapse to one space; text:s and text:tab are
// kept; the result is trimmed.
func odfCollapse(s string) string {
	var b strings.Builder
	sp := false
	for _, r := range s {
		switch r {
		case ' ', '\t', '\r', '\n':
			sp = true
			continue
		}
		if sp && b.Len() > 0 {
			b.WriteByte(' ')
		}
		sp = false
		switch r {
		case odfSpace:
			b.WriteByte(' ')
		case odfTab:
			b.WriteByte('\t')
		default:
			b.WriteRune(r)
		}
	}
	return cleanText(b.String())
}

// openODF opens an OpenDocument archive within the limits and parses its
// content.xml, the part ODT and ODP both start from.
func openODF(src []byte, opts *shared.Options) (*zipPkg, *xnode, error) {
	z, err := openZip(src, shared.LimitsOf(opts))
	if err != nil {
		return nil, nil, err
	}
	z.budget = shared.BudgetOf(opts)
	contentXML, err := z.xml("content.xml")
	if err != nil {
		return nil, nil, partErr(err)
	}
	return z, contentXML, nil
}
