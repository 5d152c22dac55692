package office

import (
	"strings"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/shared"
)

// PPTX extracts a PowerPoint deck: every slide in presentation order
// (presentation.xml sldIdLst → relationships, not file-name order), its
// shapes (title, bodies, text boxes, tables, grouped shapes, SmartArt data
// text) and speaker notes. Hidden slides are included with Block.Hidden.
// Locations are "slide N" and "slide N notes". A notes paragraph
// "msglint-disable [RULE...]" is a directive covering the slide and its
// notes, and is not itself a block.
func PPTX(path string, src []byte, opts *shared.Options) (doc *content.Document, err error) {
	defer shared.Guard(&doc, &err)
	lim := shared.LimitsOf(opts)
	z, err := openZip(src, lim)
	if err != nil {
		return nil, err
	}
	z.budget = shared.BudgetOf(opts)
	main, err := z.mainPart("ppt/presentation.xml")
	if err != nil {
		return nil, partErr(err)
	}
	pres, err := z.xml(main)
	if err != nil {
		return nil, partErr(err)
	}
	prels, err := z.rels(main)
	if err != nil {
		return nil, partErr(err)
	}
	doc = &content.Document{Path: path, Format: content.FormatPPTX}
	for i, id := range pres.path("sldIdLst").all("sldId") {
		n := i + 1
		r, ok := relByID(prels, id.attrNS("relationships", "id"))
		if !ok {
			partNote(doc, slideLoc(n), errNoPartf("slide relationship "+id.attrNS("relationships", "id")))
			continue
		}
		if err := pptxSlide(z, doc, r.Target, n); err != nil {
			if isLimit(err) {
				return nil, err
			}
			partNote(doc, slideLoc(n), err)
		}
	}
	return doc, nil
}

func errNoPartf(what string) error { return &partMissing{what} }

type partMissing struct{ what string }

func (e *partMissing) Error() string { return e.what + ": " + errNoPart.Error() }

type deckWalker struct {
	z      *zipPkg
	doc    *content.Document
	rels   []rel
	loc    string
	hidden bool
}

func (w *deckWalker) add(scope, text string) {
	if text = cleanText(text); text != "" {
		w.doc.Blocks = append(w.doc.Blocks, content.Block{Scope: scope, Text: text, Loc: w.loc, Hidden: w.hidden})
	}
}

func pptxSlide(z *zipPkg, doc *content.Document, part string, n int) error {
	sld, err := z.xml(part)
	if err != nil {
		return err
	}
	rels, err := z.rels(part)
	if err != nil {
		return err
	}
	w := &deckWalker{z: z, doc: doc, rels: rels, loc: slideLoc(n), hidden: sld.attr("show") == "0"}
	if err := w.tree(sld.path("cSld", "spTree")); err != nil {
		return err
	}
	for _, r := range relsOfType(rels, "/notesSlide") {
		notes, err := z.xml(r.Target)
		if err != nil {
			return err
		}
		nw := &deckWalker{z: z, doc: doc, loc: w.loc + " notes", hidden: w.hidden}
		for _, sp := range spShapes(notes.path("cSld", "spTree")) {
			ph := sp.path("nvSpPr", "nvPr", "ph")
			if ph != nil && ph.attr("type") != "body" {
				continue // slide image, number, header, date, footer
			}
			for _, p := range sp.path("txBody").all("p") {
				t := cleanText(drawingParaText(p))
				if d, ok := notesDirective(t, n); ok {
					doc.Directives = append(doc.Directives, d)
					continue
				}
				nw.add(content.ScopeNotes, t)
			}
		}
		break
	}
	return nil
}

// spShapes returns the p:sp shapes of a tree, descending into groups.
func spShapes(tree *xnode) []*xnode {
	var out []*xnode
	for _, k := range tree.kids() {
		switch k.Local {
		case "sp":
			out = append(out, k)
		case "grpSp":
			out = append(out, spShapes(k)...)
		}
	}
	return out
}

func (w *deckWalker) tree(tree *xnode) error {
	for _, k := range tree.kids() {
		switch k.Local {
		case "sp":
			w.shape(k)
		case "grpSp":
			if err := w.tree(k); err != nil {
				return err
			}
		case "graphicFrame":
			if err := w.frame(k); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *deckWalker) shape(sp *xnode) {
	typ := sp.path("nvSpPr", "nvPr", "ph").attr("type")
	body := sp.child("txBody")
	switch typ {
	case "sldNum", "dt":
		return
	case "title", "ctrTitle":
		var parts []string
		for _, p := range body.all("p") {
			if t := cleanText(drawingParaText(p)); t != "" {
				parts = append(parts, t)
			}
		}
		w.add(content.ScopeTitle, strings.Join(parts, " "))
		return
	}
	for _, p := range body.all("p") {
		w.add(content.ScopeBody, drawingParaText(p))
	}
}

func (w *deckWalker) frame(gf *xnode) error {
	data := gf.path("graphic", "graphicData")
	for _, k := range data.kids() {
		switch k.Local {
		case "tbl":
			for _, tr := range k.all("tr") {
				for _, tc := range tr.all("tc") {
					for _, p := range tc.path("txBody").all("p") {
						w.add(content.ScopeTableCell, drawingParaText(p))
					}
				}
			}
		case "relIds": // SmartArt: the data model holds the text
			r, ok := relByID(w.rels, k.attrNS("relationships", "dm"))
			if !ok {
				continue
			}
			dm, err := w.z.xml(r.Target)
			if err != nil {
				if isLimit(err) {
					return err
				}
				partNote(w.doc, w.loc, err)
				continue
			}
			for _, pt := range dm.path("ptLst").all("pt") {
				for _, p := range pt.path("t").all("p") {
					w.add(content.ScopeBody, drawingParaText(p))
				}
			}
		}
	}
	return nil
}
