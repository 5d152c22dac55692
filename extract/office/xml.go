package office

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/shared"
)

// xnode is a small DOM node for office XML parts. Element nodes have a
// Local name; character data nodes have Local == "" and Text set. Parts are
// bounded by the zip limits, so a tree is affordable and keeps the walkers
// simple (nested paragraphs such as text boxes are emitted in start order).
type xnode struct {
	Space, Local string
	Attr         []xml.Attr
	Kids         []*xnode
	Text         string
}

// errXMLEntities rejects DOCTYPEs that declare entities: encoding/xml never
// expands them (an undeclared &name; is a syntax error in Strict mode), and
// no office producer writes them, so such input is hostile or broken.
var errXMLEntities = errors.New("XML DOCTYPE declares entities (not allowed)")

// errXMLNodes reports that a part took the file over its node budget.
var errXMLNodes = errors.New("too many XML nodes")

// parseXMLBudget parses data into a tree with encoding/xml in Strict mode,
// no entity map (only the five predefined entities and character
// references are decoded) and a nesting limit. It counts every node it
// makes (element or character data) into *nodes, the file's running count
// over its parts, and fails with errXMLNodes once the count passes
// maxNodes (<= 0: DefaultLimits.MaxElements): a part of ten million empty
// elements compresses 700:1, inside the zip limits, and a tree of it costs
// gigabytes.
func parseXMLBudget(data io.Reader, maxDepth, maxNodes int, nodes *int, budget *content.Budget) (*xnode, error) {
	if maxDepth <= 0 {
		maxDepth = shared.DefaultLimits.MaxXMLDepth
	}
	if maxNodes <= 0 {
		maxNodes = shared.DefaultLimits.MaxElements
	}
	d := xml.NewDecoder(bufio.NewReaderSize(data, 32<<10))
	d.Strict = true
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		if strings.EqualFold(label, "utf-8") || strings.EqualFold(label, "utf8") {
			return r, nil
		}
		return nil, fmt.Errorf("unsupported XML encoding %q", label)
	}
	root := &xnode{}
	stack := []*xnode{root}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		budget.Step(1)
		if err != nil {
			return nil, err
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) > maxDepth {
				return nil, fmt.Errorf("XML nesting deeper than %d (limit; %s)", maxDepth, shared.RaiseHint("max_xml_depth", int64(maxDepth)))
			}
			if *nodes++; *nodes > maxNodes {
				return nil, errXMLNodes
			}
			budget.Alloc(48 + 16*len(t.Attr)) // the node (max_elements bare nodes stay within the default budget)
			n := &xnode{Space: t.Name.Space, Local: t.Name.Local, Attr: t.Attr}
			top.Kids = append(top.Kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 1 {
				if *nodes++; *nodes > maxNodes {
					return nil, errXMLNodes
				}
				budget.Alloc(48 + len(t))
				top.Kids = append(top.Kids, &xnode{Text: string(t)})
			}
		case xml.Directive:
			if bytes.Contains(t, []byte("ENTITY")) {
				return nil, errXMLEntities
			}
		}
	}
	for _, k := range root.Kids {
		if k.Local != "" {
			return k, nil
		}
	}
	return nil, errors.New("XML has no root element")
}

// attr returns the value of the first attribute with this local name.
func (n *xnode) attr(local string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// attrNS returns the value of the attribute with this local name whose
// namespace URI contains ns (e.g. "relationships" for r:id).
func (n *xnode) attrNS(ns, local string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attr {
		if a.Name.Local == local && strings.Contains(a.Name.Space, ns) {
			return a.Value
		}
	}
	return ""
}

// kids returns the element's effective children: markup-compatibility
// mc:AlternateContent is replaced by the content of its first mc:Choice
// (or its mc:Fallback when there is no Choice), so content stored twice is
// seen once.
func (n *xnode) kids() []*xnode {
	if n == nil {
		return nil
	}
	alt := false
	for _, k := range n.Kids {
		if k.Local == "AlternateContent" {
			alt = true
			break
		}
	}
	if !alt {
		return n.Kids
	}
	out := make([]*xnode, 0, len(n.Kids))
	for _, k := range n.Kids {
		if k.Local != "AlternateContent" {
			out = append(out, k)
			continue
		}
		pick := k.child("Choice")
		if pick == nil {
			pick = k.child("Fallback")
		}
		out = append(out, pick.kids()...)
	}
	return out
}

// child returns the first effective child element with this local name.
func (n *xnode) child(local string) *xnode {
	if n == nil {
		return nil
	}
	for _, k := range n.kids() {
		if k.Local == local {
			return k
		}
	}
	return nil
}

// path follows a chain of child names.
func (n *xnode) path(names ...string) *xnode {
	for _, s := range names {
		n = n.child(s)
	}
	return n
}

// all calls fn on every effective child element with this local name.
func (n *xnode) all(local string) []*xnode {
	var out []*xnode
	for _, k := range n.kids() {
		if k.Local == local {
			out = append(out, k)
		}
	}
	return out
}

// find returns the first descendant (depth first, effective children) with
// this local name.
func (n *xnode) find(local string) *xnode {
	for _, k := range n.kids() {
		if k.Local == local {
			return k
		}
		if f := k.find(local); f != nil {
			return f
		}
	}
	return nil
}
