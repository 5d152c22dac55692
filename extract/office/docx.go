package office

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/shared"
)

// DOCX extracts a Word document: body paragraphs, tables, text boxes
// (mc:Fallback copies skipped), headers, footers, footnotes and endnotes.
// Tracked insertions are kept; deletions (w:del, w:delText, w:moveFrom)
// and field codes (w:instrText) are not. Body blocks are numbered
// "paragraph N" (non-empty paragraphs in document order, table cells and
// text boxes included) and carry the nearest preceding heading's text;
// headers and footers are "header"/"footer" (identical copies dropped),
// notes "footnote N"/"endnote N". Order: headers, body, footnotes,
// endnotes, footers.
func DOCX(path string, src []byte, opts *shared.Options) (doc *content.Document, err error) {
	defer shared.Guard(&doc, &err)
	z, err := openZip(src, shared.LimitsOf(opts))
	if err != nil {
		return nil, err
	}
	z.budget = shared.BudgetOf(opts)
	main, err := z.mainPart("word/document.xml")
	if err != nil {
		return nil, partErr(err)
	}
	root, err := z.xml(main)
	if err != nil {
		return nil, partErr(err)
	}
	rels, err := z.rels(main)
	if err != nil {
		return nil, partErr(err)
	}
	doc = &content.Document{Path: path, Format: content.FormatDOCX}
	w := newDocxWalker()
	if r := relsOfType(rels, "/styles"); len(r) > 0 {
		if st, err := z.xml(r[0].Target); err == nil {
			w.styles = docxStyles(st)
		} else if isLimit(err) {
			return nil, err
		}
	}
	w.container(root.child("body"), content.ScopeParagraph)
	body := numberBody(w.take())

	secondary := func(typ, scope string) ([]content.Block, error) {
		var out []content.Block
		seen := map[string]bool{}
		rs := relsOfType(rels, typ)
		sort.SliceStable(rs, func(i, j int) bool { return natLess(rs[i].Target, rs[j].Target) })
		for _, r := range rs {
			x, err := z.xml(r.Target)
			if err != nil {
				if isLimit(err) {
					return nil, err
				}
				partNote(doc, scope, err)
				continue
			}
			if scope == content.ScopeFootnote {
				kind := strings.TrimSuffix(strings.TrimPrefix(typ, "/"), "s")
				n := 0
				for _, fn := range x.kids() {
					if (fn.Local != "footnote" && fn.Local != "endnote") || fn.attr("type") != "" {
						continue // separators
					}
					n++
					w.fixed = scope
					w.container(fn, scope)
					for _, b := range w.take() {
						if b.Text == "" {
							continue
						}
						b.Loc = fmt.Sprintf("%s %d", kind, n)
						out = append(out, b)
					}
				}
				continue
			}
			w.fixed = scope
			w.container(x, scope)
			for _, b := range w.take() {
				if b.Text != "" && !seen[b.Text] {
					seen[b.Text] = true
					b.Loc = scope
					out = append(out, b)
				}
			}
		}
		return out, nil
	}
	var parts [4][]content.Block
	for i, s := range []struct{ typ, scope string }{
		{"/header", content.ScopeHeader},
		{"/footnotes", content.ScopeFootnote},
		{"/endnotes", content.ScopeFootnote},
		{"/footer", content.ScopeFooter},
	} {
		if parts[i], err = secondary(s.typ, s.scope); err != nil {
			return nil, err
		}
	}
	doc.Blocks = append(doc.Blocks, parts[0]...)
	doc.Blocks = append(doc.Blocks, body...)
	doc.Blocks = append(doc.Blocks, parts[1]...)
	doc.Blocks = append(doc.Blocks, parts[2]...)
	doc.Blocks = append(doc.Blocks, parts[3]...)
	return doc, nil
}

// numberBody drops empty blocks and numbers the rest "paragraph N".
func numberBody(bs []content.Block) []content.Block {
	out := bs[:0]
	for _, b := range bs {
		if b.Text == "" {
			continue
		}
		b.Loc = fmt.Sprintf("paragraph %d", len(out)+1)
		out = append(out, b)
	}
	return out
}

