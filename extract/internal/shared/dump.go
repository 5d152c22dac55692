package shared

import (
	"fmt"
	"strings"

	"github.com/msglint/msglint/content"
)

// Dump renders a document's blocks for golden tests, one block a line:
//
//	scope[:field]@loc [line:col-line:col]: text
//
// where the position is that of the block's first and last mapped source
// byte (omitted for blocks without Segs), and Barrier is shown as ⌧.
func Dump(d *content.Document) string {
	var b strings.Builder
	for i := range d.Blocks {
		bl := &d.Blocks[i]
		b.WriteString(bl.Scope)
		if bl.Field != "" {
			b.WriteString(":" + bl.Field)
		}
		if bl.Loc != "" {
			b.WriteString("@" + bl.Loc)
		}
		if bl.Heading != "" {
			fmt.Fprintf(&b, " (under %q)", bl.Heading)
		}
		if bl.Hidden {
			b.WriteString(" hidden")
		}
		if s, e, ok := bl.SrcRange(0, len(bl.Text)); ok {
			l1, c1 := d.LineCol(s)
			l2, c2 := d.LineCol(e)
			fmt.Fprintf(&b, " [%d:%d-%d:%d]", l1, c1, l2, c2)
		}
		text := strings.ReplaceAll(bl.Text, string(content.Barrier), "⌧")
		text = strings.ReplaceAll(text, "\n", "\\n")
		fmt.Fprintf(&b, ": %s\n", text)
	}
	for _, dr := range d.Directives {
		fmt.Fprintf(&b, "directive %s %v line=%d loc=%q\n", dr.Kind, dr.Rules, dr.Line, dr.Loc)
	}
	for _, n := range d.Notes {
		fmt.Fprintf(&b, "note %s: %s\n", n.Rule, n.Message)
	}
	return b.String()
}
