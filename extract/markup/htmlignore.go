package markup

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"

	"github.com/msglint/msglint/content"
)

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
func htmlIgnoreSet(src []byte, base int, selectors []string, maxElems int, budget *content.Budget) (map[int]bool, error) {
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
		budget.Step(1)
		budget.Alloc(len(raw) + 256) // the parse tree below costs a few hundred bytes a node
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