// natLess orders "header10.xml" after "header2.xml".
func natLess(a, b string) bool {
	na, nb := trailingNum(a), trailingNum(b)
	if na != nb {
		return na < nb
	}
	return a < b
}

func trailingNum(s string) int {
	s = strings.TrimSuffix(s, ".xml")
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	n, _ := strconv.Atoi(s[i:])
	return n
}

type docxStyle struct {
	name, basedOn string
	outline       bool
}

func docxStyles(st *xnode) map[string]docxStyle {
	m := map[string]docxStyle{}
	for _, s := range st.all("style") {
		if s.attr("type") != "paragraph" {
			continue
		}
		lvl := s.path("pPr", "outlineLvl").attr("val")
		m[s.attr("styleId")] = docxStyle{
			name:    strings.ToLower(s.child("name").attr("val")),
			basedOn: s.child("basedOn").attr("val"),
			outline: lvl != "" && lvl != "9",
		}
	}
	return m
}

// docxWalker walks WordprocessingML: the paragraph walker (walker.go) with
// DOCX's block elements, runs and heading styles.
type docxWalker struct {
	paraWalker
	styles map[string]docxStyle
}

func newDocxWalker() *docxWalker {
	w := &docxWalker{}
	w.syntax = w
	return w
}

// clean trims a paragraph's text.
func (w *docxWalker) clean(s string) string { return cleanText(s) }

func (w *docxWalker) isHeading(p *xnode) bool {
	ppr := p.child("pPr")
	if lvl := ppr.child("outlineLvl").attr("val"); lvl != "" && lvl != "9" {
		return true
	}
	id := ppr.child("pStyle").attr("val")
	for i := 0; id != "" && i < 10; i++ {
		s, ok := w.styles[id]
		if !ok {
			l := strings.ToLower(id)
			return strings.HasPrefix(l, "heading") || l == "title"
		}
		if strings.HasPrefix(s.name, "heading") || s.name == "title" || s.outline {
			return true
		}
		id = s.basedOn
	}
	return false
}

// container walks block-level content: paragraphs, tables, content
// controls.
func (w *docxWalker) container(n *xnode, scope string) {
	for _, k := range n.kids() {
		switch k.Local {
		case "p":
			w.para(k, scope)
		case "tbl":
			w.rows(k)
		case "sdt":
			w.container(k.child("sdtContent"), scope)
		case "customXml", "ins", "moveTo", "txbxContent":
			w.container(k, scope)
		}
	}
}

func (w *docxWalker) rows(n *xnode) {
	for _, k := range n.kids() {
		switch k.Local {
		case "tr":
			w.rows(k)
		case "tc":
			w.container(k, content.ScopeTableCell)
		case "sdt":
			w.rows(k.child("sdtContent"))
		case "customXml":
			w.rows(k)
		}
	}
}

// inline collects the text of runs and run containers; text boxes met on
// the way become blocks of their own after the current one.
func (w *docxWalker) inline(n *xnode, b *strings.Builder) {
	for _, k := range n.kids() {
		switch k.Local {
		case "r":
			w.run(k, b)
		case "ins", "moveTo", "hyperlink", "smartTag", "customXml", "fldSimple", "bdo", "dir":
			w.inline(k, b)
		case "sdt":
			w.inline(k.child("sdtContent"), b)
		}
	}
}

func (w *docxWalker) run(r *xnode, b *strings.Builder) {
	for _, k := range r.kids() {
		switch k.Local {
		case "t":
			writeChars(b, k)
		case "tab", "ptab":
			b.WriteByte('\t')
		case "br", "cr":
			b.WriteByte(' ')
		case "noBreakHyphen":
			b.WriteByte('-')
		case "drawing", "pict", "object":
			w.textBoxes(k)
		}
	}
}

// textBoxes finds w:txbxContent under a drawing and walks its paragraphs.
func (w *docxWalker) textBoxes(n *xnode) {
	for _, k := range n.kids() {
		if k.Local == "txbxContent" {
			scope := content.ScopeBody
			w.container(k, scope)
			continue
		}
		w.textBoxes(k)
	}
}
